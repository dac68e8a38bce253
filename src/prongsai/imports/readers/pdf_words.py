"""The words of a PDF page as poppler gives them, put back together: marks, words and lines (see pdf.py)."""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from dataclasses import dataclass, field

MAX_MARKS = 500
SPACE = 0.15  # a gap wider than this share of the line height is a space
_PAGE_NUMBER = re.compile(
    r"(?:หน้า|หน้าที่|page)\s*[0-9๐-๙]{1,4}(?:\s*(?:/|จาก|of)\s*[0-9๐-๙]{1,4})?|"
    r"\s*[-–—]?\s*[0-9๐-๙]{1,3}\s*[-–—]?\s*(?:/\s*[0-9๐-๙]{1,3})?\s*",
    re.IGNORECASE,
)


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


def _cell_text(words: list[Word]) -> str:
    return "\n".join(line.text for line in group_lines(words))
