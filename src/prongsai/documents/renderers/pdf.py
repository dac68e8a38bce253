"""PDF of an official document, typeset by Typst (PyPI `typst`) from documents/typst/document.typ.

The snapshot's printed text (`content.layout`) goes to Typst as JSON in `sys.inputs`; the template
reads it with `json(bytes(...))`, so user text is never parsed as markup. Fonts: Laksaman only
(`documents/fonts.py`, FontMissingError when absent), with system fonts ignored, so the same
snapshot gives the same bytes on any machine; `#set document(date: ...)` and the compile timestamp
come from the snapshot's date. One Typst compiler per font folder is kept for the process (fonts
parsed once, Typst's caches warm) and used under a lock (the compiler is not re-entrant).

Thai line breaking. Typst breaks Thai with ICU's LSTM model, not a dictionary: in the seed report
it split มี|นาคม and สิน|บน and began a line with ฯ. What we do, inside the template:

* protected words (data/protected_words.txt: months, departments, สินบน, ...) are matched by one
  regex show rule and set in a `box`, so no break falls inside them; the same rule keeps a short
  word together with a following ฯ or ๆ (also across a space: "กองการศึกษา ฯ"). Boxes change
  neither the glyphs nor the text layer (no U+2060/U+200B reaches the copied text);
* a box is only made when it fits the column; a run of non-Thai characters wider than its column
  (a 500-letter string, a long code) is cut into one box per grapheme cluster so it wraps anywhere
  instead of running off the page.

We do not segment text with a dictionary at render time (PyThaiNLP is a test-only dependency, and
explicit break opportunities would need invisible characters in the text): the line-break test
(tests/documents/test_line_breaks.py) judges every break of the rendered seed report against
PyThaiNLP's dictionary, and a word the model splits goes into protected_words.txt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
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

_REGEX_SPECIAL = re.compile(r"([\\.^$|?*+()\[\]{}])")
# A short Thai word (1-20 letters and marks from a word boundary) with a following ฯ or ๆ.
_WORD_WITH_MARK = r"\b[\u0E01-\u0E4E]{1,20}?\s?\.?[ฯๆ]"
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
def protect_regex() -> str:
    """One regex (Rust syntax) for the template: a protected word (with a ฯ after it), or a word with ฯ/ๆ."""
    words = "|".join(_REGEX_SPECIAL.sub(r"\\\1", w) for w in protected_words())
    return rf"(?:{words})(?:\s?\.?ฯ)?|{_WORD_WITH_MARK}"


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
    """The PDF of a snapshot: A4 landscape, Laksaman, header row on every page, page numbers."""
    engine = _engine(fonts.font_dir())
    when = date.fromisoformat(data["document_date"])
    doc = {
        "layout": asdict(layout(data)),
        "identifier": str(data["identifier"]),
        "version": int(data["version"]),
        "document_date": when.isoformat(),
        "thai_digits": bool(data.get("thai_digits", True)),
        "emblem": engine.emblem_path(emblem),
    }
    inputs = {"data": json.dumps(doc, ensure_ascii=False), "protect": protect_regex()}
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
