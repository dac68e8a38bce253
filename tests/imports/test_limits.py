"""Bounded work: every reader refuses a file beyond imports/limits.py with a Thai message naming the limit and the
place, and writes nothing; a merged range is worked on as far as the sheet has data; the file is read once, at
the upload (the preview and the confirmation use what was kept)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from typing import Any
from unittest import mock

import pypdfium2 as pdfium
import pytest
from openpyxl import Workbook

from prongsai.imports.limits import LimitError
from prongsai.imports.models import ImportRecord
from prongsai.imports.preview import parse, parsed_from_json, parsed_to_json
from prongsai.imports.readers import read_document
from prongsai.imports.readers.table import build_report
from prongsai.measures.models import Measure
from tests.imports.conftest import FIXTURES, SEED, People, draft_of, preview_and_confirm, upload
from tests.imports.test_excel_roundtrip import download, plan  # noqa: F401 — the plan fixture

IMPORT = FIXTURES / "import"
HEADER = ["มาตรการหรือกิจกรรมที่ดำเนินการ", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา", "ผลการดำเนินการ"]
TITLE = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"


def merge_bomb(*merged: str, below: str | None = None) -> bytes:
    """A small workbook that looks like a measures table, with one merged range over (nearly) the whole sheet;
    `below`: a cell under the range that holds text (the sheet's data then reaches that far)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "แผน"
    sheet.append([TITLE])
    sheet.append(HEADER)
    sheet["BH2"] = "หมายเหตุ"  # the header reaches as far as the range
    sheet["A3"] = "๑. มาตรการส่งเสริมความโปร่งใส"
    for ref in merged or ("A3:BH5000",):
        sheet.merge_cells(ref)
    if below:
        sheet[below] = "หมายเหตุ"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_rows(rows: int, columns: int = 6, cell: str = "ข้อความ") -> bytes:
    lines = [",".join(HEADER + [f"หมายเหตุ {k}" for k in range(columns - len(HEADER))])]
    lines += [",".join([f"{r}. มาตรการที่ {r}"] + [cell] * (columns - 1)) for r in range(1, rows + 1)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def docx_with_body(body: str) -> bytes:
    """The seed's Word document with its body replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(IMPORT / "klaeng-2567-report.docx") as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "word/document.xml":
                text = content.decode("utf-8")
                start, end = text.index("<w:body>") + len("<w:body>"), text.index("<w:sectPr")
                content = (text[:start] + body + text[end:]).encode("utf-8")
            dst.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def word_table(rows: int, text: str) -> bytes:
    def row(cells: list[str]) -> str:
        return "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{cell}</w:t></w:r></w:p></w:tc>" for cell in cells) + "</w:tr>"

    return docx_with_body("<w:tbl>" + row(HEADER) + row([f"๑. {text}"]) * rows + "</w:tbl>")


def xlsx_with_padded_sheet(padding: int) -> bytes:
    """The seed's workbook with an XML comment of `padding` bytes in its sheet: small zipped, large unzipped."""
    out = io.BytesIO()
    with zipfile.ZipFile(IMPORT / "klaeng-2567-report.xlsx") as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"<sheetData>", b"<!--" + b"x" * padding + b"--><sheetData>", 1)
            dst.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def blank_pdf(pages: int) -> bytes:
    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def html_colspans(cells: int) -> bytes:
    header = "".join(f"<th>{text}</th>" for text in HEADER)
    row = '<tr><td>๑. มาตรการ</td><td colspan="64">x</td></tr>'
    return f"<table><tr>{header}</tr>{row * (cells // 65 + 1)}</table>".encode()


# (file name, its bytes, what the message must say: the limit and the place)
CASES: dict[str, tuple[str, Callable[[], bytes], list[str]]] = {
    "merged range": (
        "bomb.xlsx",
        lambda: merge_bomb("A3:BH4000", below="A4001"),
        ["ไฟล์ bomb.xlsx แผ่นงาน แผน: ช่วงเซลล์ที่ผสาน A3:BH4000 มี 239,880 เซลล์ เกินขีดจำกัด 20,000 เซลล์"],
    ),
    "merged ranges together": (
        "merges.xlsx",
        lambda: merge_bomb("A3:T402", "A403:T802", "A803:T1202", below="A1203"),
        ["ไฟล์ merges.xlsx แผ่นงาน แผน: ช่วงเซลล์ที่ผสานรวมกันถึงช่วง A803:T1202 มี 24,000 เซลล์ เกินขีดจำกัด 20,000"],
    ),
    "rows of a sheet": (
        "rows.xlsx",
        lambda: merge_bomb("A3:B3", below="C5001"),
        ["ไฟล์ rows.xlsx แถวที่ 5001: มีข้อมูลเกินขีดจำกัด 5,000 แถว"],
    ),
    "rows of a CSV": ("rows.csv", lambda: csv_rows(5_000), ["ไฟล์ rows.csv แถวที่ 5001: มีข้อมูลเกินขีดจำกัด 5,000 แถว"]),
    "cells": (
        "cells.csv",
        lambda: csv_rows(4_800, columns=21, cell=""),
        ["ไฟล์ cells.csv แถวที่ 4762 คอลัมน์ 21: จำนวนเซลล์ที่อ่านถึงตรงนี้ เกินขีดจำกัด 100,000 เซลล์"],
    ),
    "cells spanned in HTML": (
        "table.html",
        lambda: html_colspans(100_001),
        ["ไฟล์ table.html ตาราง 1 แถว", "จำนวนเซลล์ที่อ่านถึงตรงนี้ เกินขีดจำกัด 100,000 เซลล์"],
    ),
    "characters of HTML": (
        "page.html",
        lambda: html_colspans(60).replace(b"<table>", b"<table>" + b"<b></b>" * 720_000),
        ["ไฟล์ page.html: หน้าเว็บ (HTML) นี้ มี 5,040,", "เกินขีดจำกัด 5,000,000 ตัวอักษร"],
    ),
    "characters in a cell": (
        "long.csv",
        lambda: csv_rows(3, cell="ก" * 20_001),
        ["ไฟล์ long.csv แถวที่ 2 คอลัมน์ 2: ข้อความในเซลล์นี้ มี 20,001 ตัวอักษร เกินขีดจำกัด 20,000 ตัวอักษร"],
    ),
    "characters of text": (
        "long.txt",
        lambda: SEED.read_bytes() + b"x" * 2_000_000,
        ["ไฟล์ long.txt: ข้อความในไฟล์ มี", "เกินขีดจำกัด 2,000,000 ตัวอักษร"],
    ),
    "characters of a Word table": (
        "long.docx",
        lambda: word_table(rows=120, text="ก" * 19_000),
        ["ไฟล์ long.docx ตาราง 1 แถว 107 คอลัมน์ 1: ข้อความที่อ่านถึงตรงนี้ เกินขีดจำกัด 2,000,000 ตัวอักษร"],
    ),
    "paragraphs": (
        "paragraphs.docx",
        lambda: docx_with_body("<w:p/>" * 50_001),
        ["ไฟล์ paragraphs.docx ย่อหน้าที่ 50,001: จำนวนย่อหน้า เกินขีดจำกัด 50,000 ย่อหน้า"],
    ),
    "tables": (
        "tables.docx",
        lambda: docx_with_body("<w:tbl/>" * 1_001),
        ["ไฟล์ tables.docx ตาราง 1,001: จำนวนตาราง เกินขีดจำกัด 1,000 ตาราง"],
    ),
    "pages": ("pages.pdf", lambda: blank_pdf(301), ["ไฟล์ pages.pdf หน้า 301: จำนวนหน้า เกินขีดจำกัด 300 หน้า"]),
    "unzipped XML": (
        "zipped.xlsx",
        lambda: xlsx_with_padded_sheet(11 * 1024 * 1024),
        ["ไฟล์ zipped.xlsx ส่วน xl/worksheets/sheet1.xml:", "เกินขีดจำกัด 10 MB"],
    ),
}


def test_a_merged_range_over_the_sheet_is_read_as_far_as_the_sheet_has_data() -> None:
    with mock.patch("prongsai.imports.readers.sheet.build_report", wraps=build_report) as build:
        report = read_document(merge_bomb(), filename="bomb.xlsx")
    source = build.call_args.args[0]
    assert sum(len(row) for grid in source.grids for row in grid.rows) < 100  # not 5,000 rows × 60 cells
    assert [m.title for m in report.measures] == ["มาตรการส่งเสริมความโปร่งใส"]


def test_a_merged_range_over_the_data_is_refused_naming_the_range() -> None:
    with pytest.raises(LimitError) as refused:
        read_document(merge_bomb("A3:BH4000", below="A4001"), filename="bomb.xlsx")
    assert str(refused.value).startswith("ไฟล์ bomb.xlsx แผ่นงาน แผน: ช่วงเซลล์ที่ผสาน A3:BH4000 มี 239,880 เซลล์")
    assert "เกินขีดจำกัด 20,000 เซลล์" in str(refused.value) and "ยกเลิกการผสานเซลล์" in str(refused.value)


@pytest.mark.parametrize("case", list(CASES))
def test_each_limit_refuses_the_upload_naming_the_limit_and_the_place_and_writes_nothing(
    people: People, case: str
) -> None:
    name, build, expected = CASES[case]
    response = upload(people.client(people.somchai), "klaeng", build(), name)
    assert response.status_code == 400
    page = re.sub(r"\s+", " ", response.content.decode())
    for text in expected:
        assert text in page, (text, re.findall(r"ไฟล์ [^<]*", page)[:3])
    assert not ImportRecord.objects.exists()
    assert not Measure.objects.exists()


def test_a_department_excel_beyond_the_rows_limit_is_refused(people: People, plan: Any) -> None:  # noqa: F811
    from openpyxl import load_workbook

    from prongsai.imports.excel_roundtrip import SHEET

    workbook = load_workbook(io.BytesIO(download(people, people.somchai, plan).content))
    workbook[SHEET]["E5005"] = "ผลเพิ่ม"
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(LimitError) as refused:
        parse(out.getvalue(), "กองคลัง.xlsx")
    assert str(refused.value).startswith(f"ไฟล์ กองคลัง.xlsx แผ่นงาน {SHEET} แถวที่ 5005: มีข้อมูลเกินขีดจำกัด 5,000 แถว")


@pytest.mark.parametrize(
    "path",
    [SEED, *sorted(p for p in IMPORT.iterdir() if p.suffix in {".txt", ".docx", ".pdf", ".xlsx"})],
    ids=lambda p: p.name,
)
def test_what_is_kept_on_the_draft_gives_back_the_file_as_read(path: Any) -> None:
    parsed = parse(path.read_bytes(), path.name)
    kept = json.loads(json.dumps(parsed_to_json(parsed)))
    assert parsed_from_json(kept) == parsed


def test_a_department_excel_kept_on_the_draft_gives_back_its_rows(people: People, plan: Any) -> None:  # noqa: F811
    parsed = parse(download(people, people.somchai, plan).content, "กองคลัง.xlsx")
    assert parsed.roundtrip is not None and parsed.roundtrip.rows
    assert parsed_from_json(json.loads(json.dumps(parsed_to_json(parsed)))) == parsed


def test_the_preview_and_the_confirmation_do_not_read_the_file_again(people: People) -> None:
    client = people.client(people.somchai)
    docx = IMPORT / "klaeng-2567-report.docx"
    record = draft_of(upload(client, "klaeng", docx.read_bytes(), docx.name))
    assert record.parsed["report"]["measures"]
    with (
        mock.patch("prongsai.imports.preview.read_document") as read,
        mock.patch("prongsai.imports.preview.read_roundtrip") as read_roundtrip,
    ):
        assert client.get(f"/imports/{record.pk}/").status_code == 200
        assert client.get(f"/imports/{record.pk}/?fiscal_year=2567&round=2").status_code == 200
        _page, response = preview_and_confirm(client, record, "?fiscal_year=2567&round=2")
    assert response.status_code == 302
    read.assert_not_called()
    read_roundtrip.assert_not_called()
    assert Measure.objects.filter(plan__organization=people.org, plan__fiscal_year=2567).count() == 8
    record.refresh_from_db()
    assert record.parsed == {}  # kept for the draft only


def test_a_draft_kept_before_the_reading_was_stored_is_read_once_from_its_bytes(people: People) -> None:
    client = people.client(people.somchai)
    record = draft_of(upload(client, "klaeng", SEED.read_bytes(), SEED.name))
    ImportRecord.objects.filter(pk=record.pk).update(parsed={})
    with mock.patch("prongsai.imports.preview.read_document", wraps=read_document) as read:
        client.get(f"/imports/{record.pk}/")
        client.get(f"/imports/{record.pk}/")
    assert read.call_count == 1
