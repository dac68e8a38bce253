"""Reading one table cell: numbered items ("๑. … ๒. …"), measure numbers, departments, status phrases.

No Django. Text is kept as written; only the item markers and the whitespace around them are taken out,
and the lines of one item are joined with a single space (line wrapping in PDF/DOCX is layout, not meaning).
Anything else ``split_items`` takes out or reads differently from the letter of the cell is a repair
(``normalise.Repair``, its kind a key of ``ITEM_KIND_LABELS``) that the import preview lists with its place.

Item markers (``split_items``; found by item_markers.py): the first marker of the list decides the style,
and markers of that style split the cell —

* ``๑.`` / ``1.``, ``๑)`` / ``1)``, ``(๑)`` / ``(1)``: after whitespace (a line break too), numbers running
  1, 2, 3 … (Thai and Arabic digits may mix); a number out of sequence is text ("๑. รอบ ๖ เดือน ๓. …" is one
  item), and a list whose first number is not 1 is not a list. A number after a word that counts or
  refers ("ข้อ ๒.", "มาตรา", "ร้อยละ", "จำนวน", "หมู่ที่", "เดือนละ", "ครั้งที่" …) is never a marker, nor
  is a decimal ("๑.๕ ล้านบาท"), a year or a date ("ปี ๒๕๖๗", "๓๑ มี.ค. ๖๗").
* where the next number is missing, the next number glued to a Thai word ("…ครบถ้วน๓) ประชาชน…") or written
  in another numbered style ("๑. … ๒. … ๓) …") is the next item (repair ``item_marker``) — unless that other
  style already numbers something inside the item: a sub-list "(๑) … (๒) …" inside item 1 stays in it.
* ``1.1``, ``1.2`` …: own items only when the list starts with one (no "1." list around them) and there are
  at least two of them (one "1.5" might be a decimal); under a "1." list they stay in the item they follow.
* bullets ``-`` ``–`` ``—`` at the start of a line; ``•`` ``●`` ``○`` ``◦`` ``▪`` ``■`` ``□`` ``➢`` ``►``
  ``❖`` ``✓`` at the start of a line or after whitespace. A dash inside a sentence or a year range
  "๒๕๖๗ - ๒๕๖๙" is not a bullet; a dash before a digit ("-5") is not one either; a lone "-" is kept as text.
* a lead-in before the first marker does not stop the list. A bare label — one or more of
  ``item_markers.LABELS`` ("ผลลัพธ์", "ผลการดำเนินการ มีดังนี้ :", "ได้แก่") — is dropped (repair
  ``item_label``); a sentence ending with "ดังนี้", "ดังต่อไปนี้", "ได้แก่", "ประกอบด้วย", "คือ" or a colon
  ("จัดอบรมพนักงาน ดังนี้") is kept as the first item. Any other text before the numbers makes the cell one
  item ("ค่า 1.5 เท่า", "ต.ค. ๖๖ - มี.ค. ๖๗ …").
* anything else, however many lines, is one item.

Bullets inside a numbered item, and numbers inside a bulleted item, stay in that item's text. Leftovers are
taken out: punctuation at the start of an item ("๒.. แบบฟอร์ม", "๒. . แบบฟอร์ม", "๑).ก": ``item_punctuation``),
an item's own number written twice ("๒. ๒) …") and a number with no text of its own ("๑. ก ๒. ข ๓.", "๒. ๓.":
``item_number``).
"""

from __future__ import annotations

import re
import unicodedata

from prongsai.core.thai import to_arabic_digits, to_thai_digits
from prongsai.imports.item_markers import THAI, Marks, after_lead_in, list_from
from prongsai.imports.normalise import FOLLOWING, LEADING_VOWELS, Repair

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


# Punctuation left at the start of an item: written straight after its marker ("๒.. แบบฟอร์ม", "๑).ก"), or on
# its own before the text ("๒. . แบบฟอร์ม"; a digit after it only with a space between: ".5" is a number).
_LEFTOVER_GLUED = re.compile(r"[.)\]:;,]+")
_LEFTOVER = re.compile(rf"\s*[.)\]:;,]+(?=\s+[{THAI}0-9๐-๙]|[{THAI}])")
# An item's own number written again at its start: "๒. ๒) …", "๓. (๓) …".
_OWN_NUMBER = re.compile(r"\s*(?P<m>\((?P<a>[0-9๐-๙]{1,3})\)|(?P<b>[0-9๐-๙]{1,3})[.)])(?![0-9๐-๙])")

_CONTEXT = 12  # characters either side of a change shown in its repair


# (kind, start, end, replacement) on the stripped cell.
_Edit = tuple[str, int, int, str]


