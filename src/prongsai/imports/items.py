"""Reading one table cell: numbered items ("๑. … ๒. …"), measure numbers, departments, status phrases.

No Django. Text is kept exactly as written; only the item numbers and the whitespace around
them are taken out.
"""

from __future__ import annotations

import re

from prongsai.core.thai import to_arabic_digits, to_thai_digits

# An item number: 1-3 digits (Thai or Arabic) then ".", at the start of the text or after whitespace, and
# not the start of a decimal ("1.5") nor the tail of a longer number ("๒๕๖๗.").
_ITEM_NUMBER = re.compile(r"(?:^|(?<=\s))([0-9๐-๙]{1,3})\.(?![0-9๐-๙])")
# The measure's own number at the start of the first cell: "๑. การจัดทำ…", "1) …".
_MEASURE_NUMBER = re.compile(r"\s*([0-9๐-๙]{1,3})\s*[.)](?![0-9๐-๙])\s*(.*)", re.DOTALL)

DEPARTMENT_PREFIXES = ("สำนัก", "กอง", "ส่วน", "หน่วย", "งาน", "ฝ่าย")

# Checked in this order, on the phrase without spaces; the first code with a matching phrase wins.
STATUS_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("in_progress", ("อยู่ระหว่าง", "กำลังดำเนินการ", "ยังไม่แล้วเสร็จ", "ยังไม่เสร็จ")),
    ("not_started", ("ยังไม่ได้ดำเนินการ", "ยังไม่ดำเนินการ", "ยังไม่ได้เริ่ม", "ยังไม่เริ่ม")),
    ("cancelled", ("ยกเลิก", "ไม่ได้ดำเนินการ", "ไม่ดำเนินการ")),
    ("done", ("แล้วเสร็จ", "เสร็จสิ้น", "เสร็จเรียบร้อย", "เรียบร้อยแล้ว", "ดำเนินการแล้ว", "เสร็จแล้ว")),
)


def digits_to_int(digits: str) -> int:
    """'๒๕๖๗' or '2567' -> 2567."""
    return int(to_arabic_digits(digits))




def item_number_spans(text: str) -> list[tuple[int, int]]:
    """Where the item numbers ("๑.", "2.") of `text` are, as (start, end) offsets.

    Numbering counts only when it starts the text (after leading whitespace) with 1 and each next number is
    exactly the one expected: "๒๕๖๗ - ๒๕๖๙", "เดือนละ ๑ ครั้ง" or "รอบ ๖ เดือน" are words, not item numbers.
    Returns [] when the text is not numbered.
    """
    spans: list[tuple[int, int]] = []
    expected = 1
    for match in _ITEM_NUMBER.finditer(text):
        if not spans and (text[: match.start()].strip() or digits_to_int(match.group(1)) != 1):
            return []
        if digits_to_int(match.group(1)) == expected:
            spans.append(match.span())
            expected += 1
    return spans


def split_items(cell: str) -> list[str]:
    """The items of a cell without their numbers: '๑. a ๒.b' -> ['a', 'b']; unnumbered -> [cell]; '' -> []."""
    text = cell.strip()
    if not text:
        return []
    spans = item_number_spans(text)
    if not spans:
        return [text]
    ends = [start for start, _ in spans[1:]] + [len(text)]
    items = (text[number_end:item_end].strip() for (_, number_end), item_end in zip(spans, ends, strict=True))
    return [item for item in items if item]


def join_items(items: list[str], numbered: bool = True, thai_digits: bool = True) -> str:
    """The text of a cell from its items: ['a', 'b'] -> '๑. a ๒. b' (or '1. a 2. b', or 'a b')."""
    if not numbered:
        return " ".join(items)
    parts = []
    for number, item in enumerate(items, start=1):
        label = to_thai_digits(str(number)) if thai_digits else str(number)
        parts.append(f"{label}. {item}")
    return " ".join(parts)


def split_measure_number(cell: str) -> tuple[int | None, str]:
    """'๑. การจัดทำข้อตกลง…' -> (1, 'การจัดทำข้อตกลง…'); no leading number -> (None, cell stripped)."""
    match = _MEASURE_NUMBER.fullmatch(cell)
    if match is None:
        return None, cell.strip()
    return digits_to_int(match.group(1)), match.group(2).strip()


def split_departments(cell: str) -> list[str]:
    """'สำนักปลัด กองคลัง กองการศึกษา ฯ' -> ['สำนักปลัด', 'กองคลัง', 'กองการศึกษา ฯ'].

    A name starts at a token beginning with สำนัก, กอง, ส่วน, หน่วย, งาน or ฝ่าย; any other token (a lone
    "ฯ", "และวัฒนธรรม") joins the current name with a space. Commas separate like spaces.
    """
    names: list[str] = []
    for token in re.split(r"[\s,]+", cell.strip()):
        if not token:
            continue
        if names and not token.startswith(DEPARTMENT_PREFIXES):
            names[-1] = f"{names[-1]} {token}"
        else:
            names.append(token)
    return names


def status_code(phrase: str) -> str:
    """'ดำเนินการแล้ว เสร็จ' -> 'done'; '' when the phrase says none of the known states."""
    compact = re.sub(r"[\s*]+", "", phrase)
    compact = compact.replace("\u0e4d\u0e32", "ำ").replace("\ufffd", "ำ").replace("เเ", "แ")
    for code, phrases in STATUS_PHRASES:
        if any(known in compact for known in phrases):
            return code
    return ""
