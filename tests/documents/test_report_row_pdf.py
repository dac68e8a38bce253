"""The 8-column report (a ปัญหา/อุปสรรค column) on A4 landscape, measured as test_pdf.py measures the 7 columns:
every column inside the page, the header on every page, every cell's text inside its own column, and the
Thai line breaks judged as test_line_breaks.py judges the seed's."""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from prongsai.documents.content import REPORT_WIDTHS_WITH_PROBLEMS, layout
from prongsai.documents.renderers.pdf import render
from tests.documents.test_line_breaks import NO_LINE_START, all_breaks, judge, show
from tests.documents.test_pdf import (
    _WORD_SPAN,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    assert_inside_the_page,
    column_text,
    column_texts,
    poppler,
    squeeze,
    table_columns,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
OUTCOMES = [
    "บุคลากรทุกกองลงนามในข้อตกลงครบร้อยละ ๑๐๐ และรับทราบบทบาทหน้าที่",
    "ส่งบุคลากรเข้ารับการฝึกอบรม ๑๒ ราย",
    "",
    "ประชาชนเข้าถึงข้อมูลการจัดซื้อจัดจ้างทางเว็บไซต์ได้ทุกรายการ",
]
PROBLEMS = [
    "งบประมาณสำหรับการฝึกอบรมมีจำกัด บุคลากรบางส่วนติดภารกิจ",
    "",
    "กองสาธารณสุขและสิ่งแวดล้อมส่งข้อมูลล่าช้า",
    "ระบบเครือข่ายอินเทอร์เน็ตขัดข้องเป็นครั้งคราว",
]


def eight_columns() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "snapshot-klaeng-2567-report-r2.json").read_text("utf-8"))
    data["layout"] = 2
    data["problems_column"] = True
    for i, row in enumerate(data["rows"]):
        row.update(status_text=row.pop("outcome"), outcome=OUTCOMES[i % 4], problems=PROBLEMS[i % 4])
    return data


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="prongsai-pdf-test-") as folder:
        yield Path(folder)


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return eight_columns()


@pytest.fixture(scope="module")
def pdf(data: dict[str, Any]) -> bytes:
    return render(data, None).content


def test_every_page_has_the_eight_columns_inside_its_margins(pdf: bytes, workdir: Path) -> None:
    pages = [columns for columns in table_columns(pdf) if columns]  # the last may hold only the signatures
    assert 3 <= len(pages) <= 5
    for columns in pages:
        assert len(columns) == 8
        assert columns[0][0] >= MARGIN - 1 and columns[-1][2] <= PAGE_WIDTH - MARGIN + 1
        table = columns[-1][2] - columns[0][0]
        for (left, _b, right, _t), weight in zip(columns, REPORT_WIDTHS_WITH_PROBLEMS, strict=True):
            assert abs((right - left) / table - weight / 100) < 0.005  # the widths chosen, to half a percent
    assert_inside_the_page(pdf, workdir)


def test_the_header_row_is_on_every_page(data: dict[str, Any], pdf: bytes, workdir: Path) -> None:
    headers = layout(data).headers
    assert headers[5:] == ["ผลลัพธ์หรือความสำเร็จของการดำเนินการ", "ปัญหา/อุปสรรค", "ข้อเสนอแนะ"]
    for header, pages in zip(headers, column_texts(pdf, workdir), strict=True):
        assert len(pages) >= 3
        for text in pages:
            assert squeeze(text).startswith(squeeze(header))


def test_each_text_is_in_its_own_column(data: dict[str, Any], pdf: bytes, workdir: Path) -> None:
    columns = column_text(pdf, workdir, data)
    for row in data["rows"]:
        assert squeeze(row["status_text"]) in columns[5]
        assert squeeze(row["outcome"]) in columns[5]
        assert squeeze(row["problems"]) in columns[6]
        assert squeeze(row["problems"]) not in columns[7] or not row["problems"]
    assert squeeze("".join(OUTCOMES)) not in columns[6]


def test_words_stay_inside_the_narrow_columns(data: dict[str, Any], workdir: Path) -> None:
    """The widest department name in ปัญหา/อุปสรรค, a long unbroken run in ข้อเสนอแนะ: inside their columns."""
    wide = copy.deepcopy(data)
    wide["rows"][0]["problems"] = "กองยุทธศาสตร์และงบประมาณ กองสาธารณสุขและสิ่งแวดล้อม"
    wide["rows"][0]["suggestions"] = "ก" * 120
    wide["rows"][1]["timeframe"] = "ตุลาคม ๒๕๖๖ – กันยายน ๒๕๖๗"
    content = render(wide, None).content
    assert_inside_the_page(content, workdir)
    columns = table_columns(content)[0]
    html = poppler("pdftotext", content, workdir, "-bbox", "-f", "1", "-l", "1")
    table_top = PAGE_HEIGHT - columns[0][3]
    words = [(float(a), float(b), w) for a, y, b, w in _WORD_SPAN.findall(html) if float(y) >= table_top and w]
    assert {"งบประมาณ", "สิ่งแวดล้อม"} <= {w for _a, _b, w in words}  # whole words, cut at word ends when too wide
    for left, right, word in words:
        column = next(c for c in columns if c[0] - 1 <= left <= c[2])
        assert right <= column[2] + 0.5, (word, right, column)
    assert "ก" * 120 in column_text(content, workdir, wide, reader="pdfium")[7]


def test_no_line_break_splits_a_word(data: dict[str, Any], pdf: bytes) -> None:
    breaks = all_breaks(pdf, layout(data))
    assert len(breaks) > 100
    assert not [b for b in breaks if b.after.lstrip()[:1] in NO_LINE_START]
    split = [b for b in breaks if judge(b) == "split"]
    assert not split, show(split)
