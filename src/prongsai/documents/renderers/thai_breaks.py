"""Where a Thai line of a PDF document may break: every text cut into the pieces the Typst template takes.

Typst finds where a Thai line may break with ICU's LSTM model: measured, that was half of every
render (~4.5 µs a Thai character, paid whenever a paragraph is laid out), and it split มี|นาคม and
สิน|บน and began a line with ฯ in the seed. So when libthai is there (Debian's libthai0, a
dictionary word breaker in C, called through ctypes; chromium's pango already pulls it in), `pieces`
finds the breaks here (under 1 ms for the seed) and the template sets the text's language to "zh":
for Chinese and Japanese Typst uses a segmenter without the Thai model, which leaves a run of Thai
letters whole, so the only breaks inside it are the ones given here, each a 0.001pt space (`h`)
between two strings: nothing in the copied text (U+200B or U+2060 would be; measured, U+200B would
also be ~15% faster). pdf.py then writes the PDF's language back to Thai. Without libthai Typst's
model breaks the lines (said once in the log): the same text, ~1.6x slower.

Both ways, `pieces` keeps whole protected words (data/protected_words.txt: months, departments,
สินบน, ...) and a short word with a following ฯ or ๆ (also across a space, "กองการศึกษา ฯ"), as long
as the word fits its column. Each such word carries an upper bound of its width in em: the sum of
its characters' widest advances in Laksaman regular and bold (`fonts.advances`; marks are 0;
shaping and kerning only narrow a word, tests/documents/test_thai_breaks.py checks it against Typst).
The template keeps a word whole without measuring it when the bound fits its column; otherwise it
measures it and, when it is wider than its column ("กองยุทธศาสตร์และงบประมาณ" in the ผู้รับผิดชอบ
column), breaks it at its own word ends (กองยุทธศาสตร์|และ|งบประมาณ). A run Typst cannot break (it
would overflow the page) may break at any grapheme cluster: 5+ non-Thai characters wider than their
column (measured by the template: a 500-letter string, a long code or URL), and 40+ Thai letters
drawn from fewer than 8 distinct ones ("กกกก...": no words). tests/documents/test_line_breaks.py
judges every break of the seed, both ways: none inside a protected word or before a Thai mark, none
where no dictionary segmentation has a boundary. A word broken badly goes into protected_words.txt.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import logging
import re
import threading
from functools import cache
from pathlib import Path
from typing import Any

from prongsai.documents import fonts

log = logging.getLogger(__name__)

PROTECTED_WORDS = Path(__file__).resolve().parent.parent / "data" / "protected_words.txt"

_THAI = "\u0e01-\u0e4e"  # Thai letters, vowels and marks (with ฯ and ๆ; without digits)
_THAI_CHARS = frozenset(map(chr, range(0x0E01, 0x0E4F)))
# Thai characters a line may begin with: not a following vowel, a mark above or below, ฯ or ๆ.
_LINE_START = _THAI_CHARS - frozenset("ะัาำิีึืฺุู็่้๊๋์ํๅฯๆ")
# A short Thai word (1-20 letters and marks, from the start of a Thai run) with a following ฯ or ๆ.
_WORD_WITH_MARK = rf"(?<![{_THAI}])[{_THAI}]{{1,20}}?\s?\.?[ฯๆ]"
# Runs that might not fit a column: 5+ characters other than Thai letters without a space (Latin,
# digits, a URL), measured by the template; 40+ Thai letters, split when they are no words.
_OTHER_RUN = rf"[^\s\0{_THAI}]{{5,}}"
_THAI_RUN = re.compile(rf"[{_THAI}]{{40,}}")
_SPACE = re.compile(r"\s")
# A kept word: ["k", word, its pieces should it not fit, an upper bound of its width in em].
Piece = str | list[Any]
Text = str | list[str] | dict[str, list[Piece]]


_UNKNOWN_EM = 2.0  # a character Laksaman does not have (drawn from another font)


def em_bound(word: str, widest: dict[int, float] | None = None) -> float:
    """An upper bound of the width of `word` in em: its characters' widest advances, 1 % more."""
    table = widest if widest is not None else fonts.advances(fonts.font_dir())
    return round(sum(table.get(ord(c), _UNKNOWN_EM) for c in word) * 1.01, 3)


