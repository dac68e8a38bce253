"""Reading a รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส from its extracted text.

The format (see tests/fixtures/klaeng-2567-measures-report.txt): a title block, an introduction, then a
table of 7 TAB-separated columns whose header row repeats on each page. Pure Python: no Django here.
Cell text is kept exactly as written (typos included); only leading/trailing whitespace is stripped.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata

from prongsai.imports.items import (
    digits_to_int,
    split_departments,
    split_items,
    split_measure_number,
    status_code,
)
from prongsai.imports.normalise import Repair, describe
from prongsai.imports.parsed import ImportFormatError, NoTitleColumn, ParsedMeasure, ParsedReport, report_to_json

# What a read gives lives in parsed.py; it is also named here, where the readers have always found it.
__all__ = [
    "ImportFormatError",
    "NoTitleColumn",
    "ParsedMeasure",
    "ParsedReport",
    "parse_report_bytes",
    "parse_report_text",
    "report_to_json",
]

COLUMNS = (
    "มาตรการหรือกิจกรรมที่ดำเนินการ",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลา",
    "ผลการดำเนินการ",
    "ผลลัพธ์หรือความสำเร็จของการดำเนินการ",
    "ข้อเสนอแนะ",
)

_THAI = "\u0e01-\u0e4f"  # Thai letters, vowels and marks (not Thai digits)
_ORG = re.compile(rf"(องค์การบริหารส่วนตำบล|อบต\.|เทศบาล(?:ตำบล|เมือง|นคร)|องค์การบริหารส่วนจังหวัด|อบจ\.)([{_THAI}]+)")
_PROVINCIAL = ("องค์การบริหารส่วนจังหวัด", "อบจ.")
# Full words first; the abbreviations "อ." and "จ." only when no full word is found.
_DISTRICT = tuple(
    re.compile(rf"{prefix}\s*([{_THAI}]+?)(?=จังหวัด|จ\.|[^{_THAI}]|$)") for prefix in ("อำเภอ", rf"(?<![{_THAI}])อ\.")
)
_PROVINCE = tuple(re.compile(rf"{prefix}\s*([{_THAI}]+)") for prefix in ("(?<!ส่วน)จังหวัด", rf"(?<![{_THAI}])จ\."))
_YEAR = re.compile(r"(?:(พ\.\s*ศ\.|ค\.\s*ศ\.)|ปีงบประมาณ)\s*(?:(พ\.\s*ศ\.|ค\.\s*ศ\.)\s*)?([0-9๐-๙]{4})(?![0-9๐-๙])")
_SEPARATOR = re.compile(r"[\s\\*\-_=#~.]*")  # "\*\*\*\*\*", "---", "***" (fullmatch)
_PAGE_NUMBER = re.compile(r"\s*(?:[-–—]\s*)?(?:หน้า|page)?\s*[0-9๐-๙]{1,3}(?:\s*/\s*[0-9๐-๙]{1,3})?\s*(?:[-–—]\s*)?")
_HTML = re.compile(r"\s*<[!?a-zA-Z]")


def parse_report_bytes(data: bytes) -> ParsedReport:
    """Decode (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-874/TIS-620) and parse."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif data.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "cp874")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return parse_report_text(text)
    raise ImportFormatError(None, "อ่านไฟล์ไม่ได้ — ไฟล์ไม่ใช่ข้อความแบบ UTF-8, UTF-16 หรือ TIS-620 (Windows-874)")


def parse_report_text(text: str) -> ParsedReport:
    """Parse the report; raises ImportFormatError (never another exception) when it is not one."""
    lines = re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))
    _check_plain_thai_text(lines)
    header = _find_header(lines)
    notes: list[tuple[int, str]] = []
    report = read_cover(lines[:header], notes)
    report.measures = _read_table(lines, header, notes)
    for number, line in enumerate(lines, start=1):
        for spelling in other_spellings(line, report.organization):
            notes.append((number, spelling_note(spelling, report.organization)))
    notes.sort(key=lambda note: note[0])
    report.warnings = [f"บรรทัดที่ {n}: {message}" if n else message for n, message in notes]
    return report


