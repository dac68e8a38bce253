"""One digit style: every page of an officer's year writes the application's numbers the organisation's way.

The year and how a page is read: tests/portal/_year.py. With Thai digits on (the default), no page
of the walk — every URL of every app, or left out below with its reason — shows an Arabic digit in the
application's own text, nor does any page after an action (its flash message) or a refused form.
With Arabic digits chosen, the same messages, a date, a count and a year are Arabic.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from prongsai.core import thai
from prongsai.imports.models import ImportRecord
from prongsai.measures.models import Plan
from prongsai.orgs.models import Membership, Organization
from prongsai.portal import cache

from ..shared_db import refreshed, shared_rows
from ._year import SEED_NOTE, Year, build, check, get_all, visible_text


@pytest.fixture(scope="module")
def media_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"), SITE_URL="https://ita.example.go.th"):
        yield


@pytest.fixture(scope="module")
def _shared_year(
    request: pytest.FixtureRequest, django_db_setup: Any, django_db_blocker: Any, media_root: None
) -> Iterator[Year | None]:
    with shared_rows(request, django_db_blocker, build) as rows:
        yield rows


@pytest.fixture
def year(db: Any, _shared_year: Year | None) -> Year:
    assert _shared_year is not None
    return refreshed(_shared_year)


@pytest.fixture(autouse=True)
def media() -> Iterator[None]:
    """Replaces the portal conftest's: the files built with the module's rows stay where they were saved."""
    cache.clear_memory()
    yield
    cache.clear_memory()


# --- the pages ------------------------------------------------------------------------------------


def officer_pages(y: Year, import_id: str) -> list[str]:
    slug, plan, m = y.org.slug, y.plan.pk, y.measure.pk
    kind = y.case.kind_id
    member = Membership.objects.filter(organization=y.org).exclude(pk=y.admin.pk).first()
    department = y.org.departments.first()
    assert member is not None and department is not None
    return [
        f"/o/{slug}/",
        f"/o/{slug}/?year=2568",
        f"/o/{slug}/plans/new/",
        f"/plans/{y.draft.pk}/edit/",
        f"/plans/{y.draft.pk}/measures/new/",
        f"/measures/{m}/",
        f"/measures/{y.draft_measure.pk}/edit/",
        f"/measures/{m}/progress/1/",
        f"/measures/{m}/progress/2/",
        f"/measures/{m}/history/",
        f"/measures/{m}/evidence/new/",
        f"/plans/{plan}/documents/",
        f"/documents/{y.report.pk}/",
        f"/o/{slug}/ita/",
        f"/o/{slug}/ita/new/",
        f"/o/{slug}/ita/2567/analysis/",
        f"/o/{slug}/ita/2567/notes/1/",
        f"/o/{slug}/ita/2567/checklist/",
        f"/o/{slug}/ita/2568/checklist/",
        f"/plans/{plan}/ita/suggestions/",
        f"/plans/{y.draft.pk}/ita/suggestions/",
        "/ita/catalogues/",
        "/ita/catalogues/2567/",
        f"/o/{slug}/complaints/",
        f"/o/{slug}/complaints/new/",
        f"/o/{slug}/complaints/kinds/",
        f"/o/{slug}/complaints/kinds/{kind}/",
        f"/o/{slug}/complaints/holidays/",
        f"/o/{slug}/complaints/officers/",
        f"/o/{slug}/complaints/settings/",
        f"/o/{slug}/complaints/access-log/",
        f"/complaints/{y.case.pk}/",
        f"/complaints/{y.case.pk}/receipt/",
        f"/o/{slug}/members/",
        f"/o/{slug}/members/{member.pk}/edit/",
        f"/o/{slug}/settings/",
        f"/o/{slug}/departments/",
        f"/o/{slug}/departments/{department.pk}/edit/",
        f"/o/{slug}/import/",
        f"/o/{slug}/import/layouts/",
        f"/imports/{import_id}/",
        f"/plans/{plan}/excel/",
        f"/o/{slug}/publish/",
        f"/o/{slug}/publish/links/",
        f"/documents/{y.plan_snapshot.pk}/",
        f"/o/{slug}/publish/document/{y.plan_snapshot.pk}/",
        f"/o/{slug}/publish/evidence/{y.link.pk}/",
        f"/o/{slug}/deadlines/",
        "/accounts/password/",
        "/accounts/password/done/",
    ]


def pages_of_no_organisation() -> dict[str, list[str]]:
    """Pages of an overseer and of the superuser who keeps the catalogues: the default style (Thai)."""
    return {
        "overseer": ["/oversight/", "/oversight/p/ระยอง/", "/oversight/p/ระยอง/d/เมืองระยอง/"],
        "root": ["/ita/catalogues/upload/", "/ita/catalogues/2568/items/O1/edit/"],
    }


def public_pages(y: Year) -> list[str]:
    slug = y.org.slug
    return [
        f"/{slug}/",
        f"/{slug}/ita/",
        f"/{slug}/ita/2567/",
        f"/{slug}/ita/2566/o1/",
        f"/{slug}/ita/2568/",
        f"/{slug}/ita/2568/O1/",
        f"/{slug}/evidence/{y.published_evidence.pk}/",
        f"/{slug}/2567/report-r2/",
        f"/{slug}/2567/report-r2/v1/",
        f"/c/{slug}/",
        f"/c/{slug}/thanks/{y.case.tracking_code}/",
        f"/c/{slug}/poster/",
        f"/c/{slug}/stats/2567/",
        "/track/",
        f"/track/{y.case.tracking_code}/",
        "/orgs/",
        "/log/",
        "/verify/",
        "/accounts/login/",
        f"/accounts/invite/{y.invite_token}/",
    ]


def uploaded_import(client: Client, y: Year) -> str:
    """A report waiting for confirmation: the seed report uploaded again, for the next year."""
    seed = resources.files("prongsai.imports").joinpath("data/klaeng-2567-measures-report.txt").read_bytes()
    upload = SimpleUploadedFile("รายงานผล.txt", seed, content_type="text/plain")
    response = client.post(f"/o/{y.org.slug}/import/", {"file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    record = ImportRecord.objects.filter(organization=y.org, status="draft").latest("created_at")
    return str(record.pk)


def test_every_page_of_the_year_writes_thai_digits(year: Year) -> None:
    client = year.client()
    import_id = uploaded_import(client, year)
    check(get_all(client, officer_pages(year, import_id)))
    check(get_all(Client(), public_pages(year)))
    for who, urls in pages_of_no_organisation().items():
        check(get_all(year.client(who), urls))


def _text(response: Any) -> str:
    return visible_text(response.content.decode())


def actions_and_refusals(y: Year, settings: Any) -> tuple[dict[str, str], dict[str, str]]:
    """Pages shown after actions (with their flash message) and after refused forms; keyed by what was done.

    Returns (pages, texts): the raw pages for check() and their visible text for spot checks.
    """
    client = y.client()
    slug, draft, m = y.org.slug, y.draft.pk, y.measure.pk
    settings.EVIDENCE_MAX_MB = 1
    big = SimpleUploadedFile("ภาพถ่าย.txt", b"x" * (1024 * 1024 + 100), content_type="text/plain")
    note = SimpleUploadedFile("บันทึก.txt", SEED_NOTE.encode(), content_type="text/plain")
    scores = {"source": "form", **{f"indicator_{n}": "๘๕" for n in range(1, 11)}}
    posts: list[tuple[str, str, dict[str, Any], int]] = [
        ("add measure", f"/plans/{draft}/measures/new/", {"title": "ประชุมประจำเดือน"}, 200),
        ("measure title too long", f"/plans/{draft}/measures/new/", {"title": "ก" * 1_001}, 400),
        ("method too long", f"/plans/{draft}/measures/new/", {"title": "ก", "methods": ["ข" * 2_001]}, 400),
        ("plan year out of range", f"/o/{slug}/plans/new/", {"fiscal_year": "๒๔๙๙"}, 400),
        ("create plan", f"/o/{slug}/plans/new/", {"fiscal_year": "๒๕๖๙"}, 200),
        ("outcome too long", f"/measures/{m}/progress/1/", {"outcome": "ค" * 5_001, "status": "done"}, 400),
        ("evidence too big", f"/measures/{m}/evidence/new/", {"round": "2", "title": "ภาพ", "file": big}, 400),
        (
            "evidence date wrong",
            f"/measures/{m}/evidence/new/",
            {"round": "2", "title": "บันทึก", "period_start": "๓๑/๑๓/๖๗", "file": note},
            400,
        ),
        ("score over 100", f"/o/{slug}/ita/new/", {**scores, "year": "2568", "indicator_3": "๑๐๕"}, 400),
        ("save scores", f"/o/{slug}/ita/new/", {**scores, "year": "2568"}, 200),
        ("make a document", f"/plans/{y.plan.pk}/documents/", {"kind": "report", "round": "2"}, 200),
        ("deadline too long", f"/o/{slug}/complaints/kinds/", {"name": "เรื่องทดสอบ", "deadline_days": "๔๐๐"}, 400),
    ]
    pages, texts = {}, {}
    for what, url, data, status in posts:
        if url.endswith("/progress/1/"):
            data = {**data, "version": str(y.measure.progress.get(round=1).version)}
        response = client.post(url, data, follow=status == 200)
        assert response.status_code == status, (what, response.status_code, _text(response)[:3000])
        pages[f"{what}: {url}"] = response.content.decode()
        texts[what] = _text(response)
    return pages, texts


def test_messages_after_actions_and_refusals_write_thai_digits(year: Year, settings: Any) -> None:
    pages, texts = actions_and_refusals(year, settings)
    check(pages)
    assert "เพิ่มมาตรการที่ ๒ แล้ว" in texts["add measure"]
    assert "ยาวเกินที่รับได้ ๑,๐๐๐ ตัวอักษร" in texts["measure title too long"]
    assert "๒,๐๐๐" in texts["method too long"]
    assert "๒๕๕๐" in texts["plan year out of range"]
    assert "สร้างแผนปีงบประมาณ ๒๕๖๙ แล้ว" in texts["create plan"]
    assert "ยาวเกินที่รับได้ ๕,๐๐๐ ตัวอักษร" in texts["outcome too long"]
    assert "มีขนาด ๑.๐ MB เกินขนาดที่รับได้ ๑ MB" in texts["evidence too big"]
    assert "ไฟล์ที่เลือกไว้: บันทึก.txt (เก็บไว้แล้ว ไม่ต้องเลือกใหม่)" in texts["evidence date wrong"]
    assert "ตัวชี้วัดที่ ๓: ๑๐๕ เกิน ๑๐๐" in texts["score over 100"]
    assert "บันทึกผลการประเมิน ITA ปี ๒๕๖๘ แล้ว" in texts["save scores"]
    assert "สร้างเอกสารฉบับที่ ๒ แล้ว" in texts["make a document"]
    assert "๓๖๕" in texts["deadline too long"]


def test_with_arabic_digits_chosen_the_applications_numbers_are_arabic(year: Year, settings: Any) -> None:
    Organization.objects.filter(pk=year.org.pk).update(thai_digits=False)
    _pages, texts = actions_and_refusals(year, settings)
    assert "เพิ่มมาตรการที่ 2 แล้ว" in texts["add measure"]
    assert "ยาวเกินที่รับได้ 1,000 ตัวอักษร" in texts["measure title too long"]
    assert "สร้างแผนปีงบประมาณ 2569 แล้ว" in texts["create plan"]
    assert "มีขนาด 1.0 MB เกินขนาดที่รับได้ 1 MB" in texts["evidence too big"]
    assert "ตัวชี้วัดที่ 3: ๑๐๕ เกิน 100" in texts["score over 100"]  # the score as typed, the rest the org's way
    client = year.client()
    today = timezone.localdate()
    published = _text(client.get(f"/o/{year.org.slug}/publish/"))
    assert thai.format_date_short(today, thai_digits=False) in published  # a date
    assert thai.format_date_short(today) not in published
    assert "1 เรื่อง" in _text(client.get(f"/o/{year.org.slug}/complaints/"))  # a count
    plan_page = _text(client.get(f"/o/{year.org.slug}/?year=2567"))
    assert "ปีงบประมาณ 2567" in plan_page and "(8 มาตรการ)" in plan_page  # a year, a count (the seed's intro
    # was typed with Thai digits and stays so)
    assert "รอบ 6 เดือน" in plan_page  # a round's name (the typed results still say "รอบ ๖ เดือน")
    draft = Plan.objects.get(organization=year.org, fiscal_year=2569)  # made by the "create plan" action
    form = _text(client.get(f"/plans/{draft.pk}/measures/new/"))
    assert "3 การใช้อำนาจ" in form and "๓ การใช้อำนาจ" not in form  # an indicator's name
    public = _text(Client().get(f"/{year.org.slug}/"))  # the public page follows the organisation too
    assert "ปีงบประมาณ 2567" in public
    # A page of no one organisation (the publication log of every organisation): the default, Thai.
    assert "รอบ ๑๒ เดือน ฉบับที่ ๑ · ปีงบประมาณ ๒๕๖๗" in _text(Client().get("/log/"))


# What the walk leaves out, by URL name, and why: files (a document's digits are its own setting, read
# from its snapshot; data files carry data), writes answered by a redirect (their message is checked on
# the page they lead to), JSON, and Django's own.
NOT_PAGES = {
    "home": "a redirect to the person's organisation",
    "logout": "a POST answered by a redirect",
    "set_language": "a POST answered by a redirect",
    "progress-preview": "the report's row as the document prints it: the document's digit setting",
    "complaint-line-webhook": "JSON for LINE",
    **dict.fromkeys(
        (
            "evidence-download", "document-download", "signed-download", "complaint-stats-file",
            "complaint-receipt-file", "complaint-file", "complaint-export", "ita-analysis-file",
            "ita-catalogue-download", "oversight-export", "oversight-province-export", "oversight-district-export",
            "import-excel-download", "portal-links-csv", "portal-request-preview", "portal-request",
            "portal-log-json", "portal-sitemap", "portal-data-json", "portal-data-csv", "portal-evidence-file",
            "portal-file",
        ),
        "a file",
    ),
    **dict.fromkeys(
        (
            "plan-submit", "plan-withdraw", "plan-approve", "plan-return", "plan-amend", "plan-copy", "plan-years",
            "measure-delete",
            "measure-move", "evidence-withdraw", "document-approve", "document-signed-upload", "plan-signatures",
            "org-invitation-revoke", "org-member-remove", "org-department-delete", "org-deadline-remove",
            "complaint-holiday-delete", "complaint-assign", "complaint-move", "complaint-note", "complaint-reply",
            "ita-suggestion-adopt", "import-confirm", "portal-withdraw", "portal-withdraw-evidence",
            "import-columns", "import-layout-delete",
        ),
        "a write answered by a redirect",
    ),
}  # fmt: skip


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, str]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name or ""


def test_the_walk_visits_every_page_of_every_app(year: Year) -> None:
    """Every URL of every app's urls.py is visited above or left out above with its reason: a new page
    cannot escape the check."""
    visited = officer_pages(year, "00000000-0000-0000-0000-000000000000") + public_pages(year)
    visited += [url for urls in pages_of_no_organisation().values() for url in urls]
    visited_names = {resolve(url.split("?")[0]).url_name for url in visited}
    every = {name for path, name in _patterns(get_resolver()) if not path.startswith(("admin/", "api/"))}
    assert every - visited_names - set(NOT_PAGES) == set()
    assert set(NOT_PAGES) <= every  # no reason left for a page that is gone
