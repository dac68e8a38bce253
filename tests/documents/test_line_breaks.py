"""Every line break of the rendered seed report, judged against a Thai dictionary.

renderers/thai_breaks.py gives Typst the places where a Thai line may break (libthai's
dictionary); without libthai, Typst finds them with its learned model. Both ways are judged here. The PDF is read back
with pypdfium2 (characters with their positions), its lines are grouped per table column and matched
to the paragraphs `layout()` printed, and each break inside a paragraph is judged:

* no line starts with a following vowel, a tone mark, ฯ, ๆ or closing punctuation;
* no break falls inside a protected word (documents/data/protected_words.txt);
* no break falls where no dictionary segmentation has a word boundary: the Thai run ending the first
  line and the run starting the next are joined and cut into words by PyThaiNLP (newmm, its Thai
  word list plus the protected words). A break between two tokens is fine. A break inside a
  dictionary word longer than one character is fine only when both sides are themselves made of
  dictionary words (a compound such as การ|ศึกษา); otherwise it splits a word. Breaks inside
  non-Thai runs (an over-long token forced to wrap) are not judged.
"""

from __future__ import annotations

import ctypes
import itertools
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import dict_trie

from prongsai.documents.content import Layout, layout
from prongsai.documents.renderers import thai_breaks
from prongsai.documents.renderers.pdf import render
from prongsai.documents.renderers.thai_breaks import protected_words

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
THAI_RUN = "[\u0e01-\u0e4e]+"
# Characters that never begin a line: following vowels, above/below vowels, tone marks, ฯ, ๆ, closers.
NO_LINE_START = set("ะัาำิีึืฺุู็่้๊๋์ํๅฯๆ)],.;:!?")
_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass
class Break:
    """A soft line break inside a printed paragraph: `paragraph[:at]` ends one line."""

    where: str
    paragraph: str
    at: int
    before: str
    after: str


def _group_lines(chars: list[tuple[float, int, str]]) -> list[str]:
    """(baseline, index, char) → the lines, top down; a line keeps the text order of its characters."""
    lines: list[tuple[float, list[tuple[int, str]]]] = []
    for baseline, index, char in sorted(chars, key=lambda c: (-c[0], c[1])):
        if lines and abs(lines[-1][0] - baseline) < 1:
            lines[-1][1].append((index, char))
        else:
            lines.append((baseline, [(index, char)]))
    return ["".join(c for _i, c in sorted(line)) for _b, line in lines]


def read_page(page: Any) -> tuple[dict[tuple[int, int], list[str]], list[str]]:
    """One page: the table's lines per (column, row band) and the lines above the table."""
    xs: list[float] = []
    ys: list[float] = []
    top = bottom = None
    for obj in page.get_objects(max_depth=3):
        if obj.type != pdfium_raw.FPDF_PAGEOBJ_PATH:
            continue
        left, low, right, high = obj.get_bounds()
        if right - left < 2 and high - low > 10:
            xs.append((left + right) / 2)
            top = high if top is None else max(top, high)
            bottom = low if bottom is None else min(bottom, low)
        elif high - low < 2 and right - left > 10:
            ys.append((low + high) / 2)
    edges = sorted(xs)
    rules = sorted(ys)
    text = page.get_textpage()
    cells: dict[tuple[int, int], list[tuple[float, int, str]]] = {}
    above: list[tuple[float, int, str]] = []
    x, y = ctypes.c_double(), ctypes.c_double()
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        if char in ("", "\r", "\n"):
            continue
        if char == "\ufffe":  # pdfium's mark for a hyphen ending a line (e-|plan)
            char = "-"
        pdfium_raw.FPDFText_GetCharOrigin(text.raw, i, x, y)
        left, _b, right, _t = text.get_charbox(i, loose=True)
        middle = (left + right) / 2
        if top is not None and bottom is not None and bottom < y.value < top and edges[0] < middle < edges[-1]:
            column = sum(1 for e in edges if e <= middle) - 1
            band = sum(1 for r in rules if r > y.value)  # 1: the header row
            cells.setdefault((column, band), []).append((y.value, i, char))
        elif top is None or y.value > top:
            above.append((y.value, i, char))
    return {key: _group_lines(chars) for key, chars in sorted(cells.items())}, _group_lines(above)


def _split(where: str, paragraph: str, lines: list[str]) -> list[Break]:
    """The breaks between the printed lines of one paragraph, as offsets into the paragraph."""
    positions = [i for i, c in enumerate(paragraph) if not c.isspace()]
    breaks = []
    done = 0
    for before, after in itertools.pairwise(lines):
        done += len(squeeze(before))
        breaks.append(Break(where, paragraph, positions[done], before, after))
    return breaks


def match_paragraphs(where: str, paragraphs: list[str], lines: list[str]) -> list[Break]:
    """Consume `lines` paragraph by paragraph (whitespace aside, the text must be identical)."""
    lines = [line for line in lines if squeeze(line)]
    breaks: list[Break] = []
    i = 0
    for paragraph in paragraphs:
        target, got, taken = squeeze(paragraph), "", []
        while len(got) < len(target) and i < len(lines):
            got += squeeze(lines[i])
            taken.append(lines[i])
            i += 1
        assert got == target, f"{where}: printed {taken!r}, expected {paragraph!r}"
        breaks += _split(where, paragraph, taken)
    assert i == len(lines), f"{where}: unexpected lines {lines[i:]!r}"
    return breaks


