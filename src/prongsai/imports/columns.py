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
header, a header never seen before — goes to ``extras`` under its header text as written (spaces collapsed, two
header rows joined by " / "; "คอลัมน์ 9" when empty; " (2)" added when two extras share a text). No column is
dropped, and no table is refused for a column it does not know.

Each column is described in ``ColumnMap.columns`` (kept as ``ParsedReport.columns``): its index, its header as
written, its header key (``compact_key`` of that text: how an officer's choice names it), and ``field``, what
it was taken to be — a value of ``CHOICES`` ("extra" for a column kept under its header), or "budget:2567" for
a budget column of one year (kept as an extra) — and ``chosen`` when the officer's choice (``chosen`` argument
of ``map_columns``: header key -> a CHOICES value) decided it. A choice overrides the classification; a field
chosen for one column is no longer taken by meaning for another (that one becomes an extra); "ignore" drops the
column's cells. ``layout_key`` names the table's layout (its header keys in order) so that a choice can be
remembered for the next file of the same layout.

Header rows (``is_header_candidate``): short cells, no cell reading as data (a number, a long text), and more
cells known (fields, known extras — หมายเหตุ, งบประมาณ, ตัวชี้วัด, เป้าหมาย, กลุ่มเป้าหมาย, ภารกิจตามมิติ … —
round labels, years) than unknown; with a cell that is plainly a title header (``is_title_header``: only the
words of such headers, "มาตรการหรือกิจกรรมที่ดำเนินการ", "ชื่อโครงการ", "โครงการ/กิจกรรม/มาตรการ", never a
measure's own title "โครงการอบรม…"), or with two fields (a header without a title column: the reader asks the
officer which column holds the titles instead of guessing), or with the column the officer chose as the title.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

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
        ("title", r"(?:ชื่อ|แผนงาน/?)?(?:มาตรการ|กิจกรรม|โครงการ).*"),
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
_KNOWN_EXTRAS = re.compile(
    r"(?:งบประมาณ|งบ|แหล่งงบ|หมายเหตุ|จำนวนเงิน|เอกสาร|หลักฐาน|ภารกิจ|กลุ่มเป้าหมาย|ยุทธศาสตร์|หน่วยนับ).*"
    r"|มิติ(?:ที่)?|แผนงาน|สถานที่|พื้นที่(?:ดำเนินการ)?"
)
_MAX_EXTRA = 25  # characters of a known extra's header ("งบประมาณปี 2567 (บาท)"); longer is a cell's text
_MAX_HEADER = 45  # characters of a compact header; a longer cell is data, not a header
_MAX_UNKNOWN = 80  # characters of a compact header never seen before ("… (ระบุจำนวนครั้ง)"); longer is data
_TITLE_WORDS = re.compile(
    r"(?:ชื่อ|มาตรการ|กิจกรรม|โครงการ|แผนงาน|หรือ|และ|ที่|ได้|ดำเนินการ|ดำเนินงาน|การ|ของ|ตาม|แผน|ภายใน|[/,()\-–.:])+"
)
_YEAR = re.compile(r"(?<![0-9])(25[0-9]{2})(?![0-9])|(?:ปี|พ\.?ศ\.?)([0-9]{2})(?![0-9])")
_YEAR_ONLY = re.compile(r"(?:ปี|ปีงบประมาณ|พ\.?ศ\.?)?(?:25[0-9]{2})")


def _(text: str) -> str:
    """Marks a label for the translation catalogue (makemessages finds ``_("…")``); no Django here: the
    interface translates it (imports/mapping.py)."""
    return text


CHOICES: list[tuple[str, str]] = [
    ("number", _("ลำดับ")),
    ("title", _("ชื่อมาตรการหรือกิจกรรม")),
    ("methods", _("วิธีการดำเนินการ")),
    ("responsible", _("ผู้รับผิดชอบ")),
    ("timeframe", _("ระยะเวลา")),
    ("indicators", _("ตัวชี้วัด")),
    ("target", _("เป้าหมาย")),
    ("results", _("ผลการดำเนินการ")),
    ("results_1", _("ผลการดำเนินการ รอบ ๖ เดือน")),
    ("results_2", _("ผลการดำเนินการ รอบ ๑๒ เดือน")),
    ("outcome", _("ผลลัพธ์หรือความสำเร็จของการดำเนินการ")),
    ("problems", _("ปัญหา/อุปสรรค")),
    ("suggestions", _("ข้อเสนอแนะ")),
    ("extra", _("เก็บไว้เป็นข้อมูลเพิ่มเติม")),
    ("ignore", _("ไม่ใช้")),
]
_CHOICE_VALUES = frozenset([*(value for value, _ in CHOICES), "problems_1", "problems_2"])
_KEPT = ("extra", "ignore")  # choices that name no field


