"""The DOCX renderer: read back with python-docx, the document says what the snapshot says."""

from __future__ import annotations

import copy
import io
import json
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from prongsai.documents.content import clean_text, layout
from prongsai.documents.renderers import get_renderer
from prongsai.documents.renderers.docx import CONTENT_TYPE, render

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
THAI_DIGITS = re.compile("[๐-๙]")


def load(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture
def report() -> dict[str, Any]:
    return load("snapshot-klaeng-2567-report-r2.json")


@pytest.fixture
def plan() -> dict[str, Any]:
    return load("snapshot-klaeng-2567-plan.json")


def read(content: bytes) -> Any:
    return docx.Document(io.BytesIO(content))


def parts(content: bytes) -> dict[str, Any]:
    """The XML parts that hold text: the body and the footers."""
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        return {
            name: etree.fromstring(zf.read(name))
            for name in zf.namelist()
            if name == "word/document.xml" or re.fullmatch(r"word/footer\d+\.xml", name)
        }


def cell_lines(cell: Any) -> list[str]:
    return [p.text for p in cell.paragraphs]


def expected_lines(lines: list[str]) -> list[str]:
    return lines or [""]  # a Word cell always holds at least one (empty) paragraph


def tiny_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)  # 2×2, 8-bit RGB
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\x00\xff" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_the_report_renders_as_a_docx_named_after_the_snapshot(report: dict[str, Any]) -> None:
    rendered = get_renderer("docx")(report, None)
    assert rendered.filename == "ita-report-2567-r2-v1.docx"
    assert rendered.content_type == CONTENT_TYPE
    assert rendered.content[:2] == b"PK"


def test_the_header_row_is_the_layouts_headers(report: dict[str, Any]) -> None:
    table = read(render(report).content).tables[0]
    assert [c.text for c in table.rows[0].cells] == layout(report).headers


def test_the_table_equals_the_snapshot_cell_for_cell(report: dict[str, Any]) -> None:
    lay = layout(report)
    table = read(render(report).content).tables[0]
    body = table.rows[1:]
    assert len(body) == len(lay.rows) == 8
    for row, cells in zip(body, lay.rows, strict=True):
        assert [cell_lines(c) for c in row.cells] == [expected_lines(lines) for lines in cells]


def test_numbered_items_are_separate_paragraphs(report: dict[str, Any]) -> None:
    table = read(render(report).content).tables[0]
    results = cell_lines(table.rows[1].cells[4])
    assert results[0].startswith("๑. ") and results[2].startswith("๓. ")
    assert len(results) == 3


def test_the_header_row_repeats_on_every_page(report: dict[str, Any]) -> None:
    table = read(render(report).content).tables[0]
    first, second = table.rows[0]._tr, table.rows[1]._tr
    assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert second.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None


def test_every_run_carries_the_thai_font_and_complex_script_size(report: dict[str, Any]) -> None:
    content = render(report).content
    found = parts(content)
    assert "word/document.xml" in found and any(n.startswith("word/footer") for n in found)
    for name, root in found.items():
        runs = root.iter(f"{{{W}}}r")
        count = 0
        for r in runs:
            count += 1
            rpr = r.find(qn("w:rPr"))
            assert rpr is not None, name
            fonts = rpr.find(qn("w:rFonts"))
            assert fonts is not None and fonts.get(qn("w:cs")) == "TH SarabunPSK", name
            assert fonts.get(qn("w:ascii")) == "TH SarabunPSK"
            size_cs = rpr.find(qn("w:szCs"))
            assert size_cs is not None and size_cs.get(qn("w:val")) == "32"
            assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
            if rpr.find(qn("w:b")) is not None:
                assert rpr.find(qn("w:bCs")) is not None
        assert count > 0, name


def test_the_normal_style_carries_the_thai_font(report: dict[str, Any]) -> None:
    normal = read(render(report).content).styles["Normal"].element
    rpr = normal.find(qn("w:rPr"))
    assert rpr.find(qn("w:rFonts")).get(qn("w:cs")) == "TH SarabunPSK"
    assert rpr.find(qn("w:szCs")).get(qn("w:val")) == "32"
    assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"


def test_titles_are_bold_in_both_scripts(report: dict[str, Any]) -> None:
    paragraphs = read(render(report).content).paragraphs
    title = next(p for p in paragraphs if p.text == layout(report).title_lines[0])
    rpr = title.runs[0]._r.find(qn("w:rPr"))
    assert rpr.find(qn("w:b")) is not None and rpr.find(qn("w:bCs")) is not None


