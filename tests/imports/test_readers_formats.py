"""Reading the measures report from every format (imports/readers): the seed as Word, PDF, Excel, HTML
and noisy text imports to the seed's 8 measures (Prongsai's own documents read back: test_readers_roundtrip.py).

Fixtures: tests/fixtures/import/ (made by make_fixtures.py there; see its docstring)."""

from __future__ import annotations

import copy
import io
import json
import re

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from prongsai.core.thai import to_thai_digits
from prongsai.imports.normalise import KINDS, describe
from prongsai.imports.readers import read_document
from prongsai.imports.seed import ParsedReport, parse_report_bytes, report_to_json
from tests.imports._helpers import IMPORT, SEED, assert_same_measures, cells, read, seed, squeeze

# --- the fixtures (a)-(e) --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("klaeng-2567-report.docx", "docx"),
        ("klaeng-2567-report-split.docx", "docx"),
        ("klaeng-2567-report-split.pdf", "pdf"),
        ("klaeng-2567-report-noisy.txt", "text"),
        ("klaeng-2567-report.xlsx", "xlsx"),
    ],
)
def test_each_fixture_imports_to_the_seeds_eight_measures(name: str, kind: str) -> None:
    report = read(name)
    expected = [cells(measure) for measure in seed().measures]
    assert report.source_format == kind
    assert [m.number for m in report.measures] == list(range(1, 9))
    assert_same_measures(report, expected, exact=False)
    assert {m.status for m in report.measures} == {"done"}
    assert report.fiscal_year == 2567
    assert report.title.startswith("รายงานผลการดำเนินการตามมาตรการ")
    assert report.warnings == [w for w in report.warnings if w]  # no empty warning


@pytest.mark.parametrize(
    "name", ["klaeng-2567-report.docx", "klaeng-2567-report-split.docx", "klaeng-2567-report.xlsx"]
)
def test_word_and_excel_keep_every_cell_exactly(name: str) -> None:
    assert_same_measures(read(name), [cells(m) for m in seed().measures], exact=True)


@pytest.mark.parametrize(
    "name",
    [
        "klaeng-2567-report.docx",
        "klaeng-2567-report-split.docx",
        "klaeng-2567-report-split.pdf",
        "klaeng-2567-report.xlsx",
    ],
)
def test_the_title_block_before_the_table_is_read_like_the_seeds(name: str) -> None:
    report, expected = read(name), seed()
    assert (report.organization, report.district, report.province) == ("องค์การบริหารส่วนตำบลแกลง", "เมืองระยอง", "ระยอง")
    assert squeeze(report.title) == squeeze(expected.title)
    if not name.endswith(".xlsx"):  # the sheet has the title rows only
        assert squeeze(report.intro) == squeeze(expected.intro)
    assert not [w for w in report.warnings if w.startswith("ไม่พบ")]


def test_three_tables_with_variant_headers_and_an_extra_column_are_one_list_with_extras_kept() -> None:
    report = read("klaeng-2567-report-split.docx")
    extras = {m.number: m.extras for m in report.measures}
    assert extras[1] == {"หมายเหตุ": "งบประมาณ ๕,๐๐๐ บาท"}
    assert extras[4] == {"หมายเหตุ": "ดำเนินการร่วมกับทุกกอง"}
    assert extras[7] == extras[8] == {"หมายเหตุ": "ไม่ใช้งบประมาณ"}  # one cell merged down over both rows
    assert all(not extras[n] for n in (2, 3, 5, 6))
    assert [m.place for m in report.measures][:4] == ["ตาราง 1 แถว 2 คอลัมน์ 1"] + [
        f"ตาราง {t} แถว {r} คอลัมน์ 1" for t, r in ((1, 3), (1, 4), (2, 2))
    ]
    # items as paragraphs (table 1), line breaks (table 2) and run together (table 3) split alike
    assert [len(m.methods) for m in report.measures] == [len(m.methods) for m in seed().measures]


