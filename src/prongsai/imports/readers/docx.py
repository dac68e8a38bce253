"""Word documents (.docx): the measures table(s) and the title block above them (python-docx, then lxml).

The body is walked in order (paragraphs, tables, content controls). Paragraphs before the first table are
the title block ("ย่อหน้าที่ 3"); every table is a grid for table.py, which finds the header by meaning,
concatenates a table continued as several tables, skips repeated headers.

A cell is read on the layout grid: ``w:gridBefore`` leaves empty cells in front, a cell spanning columns
(``w:gridSpan``) gives its text to its first column and empty cells to the others (python-docx's
``row.cells`` would return the same cell again: deduplicated by its ``w:tc``), a cell merged down
(``w:vMerge`` continue) is an empty cell marked ``above``. A cell's text is its paragraphs joined by "\\n",
a line break inside a paragraph is "\\n" too; Word's automatic numbering is written out ("1. ", "• ") so that
numbered paragraphs split into items; deleted text (tracked changes), field codes and text boxes are left out.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml.ns import qn

from prongsai.imports.limits import MAX_PARAGRAPHS, MAX_ROWS, MAX_TABLES, SPLIT, Budget, exceeded, too_many_rows
from prongsai.imports.readers.grid import first_table
from prongsai.imports.readers.table import Cell, Grid, Source, build_report
from prongsai.imports.seed import ParsedReport

HINT = "ตารางมาตรการต้องเป็นตารางของ Word (ไม่ใช่รูปภาพหรือกล่องข้อความ) ที่มีแถวหัวตาราง"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P, _TBL, _TR, _TC, _SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
_T, _TAB, _BR, _CR, _NBH = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")
_SKIP = {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"), f"{{{MC}}}Fallback", qn("w:pPr"), qn("w:rPr")}
_CONTAINERS = {qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"), qn("w:moveTo"), qn("w:smartTag")}
_BULLET_FORMATS = {"bullet", "none"}


class _Numbering:
    """Word's automatic list numbers, counted per list and level as Word shows them; and what the document has
    read so far (paragraphs, tables, cells and characters: limits.py), checked as it is read."""

    def __init__(self, document: Any) -> None:
        self.formats: dict[tuple[str, str], str] = {}
        self.counts: dict[tuple[str, str], int] = {}
        self.budget = Budget()
        self.paragraphs = 0
        self.tables = 0
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[str, str]] = {}
        for node in numbering.findall(qn("w:abstractNum")):
            levels = {}
            for level in node.findall(qn("w:lvl")):
                fmt = level.find(qn("w:numFmt"))
                levels[level.get(qn("w:ilvl"), "0")] = fmt.get(qn("w:val"), "decimal") if fmt is not None else ""
            abstract[node.get(qn("w:abstractNumId"), "")] = levels
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = abstract.get(ref.get(qn("w:val"), "") if ref is not None else "", {})
            for ilvl, fmt in levels.items():
                self.formats[(num.get(qn("w:numId"), ""), ilvl)] = fmt

    def marker(self, paragraph: Any) -> str:
        num_pr = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None:
            return ""
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        key = (
            num_id.get(qn("w:val"), "") if num_id is not None else "",
            ilvl.get(qn("w:val"), "0") if ilvl is not None else "0",
        )
        if key[0] in ("", "0"):
            return ""
        fmt = self.formats.get(key, "decimal")
        if fmt in _BULLET_FORMATS:
            return "• " if fmt == "bullet" else ""
        self.counts[key] = self.counts.get(key, 0) + 1
        for other in list(self.counts):  # a deeper level restarts under a new item
            if other[0] == key[0] and other[1] > key[1]:
                del self.counts[other]
        return f"{self.counts[key]}. "


def _runs_text(node: Any) -> Iterator[str]:
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _T:
            yield child.text or ""
        elif tag == _TAB:
            yield " "
        elif tag == _BR or tag == _CR:
            yield "\n"
        elif tag == _NBH:
            yield "-"
        elif tag == _P or tag == _TBL:
            continue
        else:
            yield from _runs_text(child)


def paragraph_text(paragraph: Any, numbering: _Numbering) -> str:
    numbering.paragraphs += 1
    if numbering.paragraphs > MAX_PARAGRAPHS:
        raise exceeded(f"ย่อหน้าที่ {numbering.paragraphs:,}", "จำนวนย่อหน้า", None, MAX_PARAGRAPHS, "ย่อหน้า", SPLIT)
    return numbering.marker(paragraph) + "".join(_runs_text(paragraph))


def _count_table(numbering: _Numbering) -> None:
    numbering.tables += 1
    if numbering.tables > MAX_TABLES:
        raise exceeded(f"ตาราง {numbering.tables:,}", "จำนวนตาราง", None, MAX_TABLES, "ตาราง", SPLIT)


def _block_text(node: Any, numbering: _Numbering) -> list[str]:
    """The paragraphs of a cell (nested tables included), one string each."""
    lines: list[str] = []
    for child in node:
        if child.tag == _P:
            lines.append(paragraph_text(child, numbering))
        elif child.tag == _TBL:
            _count_table(numbering)
            for tr in child.iter(_TR):
                for tc in tr.iter(_TC):
                    lines.extend(_block_text(tc, numbering))
        elif child.tag == _SDT or child.tag in _CONTAINERS:
            lines.extend(_block_text(child, numbering))
        elif child.tag == qn("w:sdtContent"):
            lines.extend(_block_text(child, numbering))
    return lines


def _int(node: Any, path: str, default: int) -> int:
    found = node.find(path)
    try:
        return int(found.get(qn("w:val"))) if found is not None else default
    except (TypeError, ValueError):
        return default


def _rows(tbl: Any) -> Iterator[Any]:
    for child in tbl:
        if child.tag == _TR:
            yield child
        elif child.tag == _SDT or child.tag in _CONTAINERS:
            yield from _rows(child.find(qn("w:sdtContent")) if child.tag == _SDT else child)


def _cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag == _SDT or child.tag in _CONTAINERS:
            inner = child.find(qn("w:sdtContent")) if child.tag == _SDT else child
            if inner is not None:
                yield from _cells(inner)


def table_grid(tbl: Any, number: int, numbering: _Numbering) -> Grid:
    _count_table(numbering)
    budget = numbering.budget
    rows: list[list[Cell]] = []
    for r, tr in enumerate(_rows(tbl), start=1):
        if r > MAX_ROWS:
            raise too_many_rows(f"ตาราง {number} แถวที่ {r}")
        row: list[Cell] = []
        before = _int(tr, f"{qn('w:trPr')}/{qn('w:gridBefore')}", 0)
        for _ in range(min(before, 64)):
            row.append(Cell("", f"ตาราง {number} แถว {r} คอลัมน์ {len(row) + 1}"))
        for tc in _cells(tr):
            span = max(1, min(_int(tc, f"{qn('w:tcPr')}/{qn('w:gridSpan')}", 1), 64))
            merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            above = merge is not None and merge.get(qn("w:val"), "continue") != "restart"
            text = "" if above else "\n".join(_block_text(tc, numbering))
            place = f"ตาราง {number} แถว {r} คอลัมน์ {len(row) + 1}"
            row.append(Cell(text, place, above=above))
            for _ in range(span - 1):
                row.append(Cell("", f"ตาราง {number} แถว {r} คอลัมน์ {len(row) + 1}", above=above))
        budget.row([cell.text for cell in row], f"ตาราง {number} แถว {r} คอลัมน์ ")
        rows.append(row)
    return Grid(rows, f"ตาราง {number}")


def _body(node: Any) -> Iterator[Any]:
    for child in node:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body(content)
        elif child.tag in _CONTAINERS:
            yield from _body(child)


def read_docx(data: bytes, columns: dict[str, str] | None = None) -> ParsedReport:
    """The title block is what comes before the first table with a measures header: its paragraphs, and the
    text of any table before it (a title set in a table)."""
    document = docx.Document(io.BytesIO(data))
    numbering = _Numbering(document)
    blocks: list[tuple[int, Cell]] = []  # (tables before it, line)
    grids: list[Grid] = []
    paragraphs = 0
    for block in _body(document.element.body):
        if block.tag == _P:
            paragraphs += 1
            text = paragraph_text(block, numbering)
            numbering.budget.cell(text, f"ย่อหน้าที่ {paragraphs}")
            for line in text.split("\n"):
                blocks.append((len(grids), Cell(line, f"ย่อหน้าที่ {paragraphs}")))
        else:
            grids.append(table_grid(block, len(grids) + 1, numbering))
    found = first_table(grids, columns)
    first = len(grids) if found is None else found
    cover = [cell for tables, cell in blocks if tables <= first]
    for grid in grids[:first]:
        cover.extend(cell for row in grid.rows for cell in row if cell.text.strip())
    return build_report(Source("docx", grids[first:] or grids, cover=cover, hint=HINT), columns)
