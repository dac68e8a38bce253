"""The analysis document: a result pasted as text → scores and grade → PDF (Thai text layer, the
chart), Word and Excel, through the documents renderers; downloaded by members only."""

from __future__ import annotations

import io
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from docx import Document

from prongsai.documents.renderers import get_renderer
from prongsai.ita import services
from prongsai.ita.analysis import analyse
from prongsai.ita.documents import analysis_data
from prongsai.ita.models import Assessment, Source

from .conftest import World

SAMPLE = (Path(__file__).parent.parent / "fixtures" / "ita-scores-pasted-2564.txt").read_text(encoding="utf-8")
NEWS = SAMPLE.split("# 2.")[1]
# The news item stops after indicator 4 ("– การ"): the rest of its table, typed in the same shape
# (fictitious values), so the pasted result is whole.
REST = """– การแก้ไขปัญหาการทุจริต 88.40 คะแนน
ผลสำรวจความเห็นจากผู้รับบริการ (EIT)
– คุณภาพการดำเนินงาน 90.12 คะแนน
– ประสิทธิภาพการสื่อสาร 84.30 คะแนน
– การปรับปรุงระบบการทำงาน 86.25 คะแนน
"""


def pasted(town: World) -> Assessment:
    """What the officer does: paste, check the preview, save the scores as pasted."""
    catalogue = services.active_catalogue(2564)
    parsed = services.parse_pasted_scores(NEWS + REST, catalogue)
    assert parsed.year == 2564 and len(parsed.scores) == 10
    return services.record_assessment(town.somchai, town.somchai.user, parsed.year, dict(parsed.scores), Source.PASTED)


@pytest.fixture
def result(town: World) -> Assessment:
    a = pasted(town)
    services.save_indicator_note(town.malee, town.malee.user, a, 7, "ประชาสัมพันธ์ช่องทางการสื่อสารให้ทั่วถึงมากขึ้น")
    return a


def pdftotext(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "analysis.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()


def test_a_pasted_result_gives_the_scores_and_grade_computed_by_hand(town: World) -> None:
    a = pasted(town)
    # IIT (92.06 + 83.13 + 86.58 + 82.01 + 88.40) / 5 = 86.436; EIT (90.12 + 84.30 + 86.25) / 3 = 86.89;
    # OIT (94.92 + 100) / 2 = 97.46; ITA 25.9308 + 26.067 + 38.984 = 90.9818 -> 90.98, A.
    assert (a.iit, a.eit, a.oit) == (Decimal("86.44"), Decimal("86.89"), Decimal("97.46"))
    assert (a.ita, a.grade, a.passed) == (Decimal("90.98"), "A", True)
    assert [(r.number, r.score) for r in analyse(a).weak] == [
        (4, Decimal("82.01")),
        (2, Decimal("83.13")),
        (7, Decimal("84.30")),
    ]


def test_its_analysis_pdf_has_a_correct_thai_text_layer(result: Assessment, tmp_path: Path) -> None:
    rendered = get_renderer("pdf")(analysis_data(analyse(result)), None)
    assert rendered.filename == "ita-analysis-2564-thung-test.pdf" and rendered.content_type == "application/pdf"
    text = pdftotext(rendered.content, tmp_path)
    for words in [
        "การใช้อำนาจ",
        "ประสิทธิภาพการสื่อสาร",
        "การดำเนินงาน",
        "ประเด็นที่ต้องแก้ไข/ปรับปรุง",
        "องค์การบริหารส่วนตำบลทุ่งทดสอบ",
    ]:
        assert words in text, words
    assert "ระดับ A" in text and "๙๐.๙๘" in text  # the organisation prints Thai digits
    assert "ประชาสัมพันธ์ช่องทางการสื่อสารให้ทั่วถึงมากขึ้น" in text
    # Grouped IIT / EIT / OIT, in that order, each before its indicators.
    at = [text.index(s) for s in ("IIT แบบวัด", "การปฏิบัติหน้าที่", "EIT แบบวัด", "คุณภาพการดำเนินงาน", "OIT แบบตรวจ")]
    assert at == sorted(at)


def test_the_chart_is_an_image_in_the_pdf_above_the_table(result: Assessment, tmp_path: Path) -> None:
    data = analysis_data(analyse(result))
    content = get_renderer("pdf")(data, None).content
    path = tmp_path / "analysis.pdf"
    path.write_bytes(content)
    listed = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True).stdout.decode()
    images = [cols for line in listed.splitlines()[2:] if (cols := line.split()) and cols[2] == "image"]
    assert len(images) == 1 and images[0][0] == "1" and int(images[0][3]) > 1500  # page 1, ~200 ppi wide
    page = pdfium.PdfDocument(content)[0]
    image = next(o for o in page.get_objects() if o.type == pdfium_raw.FPDF_PAGEOBJ_IMAGE)
    _left, bottom, _right, _top = image.get_bounds()
    header = page.get_textpage().search("ประเด็นที่ต้องแก้ไข", match_case=True).get_next()
    assert header is not None
    header_top = page.get_textpage().get_charbox(header[0])[3]
    assert bottom > header_top  # PDF y grows upwards: the chart stands above the table's header
    del data["table"]["chart_svg"]
    plain = get_renderer("pdf")(data, None).content
    assert not any(o.type == pdfium_raw.FPDF_PAGEOBJ_IMAGE for o in pdfium.PdfDocument(plain)[0].get_objects())