def test_the_libreoffice_pdf_skips_repeated_headers_and_joins_rows_split_across_pages() -> None:
    report = read("klaeng-2567-report-split.pdf")
    text = json.dumps(report_to_json(report), ensure_ascii=False)
    assert "กิจกรรมการดำเนินงาน" not in text and "แนวทางการดำเนินการ" not in text
    extras = {m.number: m.extras for m in report.measures}
    assert extras[1] == {"หมายเหตุ": "งบประมาณ ๕,๐๐๐ บาท"}  # its last word is on the next page
    assert extras[4] == {"หมายเหตุ": "ดำเนินการร่วมกับทุกกอง"}
    assert extras[7] == {"หมายเหตุ": "ไม่ใช้งบประมาณ"}
    assert all(m.place.startswith("หน้า ") for m in report.measures)
    # LibreOffice's detached tone marks ("ครั" "ง" "้") are put back, and nothing is left to repair
    assert "ครั้ง" in report.measures[0].results[2]
    assert report.repairs == []


def test_the_noisy_text_reports_one_repair_of_each_kind_with_its_place() -> None:
    report = read("klaeng-2567-report-noisy.txt")
    clean = seed()
    assert_same_measures(report, [cells(m) for m in clean.measures], exact=True)
    kinds = [item.kind for item in report.repairs]
    assert sorted(kinds) == sorted(KINDS[:2] + KINDS[3:])  # all but "replacement_char" (no stray U+FFFD)
    assert len(kinds) == 7
    for item in report.repairs:
        assert re.fullmatch(r"บรรทัดที่ \d+ คอลัมน์ \d", item.place)
        assert describe(item) in report.warnings
    first = report.measures[0]
    assert first.original == {
        "outcome": "ด\ufffdเนินการแล้ว เสร็จ",
        "results": next(
            line for line in (IMPORT / "klaeng-2567-report-noisy.txt").read_text().split("\n") if line.startswith("๑.")
        )
        .split("\t")[4]
        .strip(),
    }
    assert report.measures[3].original["title"] == "๔. ลดขั้นตอนการให้บริการประชาชน หรือ ผ\u0e49\u0e39มาติดต่อ"
    # the seed's own warnings are still there, in line order with the repairs
    assert [w for w in report.warnings if "สะกดว่า" in w] == [w for w in clean.warnings if "สะกดว่า" in w]
    lines = [int(re.match(r"บรรทัดที่ (\d+)", w).group(1)) for w in report.warnings]  # type: ignore[union-attr]
    assert lines == sorted(lines)


def test_the_json_of_a_document_adds_its_optional_keys_after_the_agreed_ones() -> None:
    data = report_to_json(read("klaeng-2567-report-noisy.txt"))
    assert list(data)[-2:] == ["source_format", "repairs"]
    assert data["repairs"][0] == {"kind": "tone_mark", "place": "บรรทัดที่ 20 คอลัมน์ 5", "before": "ครัง้", "after": "ครั้ง"}
    assert list(data["measures"][0])[-2:] == ["place", "original"]
    split = report_to_json(read("klaeng-2567-report-split.docx"))
    assert split["measures"][0]["extras"] == {"หมายเหตุ": "งบประมาณ ๕,๐๐๐ บาท"}


# --- a table in Word with a two-row header and merged cells ------------------------------------------------


@pytest.mark.parametrize("name", ["klaeng-2567-report-rounds.docx", "klaeng-2567-report-rounds.pdf"])
def test_a_two_row_header_with_merged_cells_keeps_both_rounds(name: str) -> None:
    expected = seed()
    report = read(name)
    exact = name.endswith(".docx")
    assert [m.number for m in report.measures] == list(range(1, 9))
    for got, want in zip(report.measures, expected.measures, strict=True):
        assert squeeze(cells(got)) == squeeze(cells(want)) or (got.number == 7 and not exact)
        assert got.results == got.results_2  # the 12-month column
        assert squeeze(got.results_1) == squeeze(want.results[:1] if len(want.results) > 1 else ["-"])
        assert not got.extras
    assert report.measures[5].responsible == "สำนักปลัด"
    if exact:  # a cell merged down is known in Word; a PDF shows its text in the first row only
        assert report.measures[6].responsible == "สำนักปลัด"
        assert_same_measures(report, [cells(m) for m in expected.measures], exact=True)
    assert (report.organization, report.fiscal_year) == ("องค์การบริหารส่วนตำบลแกลง", 2567)


