"""The PDF renderer, judged from the outside: poppler's pdftotext/pdfinfo read what a reader would."""

from __future__ import annotations

import copy
import itertools
import json
import re
import struct
import subprocess
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest

from prongsai.core import thai
from prongsai.documents import fonts
from prongsai.documents.content import layout
from prongsai.documents.fonts import FontMissingError
from prongsai.documents.renderers import get_renderer
from prongsai.documents.renderers.pdf import render

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "klaeng-2567-measures-report.txt"
A4_LANDSCAPE = "841.89 x 595.276 pts"
PAGE_WIDTH = 841.89
PAGE_HEIGHT = 595.276
MARGIN = 56.69  # 2 cm
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r'<word xMin="[^"]+" yMin="[^"]+" xMax="([^"]+)" yMax="[^"]+">([^<]*)<')
_WORD_SPAN = re.compile(r'<word xMin="([^"]+)" yMin="([^"]+)" xMax="([^"]+)" yMax="[^"]+">([^<]*)<')


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def load(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="prongsai-pdf-test-") as folder:
        yield Path(folder)


def poppler(tool: str, content: bytes, folder: Path, *args: str) -> str:
    path = folder / "doc.pdf"
    path.write_bytes(content)
    out = subprocess.run([tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])], capture_output=True)
    assert out.returncode == 0, out.stderr.decode()
    return out.stdout.decode("utf-8")


def pages_text(content: bytes, folder: Path) -> list[str]:
    return poppler("pdftotext", content, folder).split("\f")[:-1]


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return load("snapshot-klaeng-2567-report-r2.json")


@pytest.fixture(scope="module")
def report_pdf(report: dict[str, Any]) -> bytes:
    return render(report, None).content


@pytest.fixture(scope="module")
def report_pages(report_pdf: bytes, workdir: Path) -> list[str]:
    return pages_text(report_pdf, workdir)


def table_columns(content: bytes) -> list[list[tuple[float, float, float, float]]]:
    """Per page, the table's columns as (left, bottom, right, top) in PDF points (origin bottom left)."""
    pdf = pdfium.PdfDocument(content)
    pages = []
    for page in pdf:
        xs, bottoms, tops = [], [], []
        for obj in page.get_objects(max_depth=3):
            if obj.type != pdfium_raw.FPDF_PAGEOBJ_PATH:
                continue
            left, bottom, right, top = obj.get_bounds()
            if right - left < 2 and top - bottom > 10:  # a vertical rule of the table
                xs.append((left + right) / 2)
                bottoms.append(bottom)
                tops.append(top)
        edges: list[float] = []
        for x in sorted(xs):
            if not edges or x - edges[-1] > 1.5:
                edges.append(x)
        pages.append([(a, min(bottoms), b, max(tops)) for a, b in itertools.pairwise(edges)])
    return pages


def column_texts(content: bytes, folder: Path, reader: str = "pdftotext") -> list[list[str]]:
    """Per column, per page: the text inside that column of the table, read by poppler or pdfium."""
    result: list[list[str]] = []
    pdf = pdfium.PdfDocument(content)
    for number, columns in enumerate(table_columns(content), start=1):
        height = pdf[number - 1].get_height()
        for i, (left, bottom, right, top) in enumerate(columns):
            if reader == "pdftotext":
                x, y, w, h = (str(int(v)) for v in (left + 1, height - top, right - left - 1, top - bottom + 1))
                pages = ["-f", str(number), "-l", str(number)]
                text = poppler("pdftotext", content, folder, *pages, "-x", x, "-y", y, "-W", w, "-H", h)
            else:
                text = pdf[number - 1].get_textpage().get_text_bounded(left + 1, bottom, right - 1, top)
            while len(result) <= i:
                result.append([])
            result[i].append(text)
    return result


def seed_cells() -> list[list[str]]:
    """The seed report's table rows (tab-separated cells), header rows left out."""
    rows = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 7 and not cells[0].startswith("มาตรการหรือกิจกรรม"):
            rows.append(cells)
    return rows


def test_the_report_is_a_pdf_named_after_the_snapshot(report: dict[str, Any], report_pdf: bytes) -> None:
    rendered = get_renderer("pdf")(report, None)
    assert rendered.filename == "ita-report-2567-r2-v1.pdf"
    assert rendered.content_type == "application/pdf"
    assert report_pdf.startswith(b"%PDF-")