def test_the_column_widths_follow_the_layout(report: dict[str, Any]) -> None:
    table = read(render(report).content).tables[0]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(grid) == 7
    assert len(set(grid)) > 1
    weights = layout(report).widths
    assert grid.index(max(grid)) == weights.index(max(weights))
    assert abs(sum(grid) - 14570) <= 1  # 25.7 cm of usable width, in twips
    cell_widths = [c.width for c in table.rows[1].cells]
    assert [round(w.twips) for w in cell_widths] == grid


def test_the_page_is_a4_landscape(report: dict[str, Any]) -> None:
    section = read(render(report).content).sections[0]
    assert section.page_width > section.page_height
    assert round(section.page_width.cm, 1) == 29.7
    assert round(section.page_height.cm, 1) == 21.0
    assert round(section.left_margin.cm, 1) == 2.0


def test_the_footer_numbers_pages_with_page_and_numpages_fields(report: dict[str, Any]) -> None:
    footer = read(render(report).content).sections[0].footer
    xml = footer._element
    instructions = [t.text for t in xml.iter(qn("w:instrText"))]
    assert [i.split()[0] for i in instructions] == ["PAGE", "NUMPAGES"]
    assert all("\\* THAIARABIC" in i for i in instructions)
    assert "หน้า" in footer.paragraphs[0].text
    assert len(list(xml.iter(qn("w:fldChar")))) == 6


def test_the_same_snapshot_renders_to_the_same_bytes(report: dict[str, Any]) -> None:
    first = render(report).content
    assert render(copy.deepcopy(report)).content == first
    later = render(dict(report, document_date="2024-11-01")).content
    assert later != first


def test_the_core_properties_come_from_the_snapshot(report: dict[str, Any]) -> None:
    props = read(render(report).content).core_properties
    assert props.created.date().isoformat() == "2024-10-15"
    assert props.modified == props.created
    assert props.author == "Prongsai"
    assert props.title == layout(report).title_lines[0]
    assert props.revision == 1
    with zipfile.ZipFile(io.BytesIO(render(report).content)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2024, 10, 15, 0, 0, 0)}
        assert zf.namelist()[0] == "[Content_Types].xml"
        assert "docProps/thumbnail.jpeg" not in zf.namelist()


def test_the_plan_renders_with_five_columns(plan: dict[str, Any]) -> None:
    rendered = render(plan)
    assert rendered.filename == "ita-plan-2567-v1.docx"
    table = read(rendered.content).tables[0]
    assert len(table.columns) == 5
    lay = layout(plan)
    assert [c.text for c in table.rows[0].cells] == lay.headers
    for row, cells in zip(table.rows[1:], lay.rows, strict=True):
        assert [cell_lines(c) for c in row.cells] == [expected_lines(lines) for lines in cells]


def test_the_chosen_font_is_used_everywhere(report: dict[str, Any]) -> None:
    report["docx_font"] = "TH SarabunIT๙"
    content = render(report).content
    for root in parts(content).values():
        fonts = {f.get(qn("w:cs")) for f in root.iter(qn("w:rFonts"))}
        assert fonts == {"TH SarabunIT๙"}
    normal = read(content).styles["Normal"].element.find(qn("w:rPr"))
    assert normal.find(qn("w:rFonts")).get(qn("w:cs")) == "TH SarabunIT๙"


def test_the_size_follows_the_snapshot(report: dict[str, Any]) -> None:
    report["font_size"] = 14
    root = parts(render(report).content)["word/document.xml"]
    assert {s.get(qn("w:val")) for s in root.iter(qn("w:szCs"))} == {"28"}


def all_text(content: bytes) -> str:
    return "\n".join("".join(t.text or "" for t in root.iter(qn("w:t"))) for root in parts(content).values())


def test_without_thai_digits_the_digits_are_arabic(report: dict[str, Any]) -> None:
    report["thai_digits"] = False
    content = render(report).content
    text = all_text(content)
    assert not THAI_DIGITS.search(text)
    assert "1. การจัดทำข้อตกลง" in text
    footer = read(content).sections[0].footer._element
    assert all("THAIARABIC" not in t.text for t in footer.iter(qn("w:instrText")))


