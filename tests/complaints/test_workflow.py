"""The staff workflow: assignment, states (invalid moves refused), notes, replies by e-mail."""

from __future__ import annotations

import html

import pytest
from django.core import mail

from prongsai.complaints import services
from prongsai.complaints.models import CaseEvent, CaseStatus, EventKind
from prongsai.core import limits
from prongsai.core.errors import NotAllowed, ServiceError

from .conftest import World


def test_a_case_goes_received_in_progress_done_with_a_public_reply(world: World) -> None:
    case = world.file()
    client = world.client(world.nid)
    r = client.post(f"/complaints/{case.pk}/assign/", {"department": str(world.dept("กองช่าง").pk)})
    assert r.status_code == 302
    client.post(f"/complaints/{case.pk}/status/", {"to": "in_progress"})
    client.post(f"/complaints/{case.pk}/status/", {"to": "done", "reply": "ซ่อมไฟเรียบร้อยแล้ว ขอบคุณที่แจ้ง"})
    case.refresh_from_db()
    assert case.status == CaseStatus.DONE and case.department == world.dept("กองช่าง")
    assert case.started_at and case.closed_at
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["received", "assigned", "status", "status", "reply"]
    # The reply went by e-mail (the citizen gave an address): the filing mail, then the reply.
    assert [m.to for m in mail.outbox] == [["somsri@example.com"], ["somsri@example.com"]]
    assert "ซ่อมไฟเรียบร้อยแล้ว" in mail.outbox[1].body and case.tracking_code in mail.outbox[1].subject
    assert CaseEvent.objects.get(case=case, kind=EventKind.REPLY).email_sent_at is not None


@pytest.mark.parametrize(
    ("path", "to"),
    [
        (["done"], CaseStatus.DONE),  # received -> done skips the work
        (["in_progress"], CaseStatus.REJECTED),  # rejecting is only at the door
        (["in_progress"], CaseStatus.RECEIVED),
        (["in_progress", "done"], CaseStatus.IN_PROGRESS),  # a closed case stays closed
        ([], "nonsense"),
    ],
)
def test_invalid_moves_are_refused(world: World, path: list[str], to: str) -> None:
    case = world.file()
    for step in path[:-1] if path and path[-1] == to else path:
        case = services.move(case, world.nid, world.nid.user, to=step)
    with pytest.raises(ServiceError):
        services.move(case, world.nid, world.nid.user, to=to)


def test_an_invalid_move_through_the_page_is_a_message_not_a_change(world: World) -> None:
    case = world.file()
    client = world.client(world.nid)
    r = client.post(f"/complaints/{case.pk}/status/", {"to": "done"}, follow=True)
    assert 'เปลี่ยนสถานะจาก "รับเรื่อง" เป็น "ดำเนินการแล้วเสร็จ" ไม่ได้' in html.unescape(r.content.decode())
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_rejecting_needs_a_reason_and_forwarding_needs_where(world: World) -> None:
    case = world.file()
    with pytest.raises(ServiceError, match="เหตุผล"):
        services.move(case, world.nid, world.nid.user, to=CaseStatus.REJECTED)
    with pytest.raises(ServiceError, match="หน่วยงานที่ส่งต่อ"):
        services.move(case, world.nid, world.nid.user, to=CaseStatus.FORWARDED)
    case = services.move(case, world.nid, world.nid.user, to=CaseStatus.FORWARDED, forwarded_to="ศูนย์ดำรงธรรมจังหวัดระยอง")
    assert case.forwarded_to == "ศูนย์ดำรงธรรมจังหวัดระยอง" and case.closed_at


def test_notes_are_internal_and_replies_are_public(world: World) -> None:
    case = world.file()
    note = services.add_note(case, world.nid, world.nid.user, "โทรหาผู้ร้องแล้ว")
    reply = services.send_reply(case, world.nid, world.nid.user, "รับทราบ กำลังดำเนินการ")
    assert not note.public and reply.public


