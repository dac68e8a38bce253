"""PDF of an official document, typeset by Typst (PyPI `typst`) from documents/typst/document.typ.

The snapshot's printed text (`content.layout`) goes to Typst as JSON in `sys.inputs`; the template
reads it with `json(bytes(...))`, so user text is never parsed as markup. Fonts: Laksaman only
(`documents/fonts.py`, FontMissingError when absent), with system fonts ignored, so the same
snapshot gives the same bytes wherever Typst, the font and libthai's dictionary are the same;
`#set document(date: ...)` and the compile timestamp come from the snapshot's date. One Typst
compiler per font folder is kept for the process (fonts parsed once, Typst's caches warm) and used
under a lock (the compiler is not re-entrant).

Thai line breaks come from `thai_breaks.pieces` (see there): with libthai the template sets the
text's language to "zh" and `_declare_thai` writes the PDF's language back to Thai.
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
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import typst

from prongsai.documents import fonts
from prongsai.documents.content import Layout, base_filename, layout
from prongsai.documents.renderers import Rendered, thai_breaks
from prongsai.documents.renderers.thai_breaks import Text, cut_all, em_bound

log = logging.getLogger(__name__)

CONTENT_TYPE = "application/pdf"
_HERE = Path(__file__).resolve().parent.parent
TEMPLATE = _HERE / "typst" / "document.typ"

# The page as the template sets it (document.typ takes these from the data): A4 landscape, margins
# in mm (left, right, top, bottom), a table cell's inner space in em (across, down). The body text
# is the size in TH Sarabun points times 2/3 (Laksaman draws larger per em).
A4_LANDSCAPE_MM = 297
MARGIN_MM = (20, 20, 16, 18)
CELL_INSET_EM = (0.4, 0.45)
_PT_PER_MM = 72 / 25.4
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


def _rooms(printed: Layout, widest: dict[int, float]) -> list[float]:
    """The width, in em of the body text, each text of `_printable` has (in its order): the body for
    the head (less for the larger first title line), a third of it for the footer, the column less
    its inner space for a cell (less the number for a numbered item), a column of the signatures.
    """
    body = (A4_LANDSCAPE_MM - MARGIN_MM[0] - MARGIN_MM[1]) * _PT_PER_MM / (printed.font_size * 2 / 3)
    columns = [body * w / sum(printed.widths) - 2 * CELL_INSET_EM[0] for w in printed.widths]
    titles = [body / 1.1 if i == 0 else body for i in range(len(printed.title_lines))]
    head = [*titles, *[body] * (len(printed.org_lines) + 1), body / 3, *columns]
    lines = [
        room - (em_bound(m.group(), widest) if (m := _NUMBERED.match(text)) else 0.0)
        for row in printed.rows
        for room, cell in zip(columns, row, strict=False)
        for text in cell
    ]
    signs = [body / min(len(printed.signatures), 3) for sign in printed.signatures for _v in sign]
    return head + lines + signs


def _printable(printed: Layout, widest: dict[int, float]) -> dict[str, Any]:
    """The layout as the template takes it: every text in `pieces`; a numbered item of a cell as
    {"n": its number, "t": pieces}, for the hanging indent. widest: `fonts.advances` of the font.
    """
    head = [*printed.title_lines, *printed.org_lines, printed.intro, printed.footer, *printed.headers]
    lines = [text for row in printed.rows for cell in row for text in cell]
    signs = [text for sign in printed.signatures for text in sign.values()]
    cut = iter(cut_all(head + lines + signs, _rooms(printed, widest), widest))

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
        "margin_mm": MARGIN_MM,
        "cell_inset_em": CELL_INSET_EM,
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
    folder = fonts.font_dir()
    engine = _engine(folder)
    when = date.fromisoformat(data["document_date"])
    printed = layout(data)
    own_breaks = thai_breaks.word_breaker() is not None
    doc = {
        "layout": _printable(printed, fonts.advances(folder)),
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
