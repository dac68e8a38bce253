"""PDF of an official document, typeset by Typst (PyPI `typst`) from documents/typst/document.typ.

The snapshot's printed text (`content.layout`) goes to Typst as JSON in `sys.inputs`; the template
reads it with `json(bytes(...))`, so user text is never parsed as markup. Fonts: Laksaman only
(`documents/fonts.py`, FontMissingError when absent), with system fonts ignored, so the same
snapshot gives the same bytes wherever Typst, the font and libthai's dictionary are the same;
`#set document(date: ...)` and the compile timestamp come from the snapshot's date. One Typst
compiler per font folder is kept for the process (fonts parsed once, Typst's caches warm) and used
under a lock (the compiler is not re-entrant).

Thai line breaks. Typst finds where a Thai line may break with ICU's LSTM model: measured, that was
half of every render (~4.5 µs a Thai character, paid whenever a paragraph is laid out), and it split
มี|นาคม and สิน|บน and began a line with ฯ in the seed. So when libthai is there (Debian's libthai0,
a dictionary word breaker in C, called through ctypes; chromium's pango already pulls it in),
`pieces` finds the breaks here (under 1 ms for the seed) and the template sets the text's language
to "zh": for Chinese and Japanese Typst uses a segmenter without the Thai model, which leaves a run
of Thai letters whole, so the only breaks inside it are the ones given here, each a 0.001pt space
(`h`) between two strings: nothing in the copied text (U+200B or U+2060 would be). `_declare_thai`
then writes the PDF's language back to Thai, and the template uses no `strong` (whose tags carry
their own /Lang). Without libthai Typst's model breaks the lines (said once in the log): the same
text, ~1.6x slower.

Both ways, `pieces` keeps whole protected words (data/protected_words.txt: months, departments,
สินบน, ...) and a short word with a following ฯ or ๆ (also across a space, "กองการศึกษา ฯ", which is
boxed: a space is a break for Typst; without libthai every such word is boxed, when it surely fits
its column at 0.7em a cluster). A run Typst cannot break (it would overflow the page) may break at
any grapheme cluster: 5+ non-Thai characters wider than their column (measured by the template: a
500-letter string, a long code or URL), and 40+ Thai letters drawn from fewer than 8 distinct ones
("กกกก...": no words). tests/documents/test_line_breaks.py judges every break of the seed, both
ways: none inside a protected word or before a Thai mark, none where no dictionary segmentation
has a boundary. A word broken badly goes into protected_words.txt.
"""

from __future__ import annotations

import atexit
import bisect
import ctypes
import hashlib
import itertools
import json
import logging
import re
import shutil
import tempfile
import threading
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import typst

from prongsai.documents import fonts
from prongsai.documents.content import Layout, base_filename, layout
from prongsai.documents.renderers import Rendered

log = logging.getLogger(__name__)

CONTENT_TYPE = "application/pdf"
_HERE = Path(__file__).resolve().parent.parent
TEMPLATE = _HERE / "typst" / "document.typ"
PROTECTED_WORDS = _HERE / "data" / "protected_words.txt"

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
# A numbered item ("๑. ..."): its lines after the first hang after the number.
_NUMBERED = re.compile(r"^[0-9๐-๙]+\.\s+")
# A table document's chart: the SVG at the body's width (A4 landscape less 2 + 2 cm), as a PNG.
_CHART_SOURCE = (
    b"#set page(width: auto, height: auto, margin: 0pt, fill: white)\n"
    b'#set text(font: "Laksaman", lang: "th")\n'
    b'#image(bytes(sys.inputs.at("svg")), format: "svg", width: 257mm)\n'
)
_CHART_PPI = 200
_IMAGE_TYPES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"GIF8", "gif"))

Piece = str | list[str]
Text = str | list[str] | dict[str, list[Piece]]


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


def _cut_all(texts: list[str]) -> list[Text]:
    """`pieces` of many texts: one libthai call and one pass of the regexes for the whole document."""
    breaker = word_breaker()
    if breaker is None:
        return [_typst_pieces(text, _spans(text)) for text in texts]
    ends = breaker.breaks("\n".join(texts))  # a newline: no word goes across it
    spans = _spans("\0".join(texts))  # NUL: matched by none of the patterns
    result: list[Text] = []
    at = 0
    for text in texts:
        stop = at + len(text)
        mine = ends[bisect.bisect_right(ends, at) : bisect.bisect_left(ends, stop)]
        first, last = bisect.bisect_left(spans, (at,)), bisect.bisect_left(spans, (stop,))
        kept = [(a - at, min(b, stop) - at, kind) for a, b, kind in spans[first:last]]
        result.append(_own_pieces(text, [i - at for i in mine], kept))
        at = stop + 1
    return result


