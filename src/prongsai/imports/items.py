"""Reading one table cell: numbered items ("๑. … ๒. …"), measure numbers, departments, status phrases.

No Django. Text is kept as written; only the item markers and the whitespace around them are taken out,
and the lines of one item are joined with a single space (line wrapping in PDF/DOCX is layout, not meaning).

Item markers (``split_items``): the marker at the start of the cell decides the style, and only markers of
that style split the cell —

* ``๑.`` / ``1.``, ``๑)`` / ``1)``, ``(๑)`` / ``(1)``: at the start of the text or after whitespace (a line
  break too), numbers running 1, 2, 3 … (Thai and Arabic digits may mix); a number out of sequence is text
  ("๑. รอบ ๖ เดือน ๓. …" is one item), and a cell whose first number is not 1 is not a list.
* ``1.1``, ``1.2`` …: own items only when the cell starts with one (no "1." list around them) and there are at
  least two of them (one "1.5" might be a decimal); under a "1." list they stay in the item they follow.
* bullets ``-`` ``–`` ``—`` at the start of a line; ``•`` ``●`` ``○`` ``◦`` ``▪`` ``■`` ``□`` ``➢`` ``►``
  ``❖`` ``✓`` at the start of a line or after whitespace. A dash inside a sentence or a year range
  "๒๕๖๗ - ๒๕๖๙" is not a bullet; a dash before a digit ("-5") is not one either; a lone "-" is kept as text.
* anything else, however many lines, is one item.

Bullets inside a numbered item, and numbers inside a bulleted item, stay in that item's text.
"""

from __future__ import annotations

import re
import unicodedata

from prongsai.core.thai import to_arabic_digits, to_thai_digits

# An item number: 1-3 digits (Thai or Arabic) then ".", at the start of the text or after whitespace, and
# not the start of a decimal ("1.5") nor the tail of a longer number ("๒๕๖๗.").
_ITEM_NUMBER = re.compile(r"(?:^|(?<=\s))([0-9๐-๙]{1,3})\.(?![0-9๐-๙])")
# The measure's own number at the start of the first cell: "๑. การจัดทำ…", "1) …".
_MEASURE_NUMBER = re.compile(r"\s*([0-9๐-๙]{1,3})\s*[.)](?![0-9๐-๙])\s*(.*)", re.DOTALL)

DEPARTMENT_PREFIXES = ("สำนัก", "กอง", "ส่วน", "หน่วย", "งาน", "ฝ่าย")

# Checked in this order, on the phrase without spaces; the first code with a matching phrase wins, so
# "ไม่สามารถดำเนินการได้" is cancelled before "ดำเนินการได้" is done, and "ยังไม่ได้ดำเนินการ" not started
# before "ไม่ได้ดำเนินการ" is cancelled.
STATUS_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "in_progress",
        (
            "อยู่ระหว่าง",
            "ระหว่างดำเนินการ",
            "กำลังดำเนินการ",
            "ไม่แล้วเสร็จ",
            "ไม่เสร็จ",
            "ไม่เรียบร้อย",
            "ได้บางส่วน",
        ),
    ),
    ("not_started", ("ยังไม่ได้ดำเนินการ", "ยังไม่ดำเนินการ", "ยังไม่ได้เริ่ม", "ยังไม่เริ่ม")),
    ("cancelled", ("ยกเลิก", "ไม่สามารถดำเนินการ", "ดำเนินการไม่ได้", "ไม่ได้ดำเนินการ", "ไม่ดำเนินการ")),
    (
        "done",
        (
            "แล้วเสร็จ",
            "เสร็จสิ้น",
            "เสร็จเรียบร้อย",
            "เรียบร้อยแล้ว",
            "ดำเนินการแล้ว",
            "เสร็จแล้ว",
            "ดำเนินการเสร็จ",
            "ดำเนินการได้",
        ),
    ),
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


_DIGIT = "[0-9๐-๙]"
_AFTER_SPACE = r"(?:^|(?<=\s))"
# Each numbered style: its marker (group "n" the number, "p" a sub-number's parent) and the pattern of its start.
_NUMBERED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("paren", re.compile(rf"{_AFTER_SPACE}\((?P<n>{_DIGIT}{{1,3}})\)")),
    ("sub", re.compile(rf"{_AFTER_SPACE}(?P<p>{_DIGIT}{{1,3}})\.(?P<n>{_DIGIT}{{1,3}})(?!{_DIGIT}|\.{_DIGIT})\.?")),
    ("dot", _ITEM_NUMBER),
    ("close", re.compile(rf"{_AFTER_SPACE}(?P<n>{_DIGIT}{{1,3}})\)")),
)
DASHES = "-–—"
BULLETS = "•●○◦▪■□➢►❖✓"
_DASH = re.compile(rf"(?m)^[^\S\n]*[{DASHES}](?!{_DIGIT})")
_BULLET = re.compile(rf"(?:^|(?<=\s))[{BULLETS}]")