def _check_plain_thai_text(lines: list[str]) -> None:
    filled = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    if not filled:
        raise ImportFormatError(None, "ไฟล์ว่างเปล่า — ไม่มีข้อความให้นำเข้า")
    for number, line in filled:
        for char in line:
            if unicodedata.category(char) in ("Cc", "Cs") and char not in "\t\f":
                raise ImportFormatError(number, f"พบอักขระควบคุม U+{ord(char):04X} — ไฟล์นี้ไม่ใช่ข้อความรายงาน")
    first_number, first_line = filled[0]
    if _HTML.match(first_line):
        raise ImportFormatError(
            first_number,
            "ไฟล์นี้เป็นหน้าเว็บ (HTML) — ให้คัดลอกข้อความของรายงาน หรือบันทึกตารางเป็นข้อความคั่นด้วยแท็บ",
        )
    if not any(re.search(f"[{_THAI}]", line) for _, line in filled):
        raise ImportFormatError(first_number, "ไม่พบอักษรไทย — ไฟล์นี้ไม่ใช่รายงานผลการดำเนินการตามมาตรการ")


def _compact(text: str) -> str:
    return re.sub(r"[\s*|\"]+", "", text).replace("\u0e4d\u0e32", "ำ")


def _is_header_cell(cell: str) -> bool:
    compact = _compact(cell)
    return compact.startswith("มาตรการ") and "กิจกรรม" in compact


def _is_header_row(cells: list[str]) -> bool:
    """A repeated header: by meaning, and with no digit in its first two cells (a data row has some)."""
    return _is_header_cell(cells[0]) and not re.search("[0-9๐-๙]", "".join(cells[:2]))


def _is_noise(line: str) -> bool:
    return bool(_SEPARATOR.fullmatch(line) or _PAGE_NUMBER.fullmatch(line))


def _find_header(lines: list[str]) -> int:
    """Index of the first header row; checks that it has the 7 columns."""
    for index, line in enumerate(lines):
        if "\t" in line:
            cells = _trim(line.split("\t"))
        elif line.count(",") >= 2 or line.count("|") >= 2:  # a CSV or markdown table: explained below
            cells = [cell for cell in re.split(r"[,|]", line) if cell.strip()][:1]
            cells = [cell for cell in cells if len(_compact(cell)) <= 40]  # not a sentence with commas
        else:
            continue
        if not cells or not _is_header_cell(cells[0]):
            continue
        if "\t" not in line:
            raise ImportFormatError(
                index + 1,
                "หัวตารางไม่ได้คั่นช่องด้วยแท็บ (ดูเหมือนไฟล์ CSV หรือตารางแบบอื่น) — ตารางรายงานต้องมี 7 ช่อง"
                f"คั่นด้วยแท็บ: {' | '.join(COLUMNS)}",
            )
        if len(cells) != len(COLUMNS):
            raise ImportFormatError(
                index + 1,
                f"หัวตารางพบ {len(cells)} ช่อง แต่ตารางรายงานต้องมี 7 ช่องคั่นด้วยแท็บ: {' | '.join(COLUMNS)}",
            )
        return index
    wanted = f'แถวหัวตารางที่ช่องแรกเป็น "{COLUMNS[0]}" และมี 7 ช่องคั่นด้วยแท็บ'
    tabbed = [n for n, line in enumerate(lines, start=1) if "\t" in line]
    if tabbed:
        raise ImportFormatError(tabbed[0], f"แถวแรกที่คั่นด้วยแท็บไม่ใช่หัวตาราง — ไม่พบ{wanted}")
    last = max(n for n, line in enumerate(lines, start=1) if line.strip())
    raise ImportFormatError(last, f"อ่านจนจบไฟล์แล้วไม่พบ{wanted}")


