"""The access ladder for every staff view of the complaints app.

anonymous → log in; another organisation's admin → 404 (as if missing); viewer and approver → read,
403 on writes; editor → handles cases, 403 on the admin's set-up; an editor limited to กองช่าง → 404
for a case not assigned to กองช่าง; a malformed or unknown id → 404.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.complaints import services
from prongsai.complaints.models import Case

from .conftest import World


@pytest.fixture
def case(world: World) -> Case:
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    return services.file_case(
        world.org,
        services.IntakeData(kind_id=world.kind().pk, subject="ขอติดตั้งไฟ", details="ซอย ๕ มืด", consent=True),
        [pdf],
    )


def reads(world: World, case: Case) -> list[str]:
    return [
        "/o/klaeng/complaints/",
        "/o/klaeng/complaints/export.csv",
        f"/complaints/{case.pk}/",
        f"/complaints/{case.pk}/receipt/",
        f"/complaint-files/{case.attachments.get().pk}/download/",
    ]


def case_writes(case: Case) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        ("post", f"/complaints/{case.pk}/assign/", {"department": ""}),
        ("post", f"/complaints/{case.pk}/status/", {"to": "in_progress"}),
        ("post", f"/complaints/{case.pk}/note/", {"text": "x"}),
        ("post", f"/complaints/{case.pk}/reply/", {"text": "x"}),
    ]


def admin_pages(world: World) -> list[tuple[str, str, dict[str, Any]]]:
    kind = world.kind()
    holiday = services.add_holiday(world.somchai, world.somchai.user, day=date(2030, 1, 2), name="หยุด")
    return [
        ("get", "/o/klaeng/complaints/kinds/", {}),
        ("post", "/o/klaeng/complaints/kinds/", {"name": "x", "deadline_days": 3}),
        ("get", f"/o/klaeng/complaints/kinds/{kind.pk}/", {}),
        ("post", f"/o/klaeng/complaints/kinds/{kind.pk}/", {"name": kind.name, "deadline_days": 15, "active": "on"}),
        ("get", "/o/klaeng/complaints/holidays/", {}),
        ("post", "/o/klaeng/complaints/holidays/", {"day": "1/1/2573", "name": "ปีใหม่"}),
        ("post", f"/o/klaeng/complaints/holidays/{holiday.pk}/delete/", {}),
        ("get", "/o/klaeng/complaints/officers/", {}),
        ("post", "/o/klaeng/complaints/officers/", {"member": str(world.nid.pk), "active": "1"}),
        ("get", "/o/klaeng/complaints/settings/", {}),
        ("post", "/o/klaeng/complaints/settings/", {"line_basic_id": "@x"}),
    ]


def register_pages() -> list[tuple[str, str, dict[str, Any]]]:
    return [("get", "/o/klaeng/complaints/new/", {}), ("post", "/o/klaeng/complaints/new/", {})]


def every(world: World, case: Case) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        *[("get", url, {}) for url in reads(world, case)],
        *case_writes(case),
        *register_pages(),
        *admin_pages(world),
        ("get", "/o/klaeng/complaints/access-log/", {}),
    ]


def test_anonymous_is_sent_to_log_in_everywhere(world: World, case: Case) -> None:
    client = world.client(None)
    for method, url, data in every(world, case):
        r = getattr(client, method)(url, data)
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/"), url


def test_another_organisations_admin_gets_404_everywhere(world: World, case: Case) -> None:
    client = world.client(world.prasert)
    for method, url, data in every(world, case):
        assert getattr(client, method)(url, data).status_code == 404, url


@pytest.mark.parametrize("who", ["prapa", "wichai"])
def test_viewers_and_approvers_read_and_get_403_on_every_write(world: World, case: Case, who: str) -> None:
    client = world.client(getattr(world, who))
    for url in reads(world, case):
        assert client.get(url).status_code == 200, url
    for method, url, data in [*case_writes(case), *register_pages(), *admin_pages(world)]:
        assert getattr(client, method)(url, data).status_code == 403, url
    case.refresh_from_db()
    assert case.status == "received" and not case.events.filter(kind="note").exists()


def test_an_editor_handles_cases_but_not_the_admins_set_up(world: World, case: Case) -> None:
    client = world.client(world.nid)
    for url in reads(world, case):
        assert client.get(url).status_code == 200, url
    for method, url, data in [*case_writes(case), *register_pages()]:
        assert getattr(client, method)(url, data).status_code in (200, 302, 400), url
    for method, url, data in admin_pages(world):
        assert getattr(client, method)(url, data).status_code == 403, url
    assert client.get("/o/klaeng/complaints/access-log/").status_code == 403


def test_the_admin_reaches_every_page(world: World, case: Case) -> None:
    client = world.client(world.somchai)
    for url in reads(world, case):
        assert client.get(url).status_code == 200, url
    for method, url, data in admin_pages(world):
        assert getattr(client, method)(url, data).status_code in (200, 302), url


def test_an_editor_limited_to_a_department_sees_only_its_cases(world: World, case: Case) -> None:
    client = world.client(world.malee)
    assert client.get(f"/complaints/{case.pk}/").status_code == 404
    assert "ขอติดตั้งไฟ" not in client.get("/o/klaeng/complaints/").content.decode()
    services.assign_department(case, world.nid, world.nid.user, world.dept("กองช่าง"))
    assert client.get(f"/complaints/{case.pk}/").status_code == 200
    assert "ขอติดตั้งไฟ" in client.get("/o/klaeng/complaints/").content.decode()
    assert client.post(f"/complaints/{case.pk}/status/", {"to": "in_progress"}).status_code == 302


def test_unknown_and_malformed_ids_are_404(world: World) -> None:
    client = world.client(world.somchai)
    for url in (
        f"/complaints/{uuid.uuid4()}/",
        "/complaints/not-a-uuid/",
        f"/complaint-files/{uuid.uuid4()}/download/",
    ):
        assert client.get(url).status_code == 404, url


def test_the_inbox_takes_a_fixed_number_of_queries(world: World) -> None:
    client = world.client(world.nid)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/o/klaeng/complaints/").status_code == 200
        return len(ctx.captured_queries)

    world.file()
    few = count()
    for _ in range(10):
        world.file()
    assert count() == few


def test_the_inbox_filters_and_answers_htmx_with_the_table_only(world: World) -> None:
    world.file(subject="ถนนพัง")
    world.file(subject="น้ำไม่ไหล", contact_name="นายประปา")
    client = world.client(world.nid)
    assert "น้ำไม่ไหล" not in client.get("/o/klaeng/complaints/?q=ถนน").content.decode()
    assert "น้ำไม่ไหล" in client.get("/o/klaeng/complaints/?q=นายประปา").content.decode()
    by_number = client.get("/o/klaeng/complaints/?q=๒").content.decode()
    assert "น้ำไม่ไหล" in by_number and "ถนนพัง" not in by_number
    partial = client.get("/o/klaeng/complaints/?status=received", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "ถนนพัง" in partial
    assert "ถนนพัง" not in client.get("/o/klaeng/complaints/?status=done").content.decode()