def protected_words(path: Path = PROTECTED_WORDS) -> list[str]:
    """The words never broken across lines, longest first (so the regex prefers the longer match)."""
    words = {
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    }
    return sorted(words, key=lambda w: (-len(w), w))


def _trie_pattern(words: list[str]) -> str:
    """A regex matching the same words as "|".join(words) longest first, as a trie: "กอง(?:คลัง|ช่าง|…)".

    Python's re tries the alternatives of a flat list one by one at every position of the text;
    a trie fails at the first letter no word starts with (the protected words: 0.13 → 0.03 ms for
    the seed). Each optional tail is greedy, so the longest word that matches is taken.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        alternatives = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


@cache
def _marker() -> re.Pattern[str]:
    """Protected words (with a ฯ after them), words with ฯ/ๆ, and runs that may need breaking."""
    words = _trie_pattern(protected_words())
    return re.compile(rf"(?P<keep>(?:{words})(?:\s?\.?ฯ)?|{_WORD_WITH_MARK})|(?P<long>{_OTHER_RUN})")


class WordBreaker:
    """libthai's dictionary word breaker (`th_brk_wc_find_breaks`), one dictionary for the process."""

    def __init__(self, library: str) -> None:
        lib = ctypes.CDLL(library)
        lib.th_brk_new.restype = ctypes.c_void_p
        lib.th_brk_new.argtypes = [ctypes.c_char_p]
        lib.th_brk_wc_find_breaks.restype = ctypes.c_int
        lib.th_brk_wc_find_breaks.argtypes = [
            ctypes.c_void_p, ctypes.c_wchar_p, ctypes.POINTER(ctypes.c_int), ctypes.c_size_t
        ]  # fmt: skip
        self._brk = lib.th_brk_new(None)  # libthai's own dictionary (Debian's libthai-data)
        if not self._brk:
            raise OSError("libthai found no dictionary")
        self._find = lib.th_brk_wc_find_breaks
        self._lock = threading.Lock()  # a breaker is not documented as thread-safe

    def breaks(self, text: str) -> list[int]:
        """Offsets (in characters) where a word of `text` ends."""
        size = len(text) + 1
        found = (ctypes.c_int * size)()
        with self._lock:
            count = self._find(self._brk, text, found, size)
        return list(found[:count])


@cache
def word_breaker() -> WordBreaker | None:
    """libthai, or None (then Typst's own model breaks Thai lines: slower, and said once in the log)."""
    if ctypes.sizeof(ctypes.c_wchar) == 4:  # libthai takes wchar_t: UTF-32 here, indexed as str is
        try:
            return WordBreaker("libthai.so.0")
        except (OSError, AttributeError):
            pass
    log.warning("libthai (Debian package libthai0) not found: Typst breaks Thai lines itself, ~1.6x slower")
    return None


def _spans(text: str) -> list[tuple[int, int, str]]:
    """Where `text` needs care, in order: (start, end, kind); kind k (keep whole), l (long run), s (no words)."""
    spans: list[tuple[int, int, str]] = []
    taken = 0
    for m in [*(m for m in _THAI_RUN.finditer(text) if len(set(m.group())) < 8), None]:
        stop = m.start() if m else len(text)
        spans += [(k.start(), k.end(), "k" if k.group("keep") else "l") for k in _marker().finditer(text, taken, stop)]
        if m:
            spans.append((m.start(), m.end(), "s"))
            taken = m.end()
    return spans


def _may_break(text: str, i: int) -> bool:
    """Whether a line may break before text[i] inside a Thai run (never before a mark, ฯ or ๆ)."""
    return text[i - 1] in _THAI_CHARS and text[i] in _LINE_START


