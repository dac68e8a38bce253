"""Sheets: XLSX (openpyxl, read-only, values not formulas), CSV, and the seed's TAB-separated text.

Merged ranges are read from the sheet's XML and cut to the area that holds data, so that a range over a
whole sheet costs only the cells kept (limits.MAX_MERGED_CELLS); rows beyond limits.MAX_ROWS that hold data,
and the cells and characters of limits.Budget, refuse the file.

One row per measure; the header row is found by meaning (title rows above it are read as the title
block); a cell's lines are its items. Places are "แถวที่ 5 คอลัมน์ C" (XLSX; with the sheet's name when the
workbook has several) and "แถวที่ 5 คอลัมน์ 3" (CSV, counting the file's lines).

CSV: UTF-8 with or without BOM, UTF-16, Windows-874 (decoded by detect.py); the delimiter is the one of
, ; TAB | under which a row reads as a header (text.py decides between a CSV, the seed's TAB text and a
text table).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime, time
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from prongsai.imports.limits import MAX_COLUMNS, MAX_MERGED_CELLS, MAX_ROWS, Budget, exceeded, too_many_rows
from prongsai.imports.readers.grid import header_rank
from prongsai.imports.readers.table import (
    HEADER_SEARCH_ROWS,
    Cell,
    Grid,
    Source,
    build_report,
    is_table_header,
)
from prongsai.imports.seed import ImportFormatError, ParsedReport

CSV_HINT = "บันทึกตารางจาก Excel เป็น CSV (UTF-8) โดยให้แถวหัวตารางอยู่เหนือแถวมาตรการ"
XLSX_HINT = "ให้มีแถวหัวตารางเหนือแถวมาตรการ แถวละหนึ่งมาตรการ"


# --- XLSX --------------------------------------------------------------------------------------------------


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")


def read_xlsx(data: bytes, columns: dict[str, str] | None = None) -> ParsedReport:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    budget = Budget()
    try:
        sheets = list(workbook.worksheets)
        grids = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for sheet in sheets:
                prefix = f"แผ่นงาน {sheet.title} " if len(sheets) > 1 else ""
                texts = _sheet_texts(sheet, prefix, budget)
                merged = _merged_below(archive, getattr(sheet, "_worksheet_path", ""), texts, sheet.title)
                grids.append(_sheet_grid(texts, prefix, merged, sheet.title))
    finally:
        workbook.close()
    # The first sheet with a measures header is the report; other sheets are named in a warning.
    notes = []
    ranks = [header_rank(grid, columns) for grid in grids]
    tables = [grid for grid, rank in zip(grids, ranks, strict=True) if rank == max(ranks, default=0) > 0]
    for grid in tables[1:]:
        notes.append(f"{grid.name} มีตารางมาตรการด้วย แต่นำเข้าเฉพาะ{tables[0].name}")
    return build_report(Source("xlsx", tables[:1] or grids, notes=notes, hint=XLSX_HINT), columns)


def _sheet_texts(sheet: Any, prefix: str, budget: Budget) -> list[list[str]]:
    """The text of each row down to the last one with data, trailing empty cells dropped. Data below row
    MAX_ROWS refuses the file; empty (formatted) rows below it are skipped."""
    rows: list[list[str]] = []
    last = 0
    for r, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
        if values.count(None) == len(values):
            continue
        texts = [_value(v) for v in values]
        while texts and not texts[-1].strip():
            texts.pop()
        if not texts:
            continue
        if r > MAX_ROWS:
            raise too_many_rows(f"{prefix}แถวที่ {r}".strip())
        budget.row(texts, f"{prefix}แถวที่ {r} คอลัมน์ ", letters=True)
        rows += [[] for _ in range(r - 1 - last)]
        rows.append(texts)
        last = r
    return rows


def _sheet_grid(texts: list[list[str]], prefix: str, merged: dict[int, set[int]], title: str) -> Grid:
    rows: list[list[Cell]] = []
    for r, row in enumerate(texts, start=1):
        below = merged.get(r, set())
        width = max(len(row), max(below, default=0))
        row = row + [""] * (width - len(row))
        rows.append(
            [
                Cell(text, f"{prefix}แถวที่ {r} คอลัมน์ {get_column_letter(c)}", above=c in below)
                for c, text in enumerate(row, 1)
            ]
        )
    return Grid(rows, f"แผ่นงาน {title}")


_MERGE = re.compile(r'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})"')


def _merged_below(archive: zipfile.ZipFile, path: str, texts: list[list[str]], title: str) -> dict[int, set[int]]:
    """Row -> columns of the cells a merged range covers below its first row: they continue the cell above.

    Read from the sheet's XML (openpyxl's read-only mode does not load merged ranges). A range is cut to the
    area that holds data (its rows and columns beyond the last ones with data cover only empty cells), so the
    work is that of the cells kept; more than MAX_MERGED_CELLS of them in a sheet refuse the file."""
    try:
        xml = archive.read(path.lstrip("/")).decode("utf-8", errors="replace") if path else ""
    except KeyError:
        return {}
    last_row, last_col = len(texts), max((len(row) for row in texts), default=0)
    below: dict[int, set[int]] = {}
    total = 0
    for match in _MERGE.finditer(xml):
        ref = f"{match.group(1)}:{match.group(2)}"
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row is None or max_row is None or min_col is None or max_col is None:
            continue
        max_row, max_col = min(max_row, last_row), min(max_col, last_col)
        if max_row <= min_row or max_col < min_col:
            continue  # nothing with data below its first row
        area = (max_row - min_row + 1) * (max_col - min_col + 1)
        total += area
        if total > MAX_MERGED_CELLS:
            kept = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
            what = f"ช่วงเซลล์ที่ผสาน {ref}" if total == area else f"ช่วงเซลล์ที่ผสานรวมกันถึงช่วง {ref}"
            what += f" (ส่วนที่มีข้อมูล {kept})" if kept != ref else ""
            advice = "ยกเลิกการผสานเซลล์ (Unmerge) ที่ไม่ใช่ตารางมาตรการ แล้วนำเข้าใหม่"
            raise exceeded(f"แผ่นงาน {title}", what, total, MAX_MERGED_CELLS, "เซลล์", advice)
        columns = range(min_col, max_col + 1)
        for row in range(min_row + 1, max_row + 1):
            below.setdefault(row, set()).update(columns)
    return below


# --- CSV ---------------------------------------------------------------------------------------------------


def csv_grid(text: str, delimiter: str) -> Grid:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Cell]] = []
    budget = Budget()
    start = 1
    for record in reader:
        if len(rows) >= MAX_ROWS:
            if any(value.strip() for value in record):
                raise too_many_rows(f"แถวที่ {start}")
        else:
            budget.row(record, f"แถวที่ {start} คอลัมน์ ")
            rows.append([Cell(value, f"แถวที่ {start} คอลัมน์ {c}", line=start) for c, value in enumerate(record, 1)])
        start = reader.line_num + 1
    return Grid(rows, "ตาราง")


def sniff_delimiter(text: str, candidates: str = ",;\t|", columns: dict[str, str] | None = None) -> str | None:
    """The delimiter under which one of the first rows reads as a measures header, or None."""
    sample = "\n".join(text.splitlines()[:60])
    for delimiter in candidates:
        if delimiter not in sample:
            continue
        try:
            grid = csv_grid(sample, delimiter)
        except csv.Error:
            continue
        if any(is_table_header([cell.text for cell in row], columns) for row in grid.rows[:HEADER_SEARCH_ROWS]):
            return delimiter
    return None


def read_csv(text: str, delimiter: str, columns: dict[str, str] | None = None) -> ParsedReport:
    try:
        grid = csv_grid(text, delimiter)
    except csv.Error as err:
        raise ImportFormatError(None, f"อ่านไฟล์ CSV ไม่ได้ ({err}): {CSV_HINT}") from None
    return build_report(Source("csv", [grid], hint=CSV_HINT), columns)
