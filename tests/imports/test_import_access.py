"""The access ladder of every import page: anonymous -> login, viewer -> 403, another organisation -> 404,
the editor or admin -> the page; a draft belongs to the person and the browser session that uploaded it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from prongsai.imports.models import ImportRecord
from prongsai.imports.seed import parse_report_bytes
from prongsai.imports.services import import_report
from prongsai.measures.models import Plan
from tests.imports.conftest import SEED, People, draft_of, upload
from tests.shared_db import refreshed


@dataclass
class Setting:
    plan: Plan
    record: ImportRecord  # somchai's draft
    owner: Client  # the browser session that uploaded it


def build_setting(people: People) -> Setting:
    plan = import_report(parse_report_bytes(SEED.read_bytes()), people.somchai, people.somchai.user).plan
    text = SEED.read_text(encoding="utf-8").replace("ดำเนินการแล้ว เสร็จ", "อยู่ระหว่างดำเนินการ", 1)
    owner = people.client(people.somchai)
    return Setting(plan, draft_of(upload(owner, "klaeng", text.encode("utf-8"), "v2.txt")), owner)


@pytest.fixture(scope="module")
def _shared_setting(_shared_people: People | None, django_db_blocker: Any) -> Iterator[Setting | None]:
    """Imported and uploaded once, inside the module's shared rows (tests/shared_db.py)."""
    if _shared_people is None:
        yield None
        return
    with django_db_blocker.unblock():
        yield build_setting(_shared_people)


@pytest.fixture
def setting(people: People, _shared_setting: Setting | None) -> Setting:
    return refreshed(_shared_setting) if _shared_setting is not None else build_setting(people)


def requests(setting: Setting) -> list[tuple[str, str, dict[str, Any]]]:
    plan, record = setting.plan, setting.record
    return [
        ("get", "/o/klaeng/import/", {}),
        ("post", "/o/klaeng/import/", {"pasted": SEED.read_text(encoding="utf-8")}),
        ("get", f"/imports/{record.pk}/", {}),
        ("post", f"/imports/{record.pk}/confirm/", {"fiscal_year": "2567", "round": "2"}),
        ("get", f"/plans/{plan.pk}/excel/", {}),
        ("get", f"/plans/{plan.pk}/excel/download/", {"round": "1"}),
    ]


def call(client: Client, method: str, url: str, data: dict[str, Any]) -> Any:
    return getattr(client, method)(url, data)


@pytest.mark.parametrize("index", range(6))
def test_anonymous_visitors_are_sent_to_log_in(people: People, setting: Setting, index: int) -> None:
    method, url, data = requests(setting)[index]
    response = call(Client(), method, url, data)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("index", range(6))
def test_a_viewer_is_refused(people: People, setting: Setting, index: int) -> None:
    method, url, data = requests(setting)[index]
    assert call(people.client(people.prapa), method, url, data).status_code == 403


@pytest.mark.parametrize("index", range(6))
def test_another_organisation_sees_nothing(people: People, setting: Setting, index: int) -> None:
    method, url, data = requests(setting)[index]
    assert call(people.client(people.prasert), method, url, data).status_code == 404


@pytest.mark.parametrize("index", range(6))
def test_the_admin_who_uploaded_gets_each_page(people: People, setting: Setting, index: int) -> None:
    method, url, data = requests(setting)[index]
    response = call(setting.owner, method, url, data)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert "/accounts/login/" not in response["Location"]


def test_a_draft_is_the_uploaders_own(people: People, setting: Setting) -> None:
    record = setting.record
    assert people.client(people.staff).get(f"/imports/{record.pk}/").status_code == 404  # another editor
    assert people.client(people.somchai).get(f"/imports/{record.pk}/").status_code == 404  # another session
    assert setting.owner.get("/imports/not-a-uuid/").status_code == 404


def test_editors_upload_and_download(people: People, setting: Setting) -> None:
    plan = setting.plan
    staff = people.client(people.staff)
    assert staff.get("/o/klaeng/import/").status_code == 200
    assert staff.get(f"/plans/{plan.pk}/excel/").status_code == 200
    assert staff.get(f"/plans/{plan.pk}/excel/download/?round=2").status_code == 200
    malee = people.client(people.malee)
    page = malee.get(f"/plans/{plan.pk}/excel/").content.decode()
    assert "ทุกส่วนราชการ" not in page and "กองคลัง" in page  # only her department to choose
    foreign = people.other.departments.first()
    assert foreign is not None
    response = malee.get(f"/plans/{plan.pk}/excel/download/?round=1&department={foreign.pk}")
    assert response.status_code == 404


def test_the_plan_page_links_to_the_import_pages(people: People, setting: Setting) -> None:
    plan = setting.plan
    page = people.client(people.staff).get("/o/klaeng/?year=2567").content.decode()
    assert 'href="/o/klaeng/import/"' in page and f'href="/plans/{plan.pk}/excel/"' in page
    viewer_page = people.client(people.prapa).get("/o/klaeng/?year=2567").content.decode()
    assert "/o/klaeng/import/" not in viewer_page


def test_an_upload_too_big_is_refused(people: People, settings: Any) -> None:
    settings.EVIDENCE_MAX_MB = 0
    response = people.client(people.somchai).post(
        "/o/klaeng/import/", {"file": SimpleUploadedFile("big.txt", SEED.read_bytes())}
    )
    assert response.status_code == 400 and "ไฟล์ใหญ่เกิน" in response.content.decode()
