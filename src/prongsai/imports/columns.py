"""Table columns by meaning, not by exact title: which column of an imported table holds what.

No Django. Header cells are compared after ``normalise.compact_key`` (NFC, "ํา" -> "ำ", "เเ" -> "แ", no spaces or
line breaks, Arabic digits), with keyword rules checked in a fixed order; the first rule that matches names the
field. Fields:

``number``       ลำดับ / ลำดับที่ / ที่ / ข้อ
``title``        มาตรการหรือกิจกรรมที่ดำเนินการ / มาตรการ / กิจกรรมการดำเนินงาน / โครงการ/กิจกรรม/มาตรการ …
``methods``      วิธีการดำเนินการ / วิธีดำเนินการ / แนวทางการดำเนินการ
``responsible``  ผู้รับผิดชอบ / หน่วยงานที่รับผิดชอบ / ผู้รับผิดชอบ/หน่วยงาน
``timeframe``    ระยะเวลา / ระยะเวลาดำเนินการ / ห้วงเวลา / ช่วงเวลา
``indicators``   ตัวชี้วัด / ตัวชี้วัด ITA ที่เกี่ยวข้อง (but ตัวชี้วัดความสำเร็จ is ``target``)
``target``       เป้าหมาย / ค่าเป้าหมาย / ตัวชี้วัดความสำเร็จ
``results``      ผลการดำเนินการ / ผลการดำเนินงาน
``problems``     ปัญหา/อุปสรรค
``outcome``      ผลลัพธ์หรือความสำเร็จของการดำเนินการ / ผลลัพธ์ / ผลสำเร็จ / สถานะ
``suggestions``  ข้อเสนอแนะ

``results`` and ``problems`` become ``results_1`` / ``problems_1`` when their header (either row) names the
6-month round (รอบ ๖ เดือน, รอบที่ ๑, ต.ค.–มี.ค.) and ``results_2`` / ``problems_2`` for the 12-month round
(รอบ ๑๒ เดือน, รอบที่ ๒, ประจำปี, เม.ย.–ก.ย.) — also when the table has only that one column, so a 6-month
report's single "ผลการดำเนินการ รอบ ๖ เดือน" column is ``results_1``. Callers look for ``results``, then
``results_1`` / ``results_2``.

Every other column — งบประมาณ (บาท), หมายเหตุ, a second column of a field already found, a column without a
header — goes to ``extras`` under its header text as written (spaces collapsed; "คอลัมน์ 9" when empty; " (2)"
added when two extras share a text). No column is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prongsai.imports.normalise import compact_key

# (field, pattern on the compact key); first match wins, so the specific rules come first.
FIELD_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("number", r"(?:ลำดับ(?:ที่)?|ที่|ข้อ(?:ที่)?|no\.?)"),
        ("target", r"(?:ค่า)?เป้าหมาย.*|ตัวชี้วัดความสำเร็จ.*"),
        ("indicators", r"ตัวชี้วัด.*"),
        ("responsible", r".*รับผิดชอบ.*"),
        ("methods", r".*(?:วิธีการ|วิธีดำเนิน|วิธีปฏิบัติ).*|แนวทาง.*"),
        ("timeframe", r"(?:ระยะเวลา|ห้วงเวลา|ช่วงเวลา|กำหนดเวลา|ระยะดำเนิน).*"),
        ("problems", r".*(?:ปัญหา|อุปสรรค).*"),
        ("suggestions", r".*(?:ข้อเสนอแนะ|ข้อแนะนำ).*"),
        ("outcome", r"(?:ผลลัพธ์|ผลสำเร็จ|ความสำเร็จ|สถานะ).*"),
        ("results", r"(?:ผลการดำเนิน|ผลดำเนิน|ผลการปฏิบัติ).*"),
        ("title", r"(?:มาตรการ|กิจกรรม|โครงการ).*"),
    )
)
ROUNDED = ("results", "problems")
FIELD_NAMES = {
    "number": "ลำดับ",
    "title": "มาตรการหรือกิจกรรม",
    "methods": "วิธีการดำเนินการ",
    "responsible": "ผู้รับผิดชอบ",
    "timeframe": "ระยะเวลา",
    "indicators": "ตัวชี้วัด",
    "target": "เป้าหมาย",
    "results": "ผลการดำเนินการ",
    "problems": "ปัญหา/อุปสรรค",
    "outcome": "ผลลัพธ์หรือความสำเร็จของการดำเนินการ",
    "suggestions": "ข้อเสนอแนะ",
}
_ROUND_1 = re.compile(r"(?<![0-9])6เดือน|(?:รอบ|ครั้ง)(?:ที่)?1(?![0-9])|รอบแรก|ครึ่งปีแรก|ต\.?ค\.?[^ก-ฮ]{0,3}มี\.?ค")
_ROUND_2 = re.compile(r"12เดือน|(?:รอบ|ครั้ง)(?:ที่)?2(?![0-9])|ครึ่งปีหลัง|ประจำปี|ทั้งปี|เม\.?ย\.?[^ก-ฮ]{0,3}ก\.?ย")
_ROUND_LABEL = re.compile(r"(?:รอบ|ครั้ง|ช่วง|ระยะ)?(?:ที่)?(?:[12]|6เดือน|12เดือน|แรก|ครึ่งปี(?:แรก|หลัง))(?:\(.*\))?")
_KNOWN_EXTRAS = re.compile(r"(?:งบประมาณ|แหล่งงบ|หมายเหตุ|จำนวนเงิน|เอกสาร|หลักฐาน).*")
_MAX_HEADER = 45  # characters of a compact header; a longer cell is data, not a header


class ColumnError(ValueError):
    """A header without a needed column; str() is a Thai message naming the column."""

    def __init__(self, missing: str, message: str) -> None:
        super().__init__(message)
        self.missing = missing
        self.message = message


@dataclass
class ColumnMap:
    """Field -> column index (0-based); extras: header text -> column index; how many header rows were used."""

    fields: dict[str, int] = field(default_factory=dict)
    extras: dict[str, int] = field(default_factory=dict)
    header_rows: int = 1


def classify(cell: str) -> str | None:
    """The field one header cell names ("ผู้รับผิดชอบ/หน่วยงาน" -> "responsible"), or None."""
    key = compact_key(cell)
    if not key or len(key) > _MAX_HEADER:
        return None
    for name, pattern in FIELD_RULES:
        if pattern.fullmatch(key):
            return name
    return None


def round_of(cell: str) -> int | None:
    """1 for a header naming the 6-month round, 2 for the 12-month round, else None."""
    key = compact_key(cell)
    if _ROUND_2.search(key):
        return 2
    if _ROUND_1.search(key):
        return 1
    return None


def _is_round_label(cell: str) -> bool:
    key = compact_key(cell)
    return bool(key) and len(key) <= _MAX_HEADER and bool(_ROUND_LABEL.fullmatch(key) or round_of(cell))


def _header_like(cell: str) -> bool:
    key = compact_key(cell)
    if not key or len(key) > _MAX_HEADER or re.match(r"[0-9]", key):
        return False
    return bool(classify(cell) or _is_round_label(cell) or _KNOWN_EXTRAS.fullmatch(key))


def is_header_row(cells: list[str]) -> bool:
    """True for a (repeated) header row, by meaning: every filled cell reads as a column name and either two
    cells name fields or the row is the round line of a two-row header ("รอบ ๖ เดือน" | "รอบ ๑๒ เดือน")."""
    filled = [cell for cell in cells if cell.strip()]
    if not filled or not all(_header_like(cell) for cell in filled):
        return False
    named = {classify(cell) for cell in filled} - {None}
    return len(named) >= 2 or any(_is_round_label(cell) for cell in filled)


def _continues_header(cell: str) -> bool:
    """The second line of a header cell split over two rows: "ที่ดำเนินการ" under "มาตรการหรือกิจกรรม"."""
    key = compact_key(cell)
    return len(key) <= 20 and not re.search(r"[0-9]", key) and key.startswith(("ที่", "ของ", "หรือ", "และ", "การ"))


def _is_second_header_row(cells: list[str]) -> bool:
    filled = [cell for cell in cells if cell.strip()]
    return bool(filled) and all(_header_like(cell) or _continues_header(cell) for cell in filled)


def _shown(text: str) -> str:
    return " ".join(text.split())


def map_columns(header_rows: list[list[str]]) -> ColumnMap:
    """Map a header of one row, or two (a cell spanning columns arrives repeated or empty), to fields.

    A second row is used only when each of its filled cells reads as a column name or a round label
    (else it is data: ``header_rows`` says 1). Raises ColumnError when no column names the measure.
    """
    if not header_rows or not header_rows[0]:
        raise ColumnError("title", f'ไม่พบหัวตาราง — ต้องมีคอลัมน์ "{FIELD_NAMES["title"]}"')
    top = list(header_rows[0])
    two = len(header_rows) > 1 and _is_second_header_row(header_rows[1])
    width = max(len(top), len(header_rows[1]) if two else 0)
    top += [""] * (width - len(top))
    bottom = (list(header_rows[1]) + [""] * width)[:width] if two else [""] * width
    if two:
        # An empty top cell over a filled bottom cell continues the span of the cell on its left.
        for j in range(1, width):
            if not top[j].strip() and bottom[j].strip() and bottom[j - 1].strip():
                top[j] = top[j - 1]
    result = ColumnMap(header_rows=2 if two else 1)
    for j in range(width):
        upper, lower = _shown(top[j]), _shown(bottom[j])
        parts = [upper] if lower in ("", upper) else [upper, lower] if upper else [lower]
        text = " ".join(part for part in parts if part)
        name = (classify(lower) if lower else None) or (classify(upper) if upper else None) or classify(text)
        if name in ROUNDED:
            number = round_of(lower) or round_of(upper)
            if number:
                name = f"{name}_{number}"
        if name and name not in result.fields:
            result.fields[name] = j
            continue
        label = text or f"คอลัมน์ {j + 1}"
        shown, copy = label, 2
        while shown in result.extras:
            shown, copy = f"{label} ({copy})", copy + 1
        result.extras[shown] = j
    if "title" not in result.fields:
        found = " | ".join(_shown(" ".join(filter(None, (t, b)))) or "(ว่าง)" for t, b in zip(top, bottom, strict=True))
        raise ColumnError(
            "title",
            f'ไม่พบคอลัมน์ "{FIELD_NAMES["title"]}" (หรือ "มาตรการ", "กิจกรรม", "โครงการ/กิจกรรม/มาตรการ") '
            f"ในหัวตาราง — หัวตารางที่พบ: {found}",
        )
    return result
