"""Reading ITA scores out of sheets (CSV or XLSX) and checking each value. Writes nothing.

Two layouts. An organisation's sheet lists one indicator per row ("ตัวชี้วัดที่ 3 | 92.79", the
first number after the indicator is its score) or is one row under a header of indicator
columns. A national or provincial sheet has a header row naming the organisation's code and/or
name (+ province) and the indicator columns ("ตัวชี้วัดที่ 1" ... "ตัวชี้วัดที่ 10", "i1", "1"),
then one row per organisation. Row numbers are the sheet's own (1-based, header included).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from prongsai.core.digits import digits, num
from prongsai.core.errors import ServiceError
from prongsai.core.thai import to_arabic_digits

SHEET_TYPES = ("csv", "xlsx")
_CENT = Decimal("0.01")
_BLANKS = {"", "-", "–", "—"}
_NUMERIC = re.compile(r"^[-+]?[0-9]+(?:\.[0-9]*)?$|^[-+]?\.[0-9]+$")
_INDICATOR_HEADER = re.compile(r"^(?:ตัวชี้วัด(?:ที่)?|indicator|ind\.?|i)?\s*([0-9]{1,2})(?![0-9.])")
_INDICATOR_CELL = re.compile(r"^(?:ตัวชี้วัด(?:ที่)?\s*)?([0-9]{1,2})(?![0-9]|\.[0-9])")


def indicator_label(number: int) -> str:
    return _("ตัวชี้วัดที่ %(n)s") % {"n": num(number)}


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def check_score(value: Any, place: str | Callable[[], str], field_name: str | None = None) -> Decimal | None:
    """A score 0-100 with at most two decimals, or None for a blank cell; otherwise a ServiceError
    whose message names `place`: "แถวที่ 12 คอลัมน์ ตัวชี้วัดที่ 3: 104.5 เกิน 100".

    `place` may be a function, called only for an error (a national sheet has 83,000 cells).
    """
    if value is None:
        return None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, bool):
        number = None
    elif isinstance(value, int | float):
        number = Decimal(str(round(value, 6))) if value == value and abs(value) != float("inf") else None
    else:
        text = to_arabic_digits(str(value)).strip().replace(",", "")
        if text in _BLANKS:
            return None
        try:
            number = Decimal(text) if _NUMERIC.match(text) else None
        except InvalidOperation:
            number = None
    if number is not None and number.is_finite() and 0 <= number <= 100 and number == round(number, 2):
        return number.quantize(_CENT)
    shown = _shown(value)
    place = place() if callable(place) else place
    if number is None or not number.is_finite():
        raise ServiceError(_('%(place)s: "%(value)s" ไม่ใช่ตัวเลข') % {"place": place, "value": shown}, field_name)
    if number > 100:
        raise ServiceError(digits(_("%(place)s: %(value)s เกิน 100")) % {"place": place, "value": shown}, field_name)
    if number < 0:
        raise ServiceError(
            digits(_("%(place)s: %(value)s ติดลบ (ต้องอยู่ระหว่าง 0 ถึง 100)")) % {"place": place, "value": shown}, field_name
        )
    if int(number.normalize().as_tuple().exponent) < -2:
        message = digits(_("%(place)s: %(value)s มีทศนิยมเกิน 2 ตำแหน่ง"))
        raise ServiceError(message % {"place": place, "value": shown}, field_name)
    return number.quantize(_CENT)


def check_scores(raw: dict[int, Any]) -> dict[int, Decimal]:
    """Indicator number -> score, blanks left out; a bad value names its indicator (field indicator_N)."""
    scores: dict[int, Decimal] = {}
    for number, value in sorted(raw.items()):
        if number not in range(1, 11):
            raise ServiceError(digits(_("ไม่มีตัวชี้วัดที่ %(n)s: ITA มีตัวชี้วัดที่ 1 ถึง 10")) % {"n": num(number)})
        score = check_score(value, indicator_label(number), f"indicator_{number}")
        if score is not None:
            scores[number] = score
    return scores


# --- tables ------------------------------------------------------------------------------------


def read_table(data: bytes, filename: str) -> list[list[Any]]:
    """The cells of a CSV (UTF-8, or Windows Thai cp874) or of an XLSX's first sheet, row by row."""
    name = PurePath(filename).name or "file"
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension == "csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp874")
            except UnicodeDecodeError:
                raise ServiceError(_('อ่านไฟล์ "%(name)s" ไม่ได้: ต้องเป็น CSV แบบ UTF-8') % {"name": name}, "file") from None
        return [list(row) for row in csv.reader(io.StringIO(text))]
    if extension == "xlsx":
        import openpyxl  # only when a workbook is read
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError):
            raise ServiceError(_('อ่านไฟล์ "%(name)s" ไม่ได้: ไม่ใช่ไฟล์ Excel (.xlsx)') % {"name": name}, "file") from None
        try:
            sheet = workbook.worksheets[0]
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    raise ServiceError(
        _('ไม่รับไฟล์ชนิด .%(ext)s ("%(name)s"): รับเฉพาะ .csv และ .xlsx') % {"ext": extension or "?", "name": name}, "file"
    )


def _norm(cell: Any) -> str:
    return " ".join(to_arabic_digits("" if cell is None else str(cell)).split()).lower()


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and cell.strip() in _BLANKS)


def _indicator_columns(row: list[Any]) -> dict[int, int]:
    columns: dict[int, int] = {}
    for index, cell in enumerate(row):
        m = _INDICATOR_HEADER.match(_norm(cell))
        if m and 1 <= int(m.group(1)) <= 10 and int(m.group(1)) not in columns:
            columns[int(m.group(1))] = index
    return columns


