"""Text: the seed's TAB format, and any table pasted or typed as text (cells apart by a TAB or by spaces).

No Django. ``read_tabbed`` (text with TABs) and ``read_delimited`` (text without) are what read_document calls:

* the seed's own layout (its seven columns in its order under a TAB header whose first cell is
  "มาตรการหรือกิจกรรมที่ดำเนินการ") goes to seed.parse_report_text exactly as before, every cell repaired first
  (``read_text``); the header's columns are kept on the report;
* a CSV (, ; |) — also one with a TAB inside a cell, and Excel's TAB text with quoted multi-line cells — goes
  to sheet.py's CSV reader;
* anything else is a text table (``read_text_table``): a line is a row, its cells apart by TABs, or, in a
  line without a TAB, by two or more spaces. The header is the first line that reads as one by meaning
  (columns.is_header_candidate, whatever its first cell says); the lines above it are the title block. The
  rows go to table.py like any other grid (two header rows, extras, rounds, the officer's choice of columns).

Text cannot say where an empty cell is the way a document can: a TAB row lacking more than its last cell, or
a space row whose cells cannot be placed under the header's columns by where they start (a monospaced
layout: Thai vowels above and below and tone marks take no room), is refused with its line, saying what was
read and what to do. A line inside the table that is not split into cells (a heading, a note) is left out
with a warning; so is text after the table.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from prongsai.imports.columns import ColumnError, layout_key, map_columns
from prongsai.imports.limits import Budget
from prongsai.imports.normalise import describe, repair
from prongsai.imports.readers.grid import Cell, Grid, Source, is_table_header
from prongsai.imports.readers.refusals import PASTE, TITLE_WORDS
from prongsai.imports.readers.sheet import CSV_HINT, csv_grid, read_csv, sniff_delimiter
from prongsai.imports.readers.table import build_report
from prongsai.imports.seed import (
    COLUMNS,
    ImportFormatError,
    ParsedReport,
    _is_header_cell,
    _is_noise,
    parse_report_text,
)

SEED_FIELDS = ("title", "methods", "responsible", "timeframe", "results", "outcome", "suggestions")
HINT = "ให้บรรทัดหัวตารางอยู่เหนือแถวมาตรการ แถวละหนึ่งมาตรการ และแต่ละช่องของแถวตรงกับคอลัมน์ของหัวตาราง"
HEADER_LINES = 300  # the header is looked for in the first lines (a title block and an introduction may come first)
_LINE_PREFIX = re.compile(r"บรรทัดที่ (\d+)")
_SIGNATURE = re.compile(r"ลงชื่อ|ลงนาม|ผู้รายงาน|ผู้อนุมัติ|ผู้ตรวจสอบ|\(\s*นาย|\(\s*นาง")
_CELL = re.compile(r"[^ \u00a0\u3000]+(?:[ \u00a0\u3000][^ \u00a0\u3000]+)*")  # words apart by single spaces


# --- the seed's layout -----------------------------------------------------------------------------------------


def seed_columns(text: str) -> list[dict[str, object]] | None:
    """The columns of the seed's header when the text is in the seed's layout (its seven columns in order under
    the first TAB line whose first cell is the seed's), else None."""
    for line in re.split(r"\r\n|\r|\n", text):
        if "\t" not in line:
            continue
        cells = line.split("\t")
        while len(cells) > len(COLUMNS) and not cells[-1].strip():
            cells.pop()
        if not _is_header_cell(cells[0]):
            continue
        if len(cells) != len(COLUMNS):
            return None
        try:
            cmap = map_columns([cells])
        except ColumnError:
            return None
        return cmap.columns if cmap.fields == {name: j for j, name in enumerate(SEED_FIELDS)} else None
    return None


def read_text(text: str) -> ParsedReport:
    """seed.parse_report_text on the text with every cell repaired first; repairs reported by line and column."""
    lines = re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))
    fixed_lines: list[str] = []
    changed: dict[int, dict[int, str]] = {}  # line -> column -> original cell
    repairs = []
    budget = Budget()
    for number, line in enumerate(lines, start=1):
        cells = line.split("\t")
        budget.row(cells, f"บรรทัดที่ {number} คอลัมน์ ")
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
            if column <= len(SEED_FIELDS):
                measure.original[SEED_FIELDS[column - 1]] = original
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