def test_an_overlong_note_reply_or_reason_is_refused_naming_the_field_and_nothing_is_written(world: World) -> None:
    case = world.file()
    events = case.events.count()
    too_long = "ก" * (limits.CASE_NOTE + 1)
    with pytest.raises(ServiceError, match="บันทึกภายใน ยาว") as note:
        services.add_note(case, world.nid, world.nid.user, too_long)
    with pytest.raises(ServiceError, match="ข้อความตอบผู้ร้อง ยาว") as reply:
        services.send_reply(case, world.nid, world.nid.user, too_long)
    with pytest.raises(ServiceError, match="เหตุผลที่ไม่รับเรื่อง ยาว") as reason:
        services.move(case, world.nid, world.nid.user, to=CaseStatus.REJECTED, reason="ก" * (limits.REASON + 1))
    assert (note.value.field, reply.value.field, reason.value.field) == ("text", "text", "reason")
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and case.events.count() == events
    page = world.client(world.nid).post(f"/complaints/{case.pk}/note/", {"text": too_long}, follow=True)
    assert "บันทึกภายใน ยาว ๕,๐๐๑ ตัวอักษร" in html.unescape(page.content.decode())
    assert case.events.count() == events


def test_a_reply_without_an_address_is_stored_and_sends_nothing(world: World) -> None:
    case = world.file(contact_email="")
    services.send_reply(case, world.nid, world.nid.user, "แจ้งผลแล้ว")
    assert mail.outbox == []


def test_a_mail_server_that_fails_is_recorded_not_a_500(world: World, settings: object) -> None:
    case = world.file(contact_email="")
    case.contact_email = "x@example.com"
    case.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # type: ignore[attr-defined]
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # type: ignore[attr-defined]
    r = world.client(world.nid).post(f"/complaints/{case.pk}/reply/", {"text": "ตอบ", "by_email": "on"}, follow=True)
    assert r.status_code == 200 and "ส่งถึงผู้ร้องไม่สำเร็จ" in r.content.decode()
    assert CaseEvent.objects.get(case=case, kind=EventKind.REPLY).delivery_error.startswith("email:")


def test_an_editor_limited_to_a_department_handles_only_its_cases_and_cannot_assign(world: World) -> None:
    case = world.file()
    with pytest.raises(NotAllowed):
        services.move(case, world.malee, world.malee.user, to=CaseStatus.IN_PROGRESS)
    services.assign_department(case, world.nid, world.nid.user, world.dept("กองช่าง"))
    case.refresh_from_db()
    services.move(case, world.malee, world.malee.user, to=CaseStatus.IN_PROGRESS)
    with pytest.raises(NotAllowed):
        services.assign_department(case, world.malee, world.malee.user, world.dept("กองคลัง"))


def test_staff_register_a_walk_in_case_and_print_its_receipt(world: World) -> None:
    client = world.client(world.nid)
    data = {
        "channel": "damrongtham",
        "kind": str(world.kind().pk),
        "subject": "เสียงดังจากโรงงาน",
        "details": "ส่งต่อจากศูนย์ดำรงธรรม เลขที่ ๑๒๓",
        "contact_name": "นายมานะ",
    }
    r = client.post("/o/klaeng/complaints/new/", data)
    assert r.status_code == 302
    receipt = client.get(r["Location"])
    page = receipt.content.decode()
    assert receipt.status_code == 200 and "ใบรับเรื่อง" in page and "๑/๒๕" in page
    assert "ศูนย์ดำรงธรรม (ส่งต่อ)" in page and "นายมานะ" in page and "<svg" in page


def test_only_a_case_officer_registers_a_corruption_report(world: World) -> None:
    data = {
        "channel": "letter",
        "kind": str(world.kind("แจ้งเบาะแสการทุจริตและประพฤติมิชอบ").pk),
        "subject": "จัดซื้อแพงเกินจริง",
        "details": "ราคาสูงกว่าท้องตลาดสามเท่า",
    }
    r = world.client(world.nid).post("/o/klaeng/complaints/new/", data)
    assert r.status_code == 400 and "เฉพาะผู้ได้รับมอบหมาย" in r.content.decode()
    r = world.client(world.korn).post("/o/klaeng/complaints/new/", data)
    assert r.status_code == 302
