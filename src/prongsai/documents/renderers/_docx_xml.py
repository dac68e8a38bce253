"""Low-level WordprocessingML for the DOCX renderer: run properties, borders, table grid, fields.

Run properties carry the Thai font for the complex script (`w:rFonts w:cs`, `w:szCs`, `w:bCs`,
`w:lang w:bidi`); see docx.py.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph


def run_properties(font: str, half_points: int, *, bold: bool, lang_full: bool = False) -> Any:
    """<w:rPr> with the Thai font on every script, complex-script size and bold, and th-TH."""
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    rpr.append(fonts)
    if bold:
        rpr.append(OxmlElement("w:b"))
        rpr.append(OxmlElement("w:bCs"))
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(half_points))
        rpr.append(size)
    lang = OxmlElement("w:lang")
    if lang_full:  # styles: Latin text stays English for the spelling checker; Thai is complex script
        lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:bidi"), "th-TH")
    rpr.append(lang)
    return rpr


def add_field(paragraph: Paragraph, instruction: str, cached: str, rpr: Any) -> None:
    """A complex field (PAGE, NUMPAGES): begin, instruction, separate, cached result, end.

    ``rpr`` makes the <w:rPr> of each run (called once per run)."""
    p = paragraph._p
    for part in ("begin", "instr", "separate", "result", "end"):
        r = OxmlElement("w:r")
        r.append(rpr())
        if part == "instr":
            child = OxmlElement("w:instrText")
            child.set(qn("xml:space"), "preserve")
            child.text = f" {instruction} "
        elif part == "result":
            child = OxmlElement("w:t")
            child.text = cached
        else:
            child = OxmlElement("w:fldChar")
            child.set(qn("w:fldCharType"), part)
        r.append(child)
        p.append(r)


def borders(tag: str, value: str) -> Any:
    element = OxmlElement(tag)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), value)
        if value != "nil":
            edge.set(qn("w:sz"), "4")
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), "000000")
        element.append(edge)
    return element


def table_properties(table: Table, twips: list[int], *, bordered: bool) -> None:
    """tblPr rebuilt in schema order: width, borders, fixed layout; then the grid and cell widths."""
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    for child in list(tbl_pr):
        tbl_pr.remove(child)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(sum(twips)))
    width.set(qn("w:type"), "dxa")
    tbl_pr.append(width)
    tbl_pr.append(borders("w:tblBorders", "single" if bordered else "nil"))
    fixed = OxmlElement("w:tblLayout")
    fixed.set(qn("w:type"), "fixed")
    tbl_pr.append(fixed)
    look = OxmlElement("w:tblLook")
    look.set(qn("w:val"), "0000")
    tbl_pr.append(look)
    for col, w in zip(tbl.tblGrid.gridCol_lst, twips, strict=True):
        col.w = Length(w * 635)  # twips → EMU
    for tr in tbl.tr_lst:
        for tc, w in zip(tr.tc_lst, twips, strict=True):
            tc.width = Length(w * 635)
