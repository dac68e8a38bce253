"""Column layouts (imports/layouts.py): the officer's choice for each column, remembered per organisation,
used again for the next file of the same header; a bad choice is refused naming the column and writes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.imports.layouts import forget_layout, mapping_for, read_for, remember_layout, reread_draft
from prongsai.imports.models import ColumnLayout, ImportRecord
from prongsai.imports.preview import parsed_for
from prongsai.imports.seed import NoTitleColumn
from tests.imports._layouts import MEASURES, METHODS_HEADER, column, table_csv
from tests.imports.conftest import People, draft_of, upload

KEY = "0123456789abcdef"
HEADERS = [{"header": "ลำดับ", "key": "ลำดับ"}, {"header": "เรื่อง", "key": "เรื่อง"}]


def _upload(people: People, data: bytes | None = None, name: str = "plan.csv") -> tuple[ImportRecord, Client]:
    """staff's draft of the file, and staff's browser session that uploaded it (the only one that sees it)."""
    client = people.client(people.staff)
    return draft_of(upload(client, "klaeng", data or table_csv(), name)), client


def _draft(people: People, data: bytes | None = None, name: str = "plan.csv") -> ImportRecord:
    return _upload(people, data, name)[0]


def _methods(record: ImportRecord) -> list[list[str]]:
    report = parsed_for(record).report
    assert report is not None
    return [m.methods for m in report.measures]


def test_remember_keeps_the_choice_with_its_author_and_history(people: People) -> None:
    layout = remember_layout(
        people.staff, people.staff.user, layout_key=KEY, headers=HEADERS, mapping={"เรื่อง": "title"}
    )
    assert mapping_for(people.org, KEY) == {"เรื่อง": "title"}
    assert mapping_for(people.other, KEY) is None  # per organisation
    assert layout.created_by == people.staff.user and layout.updated_by == people.staff.user
    assert layout.headers == HEADERS
    again = remember_layout(
        people.somchai,
        people.somchai.user,
        layout_key=KEY,
        headers=HEADERS,
        mapping={"เรื่อง": "title", "ลำดับ": "ignore"},
    )
    assert again.pk == layout.pk and ColumnLayout.objects.filter(organization=people.org).count() == 1
    again.refresh_from_db()
    assert again.created_by == people.staff.user and again.updated_by == people.somchai.user
    history = list(again.history.order_by("history_date"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert [h.history_user for h in history] == [people.staff.user, people.somchai.user]
    assert history[0].history_change_reason == "remember column layout"


def test_a_viewer_cannot_remember(people: People) -> None:
    with pytest.raises(NotAllowed):
        remember_layout(people.prapa, people.prapa.user, layout_key=KEY, headers=HEADERS, mapping={"เรื่อง": "title"})
    assert not ColumnLayout.objects.exists()


@pytest.mark.parametrize(
    ("mapping", "named"),
    [
        ({"เรื่อง": "budget"}, "คอลัมน์ที่ ๒ “เรื่อง”"),  # not a choice
        ({"ลำดับ": "title", "เรื่อง": "title"}, "คอลัมน์ที่ ๑ “ลำดับ” และคอลัมน์ที่ ๒ “เรื่อง”"),
    ],
)
def test_a_bad_choice_names_the_column_and_nothing_is_remembered(
    people: People, mapping: dict[str, str], named: str
) -> None:
    with pytest.raises(ServiceError) as caught:
        remember_layout(people.staff, people.staff.user, layout_key=KEY, headers=HEADERS, mapping=mapping)
    assert named in caught.value.message
    assert not ColumnLayout.objects.exists() and not ColumnLayout.history.exists()


def test_only_the_admin_forgets_and_the_history_says_who(people: People) -> None:
    layout = remember_layout(
        people.staff, people.staff.user, layout_key=KEY, headers=HEADERS, mapping={"เรื่อง": "title"}
    )
    with pytest.raises(NotAllowed):
        forget_layout(layout, people.staff, people.staff.user)
    with pytest.raises(NotAllowed):
        forget_layout(layout, people.prasert, people.prasert.user)  # another organisation's admin
    pk = layout.pk
    assert ColumnLayout.objects.filter(pk=pk).exists()
    forget_layout(layout, people.somchai, people.somchai.user)
    assert mapping_for(people.org, KEY) is None
    last = ColumnLayout.history.filter(id=pk).latest("history_date")
    assert last.history_type == "-" and last.history_user == people.somchai.user


def test_an_unknown_header_is_kept_aside_until_the_officer_maps_it(people: People) -> None:
    record = _draft(people)
    found = column(record, METHODS_HEADER)
    assert found["field"] != "methods" and not found["chosen"]
    assert _methods(record) == [[], []]
    parsed = reread_draft(record, people.staff, people.staff.user, {found["key"]: "methods"})
    assert parsed.mapping == {found["key"]: "methods"}
    record.refresh_from_db()
    assert _methods(record) == [["จัดทำประกาศเจตจำนง", "เผยแพร่ทางเว็บไซต์"], ["รวบรวมข้อมูลรายเดือน", "ประกาศบนเว็บไซต์"]]
    again = column(record, METHODS_HEADER)
    assert again["field"] == "methods" and again["chosen"]
    layout = ColumnLayout.objects.get(organization=people.org)
    assert layout.layout_key == parsed.layout_key and len(layout.layout_key) == 16
    assert layout.mapping == {found["key"]: "methods"}
    assert [h["header"] for h in layout.headers][:3] == ["ลำดับ", "มาตรการหรือกิจกรรม", METHODS_HEADER]
    assert layout.history.get().history_user == people.staff.user


@pytest.mark.parametrize("bad", ["unknown", "two titles", "no title"])
def test_a_bad_reread_writes_nothing(people: People, bad: str) -> None:
    record = _draft(people)
    before = record.parsed
    methods, title = column(record, METHODS_HEADER), column(record, "มาตรการหรือกิจกรรม")
    mapping = {
        "unknown": {methods["key"]: "วิธีการ"},
        "two titles": {methods["key"]: "title"},
        "no title": {title["key"]: "extra"},
    }[bad]
    with pytest.raises(ServiceError) as caught:
        reread_draft(record, people.staff, people.staff.user, mapping)
    if bad != "no title":
        assert f"“{METHODS_HEADER}”" in caught.value.message
    else:
        assert "มาตรการหรือกิจกรรม" in caught.value.message
    record.refresh_from_db()
    assert record.parsed == before
    assert not ColumnLayout.objects.exists()


def test_a_viewer_or_another_organisation_cannot_reread(people: People) -> None:
    record = _draft(people)
    found = column(record, METHODS_HEADER)
    for who in (people.prapa, people.prasert):
        with pytest.raises(NotAllowed):
            reread_draft(record, who, who.user, {found["key"]: "methods"})
    assert not ColumnLayout.objects.exists()


def test_the_remembered_choice_reads_the_next_file_of_the_same_layout(people: People) -> None:
    first = _draft(people)
    found = column(first, METHODS_HEADER)
    reread_draft(first, people.staff, people.staff.user, {found["key"]: "methods"})
    later = [("1", "จัดอบรมคุณธรรมให้พนักงาน", "1. จัดอบรม\n2. ประเมินผล", "สำนักปลัด", "มีนาคม 2568")]
    data = table_csv(measures=later)
    parsed = read_for(people.org, data, "next.csv")
    assert parsed.remembered and parsed.report is not None
    assert parsed.report.measures[0].methods == ["จัดอบรม", "ประเมินผล"]
    assert read_for(people.other, data, "next.csv").remembered is False  # another organisation's tables
    # The web upload says so, and the officer can still change it.
    record, client = _upload(people, data, "next.csv")
    assert _methods(record) == [["จัดอบรม", "ประเมินผล"]]
    page = client.get(f"/imports/{record.pk}/?fiscal_year=2568&round=2").content.decode()
    assert "ใช้การจับคู่คอลัมน์ที่เคยเลือกไว้สำหรับตารางแบบนี้ (แก้ได้)" in page
    assert 'data-testid="reread"' in page


def test_another_layout_is_not_touched_by_a_remembered_one(people: People) -> None:
    first = _draft(people)
    found = column(first, METHODS_HEADER)
    reread_draft(first, people.staff, people.staff.user, {found["key"]: "methods"})
    other = read_for(people.org, table_csv(methods="วิธีการดำเนินการ"), "other.csv")
    assert not other.remembered and other.report is not None
    assert other.report.measures[0].methods == ["จัดทำประกาศเจตจำนง", "เผยแพร่ทางเว็บไซต์"]


def test_without_a_title_column_the_draft_waits_for_the_officer(people: People) -> None:
    data = table_csv(title="เรื่อง")
    with pytest.raises(NoTitleColumn):
        read_for(people.org, data, "untitled.csv", keep_unread=False)
    record, client = _upload(people, data, "untitled.csv")
    parsed = parsed_for(record)
    assert parsed.unread is not None and parsed.report is None and len(parsed.layout_key) == 16
    page = client.get(f"/imports/{record.pk}/?fiscal_year=2568&round=2")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="pick-title"' in text and 'data-testid="confirm"' not in text
    subject = column(record, "เรื่อง")
    reread_draft(record, people.staff, people.staff.user, {subject["key"]: "title"})
    record.refresh_from_db()
    report = parsed_for(record).report
    assert report is not None and [m.title for m in report.measures] == [m[1] for m in MEASURES]
    # The next file of that layout is read with the choice at once.
    again = read_for(people.org, data, "untitled-again.csv")
    assert again.remembered and again.unread is None
