"""The public pages: OIT item addresses, demo mark, OpenGraph, open data, the national index, caching."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.documents import services as documents
from prongsai.documents.models import Snapshot
from prongsai.orgs.models import Organization
from prongsai.portal.models import Publication
from prongsai.portal.services import documents as publishing

from .conftest import World


@pytest.fixture
def publication(world: World, report: Snapshot) -> Publication:
    return publishing.publish(report, world.somchai, world.somchai.user, decisions={})


def test_the_organisations_page_lists_documents_by_year_with_each_measures_status(
    world: World, publication: Publication
) -> None:
    page = world.client(None).get("/klaeng/").content.decode()
    assert 'lang="th"' in page
    assert "ปีงบประมาณ ๒๕๖๘" in page and "/klaeng/2568/report-r2/" in page
    assert "ดำเนินการแล้วเสร็จ" in page  # measure 1's status as the published report has it
    assert "ปรับปรุงล่าสุด" in page
    assert publication.files.get(role="pdf").sha256 not in page  # hashes are on the document page
    assert "บันทึกการเผยแพร่ล่าสุด" in page


def test_an_oit_item_has_a_stable_address_holding_the_fiscal_year_it_covers(
    world: World, publication: Publication
) -> None:
    client = world.client(None)
    # ITA 2569 O26 (measures-report) covers fiscal year 2568, round 2.
    for path in ("/klaeng/ita/2569/o26/", "/klaeng/ita/2569/O26/"):
        page = client.get(path).content.decode()
        assert "/klaeng/2568/report-r2/v1/" in page, path
        assert 'property="og:url" content="https://ita.example.go.th/klaeng/ita/2569/o26/"' in page
    assert client.get("/klaeng/ita/2569/o99/").status_code == 404
    listing = client.get("/klaeng/ita/2569/").content.decode()
    assert "/klaeng/ita/2569/o26/" in listing


def test_the_plan_document_is_the_measures_item_of_the_year_it_covers(world: World, report: Snapshot) -> None:
    from prongsai.portal.public import item_contents

    plan = documents.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="plan")
    approved = documents.approve_snapshot(plan, world.wichai, world.wichai.user)
    published = publishing.publish(approved, world.somchai, world.somchai.user, decisions={})
    measures_item = {
        "code": "O25",
        "title": "มาตรการ",
        "topic": "measures",
        "covers": {"fiscal_year_offset": 0, "round": None},
    }
    assert item_contents(world.org, 2568, measures_item).documents == [published]
    assert item_contents(world.org, 2569, measures_item).documents == []  # FY2569 has no published plan
    assert "ยังไม่มีเอกสารที่เผยแพร่" in world.client(None).get("/klaeng/ita/2569/o25/").content.decode()
    assert world.client(None).get("/klaeng/2568/plan/").status_code == 200


def test_demo_data_is_marked_on_every_public_page(world: World, publication: Publication) -> None:
    Organization.objects.filter(pk=world.org.pk).update(is_demo=True)
    client = world.client(None)
    for path in (
        "/klaeng/",
        "/klaeng/2568/report-r2/",
        "/klaeng/ita/2569/o26/",
        "/klaeng/ita/",
        "/orgs/",
        "/log/",
        "/verify/",
    ):
        from prongsai.portal import cache

        cache.clear_memory()
        from prongsai.portal.models import PublicPage

        PublicPage.objects.all().delete()
        assert "ข้อมูลตัวอย่าง" in client.get(path).content.decode(), path


def test_opengraph_tags_carry_the_documents_title(world: World, publication: Publication) -> None:
    page = world.client(None).get("/klaeng/2568/report-r2/").content.decode()
    assert '<meta property="og:title" content="รายงานผลการดำเนินการตามมาตรการฯ รอบ ๑๒ เดือน' in page
    assert '<meta property="og:description"' in page
    assert '<meta property="og:url" content="https://ita.example.go.th/klaeng/2568/report-r2/"' in page


def test_open_data_comes_from_published_versions_only(world: World, publication: Publication) -> None:
    from .conftest import record

    record(world, world.palad_measure, ["ยังไม่เผยแพร่"])
    client = world.client(None)
    data = client.get("/klaeng/data.json").json()
    assert data["organization"]["slug"] == "klaeng"
    [doc] = data["documents"]
    assert doc["fiscal_year"] == 2568 and doc["round"] == 2 and doc["version"] == 1
    assert doc["rows"][0]["results"] == ["ลงนามประกาศแล้ว", "เผยแพร่ทางเว็บไซต์แล้ว"]
    assert {f["format"] for f in doc["files"]} == {"pdf", "docx", "xlsx"}
    rows = list(csv.DictReader(io.StringIO(client.get("/klaeng/data.csv").content.decode("utf-8-sig"))))
    assert [r["number"] for r in rows] == ["1", "2"]
    assert "ยังไม่เผยแพร่" not in client.get("/klaeng/data.csv").content.decode("utf-8-sig")


def test_the_sitemap_lists_published_pages(world: World, publication: Publication) -> None:
    body = world.client(None).get("/sitemap.xml").content.decode()
    assert "<loc>https://ita.example.go.th/klaeng/</loc>" in body
    assert "<loc>https://ita.example.go.th/klaeng/2568/report-r2/</loc>" in body
    assert "bankhai" not in body  # nothing published there


def test_the_national_index_searches_by_name_district_and_province(world: World, publication: Publication) -> None:
    client = world.client(None)
    for query, found, missing in [
        ("แกลง", "แกลง", "บ้านค่าย"),
        ("อำเภอเมืองระยอง", "แกลง", "บ้านค่าย"),
        ("จังหวัดระยอง", "บ้านค่าย", "zzz"),
        ("บ้านค่าย ระยอง", "บ้านค่าย", "ส่วนตำบลแกลง"),
    ]:
        page = client.get("/orgs/", {"q": query}).content.decode()
        assert found in page and missing not in page, query
    with CaptureQueriesContext(connection) as queries:
        client.get("/orgs/", {"q": "ระยอง"})
    assert len(queries) <= 4  # the page of organisations with their counts, the log head, the demo flag


def test_a_cached_public_page_costs_no_query(world: World, publication: Publication) -> None:
    from prongsai.portal import cache

    client = world.client(None)
    first = client.get("/klaeng/").content
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/klaeng/")
    assert again.content == first
    assert len(queries) == 0  # the generation was read less than a second ago
    cache._seen["at"] = float("-inf")  # a second later: one query, the generation, and the same page
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/klaeng/").content == first
    assert len(queries) == 1


def test_publishing_refreshes_the_cached_pages(world: World, publication: Publication) -> None:
    client = world.client(None)
    assert "/klaeng/2568/plan/" not in client.get("/klaeng/").content.decode()
    plan = documents.approve_snapshot(
        documents.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="plan"),
        world.wichai,
        world.wichai.user,
    )
    publishing.publish(plan, world.somchai, world.somchai.user, decisions={})
    assert "/klaeng/2568/plan/" in client.get("/klaeng/").content.decode()


def test_unknown_and_reserved_addresses_are_404(world: World, db: None) -> None:
    client = world.client(None)
    assert client.get("/nobody/").status_code == 404
    assert client.get("/accounts/").status_code == 404
    assert client.get("/klaeng/2568/report-r2/").status_code == 404  # nothing published yet
    assert client.get("/klaeng/2568/report-r2/v1.pdf").status_code == 404


def test_renaming_the_organisation_refreshes_its_public_pages(
    world: World, publication: Publication, django_capture_on_commit_callbacks: Any
) -> None:
    from prongsai.core.audit import save_audited

    client = world.client(None)
    assert "อบต.แกลงใหม่" not in client.get("/klaeng/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        world.org.name = "อบต.แกลงใหม่"
        save_audited(world.org, world.somchai.user, "rename")
    assert "อบต.แกลงใหม่" in client.get("/klaeng/").content.decode()


def test_every_page_of_the_organisation_leads_citizens_to_the_complaint_form_and_tracking(
    world: World, publication: Publication
) -> None:
    client = world.client(None)
    evidence_free_pages = ["/klaeng/", "/klaeng/2568/report-r2/", "/klaeng/2568/report-r2/v1/", "/klaeng/ita/"]
    for url in evidence_free_pages:
        page = client.get(url).content.decode()
        assert 'href="/c/klaeng/"' in page and "ร้องเรียน / แจ้งเบาะแส" in page, url
        assert 'href="/track/"' in page and "ติดตามเรื่อง" in page, url
    # The national pages belong to no one organisation: no complaint form to lead to.
    assert 'href="/c/klaeng/"' not in client.get("/orgs/").content.decode()
    assert client.get("/c/klaeng/").status_code == 200 and client.get("/track/").status_code == 200


def test_a_documents_pdf_comes_first_as_a_button(world: World, publication: Publication) -> None:
    page = world.client(None).get("/klaeng/2568/report-r2/").content.decode()
    files = page.split('data-testid="file-')
    assert [f.split('"')[0] for f in files[1:]] == ["pdf", "docx", "xlsx"]
    assert 'class="btn" href="/klaeng/2568/report-r2/v1.pdf"' in page