def cut_all(texts: list[str], rooms: list[float] | None = None, widest: dict[int, float] | None = None) -> list[Text]:
    """`pieces` of many texts: one libthai call and one pass of the regexes for the whole document.

    rooms: the width each text has, in em of the body text (None: room enough for any word);
    widest: `fonts.advances` of the PDF's font folder (looked up when not given).
    """
    widths = rooms if rooms is not None else [float("inf")] * len(texts)
    table = widest if widest is not None else fonts.advances(fonts.font_dir())
    breaker = word_breaker()
    if breaker is None:
        return [_typst_pieces(text, _spans(text), table) for text in texts]
    ends = breaker.breaks("\n".join(texts))  # a newline: no word goes across it
    spans = _spans("\0".join(texts))  # NUL: matched by none of the patterns
    result: list[Text] = []
    at = 0
    for text, room in zip(texts, widths, strict=True):
        stop = at + len(text)
        mine = ends[bisect.bisect_right(ends, at) : bisect.bisect_left(ends, stop)]
        first, last = bisect.bisect_left(spans, (at,)), bisect.bisect_left(spans, (stop,))
        kept = [(a - at, min(b, stop) - at, kind) for a, b, kind in spans[first:last]]
        result.append(_own_pieces(text, [i - at for i in mine], kept, room, table))
        at = stop + 1
    return result


def _own_pieces(
    text: str, ends: list[int], spans: list[tuple[int, int, str]], room: float, widest: dict[int, float]
) -> Text:
    """The text cut where a line may break: libthai's word ends between two Thai letters.

    A kept word is plain text (no break inside it) when it surely fits its `room`; one holding a
    space (a break for Typst) or maybe wider than its room goes as ["k", word, pieces, em], with the
    places it may break should it be wider than its column: its own word ends, else any place a
    Thai line may begin.
    """
    cuts = {i for i in ends if _may_break(text, i)}
    marked: dict[int, tuple[int, Piece]] = {}  # start -> (end, the piece sent for text[start:end])
    for start, end, kind in spans:
        run = text[start:end]
        if kind == "s":  # no words: a break before any character that may begin a line
            cuts.update(i for i in range(start + 1, end) if _may_break(text, i))
            continue
        if kind == "l":
            marked[start] = (end, ["l", run])  # a long run, measured by the template
        elif (em := em_bound(run, widest)) > room or _SPACE.search(run):
            inside = sorted(i for i in cuts if start < i < end)
            within = inside or [i for i in range(start + 1, end) if _may_break(text, i)]
            bounds = [start, *within, end]
            marked[start] = (end, ["k", run, [text[a:b] for a, b in itertools.pairwise(bounds)], em])
        cuts.difference_update(range(start + 1, end))
        cuts.update(i for i in (start, end) if 0 < i < len(text) and _may_break(text, i))
    if not marked:
        bounds = [0, *sorted(cuts), len(text)]
        return [text[a:b] for a, b in itertools.pairwise(bounds)] if cuts else text
    out: list[Piece] = []
    at = 0
    for point in sorted(cuts | set(marked) | {end for end, _p in marked.values()} | {len(text)}):
        if point > at:
            out.append(marked[at][1] if at in marked else text[at:point])
        if point in cuts:
            out.append(["b"])
        at = point
    return {"p": out}


def _typst_pieces(text: str, spans: list[tuple[int, int, str]], widest: dict[int, float]) -> Text:
    """The text for Typst's own line breaking: kept words, long runs and wordless runs marked."""
    if not spans:
        return text
    at, out = 0, list[Piece]()
    for start, end, kind in spans:
        if start > at:
            out.append(text[at:start])
        run = text[start:end]
        out.append(["k", run, [run], em_bound(run, widest)] if kind == "k" else [kind, run])
        at = end
    if at < len(text):
        out.append(text[at:])
    return {"p": out}


def pieces(text: str) -> Text:
    """A text as the template takes it: the string itself; a list of strings, a line may break
    between two (with libthai); or {"p": pieces} when some need care: strings, ["b"] (a line may
    break here; with libthai), ["k", word, pieces, em] kept on one line when it fits, else cut into
    its pieces (libthai's word ends inside it; without libthai: the word), ["l", run] measured and broken
    anywhere when wider than its column, ["s", run] Thai letters that are no words, broken anywhere
    (without libthai; with it they arrive cut between every two characters).
    """
    return cut_all([text])[0]