def _trim(cells: list[str]) -> list[str]:
    """Drop empty cells beyond the 7th (stray trailing tabs)."""
    while len(cells) > len(COLUMNS) and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def _clean(line: str) -> str:
    """A title-block line without markdown marks: '**ข้อความ  ' -> 'ข้อความ'."""
    return line.replace("**", "").strip().lstrip("#").strip()


def other_spellings(text: str, organization: str) -> list[str]:
    """The organisation's name written in `text` otherwise than on the title block, each spelling once.

    Names run into the next word ("แกลงได้" is still "แกลง"); a provincial organisation (อบจ.) named in the
    text of another is another body, not a misspelling."""
    match = _ORG.match(organization)
    if match is None:
        return []
    cover_name = match.group(2)
    found: list[str] = []
    for other in _ORG.finditer(text):
        spelling, kind, name = other.group(0), other.group(1), other.group(2)
        if spelling in found or name.startswith(cover_name) or cover_name.startswith(name):
            continue
        if kind in _PROVINCIAL and not organization.startswith(_PROVINCIAL):
            continue
        found.append(spelling)
    return found


def spelling_note(spelling: str, organization: str) -> str:
    return f'ชื่อหน่วยงานสะกดว่า "{spelling}" ต่างจากหน้าปก "{organization}"'


def fiscal_year_in(text: str) -> int:
    """The B.E. fiscal year written after พ.ศ. / ปีงบประมาณ (a ค.ศ. year or one under 2400 moved on by 543); 0."""
    year = _YEAR.search(text)
    if year is None:
        return 0
    value = digits_to_int(year.group(3))
    if "ค" in (year.group(1) or "") + (year.group(2) or "") or value < 2400:
        value += 543
    return value


def read_cover(lines: list[str], notes: list[tuple[int, str]]) -> ParsedReport:
    """Title, organisation, place, fiscal year and introduction from the lines before the table."""
    blocks: list[list[int] | None] = []  # indexes of consecutive lines; None where a separator stood
    current: list[int] = []
    for index, line in enumerate(lines):
        if line.strip() and not _is_noise(line):
            current.append(index)
            continue
        if current:
            blocks.append(current)
            current = []
        if line.strip():
            blocks.append(None)
    if current:
        blocks.append(current)
    cleaned = [_clean(line) for line in lines]
    org_index = next((i for i, text in enumerate(cleaned) if _ORG.match(text)), None)
    if org_index is None:
        org_index = next((i for i, text in enumerate(cleaned) if _ORG.search(text)), None)
    organization = ""
    if org_index is not None:
        org_match = _ORG.search(cleaned[org_index])
        organization = org_match.group(0) if org_match else ""

    def is_place(index: int) -> bool:
        return index == org_index or bool(re.match(r"(?:อำเภอ|จังหวัด|อ\.|จ\.)", cleaned[index]))

    title_lines: list[int] = []
    for block in blocks:
        if block is not None:
            title_lines = list(itertools.takewhile(lambda i: not is_place(i), block))
            if title_lines:
                break
    title = " ".join(cleaned[i] for i in title_lines if cleaned[i])
    district = _first(_DISTRICT, cleaned)
    province = _first(_PROVINCE, cleaned)
    fiscal_year = next((y for i in title_lines + list(range(len(lines))) if (y := fiscal_year_in(cleaned[i]))), 0)
    intro_blocks: list[list[int]] = []
    for block in reversed(blocks):
        if block is None or any(i in title_lines or is_place(i) for i in block):
            break
        joined = "\n".join(lines[i] for i in block).strip()
        if joined.startswith("**") and joined.endswith("**"):
            break
        intro_blocks.insert(0, block)
    intro = "\n\n".join("\n".join(lines[i].rstrip() for i in block) for block in intro_blocks).strip()
    for value, what in (
        (title, "ชื่อรายงาน"),
        (organization, "ชื่อหน่วยงาน"),
        (district, "อำเภอ"),
        (province, "จังหวัด"),
        (fiscal_year, "ปีงบประมาณ (พ.ศ.)"),
    ):
        if not value:
            notes.append((0, f"ไม่พบ{what}ในส่วนหัวของรายงาน"))
    return ParsedReport(title, organization, district, province, fiscal_year, intro)