def test_with_thai_digits_no_arabic_digit_is_printed_outside_the_identifier(report: dict[str, Any]) -> None:
    text = all_text(render(report).content).replace(report["identifier"][:8], "")
    assert THAI_DIGITS.search(text)
    assert not re.search("[0-9]", text)


def test_an_emblem_appears_as_an_inline_picture_at_the_top(report: dict[str, Any]) -> None:
    content = render(report, tiny_png()).content
    document = read(content)
    assert len(document.inline_shapes) == 1
    assert round(document.inline_shapes[0].width.cm, 1) == 2.5
    first = document.paragraphs[0]._p
    assert first.find(f".//{qn('w:drawing')}") is not None
    assert render(report, tiny_png()).content == content


@pytest.mark.parametrize("emblem", [b"not an image", tiny_png()[:30], b"GIF89a"])
def test_an_unreadable_emblem_is_left_out(report: dict[str, Any], emblem: bytes) -> None:
    document = read(render(report, emblem).content)
    assert len(document.inline_shapes) == 0
    assert document.paragraphs[0].text == layout(report).title_lines[0]


def test_a_report_without_rows_has_only_the_header_row(report: dict[str, Any]) -> None:
    report["rows"] = []
    table = read(render(report).content).tables[0]
    assert len(table.rows) == 1
    assert [c.text for c in table.rows[0].cells] == layout(report).headers


def test_long_unbreakable_and_emoji_text_survive(report: dict[str, Any]) -> None:
    long_text = "ก" * 10_000
    unbroken = "ดำเนินการ" * 55  # about 500 characters with no space
    report["rows"][0]["outcome"] = long_text
    report["rows"][0]["suggestions"] = unbroken
    report["rows"][1]["title"] = "มาตรการ 🙂👍🏽 สำเร็จ"
    table = read(render(report).content).tables[0]
    assert cell_lines(table.rows[1].cells[5]) == [long_text]
    assert cell_lines(table.rows[1].cells[6]) == [unbroken]
    assert cell_lines(table.rows[2].cells[0]) == ["๒. มาตรการ 🙂👍🏽 สำเร็จ"]


def test_control_characters_never_reach_the_document(report: dict[str, Any]) -> None:
    # Freezing a snapshot removes them (content.clean_text) ...
    removed: list[str] = []
    assert clean_text("ก\x00ข\x07ค\x1bง\u200b", "มาตรการที่ 1", removed) == "กขคง"
    assert removed == ["มาตรการที่ 1"]
    # ... but layout() passes through what it is given, so the renderer guards itself.
    report["rows"][0]["title"] = "ก\x00ข\x07ค\x1bง"
    report["intro"] = "บทนำ\x0b\x0c"
    assert "\x00" in layout(report).rows[0][0][0]
    document = read(render(report).content)
    assert cell_lines(document.tables[0].rows[1].cells[0]) == ["๑. กขคง"]
    assert any(p.text == "บทนำ" for p in document.paragraphs)


def test_tabs_and_newlines_inside_a_line_become_word_tabs_and_breaks(report: dict[str, Any]) -> None:
    report["rows"][0]["methods"] = ["ก\tข"]
    table = read(render(report).content).tables[0]
    assert cell_lines(table.rows[1].cells[1]) == ["ก\tข"]
    assert table.rows[1].cells[1]._tc.find(f".//{qn('w:tab')}") is not None


def test_signatures_follow_the_table_in_a_borderless_table(report: dict[str, Any]) -> None:
    document = read(render(report).content)
    assert len(document.tables) == 2
    signatures = document.tables[1]
    assert len(signatures.columns) == 3
    reporter = cell_lines(signatures.rows[0].cells[0])
    assert reporter[0] == "ผู้รายงาน"
    assert reporter[2].startswith("(ลงชื่อ) ....")
    assert "(สมชาย ใจดี)" in reporter and "นักวิเคราะห์นโยบายและแผน" in reporter
    assert reporter[-1] == layout(report).signatures[0]["date"]
    reviewer = cell_lines(signatures.rows[0].cells[1])
    assert reviewer == ["ผู้ตรวจสอบ", "", reporter[2]]
    borders = signatures._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_the_main_table_has_explicit_borders(report: dict[str, Any]) -> None:
    table = read(render(report).content).tables[0]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert [etree.QName(b).localname for b in borders] == ["top", "left", "bottom", "right", "insideH", "insideV"]
    assert {b.get(qn("w:val")) for b in borders} == {"single"}
