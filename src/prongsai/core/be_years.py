"""Buddhist-era years written in running Thai text: where they are, and the same words a year on.

Domain-free. A year is found written in full (๒๕๖๗, 2567: 25xx or 26xx) anywhere, or short (๖๗, 67:
read as 2540–2599) right after a word that says it is a year: ปี, ปีงบประมาณ, พ.ศ., a month (มีนาคม,
มี.ค., มีนา) or a numeric day/month (๓๑/๓/). Numbers that are not years are left alone: part of a
longer number, a decimal or a time (๑๐.๓๐), a code touching Latin letters (e-plan2567), a phone
number (038-2567), or a count (2500 บาท, ๕๐ คน).

Each mention has a kind:

- RANGE: two years joined by a dash, a slash or ถึง, one mention (๒๕๖๗ – ๒๕๗๐, ๒๕๖๗-๖๙, ปี ๖๗/๖๘);
- FISCAL: a single year right after ปีงบประมาณ (พ.ศ.) or ประจำปี(งบประมาณ), as documents write them
  ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", "ปีงบประมาณ พ.ศ.๒๕๖๗", "ประจำปี ๒๕๖๗", "ปีงบประมาณ 2567");
- DATE: a year after a month name or a day/month (๓๑ มีนาคม ๒๕๖๗, มี.ค. ๖๗, ๓๑/๓/๖๗);
- YEAR: any other.

``shifted`` moves every year of a mention on, keeping its digits (Thai or Arabic) and its width, so
the text keeps its length. ``shift_fiscal_year`` is the one change made without asking: FISCAL
mentions of exactly the given year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from prongsai.core._thai_base import _COLLOQUIAL, _MISSPELT, THAI_MONTHS, THAI_MONTHS_SHORT, to_arabic_digits

RANGE, FISCAL, DATE, YEAR = "range", "fiscal", "date", "year"

_D = "[0-9๐-๙]"
# Not a year: a count or an amount right after the number.
_UNIT = r"(?!\s*(?:บาท|%|เปอร์เซ็นต์|ชม\.|(?:คน|ครั้ง|ราย|เดือน|วัน|ชั่วโมง|แห่ง|ปี)(?![ก-๎])))"
# Not glued to another number (1.2567, 038-2567), a code (A2567, 2567B), or a decimal after it.
_ALONE_BEFORE = rf"(?<!{_D})(?<![A-Za-z])(?<!{_D}[.,:])(?<!{_D}-)"
_ALONE_AFTER = rf"(?!{_D})(?![A-Za-z])(?![.,:]{_D})"
_FULL = re.compile(rf"{_ALONE_BEFORE}(?:2[56]|๒[๕๖]){_D}{{2}}{_ALONE_AFTER}{_UNIT}")
_SHORT = re.compile(rf"{_ALONE_BEFORE}{_D}{{2}}{_ALONE_AFTER}{_UNIT}")


def _month_names() -> str:
    full = [n for n in (*THAI_MONTHS, *_COLLOQUIAL, *_MISSPELT) if n]
    # "มี.ค." also written "มี.ค", "มีค." or "มี. ค."
    short = [
        r"\.?\s?".join(re.escape(part) for part in n.strip(".").split(".")) + r"\.?" for n in THAI_MONTHS_SHORT if n
    ]
    return "|".join(sorted((re.escape(n) for n in full), key=len, reverse=True) + short)


_MONTH = _month_names()
_ERA = r"พ\.\s?ศ\."
# What says the number right after it is a year (searched at the end of the text before the number).
_SHORT_CONTEXT = re.compile(rf"(?:ปี(?:งบประมาณ)?|{_ERA}|{_MONTH}|{_D}{{1,2}}/{_D}{{1,2}}/)\s*\(?\s*(?:{_ERA}\s*)?$")
_FISCAL_CONTEXT = re.compile(rf"(?:ปีงบประมาณ|ประจำปี)\s*\(?\s*(?:{_ERA}\s*\)?\s*)?$")
_DATE_CONTEXT = re.compile(rf"(?:{_MONTH}|{_D}{{1,2}}/{_D}{{1,2}}/)\s*(?:{_ERA}\s*)?$")
_RANGE_TAIL = re.compile(rf"\s*(?:[-–—/]|ถึง)\s*(?:(?:ปี|{_ERA})\s*)?({_D}{{4}}|{_D}{{2}}){_ALONE_AFTER}")
_WINDOW = 40  # how far back the context words are looked for


@dataclass(frozen=True)
class YearMention:
    start: int
    end: int
    text: str  # as written: "๒๕๖๗", "67", "๒๕๖๗ – ๒๕๗๐"
    years: tuple[int, ...]  # full B.E. years: (2567,) or (2567, 2570)
    kind: str  # RANGE, FISCAL, DATE or YEAR

    def shifted(self, by: int) -> str:
        """The same words with every year moved on by `by`, in the digits and width written."""
        return re.sub(f"{_D}+", lambda m: _bump(m.group(), by), self.text)


def _bump(written: str, by: int) -> str:
    arabic = to_arabic_digits(written)
    value = str(int(arabic) + by)[-len(written) :].rjust(len(written), "0")
    return value if arabic == written else value.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def _full_year(written: str, after: int | None = None) -> int:
    value = int(to_arabic_digits(written))
    if len(written) == 4:
        return value
    if after is None:
        return 2500 + value
    year = after // 100 * 100 + value
    return year if year >= after else year + 100


def _tokens(text: str) -> list[tuple[int, int, int]]:
    """(start, end, B.E. year) of every single year written, in order."""
    found = [(m.start(), m.end(), int(to_arabic_digits(m.group()))) for m in _FULL.finditer(text)]
    for m in _SHORT.finditer(text):
        value = int(to_arabic_digits(m.group()))
        if 40 <= value <= 99 and _SHORT_CONTEXT.search(text, max(0, m.start() - _WINDOW), m.start()):
            found.append((m.start(), m.end(), 2500 + value))
    return sorted(found)


def find_years(text: str) -> list[YearMention]:
    """Every B.E. year (or range of years) written in `text`, in order, none overlapping."""
    mentions: list[YearMention] = []
    last_end = 0
    for start, end, year in _tokens(text):
        if start < last_end:
            continue
        tail = _RANGE_TAIL.match(text, end)
        if tail is not None:
            second = _full_year(tail.group(1), after=year)
            if year <= second <= year + 30:
                end = tail.end()
                mentions.append(YearMention(start, end, text[start:end], (year, second), RANGE))
                last_end = end
                continue
        before = text[max(0, start - _WINDOW) : start]
        if _FISCAL_CONTEXT.search(before):
            kind = FISCAL
        elif _DATE_CONTEXT.search(before):
            kind = DATE
        else:
            kind = YEAR
        mentions.append(YearMention(start, end, text[start:end], (year,), kind))
        last_end = end
    return mentions


def is_fiscal_mention_of(mention: YearMention, year: int) -> bool:
    """The mention copy-forward changes without asking: "ปีงบประมาณ พ.ศ. <year>", alone."""
    return mention.kind == FISCAL and mention.years == (year,)


def shift_fiscal_year(text: str, year: int, by: int) -> tuple[str, int]:
    """`text` with each FISCAL mention of `year` moved on by `by` (nothing else); and how many."""
    return _shift(text, by, lambda mention: is_fiscal_mention_of(mention, year))


def shift_years(text: str, by: int) -> str:
    """`text` with every year it mentions moved on by `by` (a timeframe phrase: "ต.ค. ๖๖ – มี.ค. ๖๗")."""
    return _shift(text, by, lambda mention: True)[0]


def _shift(text: str, by: int, chosen: Callable[[YearMention], bool]) -> tuple[str, int]:
    parts: list[str] = []
    pos = count = 0
    for mention in find_years(text):
        if chosen(mention):
            parts += [text[pos : mention.start], mention.shifted(by)]
            pos = mention.end
            count += 1
    parts.append(text[pos:])
    return "".join(parts), count
