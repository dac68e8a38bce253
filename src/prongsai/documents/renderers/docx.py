"""DOCX: the snapshot as a Word document officers can finish in Word (python-docx).

A4 landscape; emblem, title block, intro; a real Word table (header row repeated on every page,
column widths in `w:tblGrid` and on every cell, explicit borders); a signature block; "หน้า X / Y"
from PAGE and NUMPAGES fields in the footer. Every run and the Normal style carry the Thai font for
the complex script (`w:rFonts w:cs`, `w:szCs`, `w:bCs`, `w:lang w:bidi`): without them Word and
LibreOffice show Thai in a fallback font at the wrong size (DESIGN.md, "Thai documents").

Deterministic: core properties come from the document date and the zip is rewritten with fixed
timestamps, so a snapshot renders to the same bytes every time.
"""

from __future__ import annotations

import io
import logging
from copy import deepcopy
from datetime import datetime
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from prongsai.documents.content import Layout, base_filename, layout
from prongsai.documents.renderers import Rendered
from prongsai.documents.renderers._docx_xml import add_field, run_properties, table_properties
from prongsai.documents.renderers._zip import write_zip, xml_safe, zip_timestamp

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

PAGE_WIDTH = Cm(29.7)  # A4 landscape
PAGE_HEIGHT = Cm(21.0)
MARGIN = Cm(2.0)
USABLE_TWIPS = Length(PAGE_WIDTH - 2 * MARGIN).twips
EMBLEM_WIDTH = Cm(2.5)
INTRO_INDENT = Cm(2.5)
DOTS = "." * 40
SIGNATURES_PER_ROW = 3

# --- writer ---------------------------------------------------------------------------------


class _Writer:
    """Adds paragraphs and runs that all carry the document's Thai run properties."""

    def __init__(self, font: str, size_pt: int) -> None:
        self.font = font
        self.half_points = size_pt * 2
        self.plain = run_properties(font, self.half_points, bold=False)
        self.bold = run_properties(font, self.half_points, bold=True)

    def rpr(self, bold: bool = False) -> Any:
        return deepcopy(self.bold if bold else self.plain)

    def run(self, paragraph: Paragraph, text: str, *, bold: bool = False) -> Any:
        """A <w:r> with the Thai properties, appended to the paragraph (built directly: the
        python-docx `add_run(text)` path costs a third of a render)."""
        r = OxmlElement("w:r")
        r.append(self.rpr(bold))
        paragraph._p.append(r)
        text = xml_safe(text)
        if "\t" in text or "\n" in text or "\r" in text:
            Run(r, paragraph).text = text  # python-docx turns these into <w:tab/> and <w:br/>
        elif text:
            t = OxmlElement("w:t")
            if text != text.strip():
                t.set(qn("xml:space"), "preserve")
            t.text = text
            r.append(t)
        return r

    def fill(self, paragraph: Paragraph, text: str, *, bold: bool = False, align: Any = None) -> Paragraph:
        if align is not None:
            paragraph.alignment = align
        # The paragraph mark gets the same font, so even an empty line has the right height.
        paragraph._p.get_or_add_pPr().append(self.rpr(bold))
        if text:
            self.run(paragraph, text, bold=bold)
        return paragraph

    def field(self, paragraph: Paragraph, instruction: str, cached: str) -> None:
        """A complex field (PAGE, NUMPAGES) in the document's Thai run properties."""
        add_field(paragraph, instruction, cached, self.rpr)


# --- document parts -------------------------------------------------------------------------