def _join_lines(text: str) -> str:
    """The lines of one item joined by single spaces (every kind of line break: "\\r\\n", "\\r", U+2028 …)."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def _numbered_spans(text: str, pattern: re.Pattern[str], sub: bool) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    expected = 1
    parent: int | None = None
    for match in pattern.finditer(text):
        number = digits_to_int(match.group("n") if "n" in pattern.groupindex else match.group(1))
        if sub:
            if parent is None:
                parent = digits_to_int(match.group("p"))
            elif digits_to_int(match.group("p")) != parent:
                continue
        if not spans and (match.start() != 0 or number != 1):
            return []
        if number == expected:
            spans.append(match.span())
            expected += 1
    return spans


def item_marker_spans(text: str) -> list[tuple[int, int]]:
    """Where the item markers of `text` (already stripped) are, in the style of its first marker; [] if none.

    See the module docstring for the styles and the rules.
    """
    for style, pattern in _NUMBERED:
        if pattern.match(text):
            spans = _numbered_spans(text, pattern, sub=style == "sub")
            if style == "sub" and len(spans) < 2:
                return []
            return spans
    if text[:1] in DASHES:
        spans = [match.span() for match in _DASH.finditer(text)]
    elif text[:1] in BULLETS:
        spans = [match.span() for match in _BULLET.finditer(text) if text[match.start()] == text[0]]
    else:
        return []
    if not spans or spans[0][0] != 0 or not text[spans[0][1] :].split("\n", 1)[0].strip():
        return []  # "-5 %", or a lone "-" standing for "nothing"
    return spans


def split_items(cell: str) -> list[str]:
    """The items of a cell without their markers: '๑. a ๒.b' -> ['a', 'b'], a "- a" line and a "- b" line ->
    ['a', 'b']; unmarked -> [the cell, its lines joined by spaces]; '' -> []."""
    text = cell.strip()
    if not text:
        return []
    spans = item_marker_spans(text)
    if not spans:
        return [_join_lines(text)]
    ends = [start for start, _ in spans[1:]] + [len(text)]
    items = (_join_lines(text[marker_end:item_end]) for (_, marker_end), item_end in zip(spans, ends, strict=True))
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


def department_key(name: str) -> str:
    """A department's name for comparing: no spaces, "ฯ" or dots, repaired Thai, สำนักงานปลัด -> สำนักปลัด.

    'กองสาธารณสุข ฯ' -> 'กองสาธารณสุข'; 'สำนักงานปลัดเทศบาล' -> 'สำนักปลัดเทศบาล' (still distinct from
    'สำนักปลัด': see match_department).
    """
    key = unicodedata.normalize("NFC", name).replace("\u0e4d\u0e32", "ำ").replace("เเ", "แ")
    key = re.sub(r"[\sฯ.\u200b]+", "", key)
    if key.startswith("สำนักงานปลัด"):
        key = "สำนักปลัด" + key.removeprefix("สำนักงานปลัด")
    return key


def match_department(written: str, known: list[str]) -> str | None:
    """The one name of `known` that `written` means, or None.

    Equal keys (department_key) first; else the only known name whose key starts with the written key or is
    the start of it: 'กองการศึกษา ฯ' -> 'กองการศึกษา ศาสนาและวัฒนธรรม', 'สำนักปลัด' -> 'สำนักปลัดเทศบาล'
    when that is the only one. When an organisation has both 'สำนักปลัด' and 'สำนักปลัดเทศบาล', each matches
    itself exactly. A bare type word ("กอง", "สำนัก") or an ambiguous prefix matches nothing.
    """
    key = department_key(written)
    if not key or key in DEPARTMENT_PREFIXES:
        return None
    keys = [(name, department_key(name)) for name in known]
    for name, other in keys:
        if other == key:
            return name
    near = [
        name
        for name, other in keys
        if other and other not in DEPARTMENT_PREFIXES and (other.startswith(key) or key.startswith(other))
    ]
    return near[0] if len(near) == 1 else None


def status_code(phrase: str) -> str:
    """'ดำเนินการแล้ว เสร็จ' -> 'done'; '' when the phrase says none of the known states."""
    compact = re.sub(r"[\s*]+", "", unicodedata.normalize("NFC", phrase))
    compact = compact.replace("\u0e4d\u0e32", "ำ").replace("\ufffd", "ำ").replace("เเ", "แ")
    for code, phrases in STATUS_PHRASES:
        if any(known in compact for known in phrases):
            return code
    return ""