def test_every_page_is_a4_landscape_and_the_seed_fills_three_or_four(report_pdf: bytes, workdir: Path) -> None:
    info = poppler("pdfinfo", report_pdf, workdir, "-f", "1", "-l", "99")
    sizes = re.findall(r"Page\s+\d+ size:\s+(.+?) \(A4\)", info)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert 3 <= pages <= 4
    assert sizes == [A4_LANDSCAPE] * pages


def column_text(content: bytes, folder: Path, data: dict[str, Any], reader: str = "pdftotext") -> list[str]:
    """Each column's text across pages, without the header row repeated on every page, squeezed.

    pdftotext joins a word hyphenated at a line end and drops its hyphen: hyphens are left out.
    """
    headers = [squeeze(h) for h in layout(data).headers]
    return [
        "".join(squeeze(page).removeprefix(header) for page in pages).replace("-", "")
        for header, pages in zip(headers, column_texts(content, folder, reader), strict=True)
    ]


def test_the_text_layer_holds_every_cell_of_the_seed(report: dict[str, Any], report_pdf: bytes, workdir: Path) -> None:
    columns = column_text(report_pdf, workdir, report)
    for i, cells in enumerate(zip(*seed_cells(), strict=True)):
        text = columns[i]
        for cell in cells:
            expected = squeeze(cell).replace("-", "")
            if expected.startswith("๑.") and "๒." not in expected:
                expected = expected[2:]  # a single item is printed without its number
            assert expected in text, f"column {i + 1}: {cell!r} not found"


def test_words_with_sara_am_and_thai_digits_come_back_whole(report_pages: list[str]) -> None:
    text = squeeze("".join(report_pages))
    for word in ("ดำเนินการ", "ประจำ", "คำสั่ง", "ผู้บังคับบัญชา", "ครั้ง", "สำนักปลัด", "๒๕๖๗"):
        assert word in text
    assert "2567" not in text
    assert "\u2060" not in text and "\u200b" not in text


def test_the_header_row_is_on_every_page(report_pdf: bytes, workdir: Path) -> None:
    headers = layout(load("snapshot-klaeng-2567-report-r2.json")).headers
    columns = column_texts(report_pdf, workdir)
    assert len(columns) == 7
    for header, pages in zip(headers, columns, strict=True):
        assert len(pages) >= 3
        for text in pages:
            assert squeeze(text).startswith(squeeze(header))


def test_pages_are_numbered_in_thai_digits(report_pages: list[str]) -> None:
    total = len(report_pages)
    for number, text in enumerate(report_pages, start=1):
        assert f"หน้า{thai.to_thai_digits(str(number))}/{thai.to_thai_digits(str(total))}" in squeeze(text)
        assert "ฉบับที่๑·6f1c2a9e" in squeeze(text)


def test_the_same_snapshot_renders_to_the_same_bytes(report: dict[str, Any], report_pdf: bytes) -> None:
    assert render(copy.deepcopy(report), None).content == report_pdf


def test_signatures_print_what_was_filled_in(report_pages: list[str]) -> None:
    last = squeeze(report_pages[-1])
    for text in ("ผู้รายงาน", "(สมชายใจดี)", "นักวิเคราะห์นโยบายและแผน", "๒๖พฤศจิกายน๒๕๖๙", "ผู้ตรวจสอบ", "(วิชัยรักษ์ธรรม)"):
        assert text in last
    assert last.count("(ลงชื่อ)") == 3
    assert "()" not in last  # the reviewer's empty name leaves no empty parentheses


def test_without_thai_digits_the_digits_are_arabic_and_codes_stay(report: dict[str, Any], workdir: Path) -> None:
    data = copy.deepcopy(report)
    data["thai_digits"] = False
    data["rows"][0]["results"].append("ตามแบบ o26 ในระบบ e-plan ครั้งที่ 2")
    pages = pages_text(render(data, None).content, workdir)
    text = squeeze("".join(pages))
    assert "2567" in text and "ครั้งที่2" in text
    assert not re.search("[๐-๙]", text)
    assert "o26" in text and "e-plan" in text
    assert f"หน้า1/{len(pages)}" in squeeze(pages[0])