def _is_number(cell: Any) -> bool:
    if isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
        return True
    return isinstance(cell, str) and bool(_NUMERIC.match(to_arabic_digits(cell).strip().replace(",", "")))


def _row_place(row: int, number: int) -> str:
    return _("แถวที่ %(row)s คอลัมน์ %(col)s") % {"row": num(row), "col": indicator_label(number)}


def read_score_sheet(data: bytes, filename: str) -> dict[int, Decimal]:
    """One organisation's indicator scores from a sheet; a bad cell is named and nothing is returned."""
    rows = read_table(data, filename)
    for header_index, row in enumerate(rows[:20]):
        columns = _indicator_columns(row)
        if len(columns) >= 2:
            data_rows = [
                (i, r)
                for i, r in enumerate(rows[header_index + 1 :], start=header_index + 2)
                if any(not _blank(c) for c in r)
            ]
            if not data_rows:
                break
            if len(data_rows) > 1:
                raise ServiceError(_("ไฟล์นี้มีคะแนนหลายแถว: ใช้ไฟล์ของหน่วยงานเดียว (แถวละตัวชี้วัด หรือแถวเดียวใต้หัวตาราง)"), "file")
            line, values = data_rows[0]
            raw = {n: values[i] if i < len(values) else None for n, i in columns.items()}
            return {
                n: score
                for n, value in raw.items()
                if (score := check_score(value, _row_place(line, n), "file")) is not None
            }
    scores: dict[int, Decimal] = {}
    seen: dict[int, int] = {}
    for line, row in enumerate(rows, start=1):
        cells = [(i, c) for i, c in enumerate(row) if not _blank(c)]
        if not cells:
            continue
        first_index, first = cells[0]
        if isinstance(first, int | float) and not isinstance(first, bool) and float(first).is_integer():
            number = int(first)
        else:
            m = _INDICATOR_CELL.match(_norm(first))
            number = int(m.group(1)) if m else 0
        if not 1 <= number <= 10:
            continue  # a title or a header row
        if number in seen:
            raise ServiceError(
                _("แถวที่ %(row)s: %(ind)s ซ้ำกับแถวที่ %(other)s")
                % {"row": num(line), "ind": indicator_label(number), "other": num(seen[number])},
                "file",
            )
        seen[number] = line
        value = next((c for i, c in cells if i > first_index and _is_number(c)), None)
        if value is None:
            raise ServiceError(
                _("แถวที่ %(row)s: ไม่พบคะแนนของ%(ind)s") % {"row": num(line), "ind": indicator_label(number)}, "file"
            )
        place = _("แถวที่ %(row)s %(ind)s") % {"row": num(line), "ind": indicator_label(number)}
        score = check_score(value, place, "file")
        if score is not None:
            scores[number] = score
    if not scores:
        raise ServiceError(_('ไม่พบคะแนนตัวชี้วัดในไฟล์: ใส่แถวละตัวชี้วัด เช่น "ตัวชี้วัดที่ 1 | 94.59"'), "file")
    return scores


# --- national / provincial sheets --------------------------------------------------------------


@dataclass
class NationalRow:
    row: int  # the sheet's row number
    code: str
    name: str
    province: str
    values: dict[int, Any] = field(default_factory=dict)  # indicator -> the cell as read


def _header_kind(cell: Any) -> str | None:
    text = _norm(cell)
    if not text:
        return None
    if "รหัส" in text or text in ("code", "org code", "organization code", "organisation code"):
        return "code"
    if "จังหวัด" in text or text == "province":
        return "province"
    if "หน่วยงาน" in text or text in ("ชื่อ", "name", "organization", "organisation"):
        return "name"
    return None


def _national_header(rows: list[list[Any]]) -> tuple[int, dict[int, int], dict[str, int]] | None:
    """(row index, indicator -> column, code/name/province -> column) of the header row, if any."""
    for header_index, header in enumerate(rows[:20]):
        indicators = _indicator_columns(header)
        kinds: dict[str, int] = {}
        for index, cell in enumerate(header):
            kind = _header_kind(cell)
            if kind and kind not in kinds and index not in indicators.values():
                kinds[kind] = index
        if indicators and ("code" in kinds or "name" in kinds):
            return header_index, indicators, kinds
    return None


def read_national_sheet(data: bytes, filename: str) -> list[NationalRow]:
    """Rows of a national/provincial sheet; values are checked later, by the import."""
    rows = read_table(data, filename)
    found = _national_header(rows)
    if found is None:
        raise ServiceError(
            _("ไม่พบแถวหัวตาราง: ต้องมีคอลัมน์ รหัสหน่วยงาน หรือ ชื่อหน่วยงาน (และ จังหวัด) กับคอลัมน์ ตัวชี้วัดที่ 1 ถึง 10"),
            "file",
        )
    header_index, indicators, kinds = found

    def cell(values: list[Any], kind: str) -> str:
        index = kinds.get(kind)
        if index is None or index >= len(values) or values[index] is None:
            return ""
        value = values[index]
        return _shown(value) if isinstance(value, float) else " ".join(str(value).split())

    out: list[NationalRow] = []
    for line, values in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if all(_blank(c) for c in values):
            continue
        code, name, province = cell(values, "code"), cell(values, "name"), cell(values, "province")
        if not code and not name:
            raise ServiceError(_("แถวที่ %(row)s: ไม่มีรหัสหรือชื่อหน่วยงาน") % {"row": num(line)}, "file")
        raw = {n: values[i] if i < len(values) else None for n, i in indicators.items()}
        out.append(NationalRow(line, code, name, province, raw))
    return out
