"""Prongsai's own documents (imports/readers), rendered from the snapshot and read back cell for cell; a CSV
in Windows-874 with semicolons; and how a PDF's wrapped Thai lines are joined.

Fixtures: tests/fixtures/ (the snapshot) and tests/fixtures/import/."""

from __future__ import annotations

import json
from typing import Any

import pytest

from prongsai.documents.renderers import get_renderer
from prongsai.imports.readers import read_document
from prongsai.imports.readers.table import join_wrapped
from tests.imports._helpers import SNAPSHOT, assert_same_measures, cells, squeeze

# --- Prongsai's own documents, read back -------------------------------------------------------------------


@pytest.fixture(scope="module")
def snapshot() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv", "pdf"])
def test_prongsais_own_document_imports_back_cell_for_cell(snapshot: dict[str, Any], fmt: str) -> None:
    rendered = get_renderer(fmt)(snapshot, None)
    report = read_document(rendered.content, filename=rendered.filename)
    assert report.source_format == fmt
    # a PDF does not say where its line breaks were spaces: compared white space aside
    assert_same_measures(report, [cells(row) for row in snapshot["rows"]], exact=fmt != "pdf")
    if fmt != "csv":  # a CSV holds the table only
        assert report.organization == snapshot["organization"]["name"]
        assert (report.district, report.province) == ("เมืองระยอง", "ระยอง")
        assert report.fiscal_year == snapshot["fiscal_year"]
    if fmt in ("docx", "pdf"):
        assert squeeze(report.intro) == squeeze(snapshot["intro"])
    assert not [w for w in report.warnings if "ไม่ได้นำเข้า" in w]  # the signature block is no table
    assert report.repairs == []


def test_a_csv_with_semicolons_in_windows_874_is_read(snapshot: dict[str, Any]) -> None:
    from prongsai.documents.renderers.csv import rows

    lines = [";".join('"' + cell.replace('"', '""') + '"' for cell in row) for row in rows(snapshot)]
    data = "\r\n".join(lines).replace("–", "-").encode("cp874")
    report = read_document(data, filename="report.csv")
    expected = json.loads(json.dumps([cells(row) for row in snapshot["rows"]], ensure_ascii=False).replace("–", "-"))
    assert [cells(m) for m in report.measures] == expected
    assert report.measures[0].place == "แถวที่ 2 คอลัมน์ 1"


def test_a_pdf_joins_wrapped_thai_lines_without_spaces_and_keeps_item_lines() -> None:
    assert join_wrapped("ผู้บังคับ\nบัญชา") == "ผู้บังคับบัญชา"
    assert join_wrapped("ตุลาคม\n๒๕๖๖") == "ตุลาคม ๒๕๖๖"
    assert join_wrapped("ปฏิบัติ\n๒. มีการ") == "ปฏิบัติ\n๒. มีการ"
    assert join_wrapped("(one stop\nservice)") == "(one stop service)"
