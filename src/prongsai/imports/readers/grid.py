"""The cells and grids a reader hands over to table.py, and the text helpers every reader shares: whether a
row is a measures table's header, and lines broken by a page layout joined back (``join_wrapped``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prongsai.imports.columns import classify, compact_key, is_header_candidate

HEADER_SEARCH_ROWS = 25  # a header is looked for in the first rows of a grid (title rows may come first)
_THAI_LETTER = re.compile("[\u0e01-\u0e4e]")  # letters, vowels and marks; not Thai digits
_MARKER_LINE = re.compile(r"\s*(?:\(?[0-9๐-๙]{1,3}[.)](?![0-9๐-๙])|[-–—•●○◦▪■□➢►❖✓])")


@dataclass
class Cell:
    """One cell as the reader found it: its text (lines joined by "\\n") and where it is, in Thai.

    ``above``: the cell continues the one above it (a Word cell merged down, an HTML rowspan, a PDF row
    that goes on at the top of the next page). ``line``: the line of the file, for text formats (CSV, HTML).
    """

    text: str
    place: str
    above: bool = False
    line: int | None = None


@dataclass
class Grid:
    rows: list[list[Cell]]
    name: str  # "ตาราง 2", "หน้า 3", "แผ่นงาน Sheet1": for warnings about the grid as a whole
    wrapped: bool = False


@dataclass
class Source:
    format: str  # "docx", "xlsx", "csv", "html", "pdf"
    grids: list[Grid]
    cover: list[Cell] = field(default_factory=list)  # the title block, one line each ("" for a blank line)
    notes: list[str] = field(default_factory=list)  # the reader's own warnings
    hint: str = ""  # what to do when no table is found, for this format


def is_table_header(texts: list[str], chosen: dict[str, str] | None = None) -> bool:
    """The first header row of a measures table (columns.is_header_candidate): it names the title column or
    two fields, whatever other columns it has — not a title line that only reads as a round label
    ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗") nor a data row."""
    return is_header_candidate(texts, chosen)


def header_rank(grid: Grid, chosen: dict[str, str] | None = None) -> int:
    """2 when one of the grid's first rows is a measures header naming the title column (or holding the one the
    officer chose), 1 when one is a header without it, else 0."""
    rank = 0
    for row in grid.rows[:HEADER_SEARCH_ROWS]:
        texts = [cell.text for cell in row]
        if not is_table_header(texts, chosen):
            continue
        if any(classify(text) == "title" or (chosen or {}).get(compact_key(text)) == "title" for text in texts):
            return 2
        rank = 1
    return rank


def first_table(grids: list[Grid], chosen: dict[str, str] | None = None) -> int | None:
    """The index of the first grid with a measures header naming the title column, else of the first with a
    header without it (read to ask the officer which column holds the titles), else None."""
    ranks = [header_rank(grid, chosen) for grid in grids]
    for wanted in (2, 1):
        if wanted in ranks:
            return ranks.index(wanted)
    return None


def join_wrapped(text: str) -> str:
    """Lines broken by a page layout joined back: no space between two Thai letters, a space elsewhere, a
    line break kept before an item marker. 'ผู้บังคับ\\nบัญชา' -> 'ผู้บังคับบัญชา', 'ตุลาคม\\n๒๕๖๖' ->
    'ตุลาคม ๒๕๖๖', 'ปฏิบัติ\\n๒. มี' -> 'ปฏิบัติ\\n๒. มี'."""
    out = ""
    for line in (part.strip() for part in text.split("\n")):
        if not line:
            continue
        if not out:
            out = line
        elif _MARKER_LINE.match(line):
            out += "\n" + line
        elif _THAI_LETTER.match(out[-1]) and _THAI_LETTER.match(line[0]):
            out += line
        else:
            out += " " + line
    return out


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]