# --- what read_document calls ----------------------------------------------------------------------------------


def read_tabbed(text: str, columns: dict[str, str] | None = None) -> ParsedReport:
    """Text with TABs: the seed's layout, a CSV, Excel's TAB text with quoted multi-line cells, or a text table."""
    if not columns:
        found = seed_columns(text)
        if found is not None:
            try:
                report = read_text(text)
            except ImportFormatError:
                pass  # the text table below says what is wrong, in the officer's words
            else:
                report.columns, report.layout_key = found, layout_key(found)
                return report
    delimiter = sniff_delimiter(text, ",;|", columns)  # a CSV with a TAB inside a cell
    if delimiter is not None:
        return read_csv(text, delimiter, columns)
    if '"' in text and sniff_delimiter(text, "\t", columns):
        grid = csv_grid(text, "\t")
        if any("\n" in cell.text for row in grid.rows for cell in row):
            return build_report(Source("csv", [grid], hint=CSV_HINT), columns)
    return read_text_table(text, columns)


def read_delimited(text: str, columns: dict[str, str] | None = None) -> ParsedReport:
    """Text without TABs: a CSV when a header row is found under one of its delimiters, else a text table whose
    cells are apart by spaces."""
    delimiter = sniff_delimiter(text, ",;|", columns)
    if delimiter is not None:
        return read_csv(text, delimiter, columns)
    return read_text_table(text, columns)


# --- text tables -----------------------------------------------------------------------------------------------


@dataclass
class _Line:
    number: int
    cells: list[str]
    starts: list[int]  # the display column each cell starts at (lines without a TAB)
    tabbed: bool


def shown_width(text: str) -> int:
    """Columns the text takes in a monospaced layout: Thai vowels above or below and tone marks take none."""
    return sum(1 for char in text if unicodedata.category(char) not in ("Mn", "Me", "Cf"))


def split_line(number: int, line: str) -> _Line:
    if "\t" in line:
        return _Line(number, [cell.strip() for cell in line.split("\t")], [], True)
    cells: list[str] = []
    starts: list[int] = []
    shown = end = 0
    for match in _CELL.finditer(line):
        shown += shown_width(line[end : match.start()])
        cells.append(match.group())
        starts.append(shown)
        shown += shown_width(match.group())
        end = match.end()
    return _Line(number, cells, starts, False)


