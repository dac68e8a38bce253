"""A dashboard table as CSV or XLSX: the same columns, rows and total as on the page.

CSV: UTF-8 with a byte-order mark (Excel reads Thai), written by defusedcsv (a cell starting with
= + - @ gets an apostrophe, so no formula runs). XLSX: openpyxl; numbers stay numbers, every text
cell is stored as text (never a formula). Dates are B.E. (d/m/yyyy); flags "ใช่"/"ไม่"; a value that
does not apply (a round not due yet, no score) is an empty cell.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from defusedcsv import csv as defusedcsv
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from prongsai.oversight.tables import Table

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell_text(value: Any, kind: str, *, grouping: bool = False) -> str:
    """A cell as text: what the CSV holds (the page, `grouping`, adds digit grouping, a sign and Thai digits)."""
    if value is None:
        return ""
    if kind == "flag" or isinstance(value, bool):
        return _("ใช่") if value else _("ไม่")
    if isinstance(value, date):
        return f"{value.day}/{value.month}/{value.year + 543}"
    if isinstance(value, Decimal):
        sign = "+" if kind == "delta" and value > 0 and grouping else ""  # "+" on the page only: CSV would guard it
        return sign + (f"{value:,}" if grouping else f"{value}")
    if isinstance(value, int):
        return f"{value:,}" if grouping else str(value)
    return str(value)


def table_rows(table: Table) -> list[list[str]]:
    """Header, rows, then the total row, as text."""
    kinds = [c.kind for c in table.columns]
    out = [[c.label for c in table.columns]]
    rows = [*table.rows, *([table.total] if table.total else [])]
    for row in rows:
        out.append([cell_text(v, k) for v, k in zip(row.cells, kinds, strict=True)])
    return out


def _guard(value: str) -> str:
    return "'" + value if value[:1] in ("\t", "\r") else value


def to_csv(table: Table) -> bytes:
    out = io.StringIO(newline="")
    writer = defusedcsv.writer(out, lineterminator="\r\n")
    for row in table_rows(table):
        writer.writerow([_guard(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def _xlsx_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if isinstance(value, bool) or kind == "flag" or isinstance(value, date):
        return cell_text(value, kind)
    if isinstance(value, Decimal):
        return float(value)
    return value


def to_xlsx(table: Table, sheet_title: str = "") -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=(sheet_title or table.key)[:31])
    bold = Font(bold=True)

    def cell(value: Any, *, header: bool = False) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            c.data_type = "s"  # text stays text: openpyxl would run "=…" as a formula
        if header:
            c.font = bold
        return c

    ws.append([cell(col.label, header=True) for col in table.columns])
    kinds = [c.kind for c in table.columns]
    for row in table.rows:
        ws.append([cell(_xlsx_value(v, k)) for v, k in zip(row.cells, kinds, strict=True)])
    if table.total:
        ws.append([cell(_xlsx_value(v, k), header=True) for v, k in zip(table.total.cells, kinds, strict=True)])
    if table.note:
        ws.append([])
        ws.append([cell(table.note)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
