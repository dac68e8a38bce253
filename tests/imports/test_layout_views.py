"""The column panel of the preview and the admin's page of remembered layouts, over HTTP: the access ladder
(anonymous, another organisation, viewer, editor, admin), the officer fixing a column, a fixed number of queries."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from prongsai.imports.layouts import remember_layout
from prongsai.imports.models import ColumnLayout
from prongsai.measures.models import Plan
from tests.imports._layouts import METHODS_HEADER, table_csv
from tests.imports.conftest import People, confirm_data, draft_of, upload

KEY = "0123456789abcdef"
HEADERS = [{"header": "ลำดับ", "key": "ลำดับ"}, {"header": "เรื่อง", "key": "เรื่อง"}]


def _layout(people: People, key: str = KEY, who: Any = None) -> ColumnLayout:
    who = who or people.staff
    return remember_layout(who, who.user, layout_key=key, headers=HEADERS, mapping={"เรื่อง": "title"})


def columns_form(page: str) -> dict[str, str]:
    """The column panel as shown: each select's name -> its selected value."""
    start = page.index('action="/imports/')
    form = page[start : page.index("</form>", start)]
    data = {}
    for name, options in re.findall(r'<select id="[^"]+" name="(column-\d+)">(.*?)</select>', form, re.S):
        selected = re.search(r'<option value="([^"]*)" selected>', options)
        assert selected, options
        data[name] = selected.group(1)
    return data


def select_for(page: str, header: str) -> str:
    match = re.search(rf'<label for="id_(column-\d+)">{re.escape(header)}</label>', page)
    assert match, page
    return match.group(1)


# --- the admin's page ------------------------------------------------------------------------------------


def test_the_layouts_page_is_for_the_admin(people: People) -> None:
    _layout(people)
    url = "/o/klaeng/import/layouts/"
    response = Client().get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    assert people.client(people.prasert).get(url).status_code == 404
    assert people.client(people.prapa).get(url).status_code == 403
    assert people.client(people.staff).get(url).status_code == 403
    page = people.client(people.somchai).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert text.count('data-testid="layout"') == 1 and "เรื่อง" in text and "มาตรการหรือกิจกรรม" in text
    assert "staff ทดสอบ" in text and "data-confirm=" in text


def test_the_start_page_links_the_admin_to_the_layouts(people: People) -> None:
    assert 'data-testid="layouts-link"' in people.client(people.somchai).get("/o/klaeng/import/").content.decode()
    assert 'data-testid="layouts-link"' not in people.client(people.staff).get("/o/klaeng/import/").content.decode()


