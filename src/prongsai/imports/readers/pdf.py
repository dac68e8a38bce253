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
password, or a page of more than MAX_WORDS words.
"""

from __future__ import annotations

import html
import itertools
import os
import re
import statistics
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field

from prongsai.imports.columns import classify, round_of
from prongsai.imports.normalise import compact_key
from prongsai.imports.readers.table import Cell, Grid, Source, build_report, join_wrapped
from prongsai.imports.seed import ImportFormatError, ParsedReport

TIMEOUT = 30.0  # seconds pdftotext may take
MAX_PAGES = 300
MAX_WORDS = 8000  # words on one page (a report's page has hundreds): beyond, the page is refused
MAX_MARKS = 500
SCAN = "ไฟล์ PDF นี้เป็นภาพสแกน ไม่มีข้อความให้อ่าน: ใช้ไฟล์ที่บันทึกจาก Word หรือทำ OCR ก่อน"
HINT = "ถ้าตารางในไฟล์เป็นภาพสแกนต้องทำ OCR ก่อน; ถ้ามีไฟล์ Word ต้นฉบับ ให้นำเข้าไฟล์ Word แทน ซึ่งอ่านได้แม่นยำกว่า PDF"
SPACE = 0.15  # a gap wider than this share of the line height is a space
_TOKEN = re.compile(
    r'<page width="([^"]*)" height="([^"]*)"|'
    r'<word xMin="([^"]*)" yMin="([^"]*)" xMax="([^"]*)" yMax="([^"]*)">([^<]*)</word>'
)
_ROW_NUMBER = re.compile(r"\(?([0-9๐-๙]{1,3})(?:\s*[.)]|\s*$)")
_PAGE_NUMBER = re.compile(
    r"(?:หน้า|หน้าที่|page)\s*[0-9๐-๙]{1,4}(?:\s*(?:/|จาก|of)\s*[0-9๐-๙]{1,4})?|"
    r"\s*[-–—]?\s*[0-9๐-๙]{1,3}\s*[-–—]?\s*(?:/\s*[0-9๐-๙]{1,3})?\s*",
    re.IGNORECASE,
)
_ITEM = re.compile(r"\(?[0-9๐-๙]{1,3}[.)](?![0-9๐-๙])")
_KNOWN_EXTRA = re.compile(r"(?:งบประมาณ|แหล่งงบ|หมายเหตุ|จำนวนเงิน|เอกสาร|หลักฐาน|ลำดับ|ที่).*")
_SIGNATURE = re.compile(r"^\(?ลงชื่อ|^\(?ลงนาม")


@dataclass
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def h(self) -> float:
        return max(self.y1 - self.y0, 1.0)

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Line:
    words: list[Word]

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def cy(self) -> float:
        return statistics.median(w.cy for w in self.words)

    @property
    def h(self) -> float:
        return statistics.median(w.h for w in self.words)

    @property
    def text(self) -> str:
        return join_words(self.words)


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)


# --- pdftotext ------------------------------------------------------------------------------------------


def extract(data: bytes, timeout: float = TIMEOUT) -> list[Page]:
    """The words of each page, from pdftotext in a subprocess with a time limit."""
    fd, path = tempfile.mkstemp(suffix=".pdf", prefix="prongsai-import-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        try:
            done = subprocess.run(  # noqa: S603 — a fixed program and arguments
                ["pdftotext", "-bbox-layout", "-enc", "UTF-8", "-q", "-l", str(MAX_PAGES), path, "-"],  # noqa: S607
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


# --- words and lines --------------------------------------------------------------------------------------


def _is_mark(text: str) -> bool:
    return all(unicodedata.category(char) == "Mn" for char in text)


def attach_marks(words: list[Word]) -> list[Word]:
    """Words that are only combining marks, put back into the word they belong to."""
    marks = [w for w in words if _is_mark(w.text)]
    if not marks:
        return words
    if len(marks) > MAX_MARKS:  # not a text a person wrote: the marks are dropped, not searched for
        return [w for w in words if not _is_mark(w.text)]
    rest = [Word(w.x0, w.y0, w.x1, w.y1, w.text) for w in words if not _is_mark(w.text)]
    for mark in sorted(marks, key=lambda w: w.x0):
        same_line = [w for w in rest if abs(w.cy - mark.cy) < 0.4 * max(w.h, mark.h)]
        before = [w for w in same_line if w.x1 <= mark.x0 + 1.0]
        host = max(before, key=lambda w: w.x1) if before else None
        if host is not None and mark.x0 - host.x1 < 0.5 * host.h:
            host.text += mark.text
            continue
        inside = [w for w in same_line if w.x0 <= mark.x0 <= w.x1]
        if inside:
            host = inside[0]
            bases = [i for i, char in enumerate(host.text) if unicodedata.category(char) != "Mn"]
            share = (mark.x0 - host.x0) / max(host.x1 - host.x0, 0.1)
            k = min(len(bases) - 1, max(0, round(share * len(bases)) - 1)) if bases else 0
            at = bases[k] + 1 if bases else len(host.text)
            while at < len(host.text) and unicodedata.category(host.text[at]) == "Mn":
                at += 1
            host.text = host.text[:at] + mark.text + host.text[at:]
        # a mark alone on its line is dropped: it belongs to no letter
    return rest


def join_words(words: list[Word]) -> str:
    """Words of one line, left to right: a space only where the gap is wider than a split inside a word."""
    text = ""
    previous: Word | None = None
    for word in sorted(words, key=lambda w: w.x0):
        if previous is not None:
            gap = word.x0 - previous.x1
            text += " " if gap > SPACE * max(previous.h, word.h) else ""
        text += word.text
        previous = word
    return text


def group_lines(words: list[Word]) -> list[Line]:
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.cy, w.x0)):
        if lines and abs(word.cy - lines[-1].words[-1].cy) < 0.3 * word.h:
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def _pitch(lines: list[Line]) -> float:
    steps = [b.cy - a.cy for a, b in itertools.pairwise(lines) if 0 < b.cy - a.cy < 2.5 * a.h]
    return statistics.median(steps) if steps else (lines[0].h if lines else 12.0)


def _is_page_number(line: Line, page: Page) -> bool:
    if not (line.y1 < 0.12 * page.height or line.y0 > 0.85 * page.height):
        return False
    text = line.text
    return bool(_PAGE_NUMBER.fullmatch(text) or re.search(r"(?:หน้า|page)\s*[0-9๐-๙]{1,3}\s*(?:/|จาก|of)", text, re.I))


# --- the header and the columns ---------------------------------------------------------------------------


def _named_fields(line: Line) -> set[str]:
    """Fields named by the line's words, alone or with their neighbour (a header word poppler split)."""
    names: set[str] = set()
    words = line.words
    for i, word in enumerate(words):
        for text in (word.text, word.text + words[i + 1].text if i + 1 < len(words) else ""):
            name = classify(text) if text else None
            if name:
                names.add(name)
    return names


