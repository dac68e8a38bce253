"""From a grid of cells, whatever the format, to a ParsedReport: shared by every document reader.

No Django. A reader hands over a ``Source``: the lines of the title block (``cover``) and one ``Grid`` per
table it found (a Word table, a PDF page, a sheet, an HTML table, the records of a CSV). Here:

* each grid's header row is found by meaning (``columns.is_header_row`` on its first rows; rows above it in
  the first such grid are title lines) and mapped with ``columns.map_columns`` (one or two header rows);
  a grid without a header that is as wide as the last mapped one continues it (a table split in several);
  another grid without one is left out with a warning;
* a header row repeated further down (on each printed page) is skipped;
* a row whose measure cell (and number cell) is empty continues the measure above: its cells are appended
  (a row split over two rows or pages); a cell merged down from the row above (Word's vertical merge, an
  HTML rowspan) repeats the value above in a new measure;
* a row holding only a heading in its first column (not the measures' column; "มิติที่ ๑ …", often one cell
  across the table) is no measure: its text is kept in the ``extras`` of the measures under it as "หัวข้อ";
  a total row ("รวม", "รวมทั้งสิ้น" in the measure or number cell) is no measure either; both are warned of;
* every imported cell (and title line) passes through ``normalise.repair`` with its place; each repair is
  in ``report.repairs`` and described in ``report.warnings``; the text before repair is kept per measure in
  ``original``;
* items: ``items.split_items`` on the cell's lines; columns that are no field of ParsedMeasure (งบประมาณ,
  หมายเหตุ, ตัวชี้วัด, a header never seen before …) go to ``extras`` under their header text; results split
  by round are kept as ``results_1`` / ``results_2`` with ``results`` the 12-month one when that column
  exists, else the 6-month one;
* the officer's choice of columns (``build_report(source, columns)``: header key -> columns.CHOICES value)
  overrides the reading by meaning; a column chosen "ignore" is left out (said in a warning). The first
  table's columns and layout key are kept on the report (``ParsedReport.columns`` / ``layout_key``);
* refusals (refusals.py) say what was read and what to try; a header without a title column raises
  ``NoTitleColumn`` with the columns, so that the officer can choose the title column.

A ``wrapped`` grid (PDF) has the layout's line breaks inside its cells, not the writer's: its lines are
joined back (``grid.join_wrapped``) with no space between two Thai letters and a space elsewhere; a line that
starts with an item marker ("๒.", "-", "•") stays on a line of its own so that items still split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from prongsai.imports.columns import FIELD_NAMES, ColumnError, ColumnMap, is_header_row, layout_key, map_columns
from prongsai.imports.items import digits_to_int, split_departments, split_items, split_measure_number, status_code
from prongsai.imports.normalise import Repair, compact_key, describe, repair
from prongsai.imports.readers.grid import (
    _THAI_LETTER,
    HEADER_SEARCH_ROWS,
    Cell,
    Grid,
    Source,
    _lines,
    is_table_header,
    join_wrapped,
)
from prongsai.imports.readers.refusals import no_rows, no_table, no_title
from prongsai.imports.seed import (
    ParsedMeasure,
    ParsedReport,
    fiscal_year_in,
    other_spellings,
    read_cover,
    spelling_note,
)

_NUMBER_ONLY = re.compile(r"\s*\(?([0-9๐-๙]{1,3})[.)]?\s*")
_SIGNATURE = re.compile(r"ลงชื่อ|ลงนาม|ผู้รายงาน|ผู้อนุมัติ|ผู้ตรวจสอบ")
_TOTAL = re.compile(r"(?:ยอด)?รวม(?:ทั้งสิ้น|ทั้งหมด|งบประมาณ|เงิน)?(?:\(บาท\))?")
SECTION = "หัวข้อ"  # the extras label of a heading row's text, for the measures under it
LIST_FIELDS = ("methods", "results", "results_1", "results_2")
TEXT_FIELDS = ("responsible", "timeframe", "outcome", "suggestions", "problems", "problems_1", "problems_2")
_MEASURE_FIELDS = ("number", "title", *LIST_FIELDS, *TEXT_FIELDS)


@dataclass
class _Row:
    """A measure's cells while its rows are read: column -> texts (repaired), originals, where it starts."""

    cells: dict[int, list[str]]
    originals: dict[int, list[str]]
    place: str
    line: int
    cmap: ColumnMap
    labels: list[str]
    wrapped: bool
    repaired: set[int] = field(default_factory=set)
    section: str = ""  # the heading row above it in the table