def test_a_table_split_in_two_without_the_header_repeated_is_one_list() -> None:
    document = docx.Document(io.BytesIO((IMPORT / "klaeng-2567-report.docx").read_bytes()))
    body = document.element.body
    table = document.tables[0]._tbl
    second = copy.deepcopy(table)
    rows = table.findall(qn("w:tr"))
    for tr in rows[5:]:
        table.remove(tr)
    for tr in second.findall(qn("w:tr"))[:5]:
        second.remove(tr)
    gap = OxmlElement("w:p")
    table.addnext(gap)
    gap.addnext(second)
    assert len(body.findall(qn("w:tbl"))) == 2
    out = io.BytesIO()
    document.save(out)
    report = read_document(out.getvalue())
    assert_same_measures(report, [cells(m) for m in seed().measures], exact=True)
    assert report.measures[4].place == "ตาราง 2 แถว 1 คอลัมน์ 1"


# --- HTML from the clipboard -------------------------------------------------------------------------------


def _clipboard_html(report: ParsedReport) -> str:
    """What Word puts on the clipboard (text/html) for a copied table: the Windows CF_HTML header, Word's
    styles and conditional comments, <p class=MsoNormal> per paragraph, <br> in one cell, a two-row header."""

    def cell(text: str, attrs: str = "") -> str:
        return f"<td{attrs} valign=top style='border:solid windowtext 1.0pt'>{text}</td>"

    def paragraphs(lines: list[str]) -> str:
        return "".join(
            f"<p class=MsoNormal><span lang=TH style='font-family:\"TH SarabunPSK\"'>{line}<o:p></o:p></span></p>\r\n"
            for line in lines
        )

    rows = []
    for measure in report.measures:
        methods = [f"{to_thai_digits(str(n))}. {item}" for n, item in enumerate(measure.methods, 1)]
        results = [f"{to_thai_digits(str(n))}.&nbsp;{item}" for n, item in enumerate(measure.results, 1)]
        rows.append(
            "<tr>"
            + cell(paragraphs([f"{to_thai_digits(str(measure.number))}. {measure.title}"]))
            + cell(paragraphs(methods if len(methods) > 1 else measure.methods))
            + cell(paragraphs([measure.responsible]))
            + cell(paragraphs([measure.timeframe]))
            + cell("<p class=MsoNormal>" + "<br>\r\n".join(results if len(results) > 1 else measure.results) + "</p>")
            + cell(paragraphs([measure.outcome]))
            + cell("<p class=MsoNormal><o:p>&nbsp;</o:p></p>")
            + "</tr>"
        )
    header = (
        "<tr>"
        + cell("<b>มาตรการหรือกิจกรรม<br>ที่ดำเนินการ</b>", " rowspan=2")
        + cell("วิธีการดำเนินการ", " rowspan=2")
        + cell("ผู้รับผิดชอบ", " rowspan=2")
        + cell("ระยะเวลา", " rowspan=2")
        + cell("ผลการดำเนินการ")
        + cell("ผลลัพธ์หรือความสำเร็จ<br>ของการดำเนินการ", " rowspan=2")
        + cell("ข้อเสนอแนะ", " rowspan=2")
        + "</tr>"
        "<tr>" + cell("รอบ ๑๒ เดือน") + "</tr>"
    )
    body = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset=utf-8>'
        '<style><!-- p.MsoNormal {margin:0cm; font-family:"TH SarabunPSK";} --></style></head>'
        "<body lang=EN-US><!--StartFragment-->"
        "<p class=MsoNormal align=center><b>รายงานผลการดำเนินการตามมาตรการ</b></p>"
        "<p class=MsoNormal align=center>ประจำปีงบประมาณ พ.ศ.๒๕๖๗</p><p>&nbsp;</p>"
        "<p class=MsoNormal align=center>องค์การบริหารส่วนตำบลแกลง<br>อำเภอเมืองระยอง จังหวัดระยอง</p>"
        "<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->"
        "<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>\r\n"
        + header
        + "\r\n".join(rows)
        + "</table><!--EndFragment--></body></html>"
    )
    return "Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000099999\r\n" + body


