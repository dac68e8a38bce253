"""Table layout inferred from word positions on a PDF page: the header, the column boundaries, the rows
(steps 3 to 6 in pdf.py)."""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field

from prongsai.imports.columns import classify, round_of
from prongsai.imports.normalise import compact_key
from prongsai.imports.readers.pdf_words import Line, Page, Word, _cell_text, join_words
from prongsai.imports.readers.table import Cell, join_wrapped

_ROW_NUMBER = re.compile(r"\(?([0-9๐-๙]{1,3})(?:\s*[.)]|\s*$)")
_ITEM = re.compile(r"\(?[0-9๐-๙]{1,3}[.)](?![0-9๐-๙])")
_KNOWN_EXTRA = re.compile(r"(?:งบประมาณ|แหล่งงบ|หมายเหตุ|จำนวนเงิน|เอกสาร|หลักฐาน|ลำดับ|ที่).*")
_SIGNATURE = re.compile(r"^\(?ลงชื่อ|^\(?ลงนาม")


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


@dataclass
class _State:
    header: Header | None = None
    last_number: int = 0
    started: bool = False  # a header has been seen
    shape: tuple[int, int] | None = None  # lines of the first header above and below its anchor
    cover: list[Cell] = field(default_factory=list)


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