def _clusters(words: list[Word]) -> list[list[Word]]:
    """Header words grouped by horizontal overlap (gaps narrower than a third of a line join)."""
    groups: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.x0):
        if groups and word.x0 <= max(w.x1 for w in groups[-1]) + 0.3 * word.h:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def _spanning(band: list[Line]) -> tuple[list[Word], list[tuple[str, float, float]]]:
    """The header's words that make its columns, and the spanning phrases over them: (text, x0, x1) of a
    phrase (words a space apart) that stands over two or more separate groups of header words, the x range
    being that of the groups below it ("ผลการดำเนินการ" over "รอบ ๖ เดือน" | "รอบ ๑๒ เดือน")."""
    phrases = [phrase for line in band for phrase in _clusters(line.words)]
    words = [w for phrase in phrases for w in phrase]
    spans: list[tuple[str, float, float]] = []
    spanning: set[int] = set()
    for phrase in phrases:
        x0, x1 = min(w.x0 for w in phrase), max(w.x1 for w in phrase)
        cy, h = statistics.median(w.cy for w in phrase), statistics.median(w.h for w in phrase)
        below = [w for w in words if w.cy > cy + 0.5 * h and w.x1 > x0 and w.x0 < x1]
        groups = _clusters(below)
        if len(groups) >= 2:
            spans.append((join_words(phrase), min(w.x0 for w in below), max(w.x1 for w in below)))
            spanning.update(id(w) for w in phrase)
    return [w for w in words if id(w) not in spanning], spans


def _cell_text(words: list[Word]) -> str:
    return "\n".join(line.text for line in group_lines(words))


