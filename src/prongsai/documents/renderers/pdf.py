"""PDF of an official document, typeset by Typst (PyPI `typst`) from documents/typst/document.typ.

The snapshot's printed text (`content.layout`) goes to Typst as JSON in `sys.inputs`; the template
reads it with `json(bytes(...))`, so user text is never parsed as markup. Fonts: Laksaman only
(`documents/fonts.py`, FontMissingError when absent), with system fonts ignored, so the same
snapshot gives the same bytes on any machine; `#set document(date: ...)` and the compile timestamp
come from the snapshot's date. One Typst compiler per font folder is kept for the process (fonts
parsed once, Typst's caches warm) and used under a lock (the compiler is not re-entrant).

Thai line breaking. Typst breaks Thai with ICU's LSTM model, not a dictionary: in the seed report
it split มี|นาคม and สิน|บน and began a line with ฯ. `pieces` (here, with Python's regex: no regex
show rules in the template, which cost ~20% of a render and refuse more than ~500 matches in one
run of text) marks what the template must take care of:

* protected words (data/protected_words.txt: months, departments, สินบน, ...) and a short word
  with a following ฯ or ๆ (also across a space: "กองการศึกษา ฯ") are set in a `box`, so no break
  falls inside them. Boxes change neither the glyphs nor the text layer (no U+2060/U+200B reaches
  the copied text). A word is only boxed when it surely fits its column (0.7em a cluster);
* a run that Typst cannot break (Typst lets it overflow the page) is cut into one box per grapheme
  cluster, so it wraps anywhere: runs of 5+ non-Thai characters wider than their column (measured:
  a 500-letter string, a long code or URL), and 40+ Thai letters drawn from fewer than 8 distinct
  characters ("กกกก...": no words, the model finds no break).

Why not more: segmenting with a dictionary at render time would need PyThaiNLP in production
(it is test-only) and explicit break opportunities: invisible characters in the copied text, or a
box per word (many more inline items to lay out; measuring every run instead doubled the time). Measured on the seed
report (tests/documents/test_line_breaks.py): 135 breaks, none inside a protected word, none
where no dictionary segmentation has a boundary, 17 between the parts of a compound (การ|ศึกษา,
แล้ว|เสร็จ); without the protection, 15 broke protected words (มี|นาคม, ผู้บังคับ|บัญชา) and one
split a word (กัน|ยายน). A word the model splits goes into protected_words.txt.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import re
import shutil
import tempfile
import threading
from dataclasses import asdict
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import typst

from prongsai.documents import fonts
from prongsai.documents.content import base_filename, layout
from prongsai.documents.renderers import Rendered

log = logging.getLogger(__name__)

CONTENT_TYPE = "application/pdf"
_HERE = Path(__file__).resolve().parent.parent
TEMPLATE = _HERE / "typst" / "document.typ"
PROTECTED_WORDS = _HERE / "data" / "protected_words.txt"

_THAI = "\u0e01-\u0e4e"  # Thai letters, vowels and marks (with ฯ and ๆ; without digits)
# A short Thai word (1-20 letters and marks, from the start of a Thai run) with a following ฯ or ๆ.
_WORD_WITH_MARK = rf"(?<![{_THAI}])[{_THAI}]{{1,20}}?\s?\.?[ฯๆ]"
# Runs that might not fit a column: 5+ characters other than Thai letters without a space (Latin,
# digits, a URL), measured by the template; 40+ Thai letters, split when they are no words.
_OTHER_RUN = rf"[^\s{_THAI}]{{5,}}"
_THAI_RUN = re.compile(rf"[{_THAI}]{{40,}}")
# A table document's chart: the SVG at the body's width (A4 landscape less 2 + 2 cm), as a PNG.
_CHART_SOURCE = (
    b"#set page(width: auto, height: auto, margin: 0pt, fill: white)\n"
    b'#set text(font: "Laksaman", lang: "th")\n'
    b'#image(bytes(sys.inputs.at("svg")), format: "svg", width: 257mm)\n'
)
_CHART_PPI = 200
_IMAGE_TYPES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"GIF8", "gif"))


def protected_words(path: Path = PROTECTED_WORDS) -> list[str]:
    """The words never broken across lines, longest first (so the regex prefers the longer match)."""
    words = {
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    }
    return sorted(words, key=lambda w: (-len(w), w))


@cache
def _marker() -> re.Pattern[str]:
    """Protected words (with a ฯ after them), words with ฯ/ๆ, and runs that may need breaking."""
    words = "|".join(re.escape(w) for w in protected_words())
    return re.compile(rf"(?P<keep>(?:{words})(?:\s?\.?ฯ)?|{_WORD_WITH_MARK})|(?P<long>{_OTHER_RUN})")


def pieces(text: str) -> str | list[str | list[str]]:
    """A text as the template takes it: the string itself, or its pieces when some need care.

    A piece is a plain string, ["k", word] (keep on one line: a protected word, or a word with its
    ฯ/ๆ), ["l", run] (a run without spaces the template measures, and breaks anywhere when wider
    than its column) or ["s", run] (Thai letters that are no words, e.g. "กกกก...": the line breaker
    finds no break in them, so they may break anywhere). Doing this here, not with regex show rules
    in Typst, keeps the template fast and the text of a paragraph in one piece for its shaping.
    """
    spans: list[tuple[int, int, str]] = []
    for m in _THAI_RUN.finditer(text):
        if len(set(m.group())) < 8:
            spans.append((m.start(), m.end(), "s"))
    taken = 0
    found: list[tuple[int, int, str]] = []
    for start, end, kind in [*spans, (len(text), len(text), "")]:
        for m in _marker().finditer(text, taken, start):
            found.append((m.start(), m.end(), "k" if m.group("keep") else "l"))
        if kind:
            found.append((start, end, kind))
        taken = end
    if not found:
        return text
    result: list[str | list[str]] = []
    at = 0
    for start, end, kind in found:
        if start > at:
            result.append(text[at:start])
        result.append([kind, text[start:end]])
        at = end
    if at < len(text):
        result.append(text[at:])
    return result


def _printable(value: Any) -> Any:
    """The layout with every string of it cut into `pieces` (numbers stay as they are)."""
    if isinstance(value, str):
        return pieces(value)
    if isinstance(value, list):
        return [_printable(v) for v in value]
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    return value


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
        self.template = TEMPLATE.read_bytes()
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
            pdf = self.compiler.compile(input=self.template, format="pdf", sys_inputs=inputs, timestamp=stamp)
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
    doc = {
        "layout": _printable(asdict(printed)),
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
    return Rendered(base_filename(data) + ".pdf", CONTENT_TYPE, pdf)
