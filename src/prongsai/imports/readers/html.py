"""HTML: a Word table pasted in the browser (the clipboard's text/html), or a saved web page.

Parsed with Python's ``html.parser`` (no dependency). ``<table>`` / ``<tr>`` / ``<td>`` ``<th>`` make the
grid; ``colspan`` leaves empty cells after the cell, ``rowspan`` marks the cells below as merged down
(``above``). Inside a cell, ``<br>``, ``<p>``, ``<div>``, ``<li>`` and headings break lines — they are
lines of the cell, never new rows; other white space is collapsed as a browser does (``&nbsp;`` too).
Text before the first table (paragraphs, headings) is the title block. ``<style>``, ``<script>``,
``<head>`` and comments (Word's ``<!--[if …]>`` blocks) are skipped; the Windows clipboard header
("Version:0.9 StartHTML:…") before the markup is ignored. A table inside a cell adds its text to the cell.
Places: "ตาราง 1 แถว 3 คอลัมน์ 2"; the file's line is kept for messages.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from prongsai.imports.limits import MAX_ROWS, MAX_TABLES, SPLIT, Budget, exceeded, too_many_rows
from prongsai.imports.readers.table import Cell, Grid, Source, build_report
from prongsai.imports.seed import ParsedReport

HINT = "คัดลอกทั้งตารางมาตรการรวมแถวหัวตารางจาก Word แล้ววางใหม่ หรือบันทึกเอกสารเป็น Word (.docx)"
_BREAKS = {"br"}
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "ul", "ol", "blockquote", "pre"}
_HIDDEN = {"style", "script", "head", "title", "template", "noscript"}
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")
MAX_SPAN = 64


class _Table:
    def __init__(self, number: int, budget: Budget) -> None:
        self.number = number
        self.budget = budget
        self.rows: list[list[Cell]] = []
        self.pending: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
        self.cell: list[str] | None = None  # text pieces of the open cell
        self.cell_line = 0
        self.span = 1
        self.rowspan = 1

    def start_row(self) -> None:
        self.close_cell()
        if len(self.rows) >= MAX_ROWS:
            raise too_many_rows(f"ตาราง {self.number} แถว {len(self.rows) + 1}")
        self.rows.append([])
        self._fill_pending()

    def _fill_pending(self) -> None:
        row = self.rows[-1]
        while self.pending.get(len(row), 0) > 0:
            column = len(row)
            self.pending[column] -= 1
            self.add(row, Cell("", self.place(column), above=True))

    def add(self, row: list[Cell], cell: Cell) -> None:
        self.budget.cell(cell.text, cell.place)
        row.append(cell)

    def place(self, column: int) -> str:
        return f"ตาราง {self.number} แถว {len(self.rows)} คอลัมน์ {column + 1}"

    def start_cell(self, span: int, rowspan: int, line: int) -> None:
        self.close_cell()
        if not self.rows:
            self.start_row()
        self._fill_pending()
        self.cell, self.cell_line, self.span, self.rowspan = [], line, span, rowspan

    def close_cell(self) -> None:
        if self.cell is None:
            return
        row = self.rows[-1]
        text = "\n".join(_SPACE.sub(" ", line).strip() for line in "".join(self.cell).split("\n"))
        for k in range(self.span):
            column = len(row)
            if self.rowspan > 1:
                self.pending[column] = self.rowspan - 1
            self.add(row, Cell(text if k == 0 else "", self.place(column), line=self.cell_line))
        self.cell = None
        self._fill_pending()


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self.budget = Budget()
        self.table: _Table | None = None  # the table being read
        self.inner = 0  # tables open inside one of its cells
        self.hidden = 0
        self.before: list[tuple[str, int]] = []  # text before the first table, with the file's line

    def write(self, text: str) -> None:
        if self.table is None and not self.tables:
            self.budget.text(len(text), f"บรรทัดที่ {self.getpos()[0]}")
        if self.table is not None:
            if self.table.cell is not None:
                self.table.cell.append(text)
        elif not self.tables:
            self.before.append((text, self.getpos()[0]))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        if self.hidden:
            return
        table = self.table
        if tag == "table":
            if table is not None:
                self.inner += 1  # a table inside a cell: its text joins the cell
                self.write("\n")
            else:
                if len(self.tables) >= MAX_TABLES:
                    where = f"ตาราง {len(self.tables) + 1} (บรรทัดที่ {self.getpos()[0]})"
                    raise exceeded(where, "จำนวนตาราง", None, MAX_TABLES, "ตาราง", SPLIT)
                self.table = _Table(len(self.tables) + 1, self.budget)
                self.tables.append(self.table)
        elif table is not None and not self.inner and tag == "tr":
            table.start_row()
        elif table is not None and not self.inner and tag in ("td", "th"):
            values = dict(attrs)
            table.start_cell(_span(values.get("colspan")), _span(values.get("rowspan")), self.getpos()[0])
        elif tag in _BREAKS or tag in _BLOCKS:
            self.write("\n")
        elif tag in ("td", "th"):
            self.write(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS and not self.hidden:
            self.write("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
            return
        if self.hidden:
            return
        table = self.table
        if tag == "table" and table is not None:
            if self.inner:
                self.inner -= 1
                self.write("\n")
            else:
                table.close_cell()
                self.table = None
        elif table is not None and not self.inner and tag in ("td", "th"):
            table.close_cell()
        elif tag in _BLOCKS:
            self.write("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.write(data)

    def cover(self) -> list[Cell]:
        """The text before the first table, a line per block or <br>, blank lines kept (one in a row)."""
        lines: list[Cell] = []
        current, line = "", 0
        for text, number in [*self.before, ("\n", 0)]:
            parts = text.split("\n")
            for k, part in enumerate(parts):
                if not current.strip():
                    line = number
                current += part
                if k < len(parts) - 1:
                    shown = _SPACE.sub(" ", current).strip()
                    if shown or (lines and lines[-1].text):
                        lines.append(Cell(shown, f"บรรทัดที่ {line}", line=line))
                    current = ""
        return lines


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), MAX_SPAN))
    except ValueError:
        return 1


def read_html(text: str, columns: dict[str, str] | None = None) -> ParsedReport:
    parser = _Parser()
    parser.feed(text[max(text.find("<"), 0) :])
    parser.close()
    for table in parser.tables:
        table.close_cell()
    grids = [Grid(table.rows, f"ตาราง {table.number}") for table in parser.tables]
    return build_report(Source("html", grids, cover=parser.cover(), hint=HINT), columns)
