"""The XLSX and CSV renderers: read back, the table says what the snapshot says, and nothing runs."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from prongsai.documents.content import layout
from prongsai.documents.renderers import get_renderer
from prongsai.documents.renderers import xlsx as xlsx_renderer
from prongsai.documents.renderers.csv import render as render_csv

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HEADER_ROW = 7  # three title lines, two organisation lines, one blank row


def load(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture
def report() -> dict[str, Any]:
    return load("snapshot-klaeng-2567-report-r2.json")


@pytest.fixture
def plan() -> dict[str, Any]:
    return load("snapshot-klaeng-2567-plan.json")


def sheet(content: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(content)).active


def joined(data: dict[str, Any]) -> list[list[str]]:
    return [["\n".join(lines) for lines in cells] for cells in layout(data).rows]


def parse_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


INJECTIONS = ['=HYPERLINK("http://x")', "+1", "@SUM(1)", "-ลดขั้นตอน", "\tx"]


def with_injections(data: dict[str, Any]) -> dict[str, Any]:
    data["thai_digits"] = False
    data["rows"][0]["methods"] = [INJECTIONS[0]]
    data["rows"][0]["outcome"] = INJECTIONS[1]
    data["rows"][0]["suggestions"] = INJECTIONS[2]
    data["rows"][1]["methods"] = [INJECTIONS[3]]
    data["rows"][1]["suggestions"] = INJECTIONS[4]
    data["rows"][2]["outcome"] = "-5"
    return data


# --- XLSX -----------------------------------------------------------------------------------


def test_the_xlsx_is_named_after_the_snapshot(report: dict[str, Any]) -> None:
    rendered = get_renderer("xlsx")(report, None)
    assert rendered.filename == "ita-report-2567-r2-v1.xlsx"
    assert rendered.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_xlsx_starts_with_the_title_block(report: dict[str, Any]) -> None:
    ws = sheet(xlsx_renderer.render(report).content)
    lay = layout(report)
    top = [ws.cell(row=r, column=1).value for r in range(1, HEADER_ROW - 1)]
    assert top == lay.title_lines + lay.org_lines
    assert ws.cell(row=1, column=1).font.b


def test_the_xlsx_header_row_is_the_layouts_headers_and_stays_in_view(report: dict[str, Any]) -> None:
    ws = sheet(xlsx_renderer.render(report).content)
    header = [c.value for c in ws[HEADER_ROW]]
    assert header == layout(report).headers
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    first = ws.cell(row=HEADER_ROW, column=1)
    assert first.font.b and first.alignment.wrap_text and first.fill.fgColor.rgb.endswith("E7E6E6")


def test_the_xlsx_has_one_row_per_measure_with_numbered_lines(report: dict[str, Any]) -> None:
    ws = sheet(xlsx_renderer.render(report).content)
    body = [[c.value or "" for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]
    assert body == joined(report)
    assert len(body) == 8
    results = ws.cell(row=HEADER_ROW + 1, column=5)
    assert results.value.split("\n")[1].startswith("๒. ")
    assert results.alignment.wrap_text and results.alignment.vertical == "top"
    assert results.font.name == "TH SarabunPSK"


def test_the_xlsx_columns_are_sized_from_the_layout(report: dict[str, Any]) -> None:
    ws = sheet(xlsx_renderer.render(report).content)
    widths = [ws.column_dimensions[letter].width for letter in "ABCDEFG"]
    assert len(set(widths)) > 1
    assert 150 <= sum(widths) <= 170
    assert widths.index(max(widths)) == layout(report).widths.index(max(layout(report).widths))


def test_the_xlsx_prints_a4_landscape_one_page_wide(report: dict[str, Any]) -> None:
    ws = sheet(xlsx_renderer.render(report).content)
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0


def test_the_xlsx_is_the_same_bytes_every_time(report: dict[str, Any]) -> None:
    first = xlsx_renderer.render(report).content
    assert xlsx_renderer.render(json.loads(json.dumps(report))).content == first
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2024, 10, 15, 0, 0, 0)}
    wb = openpyxl.load_workbook(io.BytesIO(first))
    assert wb.properties.created.date().isoformat() == "2024-10-15"
    assert wb.properties.modified == wb.properties.created


def test_the_plan_xlsx_has_five_columns(plan: dict[str, Any]) -> None:
    ws = sheet(xlsx_renderer.render(plan).content)
    header_row = 6  # a plan has no round line
    assert [c.value for c in ws[header_row]] == layout(plan).headers
    assert ws.max_column == 5


def test_xlsx_cells_that_look_like_formulas_stay_text(report: dict[str, Any]) -> None:
    data = with_injections(report)
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_renderer.render(data).content)).active
    cell = ws.cell(row=HEADER_ROW + 1, column=2)
    assert cell.value == INJECTIONS[0]
    assert cell.data_type == "s"
    with zipfile.ZipFile(io.BytesIO(xlsx_renderer.render(data).content)) as zf:
        assert b"<f>" not in zf.read("xl/worksheets/sheet1.xml")


def test_xlsx_survives_control_characters_and_huge_cells(report: dict[str, Any]) -> None:
    # Arabic digits: thai.thaify_digits is quadratic on long unspaced text (3 s at 40,000 characters).
    report["thai_digits"] = False
    report["rows"][0]["title"] = "ก\x00ข\x1b"
    report["rows"][0]["outcome"] = "ข" * 40_000
    ws = sheet(xlsx_renderer.render(report).content)
    assert ws.cell(row=HEADER_ROW + 1, column=1).value == "1. กข"
    assert len(ws.cell(row=HEADER_ROW + 1, column=6).value) == xlsx_renderer.CELL_LIMIT


# --- CSV ------------------------------------------------------------------------------------


def test_the_csv_is_utf8_with_a_bom(report: dict[str, Any]) -> None:
    rendered = get_renderer("csv")(report, None)
    assert rendered.filename == "ita-report-2567-r2-v1.csv"
    assert rendered.content_type == "text/csv; charset=utf-8"
    assert rendered.content.startswith(b"\xef\xbb\xbf")


def test_the_csv_parses_back_to_the_header_and_the_rows(report: dict[str, Any]) -> None:
    table = parse_csv(render_csv(report).content)
    assert table[0] == layout(report).headers
    assert table[1:] == joined(report)
    assert len(table) == 9


def test_the_plan_csv_has_five_columns(plan: dict[str, Any]) -> None:
    table = parse_csv(render_csv(plan).content)
    assert {len(row) for row in table} == {5}
    assert table[1:] == joined(plan)


def test_csv_cells_that_could_run_as_formulas_are_neutralised(report: dict[str, Any]) -> None:
    table = parse_csv(render_csv(with_injections(report)).content)
    assert table[1][1] == "'" + INJECTIONS[0]
    assert table[1][5] == "'+1"
    assert table[1][6] == "'@SUM(1)"
    assert table[2][6] == "'\tx"
    for row in table[1:]:
        for value in row:
            assert value[:1] not in ("=", "+", "@", "\t", "\r")


def test_csv_text_starting_with_a_dash_gets_the_apostrophe_but_a_negative_number_does_not(
    report: dict[str, Any],
) -> None:
    # defusedcsv cannot tell Thai prose from a formula: "-ลดขั้นตอน" gains a leading apostrophe.
    table = parse_csv(render_csv(with_injections(report)).content)
    assert table[2][1] == "'-ลดขั้นตอน"
    assert table[3][5] == "-5"


def test_the_csv_is_the_same_bytes_every_time(report: dict[str, Any]) -> None:
    assert render_csv(report).content == render_csv(json.loads(json.dumps(report))).content