class _Builder:
    def __init__(self, source: Source, chosen: dict[str, str] | None = None) -> None:
        self.source = source
        self.chosen = chosen or None
        self.columns: list[dict[str, Any]] = []  # the first header's
        self.warnings: list[str] = []
        self.repairs: list[Repair] = []
        self.rows: list[_Row] = []
        self.cover_lines: list[str] = []
        self.cover_warnings: list[str] = []
        self.section = ""

    def fix(self, cell: Cell, warnings: list[str] | None = None) -> str:
        text, found = repair(cell.text, cell.place)
        self.repairs.extend(found)
        (self.warnings if warnings is None else warnings).extend(describe(item) for item in found)
        return text

    # --- grids ---------------------------------------------------------------------------------------

    def find_header(self, grid: Grid) -> tuple[int, ColumnMap] | tuple[int, ColumnError] | None:
        """The first header row of the grid naming the measure column, and its map; else the first header
        row without it, and its ColumnError (the columns, for the officer to choose from); else None."""
        error: tuple[int, ColumnError] | None = None
        for index, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
            texts = [cell.text for cell in row]
            if not is_table_header(texts, self.chosen):
                continue
            pair = [texts] + ([[c.text for c in grid.rows[index + 1]]] if index + 1 < len(grid.rows) else [])
            try:
                return index, map_columns(pair, self.chosen)
            except ColumnError as err:
                error = error or (index, err)
        return error

    def read(self) -> ParsedReport:
        cmap: ColumnMap | None = None
        labels: list[str] = []
        width = 0
        untitled: tuple[Grid, int, ColumnError] | None = None
        header_line: int | None = None
        header_at: tuple[Grid, int] | None = None
        cover_cells = list(self.source.cover)
        header_keys: set[str] = set()
        for grid in self.source.grids:
            found = self.find_header(grid)
            if found is not None and isinstance(found[1], ColumnError):
                untitled = untitled or (grid, found[0], found[1])
                found = None
            if found is not None:
                index, cmap = found
                rows = grid.rows
                labels = [column["header"] for column in cmap.columns]
                width = max(len(row) for row in rows[index : index + cmap.header_rows])
                if not self.rows and not header_keys:  # rows above the first header: title lines
                    for row in rows[:index]:
                        filled = [cell for cell in row if cell.text.strip() and not cell.above]
                        joined = " ".join(" ".join(cell.text.split()) for cell in filled)
                        cover_cells.append(Cell(joined, filled[0].place if filled else "", line=None))
                    header_line = rows[index][0].line if rows[index] else None
                    header_at = (grid, index)
                    self.first_header(cmap)
                for row in rows[index : index + cmap.header_rows]:
                    header_keys.add(_row_key(row))
                start = index + cmap.header_rows
            elif cmap is not None and grid.rows and max(len(row) for row in grid.rows) == width:
                start = 0  # the same table, continued without its header
            else:
                self.skip(grid)
                continue
            for row in grid.rows[start:]:
                self.add_row(row, cmap, labels, grid.wrapped, header_keys)
        table_repairs, self.repairs = self.repairs, []
        self.cover_lines = [self.fix(cell, self.cover_warnings) if cell.text.strip() else "" for cell in cover_cells]
        self.repairs += table_repairs
        if cmap is None:
            if untitled is not None:
                raise no_title(*untitled)
            raise no_table(self.source.grids, self.source.hint)
        if not self.rows:
            grid, index = header_at or (self.source.grids[0], 0)
            raise no_rows(grid, index, self.columns, header_line)
        return self.report()

    def first_header(self, cmap: ColumnMap) -> None:
        """The measures table's columns as read, and a warning for each column left out by the officer."""
        if self.columns:
            return
        self.columns = cmap.columns
        for column in cmap.columns:
            if column["index"] in cmap.ignored:
                shown = column["header"] or f"คอลัมน์ {column['index'] + 1}"
                self.warnings.append(f"คอลัมน์ “{shown}” ไม่ได้นำเข้า ตามที่เลือกไว้ว่าไม่ใช้")

    def skip(self, grid: Grid) -> None:
        text = " ".join(cell.text for row in grid.rows for cell in row)
        if not text.strip() or _SIGNATURE.search(text) or not _THAI_LETTER.search(text):
            return
        self.warnings.append(f"{grid.name}: ไม่มีหัวตารางมาตรการ (เช่น “{FIELD_NAMES['title']}”) จึงไม่ได้นำเข้า")

    def add_row(self, row: list[Cell], cmap: ColumnMap, labels: list[str], wrapped: bool, headers: set[str]) -> None:
        texts = [cell.text for cell in row]
        if not any(text.strip() for text in texts):
            return
        if _row_key(row) in headers or is_header_row(texts):
            return  # a header repeated on a new page, or the round line of a two-row header
        key_columns = [cmap.fields[name] for name in ("number", "title") if name in cmap.fields]
        empty_key = all(j >= len(row) or not row[j].text.strip() or row[j].above for j in key_columns)
        first = next((cell for cell in row if cell.text.strip()), row[0])
        if self.heading_or_total(row, cmap, first):
            return
        if empty_key:
            if not self.rows:
                self.warnings.append(f"{first.place}: แถวนี้ไม่มีชื่อมาตรการ จึงไม่ได้นำเข้า")
                return
            target = self.rows[-1]
            merged = any(row[j].above for j in key_columns if j < len(row))
            if not wrapped and not merged:
                self.warnings.append(
                    f"{first.place}: ช่องมาตรการว่าง จึงถือเป็นข้อความต่อจากมาตรการแถวก่อนหน้า ({target.place})"
                )
            for j, cell in enumerate(row):
                if cell.text.strip() and j not in target.cmap.ignored:
                    self.put(target, j, cell)
            return
        current = _Row({}, {}, first.place, first.line or len(self.rows) + 1, cmap, labels, wrapped)
        current.section = self.section
        previous = self.rows[-1] if self.rows else None
        for j, cell in enumerate(row):
            if j in cmap.ignored:
                continue
            if cell.above and not cell.text.strip() and previous is not None and previous.cmap is cmap:
                current.cells[j] = list(previous.cells.get(j, []))  # merged down from the measure above
                current.originals[j] = list(previous.originals.get(j, []))
                if j in previous.repaired:
                    current.repaired.add(j)
            elif cell.text.strip():
                self.put(current, j, cell)
        self.rows.append(current)

    def heading_or_total(self, row: list[Cell], cmap: ColumnMap, first: Cell) -> bool:
        """A heading across the table, or a total row: warned of, and not a measure."""
        filled = [j for j, cell in enumerate(row) if cell.text.strip() and not cell.above]
        text = " ".join(first.text.split())
        keys = [
            row[j].text for name in ("title", "number") if (j := cmap.fields.get(name)) is not None and j < len(row)
        ]
        if any(_TOTAL.fullmatch(compact_key(key)) for key in keys):
            self.warnings.append(f"{first.place}: แถวรวม “{text}” ไม่ได้นำเข้าเป็นมาตรการ")
            return True
        if filled != [0] or cmap.fields.get("title") == 0 or re.match(r"[0-9๐-๙(]", text):
            return False
        self.section = self.fix(first)
        self.warnings.append(f"{first.place}: “{text}” เป็นหัวข้อในตาราง ไม่ได้นำเข้าเป็นมาตรการ แต่บันทึกไว้กับมาตรการใต้หัวข้อนี้")
        return True

    def put(self, target: _Row, j: int, cell: Cell) -> None:
        fixed = self.fix(cell)
        target.cells.setdefault(j, []).append(fixed)
        target.originals.setdefault(j, []).append(cell.text)
        if fixed != cell.text:
            target.repaired.add(j)

    # --- measures ----------------------------------------------------------------------------------------

    def report(self) -> ParsedReport:
        notes: list[tuple[int, str]] = []
        cover = read_cover(self.cover_lines if any(self.cover_lines) else [""], notes)
        if not cover.fiscal_year:  # "ประจำปีงบประมาณ พ.ศ." at the end of a line, the year on the next
            cover.fiscal_year = fiscal_year_in(" ".join(self.cover_lines))
            if cover.fiscal_year:
                notes = [note for note in notes if "ปีงบประมาณ" not in note[1]]
        if self.source.format == "pdf" and cover.intro:
            cover.intro = "\n\n".join(join_wrapped(part) for part in cover.intro.split("\n\n"))
        warnings = [message for _, message in notes] + self.source.notes + self.cover_warnings + self.warnings
        measures = [self.measure(row, index, warnings) for index, row in enumerate(self.rows, start=1)]
        cover.measures = measures
        cover.warnings = warnings + self.spelling(cover.organization)
        cover.source_format = self.source.format
        cover.repairs = self.repairs
        cover.columns = self.columns
        cover.layout_key = layout_key(self.columns)
        return cover

    def measure(self, row: _Row, expected: int, warnings: list[str]) -> ParsedMeasure:
        fields = row.cmap.fields

        def text(name: str) -> str:
            j = fields.get(name)
            return self.joined(row, j) if j is not None else ""

        number_text = text("number")
        first = text("title")
        measure_number, title = split_measure_number(" ".join(first.split()))
        number_match = _NUMBER_ONLY.fullmatch(number_text)
        if number_match:
            measure_number = digits_to_int(number_match.group(1))
        if measure_number is None:
            warnings.append(f'{row.place}: มาตรการไม่มีเลขข้อนำหน้า (เช่น "๑.") — ถือเป็นข้อ {expected}')
            measure_number = expected
        elif measure_number != expected:
            warnings.append(f"{row.place}: เลขข้อมาตรการ {measure_number} ไม่ต่อจากข้อก่อนหน้า (คาดว่าเป็น {expected})")
        # Items split out of a cell; a label dropped, a leftover taken out: each listed like a repair.
        found: list[Repair] = []

        def where(name: str) -> str:
            return f"{row.place} ({_label(row, fields[name])})" if name in fields else row.place

        lists = {name: split_items(text(name), found, where(name)) for name in LIST_FIELDS}
        self.repairs.extend(found)
        warnings.extend(describe(item) for item in found)
        if "results_2" in fields:
            results = lists["results_2"]
        elif "results_1" in fields:
            results = lists["results_1"]
        else:
            results = lists["results"]
        if "results" in fields and ("results_1" in fields or "results_2" in fields) and lists["results"]:
            row_extras = {_label(row, fields["results"]): text("results")}
        else:
            row_extras = {}
        problems = text("problems_2") or text("problems_1") or text("problems")
        outcome = text("outcome")
        status = status_code(outcome)
        if "outcome" in fields and not status:
            shown = f'"{" ".join(outcome.split())}"' if outcome else "ช่องว่าง"
            known = "ดำเนินการแล้วเสร็จ, อยู่ระหว่างดำเนินการ, ยังไม่ดำเนินการ หรือ ยกเลิก"
            warnings.append(f"{row.place}: อ่านผลลัพธ์ {shown} ไม่ได้ — ใช้คำเช่น {known}")
        extras: dict[str, str] = {SECTION: " ".join(row.section.split())} if row.section else {}
        used = {fields[name] for name in _MEASURE_FIELDS if name in fields}
        for j in sorted(set(row.cells) - used):
            value = self.joined(row, j)
            if value:
                extras[_unique(_label(row, j), extras)] = value
        for label, value in row_extras.items():
            extras[_unique(label, extras)] = value
        original: dict[str, str] = {}
        names = {j: name for name, j in fields.items()}
        for j in sorted(row.repaired):
            key = names.get(j) if j in used else None
            original[key or _label(row, j)] = "\n".join(row.originals[j])
        responsible = text("responsible")
        return ParsedMeasure(
            number=measure_number,
            title=title,
            methods=lists["methods"],
            departments=split_departments(responsible),
            responsible=responsible,
            timeframe=text("timeframe"),
            results=results,
            status=status,
            outcome=outcome,
            suggestions=text("suggestions"),
            line=row.line,
            place=row.place,
            results_1=lists["results_1"],
            results_2=lists["results_2"],
            problems=problems,
            problems_1=text("problems_1"),
            problems_2=text("problems_2"),
            extras=extras,
            original=original,
        )

    def joined(self, row: _Row, j: int) -> str:
        parts = row.cells.get(j, [])
        if row.wrapped:
            name = next((n for n, k in row.cmap.fields.items() if k == j), "")
            if name == "responsible":  # one name a line: the names keep a space between them
                return " ".join(" ".join(_lines(part)) for part in parts)
            return join_wrapped("\n".join(parts))
        return "\n".join(line for part in parts for line in _lines(part))

    def spelling(self, organization: str) -> list[str]:
        """The organisation written differently from the title block (as the seed text format reports it)."""
        found: list[str] = []
        seen: set[str] = set()
        for row in self.rows:
            for texts in row.cells.values():
                for spelling in other_spellings(" ".join(texts), organization):
                    if spelling not in seen:
                        seen.add(spelling)
                        found.append(f"{row.place}: {spelling_note(spelling, organization)}")
        return found


def _row_key(row: list[Cell]) -> str:
    return "|".join(compact_key(cell.text) for cell in row)


def _label(row: _Row, j: int) -> str:
    for label, k in row.cmap.extras.items():
        if k == j:
            return label
    return (row.labels[j] if j < len(row.labels) else "") or f"คอลัมน์ {j + 1}"


def _unique(label: str, taken: dict[str, str]) -> str:
    shown, copy = label, 2
    while shown in taken:
        shown, copy = f"{label} ({copy})", copy + 1
    return shown


def build_report(source: Source, columns: dict[str, str] | None = None) -> ParsedReport:
    """The report of a reader's grids, read with the officer's choice of columns (header key -> a CHOICES
    value); raises ImportFormatError (Thai; NoTitleColumn when no column holds the titles) otherwise."""
    return _Builder(source, columns).read()