def read_text_table(text: str, columns: dict[str, str] | None = None) -> ParsedReport:
    lines = [split_line(n, line) for n, line in enumerate(re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff")), 1)]
    budget = Budget()
    for line in lines:
        budget.row(line.cells, f"บรรทัดที่ {line.number} คอลัมน์ ")
    header = next(
        (
            i
            for i, line in enumerate(lines[:HEADER_LINES])
            if len(line.cells) > 1 and is_table_header(line.cells, columns)
        ),
        None,
    )
    if header is None:
        raise _no_text_table(lines)
    cover = [Cell(" ".join(line.cells), f"บรรทัดที่ {line.number}", line=line.number) for line in lines[:header]]
    head = lines[header]
    while head.tabbed and len(head.cells) > 1 and not head.cells[-1]:
        head.cells.pop()  # stray TABs after the last column
    width = len(head.cells)
    rows: list[list[Cell]] = []
    loose: list[int] = []
    notes: list[str] = []
    ended = False  # a signature block under the table: what follows is not the table's
    for line in lines[header:]:
        if not any(line.cells) or _is_noise(" ".join(line.cells)):
            continue
        split = not ended and len(line.cells) > 1 and not (head.tabbed and not line.tabbed)
        cells = _fit(line, head, width, notes) if split else None
        if cells is None:
            loose.append(line.number)
            ended = ended or (len(line.cells) > 1 and not (head.tabbed and not line.tabbed))
            continue
        notes += [f"บรรทัดที่ {n}: ข้อความนี้อยู่ในตารางแต่ไม่ได้แบ่งเป็นช่อง จึงไม่ได้นำเข้า" for n in loose]
        loose = []
        rows.append([Cell(t, f"บรรทัดที่ {line.number} คอลัมน์ {j}", line=line.number) for j, t in enumerate(cells, 1)])
    notes += [f"บรรทัดที่ {n}: ข้อความหลังตารางไม่ได้นำเข้า" for n in loose]
    return build_report(Source("text", [Grid(rows, "ตาราง")], cover=cover, notes=notes, hint=HINT), columns)


def _fit(line: _Line, head: _Line, width: int, notes: list[str]) -> list[str] | None:
    """The row's cells under the header's columns (a note when placed by where they start); None for a
    signature line; refused when that cannot be known."""
    cells = line.cells
    if _SIGNATURE.search(" ".join(cells[:3])) and not line.tabbed:
        return None
    if line.tabbed:
        cells = cells[:width] + [cell for cell in cells[width:] if cell]  # stray TABs beyond the last column
        if len(cells) >= width - 1:
            return cells + [""] * (width - len(cells))
    elif len(cells) == width:
        return cells
    elif not head.tabbed:
        placed = _place(line, head, width)
        if placed is None and len(cells) == width - 1:
            placed = [*cells, ""]
        if placed is not None:
            notes.append(
                f"บรรทัดที่ {line.number}: แถวนี้มี {len(cells)} ช่อง แต่หัวตารางมี {width} คอลัมน์ "
                "จึงจัดแต่ละช่องไว้ใต้หัวคอลัมน์ที่ตรงกับตำแหน่งของช่องนั้น — ตรวจในหน้าตัวอย่างว่าถูกคอลัมน์"
            )
            return placed
    raise ImportFormatError(
        line.number,
        f"แถวนี้มี {len(cells)} ช่อง แต่หัวตาราง (บรรทัดที่ {head.number}) มี {width} คอลัมน์ จึงไม่รู้ว่าข้อความแต่ละช่อง"
        f"อยู่คอลัมน์ใด — ช่องที่อ่านได้: {' | '.join(cells[:8])}{' …' if len(cells) > 8 else ''}. "
        f"ถ้าช่องใดไม่มีข้อความ ให้ใส่ “-” ในช่องนั้นแทนการเว้นไว้ให้ครบทุกคอลัมน์ หรือ{PASTE}",
    )


def _place(line: _Line, head: _Line, width: int) -> list[str] | None:
    """Each cell under the header column starting nearest to it (a layout lined up with spaces), or None when
    two cells would share a column (unless the row has more cells than the header: a cell with spaces in it)."""
    out = [""] * width
    last = -1
    for cell, start in zip(line.cells, line.starts, strict=True):
        j = min(range(width), key=lambda k: abs(head.starts[k] - start))
        if j < last or (j == last and len(line.cells) < width):
            return None
        out[j] = f"{out[j]} {cell}".strip() if j == last else cell
        last = j
    return out


def _no_text_table(lines: list[_Line]) -> ImportFormatError:
    filled = [line for line in lines if any(line.cells)]
    split = [line for line in filled if len(line.cells) > 1]
    read = f"อ่านข้อความได้ {len(filled)} บรรทัด"
    if not split:
        read += " ไม่มีบรรทัดใดแบ่งเป็นช่องแบบตาราง (ข้อความที่คัดลอกจากตาราง Excel หรือ Word จะแบ่งเป็นช่อง)"
    else:
        first = split[0]
        shown = " | ".join(cell if len(cell) <= 30 else cell[:30] + "…" for cell in first.cells[:6])
        read += f" แบ่งเป็นช่องได้ {len(split)} บรรทัด (บรรทัดแรก: บรรทัดที่ {first.number} “{shown}”)"
    return ImportFormatError(
        filled[-1].number if filled else None,
        f"อ่านจนจบไฟล์แล้วไม่พบตารางมาตรการ — {read}. ไม่มีบรรทัดหัวตารางที่มีคอลัมน์ชื่อมาตรการ เช่น {TITLE_WORDS}: "
        f"ให้บรรทัดหัวตารางอยู่เหนือแถวมาตรการ หรือ{PASTE} หรือนำเข้าไฟล์ Word (.docx) หรือ Excel (.xlsx) แทน",
    )