def _own_pieces(text: str, ends: list[int], spans: list[tuple[int, int, str]]) -> Text:
    """The text cut where a line may break: libthai's word ends between two Thai letters."""
    cuts = {i for i in ends if _may_break(text, i)}
    kinds: dict[int, tuple[int, str]] = {}
    for start, end, kind in spans:
        if kind == "s":  # no words: a break before any character that may begin a line
            cuts.update(i for i in range(start + 1, end) if _may_break(text, i))
            continue
        cuts.difference_update(range(start + 1, end))
        cuts.update(i for i in (start, end) if 0 < i < len(text) and _may_break(text, i))
        if kind == "l" or _SPACE.search(text, start, end):
            kinds[start] = (end, kind)  # a long run to measure, or a kept word with a space (a box)
    if not kinds:
        bounds = [0, *sorted(cuts), len(text)]
        return [text[a:b] for a, b in itertools.pairwise(bounds)] if cuts else text
    out: list[Piece] = []
    at = 0
    for point in sorted(cuts | set(kinds) | {end for end, _k in kinds.values()} | {len(text)}):
        if point > at:
            out.append([kinds[at][1], text[at:point]] if at in kinds else text[at:point])
        if point in cuts:
            out.append(["b"])
        at = point
    return {"p": out}


def _typst_pieces(text: str, spans: list[tuple[int, int, str]]) -> Text:
    """The text for Typst's own line breaking: kept words, long runs and wordless runs marked."""
    if not spans:
        return text
    at, out = 0, list[Piece]()
    for start, end, kind in spans:
        if start > at:
            out.append(text[at:start])
        out.append([kind, text[start:end]])
        at = end
    if at < len(text):
        out.append(text[at:])
    return {"p": out}


def pieces(text: str) -> Text:
    """A text as the template takes it: the string itself; a list of strings, a line may break
    between two (with libthai); or {"p": pieces} when some need care: strings, ["b"] (a line may
    break here; with libthai), ["k", word] kept on one line in a box, ["l", run] measured and broken
    anywhere when wider than its column, ["s", run] Thai letters that are no words, broken anywhere
    (without libthai; with it they arrive cut between every two characters).
    """
    return _cut_all([text])[0]


def _printable(printed: Layout) -> dict[str, Any]:
    """The layout as the template takes it: every text in `pieces`; a numbered item of a cell as
    {"n": its number, "t": pieces}, for the hanging indent.
    """
    head = [*printed.title_lines, *printed.org_lines, printed.intro, printed.footer, *printed.headers]
    lines = [text for row in printed.rows for cell in row for text in cell]
    signs = [text for sign in printed.signatures for text in sign.values()]
    cut = iter(_cut_all(head + lines + signs))

    def line(text: str) -> Text | dict[str, Text]:
        m, piece = _NUMBERED.match(text), next(cut)
        return {"n": m.group(), "t": piece} if m else piece

    return {
        "title_lines": [next(cut) for _t in printed.title_lines],
        "org_lines": [next(cut) for _t in printed.org_lines],
        "intro": next(cut),
        "footer": next(cut),
        "headers": [next(cut) for _t in printed.headers],
        "widths": printed.widths,
        "rows": [[[line(text) for text in cell] for cell in row] for row in printed.rows],
        "signatures": [{k: next(cut) for k in sign} for sign in printed.signatures],
        "font_size": printed.font_size,
    }


def _declare_thai(pdf: bytes) -> bytes:
    """The PDF's language back to Thai: Typst names the language the text was set in ("zh", above).

    Both places are written uncompressed and the values have the same length, so every offset in
    the file stays right: the catalog's /Lang and the XMP metadata's dc:language.
    """
    xmp = b"<dc:language><rdf:Bag><rdf:li>"
    pdf = pdf.replace(xmp + b"zh<", xmp + b"th<", 1)
    catalog = pdf.rfind(b"/Type/Catalog")
    lang = pdf.find(b"/Lang(zh)", catalog, pdf.find(b"endobj", catalog)) if catalog >= 0 else -1
    if lang < 0:
        return pdf
    return pdf[:lang] + b"/Lang(th)" + pdf[lang + len(b"/Lang(zh)") :]


def _image_type(data: bytes) -> str | None:
    for magic, ext in _IMAGE_TYPES:
        if data.startswith(magic):
            return ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