def _setup_styles(doc: Any, w: _Writer) -> None:
    """docDefaults and Normal carry the Thai font, so text typed later in Word gets it too."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            for child in list(rpr_default):
                rpr_default.remove(child)
            rpr_default.append(run_properties(w.font, w.half_points, bold=False, lang_full=True))
    normal = doc.styles["Normal"]
    element = normal.element
    old = element.find(qn("w:rPr"))
    if old is not None:
        element.remove(old)
    element.append(run_properties(w.font, w.half_points, bold=False, lang_full=True))
    fmt = normal.paragraph_format
    fmt.space_before = 0
    fmt.space_after = 0
    fmt.line_spacing = 1.0
    # Word picks theme fonts per script from this; Thai is the complex script here.
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:bidi"), "th-TH")


def _setup_page(doc: Any) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)


_DROPPED = {RT.THUMBNAIL, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
_KEPT_TABLE_STYLES = {"TableNormal", "TableGrid"}
_template: bytes | None = None


def _template_bytes() -> bytes:
    """python-docx's default template, trimmed once per process.

    Dropped: the thumbnail (a picture of another document), Word 2010's duplicate styles part, and
    the template's hundred table styles (Word supplies its built-in table styles anyway). That
    halves the time to open the template and to compress the result.
    """
    global _template
    if _template is None:
        doc = Document()
        for rels in (doc.part.package.rels, doc.part.rels):
            for rid, rel in list(rels.items()):
                if rel.reltype in _DROPPED:
                    del rels[rid]
        styles = doc.styles.element
        for style in styles.findall(qn("w:style")):
            if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in _KEPT_TABLE_STYLES:
                styles.remove(style)
        out = io.BytesIO()
        doc.save(out)
        _template = out.getvalue()
    return _template


def _package_entries(doc: Any) -> dict[str, bytes]:
    """The package's zip members, serialised the way `OpcPackage.save` does, but not compressed:
    `write_zip` compresses them once, deterministically."""
    package = doc.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    entries = {
        CONTENT_TYPES_URI.membername: _ContentTypesItem.from_parts(parts).blob,
        PACKAGE_URI.rels_uri.membername: package.rels.xml,
    }
    for part in parts:
        entries[part.partname.membername] = part.blob
        if len(part.rels):
            entries[part.partname.rels_uri.membername] = part.rels.xml
    return entries


def _set_properties(doc: Any, data: dict[str, Any], title: str) -> None:
    year, month, day, *_ = zip_timestamp(data.get("document_date"))
    when = datetime(year, month, day)  # noqa: DTZ001 — a calendar date, stored as given
    props = doc.core_properties
    props.title = title[:255]
    props.author = "Prongsai"
    props.last_modified_by = "Prongsai"
    props.comments = ""
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when


def _column_twips(widths: list[int], total: int = USABLE_TWIPS) -> list[int]:
    weights = [max(1, int(w)) for w in widths] or [1]
    scale = total / sum(weights)
    twips = [int(w * scale) for w in weights]
    twips[-1] += total - sum(twips)
    return twips


def _add_main_table(doc: Any, lay: Layout, w: _Writer) -> Table:
    ncols = len(lay.headers)
    table = doc.add_table(rows=1 + len(lay.rows), cols=ncols)
    table_properties(table, _column_twips(lay.widths[:ncols]), bordered=True)
    rows = table.rows
    header = rows[0]
    tr_pr = header._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    tr_pr.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page
    for cell, text in zip(header.cells, lay.headers, strict=True):
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), "E7E6E6")
        tc_pr = cell._tc.get_or_add_tcPr()
        tc_pr.append(shading)
        valign = OxmlElement("w:vAlign")
        valign.set(qn("w:val"), "center")
        tc_pr.append(valign)
        w.fill(cell.paragraphs[0], text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row, cells in zip(rows[1:], lay.rows, strict=True):
        for cell, lines in zip(row.cells, cells, strict=True):
            first = cell.paragraphs[0]
            w.fill(first, lines[0] if lines else "")
            for line in lines[1:]:
                w.fill(cell.add_paragraph(), line)
    return table


def _signature_lines(sig: dict[str, str]) -> list[tuple[str, bool]]:
    """(text, bold) lines of one signature, as the PDF prints them (typst/document.typ): the role,
    a blank line, the line to sign on, then the name, position and date that were filled in."""
    lines = [(sig.get("role", ""), True), ("", False), (f"(ลงชื่อ) {DOTS}", False)]
    if sig.get("name"):
        lines.append((f"({sig['name']})", False))
    for key in ("position", "date"):
        if sig.get(key):
            lines.append((sig[key], False))
    return lines


def _add_signatures(doc: Any, lay: Layout, w: _Writer) -> None:
    """A borderless table, three signatures to a row; a row never splits across pages."""
    if not lay.signatures:
        return
    w.fill(doc.add_paragraph(), "")
    n = min(len(lay.signatures), SIGNATURES_PER_ROW)
    groups = [lay.signatures[i : i + n] for i in range(0, len(lay.signatures), n)]
    table = doc.add_table(rows=len(groups), cols=n)
    table_properties(table, _column_twips([1] * n), bordered=False)
    for row, group in zip(table.rows, groups, strict=True):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, sig in zip(row.cells, group, strict=False):
            lines = _signature_lines(sig)
            text, bold = lines[0]
            w.fill(cell.paragraphs[0], text, bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER)
            for text, bold in lines[1:]:
                w.fill(cell.add_paragraph(), text, bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER)
        for cell in row.cells[len(group) :]:
            w.fill(cell.paragraphs[0], "")


def _add_footer(doc: Any, lay: Layout, w: _Writer, thai_digits: bool) -> None:
    """ "<version · id>  ⇥  หน้า X / Y" with PAGE and NUMPAGES fields.

    Word shows field results in Arabic digits unless told otherwise; `\\* THAIARABIC` is the
    general-formatting switch for Thai digits (ECMA-376 §17.16.4.3, ST_NumberFormat thaiNumbers).
    """
    section = doc.sections[0]
    paragraph = section.footer.paragraphs[0]
    paragraph.style = None  # the template's Footer style has Letter-size tab stops that would catch the tab
    w.fill(paragraph, "")
    tab_stop = Length(USABLE_TWIPS * 635)
    paragraph.paragraph_format.tab_stops.add_tab_stop(tab_stop, alignment=WD_TAB_ALIGNMENT.RIGHT)
    switch = " \\* THAIARABIC" if thai_digits else ""
    one = "๑" if thai_digits else "1"
    w.run(paragraph, lay.footer)
    w.run(paragraph, "\tหน้า ")
    w.field(paragraph, f"PAGE{switch}", one)
    w.run(paragraph, " / ")
    w.field(paragraph, f"NUMPAGES{switch}", one)


def _add_emblem(doc: Any, emblem: bytes, w: _Writer) -> None:
    paragraph = w.fill(doc.add_paragraph(), "", align=WD_ALIGN_PARAGRAPH.CENTER)
    run = Run(w.run(paragraph, ""), paragraph)
    try:
        run.add_picture(io.BytesIO(emblem), width=EMBLEM_WIDTH)
    except Exception:
        # python-docx raises a handful of types on damaged images (its own, struct.error, ...).
        # The document goes out without the emblem rather than not at all.
        logger.warning("emblem is not an image python-docx can read; left out", exc_info=True)
        paragraph._p.getparent().remove(paragraph._p)


def build(data: dict[str, Any], emblem: bytes | None) -> Any:
    """The python-docx Document of a snapshot (before serialisation)."""
    lay = layout(data)
    w = _Writer(xml_safe(lay.docx_font) or "TH SarabunPSK", lay.font_size)
    doc = Document(io.BytesIO(_template_bytes()))
    _setup_styles(doc, w)
    _setup_page(doc)
    _set_properties(doc, data, xml_safe(lay.title_lines[0] if lay.title_lines else ""))
    body = doc.element.body
    # The template's body is one empty paragraph and the sectPr; start from the sectPr alone.
    for p in body.findall(qn("w:p")):
        body.remove(p)
    if emblem:
        _add_emblem(doc, emblem, w)
    for line in lay.title_lines:
        w.fill(doc.add_paragraph(), line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in lay.org_lines:
        w.fill(doc.add_paragraph(), line, align=WD_ALIGN_PARAGRAPH.CENTER)
    w.fill(doc.add_paragraph(), "")
    if lay.intro:
        intro = w.fill(doc.add_paragraph(), lay.intro, align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY)
        intro.paragraph_format.first_line_indent = INTRO_INDENT
        intro.paragraph_format.space_after = Cm(0.3)
    _add_main_table(doc, lay, w)
    _add_signatures(doc, lay, w)
    _add_footer(doc, lay, w, bool(data.get("thai_digits", True)))
    return doc


def render(data: dict[str, Any], emblem: bytes | None = None) -> Rendered:
    doc = build(data, emblem)
    content = write_zip(_package_entries(doc), data.get("document_date"))
    return Rendered(base_filename(data) + ".docx", CONTENT_TYPE, content)