def test_removing_a_layout_follows_the_ladder(people: People) -> None:
    layout = _layout(people)
    foreign = _layout(people, who=people.prasert)
    url = f"/o/klaeng/import/layouts/{layout.pk}/delete/"
    response = Client().post(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    assert people.client(people.prasert).post(url).status_code == 404
    assert people.client(people.prapa).post(url).status_code == 403
    assert people.client(people.staff).post(url).status_code == 403
    admin = people.client(people.somchai)
    assert admin.post(f"/o/klaeng/import/layouts/{foreign.pk}/delete/").status_code == 404  # bankhai's
    assert admin.post("/o/klaeng/import/layouts/not-a-uuid/delete/").status_code == 404
    assert admin.get(url).status_code == 405
    assert ColumnLayout.objects.filter(pk=layout.pk).exists()
    response = admin.post(url)
    assert response.status_code == 302 and response["Location"] == "/o/klaeng/import/layouts/"
    assert not ColumnLayout.objects.filter(pk=layout.pk).exists()
    assert ColumnLayout.objects.filter(pk=foreign.pk).exists()


def test_the_layouts_page_has_a_fixed_number_of_queries(people: People) -> None:
    admin = people.client(people.somchai)
    _layout(people)
    admin.get("/o/klaeng/import/layouts/")  # sessions and the like settled

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin.get("/o/klaeng/import/layouts/").status_code == 200
        return len(queries)

    one = count()
    _layout(people, "fedcba9876543210", people.somchai)
    _layout(people, "00000000000000aa", people.staff)
    assert count() == one


# --- the preview's column panel ----------------------------------------------------------------------------


@pytest.fixture
def drafted(people: People) -> tuple[Any, Client]:
    client = people.client(people.staff)
    return draft_of(upload(client, "klaeng", table_csv(), "plan.csv")), client


def test_rereading_follows_the_draft_ladder(people: People, drafted: tuple[Any, Client]) -> None:
    record, owner = drafted
    url = f"/imports/{record.pk}/columns/"
    response = Client().post(url, {})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    assert people.client(people.prasert).post(url, {}).status_code == 404
    assert people.client(people.prapa).post(url, {}).status_code == 403
    assert people.client(people.somchai).post(url, {}).status_code == 404  # the admin, not the uploader
    assert people.client(people.staff).post(url, {}).status_code == 404  # staff, another browser session
    assert owner.get(url).status_code == 405
    response = owner.post(url, {"fiscal_year": "2568", "round": "2"})
    assert response.status_code == 302 and response["Location"] == f"/imports/{record.pk}/?fiscal_year=2568&round=2"


def test_the_officer_maps_a_column_and_confirms(people: People, drafted: tuple[Any, Client]) -> None:
    record, client = drafted
    page = client.get(f"/imports/{record.pk}/?fiscal_year=2568&round=2").content.decode()
    assert 'data-testid="columns"' in page and "อ่านตารางใหม่ด้วยการจับคู่นี้" in page
    form = columns_form(page)
    form[select_for(page, METHODS_HEADER)] = "methods"
    response = client.post(f"/imports/{record.pk}/columns/", {**form, "fiscal_year": "2568", "round": "2"}, follow=True)
    text = response.content.decode()
    assert "อ่านตารางใหม่ด้วยการจับคู่คอลัมน์ที่เลือกแล้ว" in text
    assert columns_form(text)[select_for(text, METHODS_HEADER)] == "methods"
    confirm = client.post(f"/imports/{record.pk}/confirm/", confirm_data(text))
    assert confirm.status_code == 302 and confirm["Location"] == "/o/klaeng/?year=2568"
    plan = Plan.objects.get(organization=people.org, fiscal_year=2568)
    assert plan.measures.get(number=1).methods == ["จัดทำประกาศเจตจำนง", "เผยแพร่ทางเว็บไซต์"]
    assert ColumnLayout.objects.filter(organization=people.org).count() == 1


def test_two_title_columns_are_refused_and_nothing_changes(people: People, drafted: tuple[Any, Client]) -> None:
    record, client = drafted
    before = record.parsed
    page = client.get(f"/imports/{record.pk}/?fiscal_year=2568").content.decode()
    form = columns_form(page)
    form[select_for(page, METHODS_HEADER)] = "title"
    response = client.post(f"/imports/{record.pk}/columns/", form, follow=True)
    text = response.content.decode()
    assert "ยังไม่ได้อ่านตารางใหม่" in text and f"“{METHODS_HEADER}”" in text
    record.refresh_from_db()
    assert record.parsed == before and not ColumnLayout.objects.exists()


def test_a_year_budget_column_stays_as_read_unless_changed(people: People) -> None:
    client = people.client(people.staff)
    data = "ลำดับ,มาตรการหรือกิจกรรม,วิธีการดำเนินการ,งบประมาณปี 2568,ผู้รับผิดชอบ\r\n1,ประกาศเจตจำนง,จัดทำประกาศ,10000,สำนักปลัด\r\n"
    record = draft_of(upload(client, "klaeng", data.encode("utf-8"), "budget.csv"))
    page = client.get(f"/imports/{record.pk}/?fiscal_year=2568").content.decode()
    form = columns_form(page)
    assert form[select_for(page, "งบประมาณปี 2568")] == "budget:2568"  # the reader's own reading, selected
    assert '<option value="budget:2568" selected>งบประมาณปี ๒๕๖๘</option>' in page
    client.post(f"/imports/{record.pk}/columns/", form)
    assert not ColumnLayout.objects.exists()  # nothing changed: nothing to remember