def _join_lines(text: str) -> str:
    """The lines of one item joined by single spaces (every kind of line break: "\\r\\n", "\\r", U+2028 …)."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def _clean(text: str, start: int, end: int, edits: list[_Edit], number: int = 0, numbered: bool = False) -> str:
    """The item text[start:end] as one line, without punctuation left at its start or its own number repeated."""
    if numbered and (match := _LEFTOVER_GLUED.match(text, start, end)):
        edits.append(("item_punctuation", start, match.end(), ""))
        start = match.end()
    if match := _LEFTOVER.match(text, start, end):
        edits.append(("item_punctuation", start, match.end(), ""))
        start = match.end()
    if number and (match := _OWN_NUMBER.match(text, start, end)):
        rest = text[match.start("m") : end]
        sub_list = number == 1 and len(list_from(rest, Marks(rest), 0)[0]) > 1
        if digits_to_int(match.group("a") or match.group("b")) == number and not sub_list:
            edits.append(("item_number", match.start("m"), match.end(), ""))
            start = match.end()
    return _join_lines(text[start:end])


def _split(text: str, edits: list[_Edit]) -> list[str]:
    """The items of `text` (stripped, not empty); every change beyond taking out the markers goes to `edits`."""
    marks = Marks(text)
    found, numbered = list_from(text, marks, 0)
    items: list[str] = []
    if not found:
        start, bare, found, numbered = after_lead_in(text, marks)
        if not found:
            item = _clean(text, 0, len(text), edits)
            return [item] if item else []
        if bare:  # a label, or punctuation alone (": ๑. …")
            label = any(char.isalnum() for char in text[:start])
            edits.append(("item_label" if label else "item_punctuation", 0, start, ""))
        else:
            items.append(_clean(text, 0, start, edits))
    ends = [start for start, *_ in found[1:]] + [len(text)]
    for number, ((start, end, how, shown), item_end) in enumerate(zip(found, ends, strict=True), start=1):
        own: list[_Edit] = []
        item = _clean(text, end, item_end, own, number if numbered else 0, numbered)
        if not item:
            edits.append(("item_number", start, start + len(text[start:item_end].rstrip()), ""))
            continue
        if how:
            edits.append(("item_marker", start, end, shown))
        edits.extend(own)
        items.append(item)
    return items


def _repairs(text: str, edits: list[_Edit], place: str) -> list[Repair]:
    """One Repair per edit: a dropped label as written; anything else with about _CONTEXT characters of the cell
    either side, widened to whole words where they are short enough ("…" where the cell goes on)."""
    repairs = []
    for kind, start, end, new in sorted(edits, key=lambda edit: edit[1]):
        if kind == "item_label":
            repairs.append(Repair(kind, place, " ".join(text[start:end].split()), ""))
            continue
        lo, hi = _word_edge(text, max(0, start - _CONTEXT), -1), _word_edge(text, min(len(text), end + _CONTEXT), 1)
        left = ("…" if lo else "") + text[lo:start]
        right = text[end:hi] + ("…" if hi < len(text) else "")
        before = " ".join((left + text[start:end] + right).split())
        repairs.append(Repair(kind, place, before, " ".join((left + new + right).split())))
    return repairs


def _word_edge(text: str, at: int, step: int) -> int:
    """`at` moved (left for step -1, right for +1) to the edge of its word when that is within _CONTEXT
    characters; else only out of the syllable it cuts (not before a following vowel or mark, nor after a
    leading vowel)."""
    for edge in range(at, at + step * _CONTEXT, step):
        if not 0 < edge < len(text) or text[edge if step > 0 else edge - 1].isspace():
            return edge
    while 0 < at < len(text) and (text[at] in FOLLOWING or text[at - 1] in LEADING_VOWELS):
        at += step
    return at


def item_marker_spans(text: str) -> list[tuple[int, int]]:
    """Where the item markers of the list that starts `text` (already stripped) are; [] if none.

    See the module docstring for the styles and the rules (a lead-in before the list is not looked at here).
    """
    if not text:
        return []
    return [(start, end) for start, end, *_ in list_from(text, Marks(text), 0)[0]]


def split_items(cell: str, repairs: list[Repair] | None = None, place: str = "") -> list[str]:
    """The items of a cell without their markers: '๑. a ๒.b' -> ['a', 'b'], a "- a" line and a "- b" line ->
    ['a', 'b']; unmarked -> [the cell, its lines joined by spaces]; '' -> [].

    Every change beyond taking out the markers (a bare label dropped, leftover punctuation or a stray number
    taken out, a glued or odd marker read as a new item) is appended to `repairs`, if given, as a
    normalise.Repair at `place` (its kind a key of ITEM_KIND_LABELS).
    """
    text = cell.strip()
    if not text:
        return []
    edits: list[_Edit] = []
    items = _split(text, edits)
    if repairs is not None:
        repairs.extend(_repairs(text, edits, place))
    return items


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