class _Engine:
    """A Typst compiler with the fonts of one folder loaded, and a folder for emblem files."""

    def __init__(self, font_folder: Path) -> None:
        self.lock = threading.Lock()
        self.root = Path(tempfile.mkdtemp(prefix="prongsai-typst-"))
        atexit.register(shutil.rmtree, self.root, ignore_errors=True)
        # The template as a file in the root, compiled by path: Typst keeps its parsed source while the
        # file is unchanged, where bytes passed in would be parsed again for every document.
        self.template = TEMPLATE.read_bytes()
        self.main = self.root / "document.typ"
        self.main.write_bytes(self.template)
        font_set = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(font_folder)])
        self.compiler = typst.Compiler(root=str(self.root), font_paths=font_set, ignore_system_fonts=True)

    def emblem_path(self, emblem: bytes | None) -> str:
        """The emblem as a file in the compiler's root (named by its hash), or "" when none is usable."""
        if not emblem:
            return ""
        ext = _image_type(emblem)
        if ext is None:
            log.warning("emblem ignored: not a PNG, JPEG, GIF or WebP image")
            return ""
        name = f"emblem-{hashlib.sha256(emblem).hexdigest()[:32]}.{ext}"
        path = self.root / name
        if not path.exists():
            path.write_bytes(emblem)
        return "/" + name

    def chart_path(self, svg: str) -> str:
        """A table document's chart (SVG) drawn to a PNG file in the compiler's root, by Typst itself.

        Same fonts as the page (the SVG asks for "Laksaman"), so it looks as in the web page; an
        SVG Typst cannot draw is left out (logged), never stopping the document. Drawn
        to pixels rather than kept as vectors because Typst's SVG text splits Thai clusters at their
        marks in the text layer (pdftotext read "การใ ช้ อำนาจ"): the table carries the text, the
        chart is a picture with alt text. Deterministic bytes, named by the SVG's hash.
        """
        name = f"chart-{hashlib.sha256(svg.encode('utf-8')).hexdigest()[:32]}.png"
        path = self.root / name
        if not path.exists():
            try:
                with self.lock:
                    png = self.compiler.compile(
                        input=_CHART_SOURCE, format="png", ppi=_CHART_PPI, sys_inputs={"svg": svg}, timestamp=0
                    )
            except typst.TypstError:
                log.warning("chart ignored: Typst could not draw its SVG", exc_info=True)
                return ""
            assert isinstance(png, bytes)
            path.write_bytes(png)
        return "/" + name

    def compile(self, inputs: dict[str, str], when: date) -> bytes:
        stamp = int(datetime(when.year, when.month, when.day, tzinfo=UTC).timestamp())
        with self.lock:
            if not self.main.exists():  # a temporary-file cleaner may have emptied the root
                self.main.write_bytes(self.template)
            pdf = self.compiler.compile(input=str(self.main), format="pdf", sys_inputs=inputs, timestamp=stamp)
        assert isinstance(pdf, bytes)
        return pdf


_engines: dict[Path, _Engine] = {}
_engines_lock = threading.Lock()


def _engine(font_folder: Path) -> _Engine:
    with _engines_lock:
        engine = _engines.get(font_folder)
        if engine is None:
            engine = _engines[font_folder] = _Engine(font_folder)
        return engine


def render(data: dict[str, Any], emblem: bytes | None) -> Rendered:
    """The PDF of a snapshot: A4 landscape, Laksaman, header row on every page, page numbers.

    A table document may carry a chart, `data["table"]["chart_svg"]` (with `chart_alt`, its text for
    readers of the PDF's structure): it is printed across the page between the head and the table.
    """
    engine = _engine(fonts.font_dir())
    when = date.fromisoformat(data["document_date"])
    printed = layout(data)
    own_breaks = word_breaker() is not None
    doc = {
        "layout": _printable(printed),
        "own_breaks": own_breaks,
        "lang": "zh" if own_breaks else "th",  # see the module's docstring
        "title": " ".join([*printed.title_lines[:1], f"({data['identifier']})"])[:250],
        "author": " ".join(printed.org_lines[:1])[:200],
        "identifier": str(data["identifier"]),
        "version": int(data["version"]),
        "document_date": when.isoformat(),
        "thai_digits": bool(data.get("thai_digits", True)),
        "emblem": engine.emblem_path(emblem),
        "chart": "",
        "chart_alt": "",
    }
    table = data.get("table")
    if isinstance(table, dict) and table.get("chart_svg"):
        doc["chart"] = engine.chart_path(str(table["chart_svg"]))
        doc["chart_alt"] = str(table.get("chart_alt") or "")
    inputs = {"data": json.dumps(doc, ensure_ascii=False)}
    try:
        pdf = engine.compile(inputs, when)
    except typst.TypstError:
        if not doc["emblem"]:
            raise
        # A damaged emblem must not stop the document: print it without, and say so in the log.
        log.warning("emblem could not be drawn; rendering %s without it", data["identifier"], exc_info=True)
        doc["emblem"] = ""
        inputs["data"] = json.dumps(doc, ensure_ascii=False)
        pdf = engine.compile(inputs, when)
    return Rendered(base_filename(data) + ".pdf", CONTENT_TYPE, _declare_thai(pdf) if own_breaks else pdf)
