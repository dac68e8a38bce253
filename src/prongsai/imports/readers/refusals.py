"""What a refusal tells the officer: what was read, why no measure was found, what to try — in their words.

No Django. A refusal names the place (the file's line for text, else the table or sheet and its row), says
what was read (how many tables, rows and columns; what each column was taken to be: "ลำดับ → ลำดับ, รายการ → ?,
งบประมาณ (บาท) / ๒๕๖๗ → งบประมาณปี 2567"), why no measure could be found, and what the officer can do: choose
the title column in the preview, copy the table from Word into the import page, save the file again. No
talk of TABs, delimiters or patterns.
"""

from __future__ import annotations

from typing import Any

from prongsai.imports.columns import FIELD_NAMES, ColumnError, header_kind, layout_key
from prongsai.imports.readers.grid import Grid
from prongsai.imports.seed import ImportFormatError, NoTitleColumn

CHOOSE = "เลือกคอลัมน์ที่เป็นชื่อมาตรการในหน้าตัวอย่าง"
PASTE = "คัดลอกตารางจาก Word มาวางในหน้านำเข้า"
TITLE_WORDS = "“มาตรการหรือกิจกรรม” “โครงการ/กิจกรรม” หรือ “มาตรการ”"
_ROUNDS = {"1": "รอบ 6 เดือน", "2": "รอบ 12 เดือน"}
_MAX_SHOWN = 12  # columns named in a message
_MAX_GRIDS = 3  # tables described in a message


def field_label(column: dict[str, Any]) -> str:
    """What a column was taken to be, in words: "ลำดับ", "ผลการดำเนินการ รอบ 6 เดือน", "งบประมาณปี 2567",
    "ข้อมูลเพิ่มเติม" (a known extra), "?" (a header never seen before), "ไม่ใช้"."""
    name = str(column.get("field", ""))
    if name.startswith("budget:"):
        return f"งบประมาณปี {name.split(':', 1)[1]}"
    if name == "ignore":
        return "ไม่ใช้"
    if name == "extra":
        return "ข้อมูลเพิ่มเติม" if header_kind(str(column.get("header", ""))) == "known" else "?"
    base, _, round_no = name.rpartition("_")
    if base in FIELD_NAMES and round_no in _ROUNDS:
        return f"{FIELD_NAMES[base]} {_ROUNDS[round_no]}"
    return FIELD_NAMES.get(name, name)


def columns_summary(columns: list[dict[str, Any]]) -> str:
    """ "ลำดับ → ลำดับ, รายการ → ?, งบประมาณ (บาท) → ข้อมูลเพิ่มเติม" (the first columns, then "…")."""
    shown = [f"{column['header'] or '(ไม่มีหัวคอลัมน์)'} → {field_label(column)}" for column in columns[:_MAX_SHOWN]]
    return ", ".join(shown) + (" …" if len(columns) > _MAX_SHOWN else "")


def grid_size(grid: Grid) -> str:
    width = max((len(row) for row in grid.rows), default=0)
    return f"{grid.name} มี {len(grid.rows)} แถว {width} คอลัมน์"


def no_title(grid: Grid, index: int, error: ColumnError) -> NoTitleColumn:
    """A header was found, but no column of it names the measures (and the officer chose none)."""
    row = grid.rows[index]
    first = next((cell for cell in row if cell.text.strip()), row[0] if row else None)
    place = f"{grid.name} แถว {index + 1}" if first is None or first.line is None else ""
    message = (
        f"{place + ': ' if place else ''}พบหัวตารางแต่ไม่รู้ว่าคอลัมน์ใดเป็นชื่อมาตรการ — {grid_size(grid)}: "
        f"{columns_summary(error.columns)}. ไม่มีหัวคอลัมน์ใดเป็นคำอย่าง {TITLE_WORDS} "
        f"จึงไม่เดาเอาเอง: {CHOOSE} หรือแก้หัวคอลัมน์นั้นในไฟล์ให้เป็นคำดังกล่าวแล้วนำเข้าใหม่"
    )
    return NoTitleColumn(first.line if first is not None else None, message, error.columns, layout_key(error.columns))


def _first_row(grid: Grid) -> str:
    for row in grid.rows[:25]:
        texts = [" ".join(cell.text.split()) for cell in row if cell.text.strip()]
        if len(texts) >= 2:
            shown = " | ".join(text if len(text) <= 30 else text[:30] + "…" for text in texts[:6])
            return f" (แถวแรกที่มีหลายช่อง: {shown}{' …' if len(texts) > 6 else ''})"
    return ""


def what_was_read(grids: list[Grid]) -> str:
    """ "อ่านได้ 2 ตาราง: ตาราง 1 มี 3 แถว 2 คอลัมน์ (แถวแรกที่มีหลายช่อง: ชื่อ | ตำแหน่ง), …" """
    filled = [grid for grid in grids if any(cell.text.strip() for row in grid.rows for cell in row)]
    if not filled:
        return "ไม่พบตารางในไฟล์เลย"
    described = [grid_size(grid) + _first_row(grid) for grid in filled[:_MAX_GRIDS]]
    more = f" และอีก {len(filled) - _MAX_GRIDS} ตาราง" if len(filled) > _MAX_GRIDS else ""
    return f"อ่านได้ {len(filled)} ตาราง: " + ", ".join(described) + more


def no_table(grids: list[Grid], hint: str) -> ImportFormatError:
    """No header row names the measures' column (nor two fields) in any table."""
    message = (
        f"ไม่พบตารางมาตรการ — {what_was_read(grids)}. ไม่มีแถวหัวตารางที่มีคอลัมน์ชื่อมาตรการ เช่น {TITLE_WORDS} "
        f"จึงไม่รู้ว่าแถวใดเป็นมาตรการ: ให้มีแถวหัวตาราง (เช่น “{FIELD_NAMES['title']}” | “ผู้รับผิดชอบ” | "
        f"“ผลการดำเนินการ”) อยู่เหนือแถวมาตรการ"
    )
    message += f"; {hint}" if hint else ""
    return ImportFormatError(None, f"{message} หรือ{PASTE}")


def no_rows(grid: Grid, index: int, columns: list[dict[str, Any]], line: int | None) -> ImportFormatError:
    """A header with no measure under it."""
    place = "" if line is not None else f"{grid.name} แถว {index + 1}: "
    return ImportFormatError(
        line,
        f"{place}พบหัวตารางแต่ไม่มีแถวมาตรการใต้หัวตาราง — หัวตารางมี {len(columns)} คอลัมน์: "
        f"{columns_summary(columns)}; ให้แต่ละมาตรการอยู่แถวละหนึ่งมาตรการใต้หัวตารางนี้ (ช่องชื่อมาตรการต้องไม่ว่าง)",
    )