class ColumnError(ValueError):
    """A header without a needed column; str() is a Thai message naming the column. ``columns``: the header's
    columns as classified (ColumnMap.columns), for the officer to choose from."""

    def __init__(self, missing: str, message: str, columns: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.missing = missing
        self.message = message
        self.columns = columns or []


@dataclass
class ColumnMap:
    """Field -> column index (0-based); extras: header text -> column index; how many header rows were used;
    each column as described in the module docstring; the columns whose cells are dropped (chosen "ignore")."""

    fields: dict[str, int] = field(default_factory=dict)
    extras: dict[str, int] = field(default_factory=dict)
    header_rows: int = 1
    columns: list[dict[str, Any]] = field(default_factory=list, compare=False)
    ignored: set[int] = field(default_factory=set, compare=False)


def layout_key(columns: list[dict[str, Any]]) -> str:
    """The first 16 hex digits of sha256 over the header keys in order ("" for no columns)."""
    if not columns:
        return ""
    joined = "\x1f".join(str(column["key"]) for column in columns)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


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
    return bool(classify(cell) or _is_round_label(cell) or _known_extra(key))


def _known_extra(key: str) -> bool:
    return len(key) <= _MAX_EXTRA and bool(_KNOWN_EXTRAS.fullmatch(key))


def budget_year(text: str) -> int | None:
    """The year a budget column is for: "งบประมาณ ๒๕๖๗" and "งบประมาณ (บาท) / 2567" -> 2567, "งบปี 67" -> 2567;
    None for another column or a budget without a year."""
    key = compact_key(text)
    if not key.startswith("งบ") and "/งบ" not in key:
        return None
    match = _YEAR.search(key)
    if match is None:
        return None
    return int(match.group(1)) if match.group(1) else 2500 + int(match.group(2))


def is_title_header(cell: str) -> bool:
    """A header naming the measures' column and nothing else ("โครงการ/กิจกรรม/มาตรการ", "ชื่อโครงการ",
    "มาตรการหรือกิจกรรมที่ดำเนินการ"): not a measure's own title ("โครงการอบรมคุณธรรม")."""
    key = compact_key(cell)
    return classify(cell) == "title" and bool(_TITLE_WORDS.fullmatch(key))


def header_kind(cell: str) -> str:
    """What a cell is as a header: "empty", "field" (classify names it), "known" (a known extra, a round
    label, a year), "unknown" (text never seen before) or "data" (a number, a long text, many lines)."""
    if len(cell) > 5 * _MAX_UNKNOWN:  # data, whatever its spaces: not worth comparing
        return "data"
    key = compact_key(cell)
    if not key:
        return "empty"
    if _YEAR_ONLY.fullmatch(key):
        return "known"
    if len(key) > _MAX_UNKNOWN or re.match(r"[0-9]", key) or cell.strip().count("\n") > 2:
        return "data"
    if classify(cell):
        return "field"
    if _known_extra(key) or (len(key) <= _MAX_HEADER and _is_round_label(cell)):
        return "known"
    return "unknown"


def is_header_candidate(cells: list[str], chosen: dict[str, str] | None = None) -> bool:
    """The first row of a measures table's header (see the module docstring): it names the title column, or two
    fields (a header lacking the title column), or holds the column the officer chose as the title."""
    filled = [cell for cell in cells if cell.strip()]
    if len(filled) < 2:
        return False
    kinds = []
    for cell in filled:
        kinds.append(header_kind(cell))
        if kinds[-1] == "data":
            return False
    if chosen and any(chosen.get(compact_key(cell)) == "title" for cell in filled):
        return True
    known, unknown = len(kinds) - kinds.count("unknown"), kinds.count("unknown")
    if known < unknown:
        return False
    fields = kinds.count("field")
    return fields >= 2 or any(is_title_header(cell) for cell in filled)


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
    return bool(filled) and all(
        _header_like(cell) or _continues_header(cell) or _YEAR_ONLY.fullmatch(compact_key(cell)) for cell in filled
    )


def _shown(text: str) -> str:
    return " ".join(text.split())


def map_columns(header_rows: list[list[str]], chosen: dict[str, str] | None = None) -> ColumnMap:
    """Map a header of one row, or two (a cell spanning columns arrives repeated or empty), to fields.

    A second row is used only when each of its filled cells reads as a column name, a round label or a year
    (else it is data: ``header_rows`` says 1). ``chosen``: the officer's choices by header key, applied over
    the classification. Raises ColumnError (with the columns as classified) when no column names the measure.
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
        header = " / ".join(part for part in parts if part)
        name = (classify(lower) if lower else None) or (classify(upper) if upper else None) or classify(header)
        if name in ROUNDED:
            number = round_of(lower) or round_of(upper)
            if number:
                name = f"{name}_{number}"
        year = budget_year(header) if name is None else None
        key = compact_key(header)
        choice = (chosen or {}).get(key)
        if choice is not None and choice not in _CHOICE_VALUES and not choice.startswith("budget:"):
            choice = None  # not a choice the reader knows: the column is read by its meaning
        guessed = name or (f"budget:{year}" if year else "extra")
        result.columns.append(
            {"index": j, "header": header, "key": key, "field": choice or guessed, "chosen": choice is not None}
        )
    for column in sorted(result.columns, key=lambda column: not column["chosen"]):  # chosen fields first
        name = column["field"]
        if name in _KEPT or name.startswith("budget:"):
            continue
        if name in result.fields:
            column["field"] = "extra"  # a second column of a field already taken
        else:
            result.fields[name] = column["index"]
    for column in result.columns:
        if column["field"] == "ignore":
            result.ignored.add(column["index"])
        elif column["field"] == "extra" or column["field"].startswith("budget:"):
            label = column["header"] or f"คอลัมน์ {column['index'] + 1}"
            shown, copy = label, 2
            while shown in result.extras:
                shown, copy = f"{label} ({copy})", copy + 1
            result.extras[shown] = column["index"]
    if "title" not in result.fields:
        found = " | ".join(column["header"].replace(" / ", " ") or "(ว่าง)" for column in result.columns)
        raise ColumnError(
            "title",
            f'ไม่พบคอลัมน์ "{FIELD_NAMES["title"]}" (หรือ "มาตรการ", "กิจกรรม", "โครงการ/กิจกรรม/มาตรการ") '
            f"ในหัวตาราง — หัวตารางที่พบ: {found}",
            result.columns,
        )
    return result
