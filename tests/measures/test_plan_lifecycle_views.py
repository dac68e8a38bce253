"""The plan's life cycle, one confirmation page per step (measures/views/lifecycle.py).

Each page (GET) says what will happen; its button posts to the same address. The ladder for each:
anonymous → log in; another organisation → 404; a viewer → 403; then who may take the step: editors
and admins submit, amend and copy; the approver approves and returns; the submitter or an admin
withdraws. Amend and return need a reason (400, nothing written, without one).
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from prongsai.measures import services
from prongsai.measures.models import Plan, PlanApproval
from prongsai.orgs.models import Membership, Role
from prongsai.orgs.services import add_member, system_user

from .conftest import World, measure_data

STEPS = ("submit", "withdraw", "approve", "return", "amend", "copy")


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def url(world: World, step: str) -> str:
    return f"/plans/{world.plan.pk}/{step}/"


def reasons(world: World) -> list[str]:
    rows = Plan.history.filter(id=world.plan.pk).order_by("history_date", "history_id")
    return [r or "" for r in rows.values_list("history_change_reason", flat=True)]


def status(world: World) -> str:
    return Plan.objects.get(pk=world.plan.pk).status


def submit(world: World, who: Membership | None = None) -> None:
    who = who or world.somchai
    services.submit_plan(world.plan, who, who.user)


def approve(world: World) -> None:
    submit(world)
    services.approve_plan(world.plan, world.wichai, world.wichai.user)


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# The ladder -------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in_from_every_step(world: World) -> None:
    client = world.client(None)
    for step in STEPS:
        for method in ("get", "post"):
            r = getattr(client, method)(url(world, step))
            assert r.status_code == 302 and r["Location"].startswith("/accounts/login/"), (method, step)


def test_another_organisations_member_gets_404_on_every_step(world: World) -> None:
    client = world.client(world.prasert)
    for step in STEPS:
        assert client.get(url(world, step)).status_code == 404, step
        assert client.post(url(world, step), {"reason": "x"}).status_code == 404, step


def test_a_viewer_gets_403_on_every_step_and_nothing_is_written(world: World) -> None:
    client = world.client(world.prapa)
    before = reasons(world)
    for step in STEPS:
        assert client.get(url(world, step)).status_code == 403, step
        assert client.post(url(world, step), {"reason": "x"}).status_code == 403, step
    assert reasons(world) == before


def test_editors_and_admins_open_submit_amend_and_copy_the_approver_does_not(world: World) -> None:
    for who in (world.somchai, world.malee):
        client = world.client(who)
        for step in ("submit", "amend", "copy"):
            assert client.get(url(world, step)).status_code == 200, (who, step)
    approver = world.client(world.wichai)
    for step in ("submit", "amend", "copy", "withdraw"):
        assert approver.get(url(world, step)).status_code == 403, step


def test_only_the_approver_opens_approve_and_return(world: World) -> None:
    submit(world)
    for who in (world.somchai, world.malee):
        for step in ("approve", "return"):
            assert world.client(who).get(url(world, step)).status_code == 403, (who, step)
            assert world.client(who).post(url(world, step), {"reason": "x"}).status_code == 403, (who, step)
    for step in ("approve", "return"):
        assert world.client(world.wichai).get(url(world, step)).status_code == 200
    assert status(world) == "submitted"


# Submit -----------------------------------------------------------------------------------------


def test_the_submit_page_says_what_will_happen_and_who_acts_next(world: World) -> None:
    r = world.client(world.somchai).get(url(world, "submit"))
    page = text(r)
    assert "แผนจะถูกล็อก แก้ไขมาตรการไม่ได้จนกว่าผู้บริหารจะอนุมัติหรือส่งกลับ" in page
    assert "เสนอแผนปีงบประมาณ ๒๕๖๘ ซึ่งมี ๒ มาตรการ" in page
    assert "ผู้อนุมัติ (ผู้บริหาร) wichai test" in page
    assert "ยืนยัน เสนออนุมัติ" in page and "ยกเลิก" in page
    assert status(world) == "draft"  # looking writes nothing


def test_submitting_ends_with_the_next_step(world: World) -> None:
    r = world.client(world.somchai).post(url(world, "submit"), follow=True)
    assert status(world) == "submitted"
    assert "เสนอแผนให้ผู้บริหารอนุมัติแล้ว · ขั้นต่อไป: ผู้บริหารอนุมัติแผน (รอผู้บริหารอนุมัติ)" in messages_of(r)


def test_a_step_that_cannot_be_taken_now_says_why_without_a_button(world: World) -> None:
    approve(world)
    r = world.client(world.somchai).get(url(world, "submit"))
    assert r.status_code == 200
    assert "ทำรายการนี้ตอนนี้ไม่ได้: แผนนี้เสนออนุมัติหรืออนุมัติแล้ว" in text(r)
    assert "ยืนยัน เสนออนุมัติ" not in text(r)


# Withdraw ---------------------------------------------------------------------------------------


def test_the_submitter_withdraws_and_the_plan_is_a_draft_again(world: World) -> None:
    submit(world, world.malee)
    client = world.client(world.malee)
    page = text(client.get(url(world, "withdraw")))
    assert "แผนจะกลับเป็นร่าง แก้ไขมาตรการได้อีก" in page and "เสนอโดย malee test" in page
    r = client.post(url(world, "withdraw"), {"reason": "ลืมเพิ่มมาตรการของกองช่าง"}, follow=True)
    assert status(world) == "draft"
    assert reasons(world)[-1] == "withdraw plan: ลืมเพิ่มมาตรการของกองช่าง"
    assert any(m.startswith("ถอนการเสนออนุมัติแล้ว") and "ขั้นต่อไป: เสนอแผนให้ผู้บริหารอนุมัติ" in m for m in messages_of(r))
    assert "ลืมเพิ่มมาตรการของกองช่าง" in text(r)  # the plan page's history shows the reason


def test_an_editor_who_did_not_submit_gets_403_and_an_admin_may_withdraw(world: World) -> None:
    submit(world, world.somchai)
    malee = world.client(world.malee)
    assert malee.get(url(world, "withdraw")).status_code == 403
    assert malee.post(url(world, "withdraw")).status_code == 403
    assert status(world) == "submitted"
    other_admin, _pw = add_member(
        None, system_user(), organization=world.org, username="anong", role=Role.ADMIN, department_ids=[]
    )
    assert world.client(other_admin).post(url(world, "withdraw")).status_code == 302
    assert status(world) == "draft"
    assert reasons(world)[-1] == "withdraw plan"


def test_the_plan_page_offers_withdrawal_only_to_the_submitter_and_admins(world: World) -> None:
    submit(world, world.malee)
    link = f'href="/plans/{world.plan.pk}/withdraw/"'
    assert link in world.client(world.malee).get("/o/klaeng/").content.decode()
    assert link in world.client(world.somchai).get("/o/klaeng/").content.decode()
    assert link not in world.client(world.prapa).get("/o/klaeng/").content.decode()


# Approve and return -----------------------------------------------------------------------------


def test_the_approve_page_of_a_plan_never_approved_shows_it_as_submitted(world: World) -> None:
    submit(world)
    page = text(world.client(world.wichai).get(url(world, "approve")))
    assert "แผนนี้ยังไม่เคยอนุมัติ" in page
    assert "จัดทำประกาศเจตนารมณ์ No Gift Policy" in page and "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง" in page
    assert "ส่วนราชการที่รับผิดชอบ: สำนักปลัด" in page
    assert "เดือนที่ดำเนินการ: ต.ค. ๒๕๖๗ – พ.ย. ๒๕๖๗" in page
    assert "ฉบับที่อนุมัติครั้งที่ ๑" in page


def test_the_approve_page_after_an_amendment_shows_each_change(world: World) -> None:
    approve(world)
    services.amend_plan(world.plan, world.somchai, world.somchai.user, reason="ปรับชื่อมาตรการ")
    services.update_measure(
        world.palad_measure,
        world.somchai,
        world.somchai.user,
        measure_data(world.plan, [world.dept("สำนักปลัด"), world.dept("กองช่าง")], title="ประกาศนโยบาย No Gift"),
        expected_version=1,
    )
    submit(world)
    r = world.client(world.wichai).get(url(world, "approve"))
    page = text(r)
    assert "ความเปลี่ยนแปลงจากฉบับที่อนุมัติครั้งที่ ๑" in page
    assert "มาตรการหรือกิจกรรม: จัดทำประกาศเจตนารมณ์ No Gift Policy → ประกาศนโยบาย No Gift" in page
    assert "ส่วนราชการที่รับผิดชอบ: สำนักปลัด → กองช่าง, สำนักปลัด" in page
    assert "แก้ไข ๑ · ไม่เปลี่ยน ๑" in page
    r = world.client(world.wichai).post(url(world, "approve"), follow=True)
    assert status(world) == "approved"
    assert PlanApproval.objects.filter(plan=world.plan).count() == 2
    assert any(m.startswith("อนุมัติแผนแล้ว · ขั้นต่อไป: เผยแพร่มาตรการบนหน้าสาธารณะ") for m in messages_of(r))


def test_a_return_without_a_reason_is_refused_and_writes_nothing(world: World) -> None:
    submit(world)
    before = reasons(world)
    client = world.client(world.wichai)
    for data in ({}, {"reason": ""}, {"reason": "  "}):
        r = client.post(url(world, "return"), data)
        assert r.status_code == 400
        assert "กรุณาระบุเหตุผลที่ส่งกลับ" in text(r) and "เหตุผลที่ส่งกลับ" in text(r)
    assert status(world) == "submitted" and reasons(world) == before


def test_a_return_with_a_reason_is_kept_in_the_plans_history(world: World) -> None:
    submit(world)
    page = text(world.client(world.wichai).get(url(world, "return")))
    assert "แผนจะกลับเป็นร่าง" in page and "ต้องระบุเหตุผล" in page
    r = world.client(world.wichai).post(url(world, "return"), {"reason": "ระยะเวลาไม่ครบปี"}, follow=True)
    assert status(world) == "draft"
    assert reasons(world)[-1] == "return plan: ระยะเวลาไม่ครบปี"
    assert "ส่งกลับไปแก้ไข: ระยะเวลาไม่ครบปี" in text(r)


# Amend ------------------------------------------------------------------------------------------


def test_an_amendment_without_a_reason_is_refused_and_writes_nothing(world: World) -> None:
    approve(world)
    before = reasons(world)
    r = world.client(world.somchai).post(url(world, "amend"), {"reason": ""})
    assert r.status_code == 400
    assert "กรุณาระบุเหตุผลที่ขอแก้ไขแผน" in text(r)
    assert status(world) == "approved" and reasons(world) == before


def test_an_amendment_supersedes_the_approved_version_on_the_plan_page(world: World) -> None:
    approve(world)
    client = world.client(world.somchai)
    assert "อนุมัติแล้ว" in text(client.get("/o/klaeng/"))
    page = text(client.get(url(world, "amend")))
    assert "ฉบับที่อนุมัติครั้งที่ ๑ ยังเก็บไว้ครบ" in page
    r = client.post(url(world, "amend"), {"reason": "เพิ่มมาตรการใหม่"}, follow=True)
    assert status(world) == "draft"
    assert reasons(world)[-1] == "amend plan: เพิ่มมาตรการใหม่"
    page = text(r)
    assert "ถูกแทนที่ด้วยการแก้ไขแผนเมื่อ" in page
    assert "ขอแก้ไขแผน: เพิ่มมาตรการใหม่" in page
    assert any("ขั้นต่อไป: เสนอแผนให้ผู้บริหารอนุมัติ (รอเจ้าหน้าที่เสนอแผน)" in m for m in messages_of(r))
    # Approved again: only the new approval reads อนุมัติแล้ว.
    approve(world)
    content = client.get("/o/klaeng/").content.decode()
    states = re.findall(r'data-testid="approval-state">([^<]+)<', content)
    assert len(states) == 2
    assert states[0].startswith("ถูกแทนที่ด้วยการแก้ไขแผนเมื่อ") and states[1] == "อนุมัติแล้ว"


def test_a_plan_document_approved_before_an_amendment_reads_superseded(world: World, settings: Any, tmp_path) -> None:
    from prongsai.documents import services as documents

    settings.MEDIA_ROOT = tmp_path
    approve(world)
    doc = documents.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="plan")
    documents.approve_snapshot(doc, world.wichai, world.wichai.user)
    client = world.client(world.somchai)
    assert "ถูกแทนที่" not in text(client.get(f"/plans/{world.plan.pk}/documents/"))
    services.amend_plan(world.plan, world.somchai, world.somchai.user, reason="แก้ระยะเวลา")
    assert "ถูกแทนที่ด้วยการแก้ไขแผนเมื่อ" in text(client.get(f"/plans/{world.plan.pk}/documents/"))
    assert "ถูกแทนที่ด้วยการแก้ไขแผนเมื่อ" in text(client.get(f"/documents/{doc.pk}/"))


# Copy -------------------------------------------------------------------------------------------


def test_the_copy_page_names_the_year_and_what_is_and_is_not_copied(world: World) -> None:
    client = world.client(world.somchai)
    page = text(client.get(url(world, "copy")))
    assert "จะสร้างแผนปีงบประมาณ ๒๕๖๙ เป็นร่าง จากแผนปี ๒๕๖๘ นี้" in page
    assert "คัดลอก: ๒ มาตรการ" in page
    assert "ไม่คัดลอก: ผลการดำเนินการ หลักฐาน เอกสาร การอนุมัติ และการเผยแพร่" in page
    assert "ปีที่ต้องตรวจทานหลังคัดลอก" in page
    r = client.post(url(world, "copy"), follow=True)
    assert Plan.objects.filter(organization=world.org, fiscal_year=2569).exists()
    assert any(m.startswith("คัดลอกเป็นแผนปีงบประมาณ ๒๕๖๙ แล้ว · ขั้นต่อไป:") for m in messages_of(r))
    again = text(client.get(url(world, "copy")))
    assert "ทำรายการนี้ตอนนี้ไม่ได้: มีแผนของปีงบประมาณ ๒๕๖๙ อยู่แล้ว" in again


# The checklist on the organisation's home -------------------------------------------------------


def test_the_home_shows_the_years_checklist_and_who_it_waits_for(world: World) -> None:
    client = world.client(world.somchai)
    page = client.get("/o/klaeng/").content.decode()
    assert 'data-testid="year-steps"' in page and "ขั้นตอนของปีงบประมาณ ๒๕๖๘" in page
    assert "รอเจ้าหน้าที่เสนอแผน" in page
    submit(world)
    assert "รอผู้บริหารอนุมัติ" in text(client.get("/o/klaeng/"))


def test_without_a_plan_the_checklist_is_for_the_year_asked_for(world: World) -> None:
    page = text(world.client(world.somchai).get("/o/klaeng/?year=2570"))
    assert "ขั้นตอนของปีงบประมาณ ๒๕๗๐" in page and "รอเจ้าหน้าที่จัดทำแผน" in page


@pytest.mark.parametrize("who", ["somchai", "wichai"])
def test_the_checklists_button_opens_the_confirmation_page(world: World, who: str) -> None:
    if who == "wichai":
        submit(world)
    client: Client = world.client(getattr(world, who))
    step = "approve" if who == "wichai" else "submit"
    assert f'href="/plans/{world.plan.pk}/{step}/"' in client.get("/o/klaeng/").content.decode()
    assert client.get(url(world, step)).status_code == 200
