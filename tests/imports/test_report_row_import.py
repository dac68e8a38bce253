"""A report Prongsai made since issue #15, imported back: the status phrase goes to the status phrase, the
outcome lines to the outcome, a trailing "ปัญหา/อุปสรรค: …" (or the ปัญหา/อุปสรรค column) to the problems —
only where unambiguous, and never losing a character."""

from __future__ import annotations

import json
from typing import Any

import pytest

from prongsai.documents.renderers import get_renderer
from prongsai.imports.readers import read_document
from prongsai.imports.report_row import row_texts, split_outcome, split_problems
from prongsai.imports.seed import parse_report_bytes
from prongsai.imports.services import import_report
from prongsai.measures.models import Plan, Progress
from tests.imports._helpers import assert_same_measures, cells, squeeze
from tests.imports.conftest import FIXTURES, SEED, People, draft_of, preview_and_confirm, upload

SNAPSHOT = FIXTURES / "snapshot-klaeng-2567-report-r2.json"
# Per measure of the seed: (status phrase, outcome, problems, suggestions)
TYPED = [
    ("ดำเนินการแล้ว เสร็จ", "บุคลากรร้อยละ ๙๕ รับทราบ\nจัดประชุม ๑๒ ครั้ง", "งบประมาณจำกัด", ""),
    ("ดำเนินการแล้วเสร็จ", "", "", "ควรทำต่อเนื่อง"),
    ("อยู่ระหว่างดำเนินการ", "ยังไม่เสร็จ เหลือ ๒ กอง", "กองช่างส่งข้อมูลล่าช้า\nรอระบบใหม่", "เร่งรัดกองช่าง"),
    ("ดำเนินการแล้วเสร็จ ร้อยละ ๘๐", "", "", ""),  # a phrase of its own: kept whole
]


def v2(problems_column: bool) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    data.update(layout=2, problems_column=problems_column)
    for i, row in enumerate(data["rows"]):
        status_text, outcome, problems, suggestions = TYPED[i % len(TYPED)]
        del row["outcome"]
        row.update(status_text=status_text, outcome=outcome, problems=problems, suggestions=suggestions)
    return data


def test_the_outcome_cell_splits_only_after_a_status_name() -> None:
    assert split_outcome("ดำเนินการแล้ว เสร็จ\nบุคลากรรับทราบ\nครบ") == ("ดำเนินการแล้ว เสร็จ", "บุคลากรรับทราบ\nครบ")
    assert split_outcome("ยกเลิก\nไม่มีงบ") == ("ยกเลิก", "ไม่มีงบ")
    assert split_outcome("ด\u0e4d\u0e32เนินการแล้วเสร็จ\nครบ") == ("ด\u0e4d\u0e32เนินการแล้วเสร็จ", "ครบ")
    for whole in (
        "ดำเนินการแล้ว เสร็จ",  # one line
        "ดำเนินการแล้ว\nเสร็จ",  # a phrase broken over two lines
        "ดำเนินการแล้วเสร็จ ร้อยละ ๘๐\nครบทุกกอง",  # a phrase of its own
        "ดำเนินการแล้วเสร็จ\n   ",  # nothing after it
        "",
    ):
        assert split_outcome(whole) is None, whole


def test_the_suggestions_cell_splits_at_one_problems_line() -> None:
    assert split_problems("ควรทำต่อ\nปัญหา/อุปสรรค: งบน้อย\nคนน้อย") == ("ควรทำต่อ", "งบน้อย\nคนน้อย")
    assert split_problems("ปัญหา / อุปสรรค :งบน้อย") == ("", "งบน้อย")
    for whole in (
        "ควรทำต่อ",
        "ปัญหา/อุปสรรค: ก\nปัญหา/อุปสรรค: ข",  # two: which is it?
        "ควรแก้ปัญหา/อุปสรรค: ในปีหน้า",  # not at a line's start
        "ควรทำต่อ\nปัญหา/อุปสรรค:  ",  # nothing after it
    ):
        assert split_problems(whole) is None, whole


