"""PDF with a text layer (saved from Word or LibreOffice, or printed by Prongsai itself).

Words and their boxes come from poppler's ``pdftotext -bbox-layout``, run as a subprocess with a time limit
(a damaged or hostile PDF cannot hang the import; poppler keeps Typst's and LibreOffice's Thai intact,
where pdfminer garbles it). Poppler gives no ruling lines, so the table is inferred from word positions:

1. Marks: a tone mark or vowel that poppler leaves as a word of its own (LibreOffice's PDFs: a zero-width
   "้" after "ครั") is put back after the character it follows. Words on one line closer than 0.15 of the
   line height are one word (poppler splits "เป็น" as "เป็" "น"); farther apart they have a space between.
2. Lines: words whose vertical centres agree; page numbers ("หน้า ๑ / ๓", "- ๒ -") near the top or bottom
   of a page are dropped.
3. Header: the first line on the page where three or more words name columns (columns.classify) anchors
   it. On the first page, the lines just above and below join it while they read as more header text:
   no number in front (a data row), and each word a column name, or under a header cell still incomplete
   ("หน่วยงานที่รับ" + "ผิดชอบ"), or a short ending under one ("ดำเนินการ", "รอบ ๖ เดือน"). A header
   repeated on a later page takes at most as many lines around its anchor as the first one had, so a short
   line of a row going on from the page before is not mistaken for header text. The header's words are
   grouped into columns by horizontal overlap; a word standing over two or more groups of header words
   below it (``ผลการดำเนินการ`` over ``รอบ ๖ เดือน`` | ``รอบ ๑๒ เดือน``) is the top row of a two-row header.
4. Column boundaries: between two header groups, where the fewest body words are (the widest empty run).
   A page without a header (a table going on without repeating it) uses the previous page's columns.
5. Table end: the first line with a word across a column boundary (a signature block, a paragraph), a
   signature line, a page number, or a gap of three lines.
6. Rows: a new measure starts at a line whose first-column text begins with a number ("๓.", "3", "(3)")
   larger than the last one; everything down to the next such line is that measure's row, split into
   cells by the column boundaries. What comes above the first such line on a page continues the measure
   of the page before (a row split across pages). A second header on a page (the next of several tables)
   starts a new grid.
7. Title block: the lines above the first header, with a blank line where the gap between lines is
   larger than usual (a new paragraph).

The cells go to table.py as "wrapped" grids (one per table on a page): their line breaks are the layout's
and are joined back there (no space between Thai letters). What cannot be known from a PDF: a cell merged
down over two rows gives its text to the first row only; where a line break stood for a space.

A PDF without any text (a scan) raises ImportFormatError, as does one cut short (no ``%%EOF``), one with a
password, a page of more than MAX_WORDS words, or more than limits.MAX_PAGES pages or MAX_TEXT_CHARS characters.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import tempfile
import unicodedata

from prongsai.imports.limits import MAX_PAGES, SPLIT, Budget, exceeded
from prongsai.imports.readers.pdf_layout import _rows, _State, _table_lines, _until_gap, find_header, make_header
from prongsai.imports.readers.pdf_words import Line, Page, Word, _is_page_number, _pitch, attach_marks, group_lines
from prongsai.imports.readers.table import Cell, Grid, Source, build_report
from prongsai.imports.seed import ImportFormatError, ParsedReport

TIMEOUT = 30.0  # seconds pdftotext may take
MAX_WORDS = 8000  # words on one page (a report's page has hundreds): beyond, the page is refused
SCAN = "ไฟล์ PDF นี้เป็นภาพสแกน ไม่มีข้อความให้อ่าน: ใช้ไฟล์ที่บันทึกจาก Word หรือทำ OCR ก่อน"
HINT = "ถ้าตารางในไฟล์เป็นภาพสแกนต้องทำ OCR ก่อน; ถ้ามีไฟล์ Word ต้นฉบับ ให้นำเข้าไฟล์ Word แทน ซึ่งอ่านได้แม่นยำกว่า PDF"
_TOKEN = re.compile(
    r'<page width="([^"]*)" height="([^"]*)"|'
    r'<word xMin="([^"]*)" yMin="([^"]*)" xMax="([^"]*)" yMax="([^"]*)">([^<]*)</word>'
)


# --- pdftotext ------------------------------------------------------------------------------------------


def extract(data: bytes, timeout: float = TIMEOUT) -> list[Page]:
    """The words of each page, from pdftotext in a subprocess with a time limit."""
    fd, path = tempfile.mkstemp(suffix=".pdf", prefix="prongsai-import-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        try:
            done = subprocess.run(  # noqa: S603 — a fixed program and arguments
                ["pdftotext", "-bbox-layout", "-enc", "UTF-8", "-q", "-l", str(MAX_PAGES + 1), path, "-"],  # noqa: S607
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ImportFormatError(
                None, "อ่านไฟล์ PDF นี้นานเกินกำหนด (ไฟล์อาจเสียหรือซับซ้อนเกินไป): นำเข้าไฟล์ Word ต้นฉบับแทน"
            ) from None
        except FileNotFoundError:
            raise ImportFormatError(
                None, "เครื่องนี้ยังอ่านไฟล์ PDF ไม่ได้ (ไม่มีโปรแกรม pdftotext ของ poppler-utils): แจ้งผู้ดูแลระบบ"
            ) from None
    finally:
        os.unlink(path)
    output = done.stdout.decode("utf-8", errors="replace")
    if "<doc>" not in output:
        if b"assword" in done.stderr:
            raise ImportFormatError(None, "ไฟล์ PDF นี้ตั้งรหัสผ่านไว้: เปิดไฟล์แล้วบันทึกใหม่โดยไม่ตั้งรหัสผ่าน แล้วนำเข้าอีกครั้ง")
        raise ImportFormatError(None, "ไฟล์ PDF นี้เสียหรือไม่สมบูรณ์ จึงอ่านไม่ได้: บันทึกเป็น PDF จาก Word ใหม่ หรือนำเข้าไฟล์ Word แทน")
    return parse_bbox(output)


def _float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        return 0.0
    return value if value == value and abs(value) < 1e7 else 0.0  # no NaN nor infinity


def parse_bbox(output: str) -> list[Page]:
    pages: list[Page] = []
    for match in _TOKEN.finditer(output):
        if match.group(1) is not None:
            pages.append(Page(len(pages) + 1, _float(match.group(1)), _float(match.group(2))))
        elif pages:
            x0, y0, x1, y1 = (_float(match.group(i)) for i in range(3, 7))
            text = unicodedata.normalize("NFC", html.unescape(match.group(7))).strip()
            if text:
                pages[-1].words.append(Word(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), text))
    return pages


# --- pages to grids ---------------------------------------------------------------------------------------


def _cover_lines(lines: list[Line], page: Page, cover: list[Cell]) -> None:
    pitch = _pitch(lines)
    previous: Line | None = None
    for line in lines:
        if previous is not None and line.cy - previous.cy > 1.35 * pitch:
            cover.append(Cell("", f"หน้า {page.number}"))
        cover.append(Cell(line.text, f"หน้า {page.number} บรรทัดที่ {len(cover) + 1}"))
        previous = line


def page_grids(page: Page, state: _State) -> list[Grid]:
    """The tables of a page: what continues the previous page's table, then each header and its rows."""
    if len(page.words) > MAX_WORDS:
        raise ImportFormatError(
            None,
            f"หน้า {page.number} ของไฟล์ PDF มีข้อความมากเกินกว่าจะเป็นหน้าของรายงาน ({len(page.words)} คำ): "
            "ตรวจว่าเลือกไฟล์ถูก หรือนำเข้าไฟล์ Word ต้นฉบับแทน",
        )
    words = attach_marks(page.words)
    lines = [line for line in group_lines(words) if not _is_page_number(line, page)]
    if not lines:
        return []
    pitch = _pitch(lines)
    grids: list[Grid] = []
    start = 0
    while start < len(lines):
        found = find_header(lines[start:], pitch, state.shape)
        top = start + found[0] if found else len(lines)
        if top > start:  # lines before the (next) header
            if state.header is not None:
                body = _table_lines(lines[start:top], state.header.bounds, pitch)
                rows = _rows(body, state.header.bounds, page, state)
                grids.append(Grid(rows, f"หน้า {page.number}", wrapped=True))
            elif not state.started:
                _cover_lines(lines[start:top], page, state.cover)
        if found is None:
            break
        anchor, bottom = start + found[1], start + found[2]
        if state.shape is None:
            state.shape = (anchor - top, bottom - anchor)
        following = find_header(lines[bottom + 1 :], pitch, state.shape)
        end = bottom + 1 + following[0] if following else len(lines)
        candidates = _until_gap(lines[bottom + 1 : end], pitch)
        header = make_header(lines[top : bottom + 1], [w for line in candidates for w in line.words])
        state.header, state.started = header, True
        header_rows = [
            [Cell(text, f"หน้า {page.number} หัวตาราง คอลัมน์ {j + 1}") for j, text in enumerate(row)]
            for row in header.rows
        ]
        body = _table_lines(lines[bottom + 1 : end], header.bounds, pitch)
        grids.append(Grid(header_rows + _rows(body, header.bounds, page, state), f"หน้า {page.number}", wrapped=True))
        start = end
    return grids


def read_pdf(data: bytes, columns: dict[str, str] | None = None) -> ParsedReport:
    if b"%%EOF" not in data[-4096:]:
        raise ImportFormatError(
            None,
            "ไฟล์ PDF นี้ไม่ครบ (ขาดส่วนท้ายของไฟล์ อาจดาวน์โหลดหรือคัดลอกมาไม่สมบูรณ์): "
            "ดาวน์โหลดหรือบันทึกเป็น PDF ใหม่ หรือนำเข้าไฟล์ Word ต้นฉบับแทน",
        )
    pages = extract(data)
    if len(pages) > MAX_PAGES:
        raise exceeded(f"หน้า {MAX_PAGES + 1}", "จำนวนหน้า", None, MAX_PAGES, "หน้า", SPLIT)
    if not any(page.words for page in pages):
        raise ImportFormatError(None, SCAN)
    budget = Budget()
    for page in pages:
        budget.text(sum(len(word.text) for word in page.words), f"หน้า {page.number}")
    state = _State()
    grids = [grid for page in pages for grid in page_grids(page, state)]
    return build_report(Source("pdf", grids, cover=state.cover, hint=HINT), columns)