def test_html_pasted_from_word_reads_breaks_and_paragraphs_as_lines_of_a_cell() -> None:
    expected = seed()
    report = read_document(_clipboard_html(expected).encode("utf-8"))
    assert report.source_format == "html"
    assert_same_measures(report, [cells(m) for m in expected.measures], exact=True)
    assert all(m.results_2 == m.results for m in report.measures)  # the round line of the two-row header
    assert (report.organization, report.fiscal_year, report.province) == ("องค์การบริหารส่วนตำบลแกลง", 2567, "ระยอง")
    assert report.measures[0].place == "ตาราง 1 แถว 3 คอลัมน์ 1"


def test_an_html_table_with_rowspan_in_the_body_repeats_the_merged_value() -> None:
    page = (
        "<table><tr><th>มาตรการ</th><th>ผู้รับผิดชอบ</th><th>ระยะเวลา</th></tr>"
        "<tr><td>๑. ก</td><td rowspan=2>สำนักปลัด</td><td>ตุลาคม ๒๕๖๖</td></tr>"
        "<tr><td>๒. ข</td><td>มีนาคม ๒๕๖๗</td></tr></table>"
    )
    report = read_document(page.encode("utf-8"), filename="paste.html")
    assert [(m.title, m.responsible, m.timeframe) for m in report.measures] == [
        ("ก", "สำนักปลัด", "ตุลาคม ๒๕๖๖"),
        ("ข", "สำนักปลัด", "มีนาคม ๒๕๖๗"),
    ]


def test_a_sheet_with_a_cell_merged_down_over_two_measures_repeats_it() -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"])
    sheet.append(["ลำดับ", "มาตรการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "งบประมาณ (บาท)"])
    sheet.append([1, "ก", "สำนักปลัด", "๑. หนึ่ง\n๒. สอง", 5000])
    sheet.append([2, "ข", None, "ทำแล้ว"])
    sheet.append([None, "(ต่อ) ค", None, None])
    sheet.merge_cells("C3:C4")
    sheet.merge_cells("B4:B5")
    out = io.BytesIO()
    workbook.save(out)
    report = read_document(out.getvalue(), filename="report.xlsx")
    assert [(m.number, m.title, m.responsible, m.results) for m in report.measures] == [
        (1, "ก", "สำนักปลัด", ["หนึ่ง", "สอง"]),
        (2, "ข", "สำนักปลัด", ["ทำแล้ว"]),
    ]
    assert report.measures[0].extras == {"งบประมาณ (บาท)": "5000"}
    assert report.measures[0].place == "แถวที่ 3 คอลัมน์ A"


# --- the format comes from the bytes, not the name ---------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "misleading", "kind"),
    [
        ("klaeng-2567-report.docx", "report.pdf", "docx"),
        ("klaeng-2567-report-split.pdf", "report.docx", "pdf"),
        ("klaeng-2567-report.xlsx", "report.csv", "xlsx"),
        ("klaeng-2567-report-noisy.txt", "report.xlsx", "text"),
    ],
)
def test_the_format_is_recognised_from_the_bytes_whatever_the_name(fixture: str, misleading: str, kind: str) -> None:
    report = read_document((IMPORT / fixture).read_bytes(), filename=misleading)
    assert report.source_format == kind
    assert len(report.measures) == 8
    assert report.warnings[0].startswith(f"ชื่อไฟล์ลงท้ายด้วย .{misleading.rsplit('.', 1)[1]} แต่เนื้อไฟล์เป็น")


def test_the_right_name_gives_no_warning_about_it() -> None:
    report = read_document((IMPORT / "klaeng-2567-report.docx").read_bytes(), filename="รายงาน.docx")
    assert not [w for w in report.warnings if w.startswith("ชื่อไฟล์")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp874"])
def test_the_seed_text_reads_the_same_through_read_document_in_every_encoding(encoding: str) -> None:
    text = SEED.read_text(encoding="utf-8").replace("–", "-")  # TIS-620 has no en dash
    report = read_document(text.encode(encoding), filename="report.txt")
    expected = parse_report_bytes(text.encode("utf-8"))
    assert report.source_format == "text"
    assert [cells(m) for m in report.measures] == [cells(m) for m in expected.measures]
    assert report.warnings == expected.warnings