def test_no_split_when_the_file_has_its_own_problems_text() -> None:
    texts = row_texts("ยกเลิก\nไม่มีงบ", "ทำปีหน้า\nปัญหา/อุปสรรค: ก", "จากคอลัมน์", "cancelled")
    assert (texts.status_text, texts.status, texts.outcome) == ("ยกเลิก", "cancelled", "ไม่มีงบ")
    assert (texts.suggestions, texts.problems) == ("ทำปีหน้า\nปัญหา/อุปสรรค: ก", "จากคอลัมน์")


def test_the_status_comes_from_the_phrase_not_the_outcome_words() -> None:
    # "ไม่เสร็จ" in the outcome would read as in progress; the phrase says done.
    texts = row_texts("ดำเนินการแล้วเสร็จ\nงานบางส่วนยังไม่เสร็จในปีก่อน", "", "", "in_progress")
    assert (texts.status, texts.status_text) == ("done", "ดำเนินการแล้วเสร็จ")


def progress_fields(plan: Plan) -> list[tuple[str, str, str, str]]:
    return [
        (p.status_text, p.outcome, p.problems, p.suggestions)
        for p in Progress.objects.filter(measure__plan=plan, round=2).order_by("measure__number")
    ]


@pytest.mark.parametrize("problems_column", [False, True])
@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv"])
def test_prongsais_report_goes_back_field_for_field(people: People, fmt: str, problems_column: bool) -> None:
    data = v2(problems_column)
    rendered = get_renderer(fmt)(data, None)
    client = people.client(people.somchai)
    record = draft_of(upload(client, "klaeng", rendered.content, rendered.filename))
    _page, response = preview_and_confirm(client, record, "?fiscal_year=2567&round=2")
    assert response.status_code == 302
    plan = Plan.objects.get(organization=people.org, fiscal_year=2567)
    assert progress_fields(plan) == [TYPED[i % len(TYPED)] for i in range(len(data["rows"]))]
    statuses = [p.status for p in Progress.objects.filter(measure__plan=plan, round=2).order_by("measure__number")]
    assert statuses == ["done", "done", "in_progress", "done"] * 2


def test_a_pdf_comes_back_without_losing_a_character(people: People) -> None:
    """A PDF's cells lose their line breaks: nothing is split, and every character is still there."""
    data = v2(False)
    rendered = get_renderer("pdf")(data, None)
    report = read_document(rendered.content, filename=rendered.filename)
    for measure, row in zip(report.measures, data["rows"], strict=True):
        printed = "".join([row["status_text"], row["outcome"]]).replace("\n", "")
        assert "".join(measure.outcome.split()) == "".join(printed.split())


def test_the_command_line_import_splits_the_same_way(people: People) -> None:
    data = v2(True)
    rendered = get_renderer("csv")(data, None)
    report = read_document(rendered.content, filename=rendered.filename)
    import_report(report, people.somchai, people.somchai.user, fiscal_year=2567)
    plan = Plan.objects.get(organization=people.org, fiscal_year=2567)
    assert progress_fields(plan) == [TYPED[i % len(TYPED)] for i in range(len(data["rows"]))]


def test_the_seed_still_imports_its_column_as_written(people: People) -> None:
    seed = parse_report_bytes(SEED.read_bytes())
    import_report(seed, people.somchai, people.somchai.user)
    plan = Plan.objects.get(organization=people.org, fiscal_year=2567)
    assert progress_fields(plan) == [(m.outcome, "", "", m.suggestions) for m in seed.measures]


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv", "pdf"])
def test_the_eight_column_report_is_read_cell_for_cell(fmt: str) -> None:
    data = v2(True)
    rendered = get_renderer(fmt)(data, None)
    report = read_document(rendered.content, filename=rendered.filename)
    # a PDF does not say where its line breaks were spaces: compared white space aside
    assert_same_measures(report, [cells(row, data) for row in data["rows"]], exact=fmt != "pdf")
    got = [squeeze(m.problems) for m in report.measures]
    assert got == [squeeze(TYPED[i % len(TYPED)][2]) for i in range(len(data["rows"]))]