def test_codes_keep_their_arabic_digits_among_thai_digits(report: dict[str, Any], workdir: Path) -> None:
    data = copy.deepcopy(report)
    data["rows"][0]["results"].append("ตามแบบ o26 ในระบบ e-plan ครั้งที่ 2")
    text = squeeze("".join(pages_text(render(data, None).content, workdir)))
    assert "o26" in text and "e-plan" in text and "ครั้งที่๒" in text


def test_the_plan_renders_with_five_columns_and_indicator_names(workdir: Path) -> None:
    plan = load("snapshot-klaeng-2567-plan.json")
    plan["rows"][0]["indicators"] = [9, 10]
    rendered = render(plan, None)
    assert rendered.filename == "ita-plan-2567-v1.pdf"
    assert all(len(columns) == 5 for columns in table_columns(rendered.content))
    text = squeeze("".join(pages_text(rendered.content, workdir)))
    for words in ("ตัวชี้วัด ITA ที่เกี่ยวข้อง", "๙. การเปิดเผยข้อมูล", "๑๐. การป้องกันการทุจริต", "มาตรการส่งเสริมคุณธรรม"):
        assert squeeze(words) in text


def word_boxes(content: bytes, folder: Path) -> list[tuple[float, str]]:
    """(xMax, word) of every word pdftotext finds."""
    html = poppler("pdftotext", content, folder, "-bbox")
    return [(float(x), w) for x, w in _WORD.findall(html)]


def assert_inside_the_page(content: bytes, folder: Path) -> None:
    boxes = word_boxes(content, folder)
    assert boxes
    outside = [(x, w[:20]) for x, w in boxes if x > PAGE_WIDTH - MARGIN + 1]
    assert not outside, outside


def test_an_unbreakable_500_character_token_wraps_inside_the_page(report: dict[str, Any], workdir: Path) -> None:
    data = copy.deepcopy(report)
    data["rows"][0]["suggestions"] = "x" * 500
    data["rows"][1]["suggestions"] = "ก" * 500
    data["rows"][2]["title"] = "https://www.example.go.th/" + "a" * 300
    data["rows"][3]["suggestions"] = "๑๒๓๔๕๖๗๘๙๐" * 10
    data["intro"] = "y" * 500
    content = render(data, None).content
    assert_inside_the_page(content, workdir)
    assert "y" * 500 in squeeze(poppler("pdftotext", content, workdir))
    columns = column_text(content, workdir, data, reader="pdfium")
    assert "x" * 500 in columns[6] and "ก" * 500 in columns[6] and "๑๒๓๔๕๖๗๘๙๐" * 10 in columns[6]
    assert "https://www.example.go.th/".replace("-", "") + "a" * 300 in columns[0]


def test_a_10000_character_cell_flows_over_pages(report: dict[str, Any], workdir: Path) -> None:
    data = copy.deepcopy(report)
    data["rows"][0]["methods"] = ["มีนาคม สินบน ดำเนินการตามแผน " * 350]  # ~10,000 characters, 1,000 protected words
    data["rows"][1]["results"] = ["ดำเนินการ" * 220]  # ~2,000 characters without a space
    content = render(data, None).content
    assert_inside_the_page(content, workdir)
    columns = column_text(content, workdir, data, reader="pdfium")
    assert "มีนาคมสินบนดำเนินการตามแผน" * 350 in columns[1]
    assert "ดำเนินการ" * 220 in columns[4]


