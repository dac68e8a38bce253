"""Corruption reports: only case officers see them, every view is logged, others see only counts."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from prongsai.complaints import services
from prongsai.complaints.models import Case, CaseAccessLog, CaseStatus

from .conftest import CORRUPTION, World, form_data

PDF = b"%PDF-1.4\n%%EOF\n"


def report(world: World) -> Case:
    Client().post(
        "/c/klaeng/",
        {
            **form_data(world, kind=CORRUPTION, subject="นายกสั่งจ้างบริษัทญาติ", contact_name="ผู้แจ้งลับ"),
            "attachments": [SimpleUploadedFile("หลักฐาน.pdf", PDF, content_type="application/pdf")],
        },
    )
    return Case.objects.get(confidential=True)


def test_an_editor_an_admin_a_viewer_and_another_org_get_404_for_a_corruption_report(world: World) -> None:
    case = report(world)
    attachment = case.attachments.get()
    for who in (world.nid, world.somchai, world.malee, world.wichai, world.prapa, world.prasert):
        client = world.client(who)
        for url in (
            f"/complaints/{case.pk}/",
            f"/complaints/{case.pk}/receipt/",
            f"/complaint-files/{attachment.pk}/download/",
        ):
            assert client.get(url).status_code == 404, (who.user.username, url)
        assert client.post(f"/complaints/{case.pk}/status/", {"to": "in_progress"}).status_code == 404
    assert CaseAccessLog.objects.count() == 0


def test_a_case_officer_sees_it_all_and_every_view_is_logged(world: World) -> None:
    case = report(world)
    client = world.client(world.korn)
    page = client.get(f"/complaints/{case.pk}/").content.decode()
    assert "นายกสั่งจ้างบริษัทญาติ" in page and "ผู้แจ้งลับ" in page and "หลักฐาน.pdf" in page
    attachment = case.attachments.get()
    assert client.get(f"/complaint-files/{attachment.pk}/download/").status_code == 200
    client.get(f"/complaints/{case.pk}/receipt/")
    client.post(f"/complaints/{case.pk}/status/", {"to": "in_progress"})
    log = list(CaseAccessLog.objects.order_by("at", "pk").values_list("user__username", "action"))
    assert log == [
        ("korn", "view"),
        ("korn", "download หลักฐาน.pdf"),
        ("korn", "receipt"),
        ("korn", "status"),
    ]
    assert "korn ทดสอบ" in client.get("/o/klaeng/complaints/access-log/").content.decode()
    assert world.client(world.nid).get("/o/klaeng/complaints/access-log/").status_code == 403


def test_a_withdrawn_officer_or_a_removed_member_loses_access_at_once(world: World) -> None:
    case = report(world)
    services.set_case_officer(world.somchai, world.somchai.user, world.korn, active=False)
    assert world.client(world.korn).get(f"/complaints/{case.pk}/").status_code == 404


def test_the_inbox_and_export_show_others_nothing_but_a_count(world: World) -> None:
    report(world)
    world.file(subject="ขยะไม่ได้เก็บ")
    for who in (world.nid, world.somchai, world.prapa):
        client = world.client(who)
        inbox = client.get("/o/klaeng/complaints/").content.decode()
        assert "ขยะไม่ได้เก็บ" in inbox
        assert "นายกสั่งจ้างบริษัทญาติ" not in inbox and "ผู้แจ้งลับ" not in inbox
        assert "เรื่องแจ้งเบาะแสการทุจริต ๑ เรื่อง" in inbox
        assert "๑ เรื่อง" in inbox  # the list itself counts only the one ordinary case
        searched = client.get("/o/klaeng/complaints/?q=นายกสั่งจ้าง").content.decode()
        assert "นายกสั่งจ้างบริษัทญาติ" not in searched
        csv = client.get("/o/klaeng/complaints/export.csv").content.decode("utf-8-sig")
        assert "ขยะไม่ได้เก็บ" in csv and "นายกสั่งจ้าง" not in csv and "\n1/25" not in csv and "\n2/25" in csv


def test_the_officer_finds_it_in_the_inbox_marked_secret_and_that_view_is_logged_too(world: World) -> None:
    report(world)
    inbox = world.client(world.korn).get("/o/klaeng/complaints/").content.decode()
    assert "นายกสั่งจ้างบริษัทญาติ" in inbox and "ลับ" in inbox
    assert list(CaseAccessLog.objects.values_list("user__username", "action")) == [("korn", "inbox")]


def test_a_corruption_report_is_never_routed_to_a_department(world: World) -> None:
    case = report(world)
    r = world.client(world.korn).post(
        f"/complaints/{case.pk}/assign/",
        {"department": str(world.dept("กองช่าง").pk)},
        follow=True,
    )
    assert "ไม่ส่งให้ส่วนราชการ" in r.content.decode()
    case.refresh_from_db()
    assert case.department is None


def test_it_counts_in_the_public_statistics_like_any_other_case(world: World) -> None:
    case = report(world)
    services.move(case, world.korn, world.korn.user, to=CaseStatus.IN_PROGRESS)
    year = case.fiscal_year
    page = Client().get(f"/c/klaeng/stats/{year}/").content.decode()
    assert CORRUPTION in page and "นายกสั่งจ้าง" not in page and "ผู้แจ้งลับ" not in page