def test_the_same_result_renders_the_same_pdf_bytes(result: Assessment) -> None:
    data = analysis_data(analyse(result))
    assert get_renderer("pdf")(data, None).content == get_renderer("pdf")(data, None).content


def test_the_chart_in_the_pdf_is_the_svg_of_the_page(result: Assessment, town: World) -> None:
    data = analysis_data(analyse(result))
    page = town_client_page(town, result)
    svg = data["table"]["chart_svg"]
    assert svg.startswith("<svg") and 'font-family="Laksaman' in svg
    assert svg in page  # the same SVG, inline in the page (the organisation prints Thai digits in both)


def town_client_page(town: World, a: Assessment) -> str:
    return town.client(town.prapa).get(f"/o/{town.org.slug}/ita/{a.year}/analysis/").content.decode()


def test_the_docx_has_the_grouped_table_with_the_notes(result: Assessment) -> None:
    rendered = get_renderer("docx")(analysis_data(analyse(result)), None)
    doc = Document(io.BytesIO(rendered.content))
    table = doc.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["ตัวชี้วัด", "คะแนน", "ประเด็นที่ต้องแก้ไข/ปรับปรุง"]
    firsts = [r[0] for r in rows[1:]]
    assert firsts[0].startswith("IIT") and firsts[6].startswith("EIT") and firsts[10].startswith("OIT")
    assert len(rows) == 1 + 3 + 10
    seven = next(r for r in rows if r[0].startswith("๗."))
    assert seven[0] == "๗. ประสิทธิภาพการสื่อสาร" and "๘๔.๓๐" in seven[1] and "ต่ำกว่าเกณฑ์" in seven[1]
    assert seven[2] == "ประชาสัมพันธ์ช่องทางการสื่อสารให้ทั่วถึงมากขึ้น"
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "คะแนน ITA ๙๐.๙๘ คะแนน ระดับ A" in body


def test_the_xlsx_has_the_same_rows(result: Assessment) -> None:
    rendered = get_renderer("xlsx")(analysis_data(analyse(result)), None)
    sheet = openpyxl.load_workbook(io.BytesIO(rendered.content)).active
    assert sheet is not None
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "ประเด็นที่ต้องแก้ไข/ปรับปรุง" in cells
    assert any(c.startswith("๓. การใช้อำนาจ") for c in cells)
    assert "ประชาสัมพันธ์ช่องทางการสื่อสารให้ทั่วถึงมากขึ้น" in cells


@pytest.mark.parametrize(
    ("fmt", "kind"),
    [
        ("pdf", "application/pdf"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_a_viewer_downloads_each_format(result: Assessment, town: World, fmt: str, kind: str) -> None:
    r = town.client(town.prapa).get(f"/o/{town.org.slug}/ita/2564/analysis/{fmt}/")
    assert r.status_code == 200 and r["Content-Type"] == kind
    assert f'filename="ita-analysis-2564-thung-test.{fmt}"' in r["Content-Disposition"]


def test_an_unknown_format_or_a_year_without_a_result_is_404(result: Assessment, town: World) -> None:
    client = town.client(town.somchai)
    assert client.get(f"/o/{town.org.slug}/ita/2564/analysis/csv/").status_code == 404
    assert client.get(f"/o/{town.org.slug}/ita/2565/analysis/pdf/").status_code == 404
    assert client.get(f"/o/{town.org.slug}/ita/2565/analysis/").status_code == 404


def dump(result: Any) -> None:  # pragma: no cover - a helper to look at the document by hand
    Path("/tmp/analysis.pdf").write_bytes(get_renderer("pdf")(analysis_data(analyse(result)), None).content)
