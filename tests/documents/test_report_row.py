"""The report row (issue #15): the column ผลลัพธ์หรือความสำเร็จของการดำเนินการ prints the status phrase and the
outcome the officer typed; ปัญหา/อุปสรรค goes where the organisation's layout puts it; old documents stay
as they were (data without "layout" is layout 1)."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any

import docx
import pytest

from prongsai.documents import services
from prongsai.documents.content import REPORT_WIDTHS, REPORT_WIDTHS_WITH_PROBLEMS, layout, row_texts
from prongsai.documents.renderers import get_renderer
from prongsai.imports.seed import parse_report_text
from prongsai.imports.services import import_report
from prongsai.measures import services as measure_services
from prongsai.orgs.models import Organization, ReportLayout

from .conftest import World

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "klaeng-2567-measures-report.txt"
OUTCOME = "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def v2(problems_column: bool, **row: Any) -> dict[str, Any]:
    """The committed report as a layout 2 snapshot, its first row given `row`."""
    data = load("snapshot-klaeng-2567-report-r2.json")
    data["layout"] = 2
    data["problems_column"] = problems_column
    for r in data["rows"]:
        r.update(status_text=r.pop("outcome"), outcome="", problems="")
    data["rows"][0].update(row)
    return data


FIRST = {
    "status_text": "ดำเนินการแล้ว เสร็จ",
    "outcome": "บุคลากรร้อยละ 95 รับทราบบทบาท\nจัดประชุม 12 ครั้ง",
    "problems": "งบประมาณจำกัด\nบุคลากรไม่เพียงพอ",
    "suggestions": "ควรจัดอบรมเพิ่ม",
}


def test_the_outcome_column_prints_the_status_phrase_then_the_outcome() -> None:
    lay = layout(v2(False, **FIRST))
    column = lay.headers.index(OUTCOME)
    assert lay.rows[0][column] == ["ดำเนินการแล้ว เสร็จ", "บุคลากรร้อยละ ๙๕ รับทราบบทบาท", "จัดประชุม ๑๒ ครั้ง"]


def test_without_a_problems_column_they_end_the_suggestions_cell() -> None:
    lay = layout(v2(False, **FIRST))
    assert len(lay.headers) == 7 and "ปัญหา/อุปสรรค" not in lay.headers
    assert lay.widths == REPORT_WIDTHS
    assert lay.rows[0][lay.headers.index("ข้อเสนอแนะ")] == [
        "ควรจัดอบรมเพิ่ม",
        "ปัญหา/อุปสรรค: งบประมาณจำกัด",
        "บุคลากรไม่เพียงพอ",
    ]
    only_problems = layout(v2(False, **{**FIRST, "suggestions": ""}))
    assert only_problems.rows[0][-1] == ["ปัญหา/อุปสรรค: งบประมาณจำกัด", "บุคลากรไม่เพียงพอ"]


def test_with_a_problems_column_they_have_their_own_before_the_suggestions() -> None:
    lay = layout(v2(True, **FIRST))
    assert lay.headers[-3:] == [OUTCOME, "ปัญหา/อุปสรรค", "ข้อเสนอแนะ"]
    assert lay.widths == REPORT_WIDTHS_WITH_PROBLEMS and sum(lay.widths) == 100
    assert lay.rows[0][-2:] == [["งบประมาณจำกัด", "บุคลากรไม่เพียงพอ"], ["ควรจัดอบรมเพิ่ม"]]
    assert all(len(row) == 8 for row in lay.rows)


def test_arabic_digits_when_the_organisation_chose_them() -> None:
    data = v2(True, **FIRST)
    data["thai_digits"] = False
    lay = layout(data)
    assert lay.rows[0][5] == ["ดำเนินการแล้ว เสร็จ", "บุคลากรร้อยละ 95 รับทราบบทบาท", "จัดประชุม 12 ครั้ง"]


def test_a_row_without_outcome_or_problems_prints_as_layout_1_did() -> None:
    old = load("snapshot-klaeng-2567-report-r2.json")
    new = v2(False)
    assert layout(new) == layout(old)
    for fmt in ("csv", "docx", "xlsx"):
        assert get_renderer(fmt)(new, None).content == get_renderer(fmt)(old, None).content


def test_layout_1_data_keeps_its_outcome_as_the_whole_column() -> None:
    old = load("snapshot-klaeng-2567-report-r2.json")
    old["rows"][0]["problems"] = "not printed: layout 1 had no problems"
    old["rows"][0]["status_text"] = "not printed either"
    lay = layout(old)
    assert len(lay.headers) == 7
    assert lay.rows[0][5] == ["ดำเนินการแล้ว เสร็จ"]
    assert "not printed" not in json.dumps(lay.rows, ensure_ascii=False)
    texts = row_texts(old, old["rows"][0])
    assert (texts["status"], texts["outcome"], texts["problems"]) == ("ดำเนินการแล้ว เสร็จ", "ดำเนินการแล้ว เสร็จ", "")


def test_row_texts_gives_each_consumer_the_printed_cells_of_layout_2() -> None:
    data = v2(False, **FIRST)
    texts = row_texts(data, data["rows"][0])
    assert texts["status"] == "ดำเนินการแล้ว เสร็จ"
    assert texts["outcome"] == "ดำเนินการแล้ว เสร็จ\nบุคลากรร้อยละ 95 รับทราบบทบาท\nจัดประชุม 12 ครั้ง"
    assert texts["suggestions"] == "ควรจัดอบรมเพิ่ม\nปัญหา/อุปสรรค: งบประมาณจำกัด\nบุคลากรไม่เพียงพอ"
    assert texts["problems"] == ""
    data = v2(True, **FIRST)
    texts = row_texts(data, data["rows"][0])
    assert (texts["problems"], texts["suggestions"]) == ("งบประมาณจำกัด\nบุคลากรไม่เพียงพอ", "ควรจัดอบรมเพิ่ม")


# --- from the officer's form to the document -----------------------------------------------------------


def record(world: World, **values: Any) -> None:
    measure_services.record_progress(
        world.palad_measure,
        2,
        world.somchai,
        world.somchai.user,
        measure_services.ProgressData(results=["ลงนามประกาศแล้ว"], status="done", **values),
        expected_version=0,
    )


def docx_rows(content: bytes) -> list[list[str]]:
    table = docx.Document(io.BytesIO(content)).tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.mark.parametrize("problems_column", [False, True])
def test_what_the_officer_typed_appears_in_docx_and_csv(world: World, problems_column: bool) -> None:
    if problems_column:
        Organization.objects.filter(pk=world.org.pk).update(report_layout=ReportLayout.PROBLEMS_COLUMN)
    record(world, outcome="ประกาศครบทุกกอง", problems="ล่าช้าเพราะรอลงนาม", suggestions="ทำให้เร็วขึ้น")
    snapshot = services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=2)
    assert snapshot.data["layout"] == 2 and snapshot.data["problems_column"] is problems_column
    table = list(csv.reader(io.StringIO(services.render_file(snapshot, "csv").file.read().decode("utf-8-sig"))))
    words = docx_rows(services.render_file(snapshot, "docx").file.read())
    for rows in (table, words):
        header, first = rows[0], rows[1]
        assert first[header.index(OUTCOME)] == "ดำเนินการแล้วเสร็จ\nประกาศครบทุกกอง"
        if problems_column:
            assert header[-2:] == ["ปัญหา/อุปสรรค", "ข้อเสนอแนะ"]
            assert first[-2:] == ["ล่าช้าเพราะรอลงนาม", "ทำให้เร็วขึ้น"]
        else:
            assert len(header) == 7
            assert first[-1] == "ทำให้เร็วขึ้น\nปัญหา/อุปสรรค: ล่าช้าเพราะรอลงนาม"


def test_changing_the_layout_leaves_documents_already_made_as_they_were(world: World) -> None:
    record(world, outcome="ประกาศครบทุกกอง", problems="ล่าช้า")
    before = services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=2)
    Organization.objects.filter(pk=world.org.pk).update(report_layout=ReportLayout.PROBLEMS_COLUMN)
    after = services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=2)
    assert len(layout(before.data).headers) == 7 and len(layout(after.data).headers) == 8


def test_the_imported_seed_still_prints_its_column_exactly(world: World) -> None:
    """The seed's ผลลัพธ์… column, imported (status phrase as written, no outcome) and printed again."""
    report = parse_report_text(SEED.read_text(encoding="utf-8"))
    import_report(report, world.somchai, world.somchai.user)
    plan = world.org.plans.get(fiscal_year=2567)
    snapshot = services.make_snapshot(plan, world.somchai, world.somchai.user, kind="report", round_no=2)
    table = list(csv.reader(io.StringIO(services.render_file(snapshot, "csv").file.read().decode("utf-8-sig"))))
    seed_column = [m.outcome for m in report.measures]
    assert [row[5] for row in table[1:]] == seed_column
    assert [row[6] for row in table[1:]] == [m.suggestions for m in report.measures]
    assert {m.outcome for m in report.measures} == {"ดำเนินการแล้ว เสร็จ", "ดำเนินการแล้วเสร็จ"}


def test_the_committed_layout_1_fixture_is_not_changed_by_reading_it() -> None:
    data = load("snapshot-klaeng-2567-report-r2.json")
    kept = copy.deepcopy(data)
    layout(data)
    for row in data["rows"]:
        row_texts(data, row)
    assert data == kept