@dataclass
class Header:
    bounds: list[float]  # x of the boundaries between columns (len = columns - 1)
    rows: list[list[str]]  # one or two header rows, one text per column


def _band(lines: list[Line], anchor: int, pitch: float, shape: tuple[int, int] | None) -> tuple[int, int]:
    """The lines [top, bottom] of the header around the anchor line.

    On the first page the header grows line by line while a line reads as more header text (``_fits``); a
    header repeated on a later page takes at most as many lines above and below its anchor as the first one
    had (``shape``), so that a short line of a row going on from the page before is not taken for header text.
    """
    up, down = shape if shape is not None else (5, 5)
    top = bottom = anchor
    while top > 0 and anchor - top < up and _fits(lines[top - 1], lines[top : bottom + 1], pitch, lines[top]):
        top -= 1
    while bottom + 1 < len(lines) and bottom - anchor < down:
        if not _fits(lines[bottom + 1], lines[top : bottom + 1], pitch, lines[bottom]):
            break
        bottom += 1
    return top, bottom


def _fits(line: Line, band: list[Line], pitch: float, neighbour: Line) -> bool:
    """Whether a line next to the header band is more of the header.

    Not when it is far from its neighbour, holds a number in front of text ("๒. …", a data row), or a word
    that is neither a column name, nor under a header cell that is still incomplete ("หน่วยงานที่รับ" +
    "ผิดชอบ"), nor a short ending under a header cell ("ดำเนินการ", "การดำเนินการ", "รอบ ๖ เดือน")."""
    if abs(line.cy - neighbour.cy) > 1.3 * pitch:
        return False
    if _ROW_NUMBER.fullmatch(line.words[0].text) or any(_ITEM.match(w.text) for w in line.words):
        return False
    groups = _clusters([w for band_line in band for w in band_line.words])
    for phrase in _clusters(line.words):  # words a space apart: "รอบ ๑๒"
        text = join_words(phrase)
        if len(text) > 30:
            return False
        if classify(text) or _known_header(text):
            continue
        x0, x1 = min(w.x0 for w in phrase), max(w.x1 for w in phrase)
        over = [g for g in groups if _overlap(x0, x1, *_extent(g)) >= 0.5 * max(x1 - x0, 1.0)]
        if not over:
            return False
        above = join_wrapped(_cell_text(over[0]))
        if not (classify(above) or _known_header(above)):
            continue  # completes a header cell still incomplete
        if len(text) > 14:
            return False
    return True


def _extent(words: list[Word]) -> tuple[float, float]:
    return min(w.x0 for w in words), max(w.x1 for w in words)


def _known_header(text: str) -> bool:
    """A column name that is no field (หมายเหตุ, งบประมาณ) or a round label (รอบ ๖ เดือน)."""
    return round_of(text) is not None or bool(_KNOWN_EXTRA.fullmatch(compact_key(text)))


def _overlap(x0: float, x1: float, left: float, right: float) -> float:
    return max(0.0, min(x1, right) - max(x0, left))


def find_header(lines: list[Line], pitch: float, shape: tuple[int, int] | None) -> tuple[int, int, int] | None:
    """(top, anchor, bottom) of the first header on the page, or None."""
    for index, line in enumerate(lines):
        if len(_named_fields(line)) >= 3:
            top, bottom = _band(lines, index, pitch, shape)
            return top, index, bottom
    return None


def make_header(band: list[Line], body: list[Word]) -> Header:
    kept, spans = _spanning(band)
    groups = _clusters(kept)
    bounds = []
    for left, right in itertools.pairwise(groups):
        bounds.append(_boundary(max(w.x1 for w in left), min(w.x0 for w in right), body))
    bottom = [join_wrapped(_cell_text(group)) for group in groups]
    if not spans:
        return Header(bounds, [bottom])
    # two header rows: a spanning phrase on top of the first column it covers; a column under none has its
    # whole header on top
    top = [""] * len(groups)
    placed: set[int] = set()
    for j, group in enumerate(groups):
        x0, x1 = _extent(group)
        covering = [k for k, (_, left, right) in enumerate(spans) if _overlap(x0, x1, left, right) >= 0.5 * (x1 - x0)]
        if not covering:
            top[j], bottom[j] = bottom[j], ""
        elif covering[0] not in placed:
            placed.add(covering[0])
            top[j] = spans[covering[0]][0]
    return Header(bounds, [top, bottom])


