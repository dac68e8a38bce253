"""Sheets: XLSX (openpyxl, read-only, values not formulas), CSV, and the seed's TAB-separated text.

One row per measure; the header row is found by meaning (title rows above it are read as the title
block); a cell's lines are its items. Places are "แถวที่ 5 คอลัมน์ C" (XLSX; with the sheet's name when the
workbook has several) and "แถวที่ 5 คอลัมน์ 3" (CSV, counting the file's lines).

CSV: UTF-8 with or without BOM, UTF-16, Windows-874 (decoded by detect.py); the delimiter is the one of
, ; TAB | under which a row reads as a header. The seed's text format (TAB-separated, one measure a line,
the title block above) goes to seed.parse_report_text, after every cell is repaired; Excel's TAB text with
quoted multi-line cells is read as CSV.
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

from prongsai.imports.normalise import describe, repair
from prongsai.imports.readers.grid import has_table_header
from prongsai.imports.readers.table import (
    HEADER_SEARCH_ROWS,
    Cell,
    Grid,
    Source,
    build_report,
    is_table_header,
)
from prongsai.imports.seed import ImportFormatError, ParsedReport, parse_report_text

MAX_ROWS = 5000  # rows of a sheet read (a report has tens)
MAX_COLUMNS = 60
_SEED_FIELDS = ("title", "methods", "responsible", "timeframe", "results", "outcome", "suggestions")
_LINE_PREFIX = re.compile(r"บรรทัดที่ (\d+)")
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


def read_xlsx(data: bytes) -> ParsedReport:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = list(workbook.worksheets)
        grids = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for sheet in sheets:
                merged = _merged_below(archive, getattr(sheet, "_worksheet_path", ""))
                grids.append(_sheet_grid(sheet, f"แผ่นงาน {sheet.title} " if len(sheets) > 1 else "", merged))
    finally:
        workbook.close()
    # The first sheet with a measures header is the report; other sheets are named in a warning.
    notes = []
    chosen = [grid for grid in grids if has_table_header(grid)]
    for grid in chosen[1:]:
        notes.append(f"{grid.name} มีตารางมาตรการด้วย แต่นำเข้าเฉพาะ{chosen[0].name}")
    return build_report(Source("xlsx", chosen[:1] or grids, notes=notes, hint=XLSX_HINT))


def _sheet_grid(sheet: Any, prefix: str, merged: set[tuple[int, int]]) -> Grid:
    rows: list[list[Cell]] = []
    for r, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
        if r > MAX_ROWS:
            break
        texts = [_value(v) for v in values]
        width = max([len(texts)] + [c for row, c in merged if row == r]) if merged else len(texts)
        texts += [""] * (width - len(texts))
        while texts and not texts[-1].strip() and (r, len(texts)) not in merged:
            texts.pop()
        rows.append(
            [
                Cell(text, f"{prefix}แถวที่ {r} คอลัมน์ {get_column_letter(c)}", above=(r, c) in merged)
                for c, text in enumerate(texts, 1)
            ]
        )
    return Grid(rows, f"แผ่นงาน {sheet.title}")


_MERGE = re.compile(r'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})"')


def _merged_below(archive: zipfile.ZipFile, path: str) -> set[tuple[int, int]]:
    """(row, column) of the cells a merged range covers below its first row: they continue the cell above.

    Read from the sheet's XML (openpyxl's read-only mode does not load merged ranges)."""
    try:
        xml = archive.read(path.lstrip("/")).decode("utf-8", errors="replace") if path else ""
    except KeyError:
        return set()
    below: set[tuple[int, int]] = set()
    for match in _MERGE.finditer(xml):
        min_col, min_row, max_col, max_row = range_boundaries(f"{match.group(1)}:{match.group(2)}")
        if min_row is None or max_row is None or min_col is None or max_col is None:
            continue
        for row in range(min_row + 1, min(max_row, MAX_ROWS) + 1):
            for column in range(min_col, min(max_col, MAX_COLUMNS) + 1):
                below.add((row, column))
    return below


# --- CSV ---------------------------------------------------------------------------------------------------


def csv_grid(text: str, delimiter: str) -> Grid:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Cell]] = []
    start = 1
    for record in reader:
        rows.append([Cell(value, f"แถวที่ {start} คอลัมน์ {c}", line=start) for c, value in enumerate(record, 1)])
        start = reader.line_num + 1
        if len(rows) >= MAX_ROWS:
            break
    return Grid(rows, "ตาราง")


def sniff_delimiter(text: str, candidates: str = ",;\t|") -> str | None:
    """The delimiter under which one of the first rows reads as a measures header, or None."""
    sample = "\n".join(text.splitlines()[:60])
    for delimiter in candidates:
        if delimiter not in sample:
            continue
        try:
            grid = csv_grid(sample, delimiter)
        except csv.Error:
            continue
        if any(is_table_header([cell.text for cell in row]) for row in grid.rows[:HEADER_SEARCH_ROWS]):
            return delimiter
    return None


def read_csv(text: str, delimiter: str) -> ParsedReport:
    try:
        grid = csv_grid(text, delimiter)
    except csv.Error as err:
        raise ImportFormatError(None, f"อ่านไฟล์ CSV ไม่ได้ ({err}): {CSV_HINT}") from None
    return build_report(Source("csv", [grid], hint=CSV_HINT))


def read_delimited(text: str) -> ParsedReport:
    """Text without TABs: a CSV when a header row is found under one of the delimiters, else the seed format's
    own message says what is missing."""
    delimiter = sniff_delimiter(text, ",;|")
    if delimiter is None:
        return read_text(text)
    return read_csv(text, delimiter)


# --- the seed's text format --------------------------------------------------------------------------------


def read_tabbed(text: str) -> ParsedReport:
    """The seed's TAB-separated text; Excel's TAB text with quoted multi-line cells is read as CSV."""
    try:
        return read_text(text)
    except ImportFormatError:
        delimiter = sniff_delimiter(text, ",;|")  # a CSV with a TAB inside a cell
        if delimiter is not None:
            return read_csv(text, delimiter)
        if '"' in text and sniff_delimiter(text, "\t"):
            grid = csv_grid(text, "\t")
            if any("\n" in cell.text for row in grid.rows for cell in row):
                return build_report(Source("csv", [grid], hint=CSV_HINT))
        raise


def read_text(text: str) -> ParsedReport:
    """seed.parse_report_text on the text with every cell repaired first; repairs reported by line and column."""
    lines = re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))
    fixed_lines: list[str] = []
    changed: dict[int, dict[int, str]] = {}  # line -> column -> original cell
    repairs = []
    for number, line in enumerate(lines, start=1):
        cells = line.split("\t")
        fixed_cells = []
        for column, cell in enumerate(cells, start=1):
            place = f"บรรทัดที่ {number} คอลัมน์ {column}" if len(cells) > 1 else f"บรรทัดที่ {number}"
            fixed, found = repair(cell, place)
            repairs.extend(found)
            if found:
                changed.setdefault(number, {})[column] = cell.strip()
            fixed_cells.append(fixed)
        fixed_lines.append("\t".join(fixed_cells))
    report = parse_report_text("\n".join(fixed_lines))
    for measure in report.measures:
        measure.place = f"บรรทัดที่ {measure.line}"
        for column, original in changed.get(measure.line, {}).items():
            if column <= len(_SEED_FIELDS):
                measure.original[_SEED_FIELDS[column - 1]] = original
    notes = [(_line_of(message), message) for message in report.warnings]
    notes += [(_line_of(item.place), describe(item)) for item in repairs]
    notes.sort(key=lambda note: note[0])  # stable: the seed's own note first on a line
    report.warnings = [message for _, message in notes]
    report.repairs = repairs
    report.source_format = "text"
    return report


def _line_of(text: str) -> int:
    match = _LINE_PREFIX.match(text)
    return int(match.group(1)) if match else 0
