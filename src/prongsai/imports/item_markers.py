"""Where the item markers of a cell are (imports/items.py takes the items out): numbers, bullets, a lead-in.

No Django. The rules are told in items.py's docstring; this module finds the markers only, as offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from prongsai.core.thai import to_arabic_digits

_DIGIT = "[0-9๐-๙]"
THAI = "\u0e01-\u0e4e"  # Thai letters, vowels and marks (a character class); not Thai digits
DASHES = "-–—"
BULLETS = "•●○◦▪■□➢►❖✓"
_DASH = re.compile(rf"(?m)^[^\S\n]*[{DASHES}](?!{_DIGIT})")
_BULLET = re.compile(rf"(?:^|(?<=\s))[{BULLETS}]")
# Each numbered style, in the order they are tried at the start of a list: group "n" the number, "p" a
# sub-number's parent. A number is never the tail of a longer one ("๒๕๖๗.") nor the start of a decimal ("1.5").
_STYLES: dict[str, re.Pattern[str]] = {
    "paren": re.compile(rf"\((?P<n>{_DIGIT}{{1,3}})\)"),
    "sub": re.compile(rf"(?<!{_DIGIT})(?P<p>{_DIGIT}{{1,3}})\.(?P<n>{_DIGIT}{{1,3}})(?!{_DIGIT}|\.{_DIGIT})\.?"),
    "dot": re.compile(rf"(?<!{_DIGIT})(?P<n>{_DIGIT}{{1,3}})\.(?!{_DIGIT})"),
    "close": re.compile(rf"(?<![0-9๐-๙(])(?P<n>{_DIGIT}{{1,3}})\)"),
}
_SHOWN = {"paren": "({})", "dot": "{}.", "close": "{})"}
# Words after which a number is a count, a section or an address, never an item: "ข้อ ๑. ถึงข้อ ๕.",
# "มาตรา ๑๒๘", "ร้อยละ ๘๐", "จำนวน ๓", "หมู่ที่ ๓", "เดือนละ ๑", "ครั้งที่ ๒".
_COUNTED = re.compile(
    r"(?:ข้อ|มาตรา|จำนวน|วรรค|หมู่|(?:ร้อย|เดือน|ปี|วัน|สัปดาห์|ครั้ง|คน|แห่ง|ไตรมาส|หมู่บ้าน|รุ่น|ชุด)ละ"
    r"|(?:ข้อ|ครั้ง|หมู่|ลำดับ|ฉบับ|เลข|วัน|ชั้น|รุ่น|ไตรมาส|งวด|ระดับ|อันดับ|ประเภท|กลุ่ม|ภาคเรียน|ปี|เดือน|รอบ"
    r"|ชุด|ด้าน|ประเด็น|ตัวชี้วัด|เล่ม|ห้อง)ที่|(?<!\S)ที่)\s*$"
)
# A lead-in before the list. A bare label, alone or several together ("ผลการดำเนินการ มีดังนี้ :"), is dropped;
# a sentence ending in one of LEAD_ENDS or a colon ("จัดอบรมพนักงาน ดังนี้") is kept as the first item.
LABELS = (
    "ผลลัพธ์",
    "ผลผลิต",
    "ผลการดำเนินการ",
    "ผลการดำเนินงาน",
    "ผลการปฏิบัติงาน",
    "ผลที่ได้รับ",
    "ผลที่ได้",
    "ผลสำเร็จ",
    "ความสำเร็จ",
    "วิธีการ",
    "วิธีดำเนินการ",
    "วิธีการดำเนินการ",
    "วิธีการดำเนินงาน",
    "การดำเนินการ",
    "การดำเนินงาน",
    "ขั้นตอน",
    "ขั้นตอนการดำเนินการ",
    "ขั้นตอนการดำเนินงาน",
    "กิจกรรม",
    "ตัวชี้วัด",
    "เป้าหมาย",
    "ปัญหาอุปสรรค",
    "ปัญหา/อุปสรรค",
    "ปัญหา",
    "อุปสรรค",
    "ข้อเสนอแนะ",
    "หมายเหตุ",
    "รายละเอียด",
    "โดย",
    "ที่ได้",
    "ได้แก่",
    "ดังนี้",
    "มีดังนี้",
    "ดังต่อไปนี้",
    "ประกอบด้วย",
    "คือ",
)
LEAD_ENDS = ("ดังนี้", "ดังต่อไปนี้", "ได้แก่", "ประกอบด้วย", "คือ")
_WORDS = "|".join(re.escape(word) for word in sorted(LABELS, key=len, reverse=True))
# Label words joined by spaces, "/", หรือ, และ or ของ ("ผลลัพธ์หรือความสำเร็จของการดำเนินการ"), then maybe a
# colon or a dash; or punctuation alone (": ๑. …").
_BARE_LABEL = re.compile(rf"(?:(?:{_WORDS})(?:\s*(?:/|หรือ|และ|ของ)?\s*(?:{_WORDS}))*)?\s*[{DASHES}:：.]*")
_LABEL_MAX = 80  # characters: a longer lead-in is no bare label
_LEAD_END = re.compile(rf"(?:[:：]|(?:{'|'.join(LEAD_ENDS)})\s*[:：]?)$")


@dataclass(frozen=True)
class _Mark:
    """A number that may be an item marker: where, its style and number, and whether it is glued to a word."""

    start: int
    end: int
    style: str
    number: int
    parent: int
    digits: str
    glued: bool


# (start, end, how, shown) of a marker: how "" when plain, "glued" or "style" when read as one (item_marker),
# shown the marker as the repair prints it.
Found = tuple[int, int, str, str]


class Marks:
    """Every number of a text written as a marker, after whitespace or glued to a Thai word, and not counted
    (see _COUNTED); sorted, and indexed by number and by style."""

    def __init__(self, text: str) -> None:
        marks: list[_Mark] = []
        for style, pattern in _STYLES.items():
            for match in pattern.finditer(text):
                start = match.start()
                before = text[start - 1] if start else " "
                glued = not before.isspace()
                if glued and (style == "sub" or not ("\u0e01" <= before <= "\u0e4e" or before == ":")):
                    continue
                if start and _COUNTED.search(text, max(0, start - 24), start):
                    continue
                parent = _int(match.group("p")) if style == "sub" else 0
                number = _int(match.group("n"))
                marks.append(_Mark(start, match.end(), style, number, parent, match.group("n"), glued))
        self.all = sorted(marks, key=_start)
        self.by_number: dict[int, list[_Mark]] = {}
        self.starts: dict[str, list[int]] = {}
        for mark in self.all:
            self.by_number.setdefault(mark.number, []).append(mark)
            self.starts.setdefault(mark.style, []).append(mark.start)

    def at(self, start: int) -> _Mark | None:
        index = bisect_left(self.all, start, key=_start)
        return self.all[index] if index < len(self.all) and self.all[index].start == start else None

    def numbered(self, since: int, number: int) -> list[_Mark]:
        """The marks of `number` from `since` on."""
        marks = self.by_number.get(number, [])
        return marks[bisect_left(marks, since, key=_start) :]

    def used(self, style: str, since: int, before: int) -> bool:
        """Whether `style` has a mark from `since` to just before `before`."""
        starts = self.starts[style]
        index = bisect_left(starts, since)
        return index < len(starts) and starts[index] < before


def _start(mark: _Mark) -> int:
    return mark.start


def _numbered(marks: Marks, first: _Mark) -> list[Found]:
    """The list `first` starts: numbers running 1, 2, 3 … in its style after whitespace; where the next one is
    missing, the next number glued to a word, or written in another style that the item so far does not use
    (a sub-list "(๑) (๒)" inside an item stays in it). One "1.1" alone is no list (it may be a decimal)."""
    found: list[Found] = [(first.start, first.end, "", "")]
    style, last = first.style, first
    while True:
        chosen: _Mark | None = None
        for mark in marks.numbered(last.end, len(found) + 1):
            if mark.style == style and not mark.glued and (style != "sub" or mark.parent == first.parent):
                chosen = mark
                break
            if chosen is None and "sub" not in (style, mark.style):
                if (
                    mark.glued
                    if mark.style == style
                    else not mark.glued and not marks.used(mark.style, last.end, mark.start)
                ):
                    chosen = mark
        if chosen is None:
            return found if first.style != "sub" or len(found) > 1 else []
        how = "" if chosen.style == style and not chosen.glued else "glued" if chosen.glued else "style"
        shown = (" " if how == "glued" else "") + _SHOWN[style].format(chosen.digits) if how else ""
        found.append((chosen.start, chosen.end, how, shown))
        style, last = chosen.style, chosen


def _bulleted(text: str, start: int) -> list[Found]:
    """The bulleted list whose first bullet (a dash at the start of a line, or a bullet) is at `start`."""
    line = text.rfind("\n", 0, start) + 1
    end_of_line = text.find("\n", start)
    if not text[start + 1 : len(text) if end_of_line < 0 else end_of_line].strip():
        return []  # a lone "-" stands for "nothing"
    if text[start] in DASHES:
        spans = [match.span() for match in _DASH.finditer(text, line)]
        if not spans or spans[0][0] != line or spans[0][1] != start + 1:
            return []  # "-5 %", or a dash inside a line
    else:
        spans = [match.span() for match in _BULLET.finditer(text, start) if text[match.start()] == text[start]]
    return [(begin, end, "", "") for begin, end in spans]


def list_from(text: str, marks: Marks, start: int) -> tuple[list[Found], bool]:
    """The markers of the list starting at `start` of `text`, and whether they are numbers; [] if none."""
    if text[start] in DASHES or text[start] in BULLETS:
        return _bulleted(text, start), False
    first = marks.at(start)
    if first is None or first.number != 1:
        return [], True
    return _numbered(marks, first), True


def after_lead_in(text: str, marks: Marks) -> tuple[int, bool, list[Found], bool]:
    """A list after a lead-in: (where the list starts, whether the lead-in is a bare label, markers, numbered)."""
    starts = {mark.start for mark in marks.numbered(1, 1)}
    starts |= {match.end() - 1 for match in _DASH.finditer(text) if match.start()}
    starts |= {match.start() for match in _BULLET.finditer(text) if match.start()}
    for start in sorted(starts):
        end = start
        while end and text[end - 1].isspace():
            end -= 1
        bare = end <= _LABEL_MAX and _BARE_LABEL.fullmatch(text, 0, end) is not None
        if not bare and not _LEAD_END.search(text, max(0, end - 24), end):
            continue
        found, numbered = list_from(text, marks, start)
        if found:
            return start, bare, found, numbered
    return 0, False, [], False


def _int(digits: str) -> int:
    return int(to_arabic_digits(digits))