def test_a_department_wider_than_its_column_wraps_at_its_word_ends(report: dict[str, Any], workdir: Path) -> None:
    """Kept words are never broken inside, unless one is wider than its column: then at its own word
    ends, and every line stays inside its column."""
    data = copy.deepcopy(report)
    data["rows"][0]["responsible"] = "กองยุทธศาสตร์และงบประมาณ กองสาธารณสุขและสิ่งแวดล้อม"
    data["rows"][1]["timeframe"] = "กองสาธารณสุขและสิ่งแวดล้อม"
    data["rows"][2]["suggestions"] = "ณำณำณำณำณำ ฯ"  # the widest Thai clusters, kept with their ฯ
    content = render(data, None).content
    columns = table_columns(content)[0]
    html = poppler("pdftotext", content, workdir, "-bbox", "-f", "1", "-l", "1")
    table_top = PAGE_HEIGHT - columns[0][3]  # pdftotext measures from the top of the page
    words = [(float(a), float(b), w) for a, y, b, w in _WORD_SPAN.findall(html) if float(y) >= table_top]
    ours = [(a, b, w) for a, b, w in words if w and w.strip("ฯ") and w.strip("ฯ") in "".join(
        [data["rows"][0]["responsible"], data["rows"][1]["timeframe"], data["rows"][2]["suggestions"]]
    )]  # fmt: skip
    assert {"กองยุทธศาสตร์", "และงบประมาณ", "กองสาธารณสุข", "สิ่งแวดล้อม"} <= {w for _a, _b, w in ours}
    for left, right, word in ours:
        column = next(c for c in columns if c[0] - 1 <= left <= c[2])
        assert right <= column[2], (word, right, column)


def test_emoji_latin_and_empty_plans_render(report: dict[str, Any], workdir: Path) -> None:
    data = copy.deepcopy(report)
    data["rows"][0]["suggestions"] = "ดีมาก 😀👍🏽 ✓ → € Latin text mixed ภาษาไทย"
    data["intro"] = "Hello ทดสอบ 😀 mixed text"
    text = squeeze(poppler("pdftotext", render(data, None).content, workdir))
    assert "ดีมาก" in text and "Latintextmixedภาษาไทย" in text and "Helloทดสอบ" in text

    plan = load("snapshot-klaeng-2567-plan.json")
    plan["rows"] = []
    plan["signatures"] = []
    plan["intro"] = ""
    content = render(plan, None).content
    assert "Pages:           1" in poppler("pdfinfo", content, workdir)
    assert "มาตรการ" in poppler("pdftotext", content, workdir)


def test_typst_markup_in_the_data_is_printed_as_text(report: dict[str, Any], workdir: Path) -> None:
    data = copy.deepcopy(report)
    markup = '#set page(width: 1cm) $x^y$ *bold* _it_ <label> @ref [a] \\ `raw` // no comment " }'
    data["intro"] = markup
    data["rows"][0]["suggestions"] = "#pagebreak() ]"
    content = render(data, None).content
    assert squeeze(markup) in squeeze(poppler("pdftotext", content, workdir))
    assert "#pagebreak()]" in column_text(content, workdir, data, reader="pdfium")[6]


def tiny_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    pixels = zlib.compress(b"".join(b"\x00" + b"\xc0\x20\x20" * 8 for _ in range(8)))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_the_emblem_is_drawn_a_broken_one_left_out(report: dict[str, Any], report_pdf: bytes, workdir: Path) -> None:
    with_emblem = render(report, tiny_png()).content
    assert with_emblem == render(report, tiny_png()).content
    assert "image" in poppler("pdfimages", with_emblem, workdir, "-list").splitlines()[2]
    broken = render(report, b"\x89PNG\r\n\x1a\n not really an image").content
    assert poppler("pdftotext", broken, workdir) == poppler("pdftotext", report_pdf, workdir)
    assert render(report, b"GIF87a?").content.startswith(b"%PDF-")
    assert render(report, b"plain text, no image").content == report_pdf


def test_a_missing_font_is_an_error_naming_the_package(report: dict[str, Any], settings: Any, tmp_path: Path) -> None:
    settings.PDF_FONT_DIRS = [tmp_path]
    with pytest.raises(FontMissingError, match=r"Laksaman \(Debian package fonts-tlwg-laksaman-ttf\)"):
        render(report, None)


def test_the_font_is_found_where_debians_package_was_unpacked(tmp_path: Path) -> None:
    folder = tmp_path / "fonts" / "usr" / "share" / "fonts" / "truetype" / "tlwg"
    folder.mkdir(parents=True)
    for name in fonts.FILES:
        (folder / name).write_bytes(b"")
    assert fonts.font_dir([tmp_path / "missing", tmp_path / "fonts"]) == folder
    (folder / "Laksaman-Bold.ttf").unlink()
    with pytest.raises(FontMissingError):
        fonts.font_dir([tmp_path / "fonts"])
