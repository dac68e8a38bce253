"""XLSX: the snapshot's table as one worksheet (openpyxl).

Title rows, then a bold, filled header row that stays in view (frozen) and repeats on every printed
page, then one row per measure; a cell's lines are joined with newlines and wrapped. Printed A4
landscape, one page wide. Deterministic: workbook dates from the document date, fixed zip timestamps.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from prongsai.documents.content import base_filename, layout
from prongsai.documents.renderers import Rendered
from prongsai.documents.renderers._zip import rezip, xml_safe, zip_timestamp

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TOTAL_WIDTH = 160  # characters across all columns
CELL_LIMIT = 32767  # the most characters an Excel cell holds
HEADER_FILL = "E7E6E6"


def cell_text(lines: list[str]) -> str:
    return xml_safe("\n".join(lines))[:CELL_LIMIT]


def _as_text(cell: Any, value: str) -> None:
    """Store `value` as text: openpyxl would turn a string starting with "=" into a formula."""
    cell.value = value
    cell.data_type = "s"


def build(data: dict[str, Any]) -> Workbook:
    lay = layout(data)
    font_name = xml_safe(lay.docx_font) or "TH SarabunPSK"
    size = lay.font_size
    plain = Font(name=font_name, size=size)
    bold = Font(name=font_name, size=size, bold=True)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ncols = max(1, len(lay.headers))

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "รายงานผล" if data.get("kind") == "report" else "มาตรการ"
    row = 1
    for text, font in [(t, bold) for t in lay.title_lines] + [(t, plain) for t in lay.org_lines]:
        cell = ws.cell(row=row, column=1)
        _as_text(cell, xml_safe(text))
        cell.font = font
        cell.alignment = Alignment(horizontal="center")
        if ncols > 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
        row += 1
    header_row = row + 1  # one blank row after the title block
    for col, text in enumerate(lay.headers, start=1):
        cell = ws.cell(row=header_row, column=col)
        _as_text(cell, xml_safe(text))
        cell.font = bold
        cell.fill = PatternFill(fill_type="solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
    body = Alignment(vertical="top", wrap_text=True)
    for r, cells in enumerate(lay.rows, start=header_row + 1):
        for col, lines in enumerate(cells, start=1):
            cell = ws.cell(row=r, column=col)
            _as_text(cell, cell_text(lines))
            cell.font = plain
            cell.alignment = body
            cell.border = box

    weights = [max(1, w) for w in lay.widths[:ncols]] or [1]
    for col, weight in enumerate(weights, start=1):
        ws.column_dimensions[get_column_letter(col)].width = round(TOTAL_WIDTH * weight / sum(weights), 1)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1).coordinate
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.79  # 2 cm
    ws.print_options.horizontalCentered = True

    year, month, day, *_ = zip_timestamp(data.get("document_date"))
    when = datetime(year, month, day)  # noqa: DTZ001 — a calendar date, stored as given
    props = wb.properties
    props.created = props.modified = when
    props.creator = props.lastModifiedBy = "Prongsai"
    props.title = xml_safe(lay.title_lines[0]) if lay.title_lines else None
    return wb


def render(data: dict[str, Any], emblem: bytes | None = None) -> Rendered:
    wb = build(data)
    out = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() would stamp "modified" with the current time.
    # Stored, not deflated: rezip compresses once, with fixed timestamps.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(wb, archive).write_data()
    content = rezip(out.getvalue(), data.get("document_date"))
    return Rendered(base_filename(data) + ".xlsx", CONTENT_TYPE, content)