def all_breaks(content: bytes, printed: Layout) -> list[Break]:
    pdf = pdfium.PdfDocument(content)
    columns: dict[int, list[str]] = {}
    headers: dict[int, list[str]] = {}
    intro_lines: list[str] = []
    for number, page in enumerate(pdf):
        cells, above = read_page(page)
        if number == 0:
            intro_lines = above
        for (column, band), lines in cells.items():
            if band == 1:
                if number == 0:
                    headers[column] = lines
            else:
                columns.setdefault(column, []).extend(lines)
    breaks = []
    # The introduction: the last lines above the table on the first page.
    intro = squeeze(printed.intro)
    start = next(i for i in range(len(intro_lines)) if squeeze("".join(intro_lines[i:])) == intro)
    breaks += match_paragraphs("intro", [printed.intro], intro_lines[start:])
    for column, header in enumerate(printed.headers):
        breaks += match_paragraphs(f"header {column + 1}", [header], headers[column])
        paragraphs = [line for row in printed.rows for line in row[column] if squeeze(line)]
        breaks += match_paragraphs(f"column {column + 1}", paragraphs, columns.get(column, []))
    return breaks


@cache
def dictionary() -> tuple[frozenset[str], Any]:
    words = frozenset(thai_words()) | frozenset(protected_words())
    return words, dict_trie(words)


def tokens(text: str) -> list[str]:
    return word_tokenize(text, custom_dict=dictionary()[1], engine="newmm", keep_whitespace=False)


def all_words(text: str) -> bool:
    return all(token in dictionary()[0] for token in tokens(text))


def judge(b: Break) -> str:
    """The verdict on a break: ok, compound (between the parts of a dictionary word) or split."""
    tail = re.search(THAI_RUN + "$", b.paragraph[: b.at])
    head = re.match(THAI_RUN, b.paragraph[b.at :])
    if not (tail and head):
        return "ok"  # at a space, a digit, punctuation or Latin text
    joined, cut = tail.group() + head.group(), len(tail.group())
    start = 0
    for token in tokens(joined):
        if start < cut < start + len(token) and len(token) > 1 and token in dictionary()[0]:
            inside = cut - start
            return "compound" if all_words(token[:inside]) and all_words(token[inside:]) else "split"
        start += len(token)
    return "ok"


def seed() -> dict[str, Any]:
    return json.loads((FIXTURES / "snapshot-klaeng-2567-report-r2.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["libthai", "typst"])
def breaks(request: pytest.FixtureRequest) -> list[Break]:
    """The seed's breaks, found by libthai (thai_breaks.py) or, as on a machine without it, by Typst."""
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "typst":
            patch.setattr(thai_breaks, "word_breaker", lambda: None)
        data = seed()
        return all_breaks(render(data, None).content, layout(data))


def show(found: list[Break]) -> str:
    return "; ".join(f"{b.where}: {b.before[-12:]}|{b.after[:12]}" for b in found)


def test_the_whole_report_is_read_back_line_by_line(breaks: list[Break]) -> None:
    assert len(breaks) > 100
    assert any(b.where == "intro" for b in breaks)


def test_no_line_starts_with_a_mark_or_closing_punctuation(breaks: list[Break]) -> None:
    bad = [b for b in breaks if b.after.lstrip()[:1] in NO_LINE_START]
    assert not bad, show(bad)


def test_no_break_inside_a_protected_word(breaks: list[Break]) -> None:
    bad = []
    for b in breaks:
        for word in protected_words():
            for m in re.finditer(re.escape(word), b.paragraph):
                if m.start() < b.at < m.end():
                    bad.append(b)
    assert not bad, show(bad)


def test_no_break_inside_a_dictionary_word(breaks: list[Break]) -> None:
    verdicts = [judge(b) for b in breaks]
    split = [b for b, v in zip(breaks, verdicts, strict=True) if v == "split"]
    assert not split, show(split)
    # Breaks between the parts of a compound (การ|ศึกษา, ดำเนินการแล้ว|เสร็จ) are Thai practice; at
    # the time of writing 17 of 135 breaks were such. Many more would mean the protection stopped
    # working.
    compounds = verdicts.count("compound")
    assert compounds <= len(breaks) // 4, f"{compounds} of {len(breaks)} breaks inside compounds"


def test_the_judge_catches_a_split_word() -> None:
    paragraph = "มีการจัดทำคำสั่งมอบหมายงาน"
    at = paragraph.index("มอบ") + 1  # มอ|บหมาย
    assert judge(Break("test", paragraph, at, paragraph[:at], paragraph[at:])) == "split"
    at = paragraph.index("คำสั่ง")
    assert judge(Break("test", paragraph, at, paragraph[:at], paragraph[at:])) == "ok"


def streams(content: bytes) -> Iterator[bytes]:
    """Every stream of a PDF, inflated when it is compressed."""
    for m in re.finditer(rb"\d+ 0 obj\s*<<(.*?)>>\s*stream\r?\n", content, re.S):
        length = re.search(rb"/Length (\d+)", m.group(1))
        body = content[m.end() : m.end() + int(length.group(1))] if length else b""
        yield zlib.decompress(body) if b"/FlateDecode" in m.group(1) else body


@pytest.mark.parametrize("breaker", ["libthai", "typst"])
def test_the_pdf_says_it_is_in_thai(breaker: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """With libthai the text is set as "zh" (see pdf.py), yet the PDF must say it is Thai."""
    if breaker == "typst":
        monkeypatch.setattr(thai_breaks, "word_breaker", lambda: None)
    content = render(seed(), None).content
    catalog = content[content.rindex(b"/Type/Catalog") :]
    assert b"/Lang(th)" in catalog[: catalog.index(b"endobj")]
    assert b"<dc:language><rdf:Bag><rdf:li>th</rdf:li>" in content
    found = list(streams(content))
    assert len(found) > 5 and any(b"BDC" in data for data in found)  # the pages' tagged text was read
    for data in [content, *found]:
        assert b"/Lang(zh)" not in data and b">zh<" not in data