def _boundary(left: float, right: float, body: list[Word]) -> float:
    """The x between two header groups where fewest body words are: the middle of the widest such run."""
    if right <= left:
        return (left + right) / 2
    body = [w for w in body if w.x1 > left and w.x0 < right]
    edges = sorted({left, right, *(x for w in body for x in (w.x0, w.x1) if left < x < right)})
    best: tuple[int, float, float] | None = None  # (-count, width, middle)
    for a, b in itertools.pairwise(edges):
        middle = (a + b) / 2
        count = sum(1 for w in body if w.x0 < middle < w.x1)
        key = (-count, b - a, middle)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else (left + right) / 2


def _column(word: Word, bounds: list[float]) -> int:
    centre = (word.x0 + word.x1) / 2
    return sum(1 for b in bounds if centre > b)


def _crosses(word: Word, bounds: list[float]) -> bool:
    return any(word.x0 < b - 1.5 and word.x1 > b + 1.5 for b in bounds)


# --- pages to grids ---------------------------------------------------------------------------------------


@dataclass
class _State:
    header: Header | None = None
    last_number: int = 0
    started: bool = False  # a header has been seen
    shape: tuple[int, int] | None = None  # lines of the first header above and below its anchor
    cover: list[Cell] = field(default_factory=list)


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


def _until_gap(lines: list[Line], pitch: float) -> list[Line]:
    kept: list[Line] = []
    for line in lines:
        if kept and line.cy - kept[-1].cy > 3 * pitch:
            break
        kept.append(line)
    return kept


def _table_lines(lines: list[Line], bounds: list[float], pitch: float) -> list[Line]:
    kept: list[Line] = []
    for line in lines:
        if kept and line.cy - kept[-1].cy > 3 * pitch:
            break
        if any(_crosses(w, bounds) for w in line.words) or _SIGNATURE.match(line.text):
            break
        kept.append(line)
    return kept


def _rows(body: list[Line], bounds: list[float], page: Page, state: _State) -> list[list[Cell]]:
    columns = len(bounds) + 1
    starts: list[float] = []
    for line in body:
        first = [w for w in line.words if _column(w, bounds) == 0]
        if not first:
            continue
        match = _ROW_NUMBER.match(join_words(first))
        if match:
            number = int(match.group(1).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
            if number > state.last_number:
                state.last_number = number
                starts.append(line.y0 - 0.2 * line.h)
    words = [w for line in body for w in line.words]
    bands: list[tuple[float, float, bool]] = []  # (top, bottom, continues the row before)
    top = min((w.y0 for w in words), default=0.0) - 1
    if starts and starts[0] > top + 0.5:
        bands.append((top, starts[0], True))
    elif not starts:
        bands.append((top, float("inf"), True))
    for k, start in enumerate(starts):
        bands.append((start, starts[k + 1] if k + 1 < len(starts) else float("inf"), False))
    rows: list[list[Cell]] = []
    for number, (y_top, y_bottom, continues) in enumerate(bands, start=1):
        inside = [w for w in words if y_top <= w.cy < y_bottom]
        if not inside:
            continue
        cells = []
        for j in range(columns):
            text = _cell_text([w for w in inside if _column(w, bounds) == j])
            cells.append(Cell(text, f"หน้า {page.number} แถว {number} คอลัมน์ {j + 1}", above=continues))
        rows.append(cells)
    return rows


def read_pdf(data: bytes) -> ParsedReport:
    if b"%%EOF" not in data[-4096:]:
        raise ImportFormatError(
            None,
            "ไฟล์ PDF นี้ไม่ครบ (ขาดส่วนท้ายของไฟล์ อาจดาวน์โหลดหรือคัดลอกมาไม่สมบูรณ์): "
            "ดาวน์โหลดหรือบันทึกเป็น PDF ใหม่ หรือนำเข้าไฟล์ Word ต้นฉบับแทน",
        )
    pages = extract(data)
    if not any(page.words for page in pages):
        raise ImportFormatError(None, SCAN)
    state = _State()
    grids = [grid for page in pages for grid in page_grids(page, state)]
    return build_report(Source("pdf", grids, cover=state.cover, hint=HINT))