def _first(patterns: tuple[re.Pattern[str], ...], texts: list[str]) -> str:
    for pattern in patterns:
        for text in texts:
            match = pattern.search(text)
            if match:
                return match.group(1)
    return ""


def _read_table(lines: list[str], header: int, notes: list[tuple[int, str]]) -> list[ParsedMeasure]:
    measures: list[ParsedMeasure] = []
    loose: list[int] = []  # lines without a tab since the last row: fine only before a header or the end
    header_key = _compact(lines[header])
    for index in range(header + 1, len(lines)):
        number, line = index + 1, lines[index]
        if not line.strip() or _is_noise(line):
            continue
        cells = _trim(line.split("\t"))
        if _is_header_row(cells):
            notes.extend((n, "ข้อความนอกตารางไม่ได้นำเข้า") for n in loose)
            loose = []
            if _compact(line) != header_key:
                notes.append((number, "ถือเป็นหัวตารางซ้ำ (ข้อความต่างจากหัวตารางแรก) จึงไม่ได้นำเข้าเป็นมาตรการ"))
            continue
        if len(cells) == 1:
            loose.append(number)
            continue
        if loose:
            raise ImportFormatError(loose[0], "บรรทัดนี้อยู่ในตารางแต่ไม่มีแท็บคั่นช่อง — ข้อความในช่องต้องอยู่ในบรรทัดเดียวกับแถว")
        if len(cells) == len(COLUMNS) - 1:
            cells.append("")
        if len(cells) != len(COLUMNS):
            raise ImportFormatError(number, f"อ่านตารางไม่ได้ — พบ {len(cells)} ช่อง แต่ตารางรายงานต้องมี 7 ช่องคั่นด้วยแท็บ")
        measures.append(_read_row(number, [cell.strip() for cell in cells], len(measures) + 1, notes))
    notes.extend((n, "ข้อความหลังตารางไม่ได้นำเข้า") for n in loose)
    if not measures:
        raise ImportFormatError(header + 1, "พบหัวตารางแต่ไม่มีแถวมาตรการใต้หัวตาราง")
    return measures


def _read_row(number: int, cells: list[str], expected: int, notes: list[tuple[int, str]]) -> ParsedMeasure:
    first, methods, responsible, timeframe, results, outcome, suggestions = cells
    if not first:
        raise ImportFormatError(number, "ช่องแรก (มาตรการหรือกิจกรรม) ว่าง — ถ้าเป็นข้อความต่อจากแถวก่อน ให้รวมไว้ในแถวเดียวกัน")
    measure_number, title = split_measure_number(first)
    if measure_number is None:
        notes.append((number, f'มาตรการไม่มีเลขข้อนำหน้า (เช่น "๑.") — ถือเป็นข้อ {expected}'))
        measure_number = expected
    elif measure_number != expected:
        notes.append((number, f"เลขข้อมาตรการ {measure_number} ไม่ต่อจากข้อก่อนหน้า (คาดว่าเป็น {expected})"))
    status = status_code(outcome)
    if not status:
        shown = f'"{outcome}"' if outcome else "ช่องว่าง"
        known = "ดำเนินการแล้วเสร็จ, อยู่ระหว่างดำเนินการ, ยังไม่ดำเนินการ หรือ ยกเลิก"
        notes.append((number, f"อ่านผลลัพธ์ {shown} ไม่ได้ — ใช้คำเช่น {known}"))
    found: list[Repair] = []  # items split out of a cell: a label dropped, a leftover taken out
    method_items = split_items(methods, found, "วิธีการดำเนินการ")
    result_items = split_items(results, found, "ผลการดำเนินการ")
    notes.extend((number, describe(item)) for item in found)
    return ParsedMeasure(
        number=measure_number,
        title=title,
        methods=method_items,
        departments=split_departments(responsible),
        responsible=responsible,
        timeframe=timeframe,
        results=result_items,
        status=status,
        outcome=outcome,
        suggestions=suggestions,
        line=number,
    )
