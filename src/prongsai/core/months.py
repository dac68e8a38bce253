"""Month phrases: the months a timeframe written in Thai names ("ต.ค. ๖๖ - มี.ค. ๖๗", "ไตรมาสที่ ๒").

Pure Python and domain-free (no Django). Month lists are tuples of (year_be, calendar_month) pairs,
sorted and unique. Also importable from prongsai.core.thai.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from prongsai.core._thai_base import (
    _COLLOQUIAL,
    _ERA,
    _MISSPELT,
    _MONTH_LOOKUP,
    BE_OFFSET,
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    Months,
    _digits,
    _year_to_ad,
    month_of_fiscal_index,
    to_arabic_digits,
)


@dataclass(frozen=True)
class MonthPhrase:
    """A timeframe as written (``phrase``, always kept) and the months read from it, if any."""

    phrase: str
    months: Months


_TH = r"[\u0E01-\u0E4E]"
_FULL_ALTS = sorted([*THAI_MONTHS[1:], *_MISSPELT], key=len, reverse=True)
_DOTTED_ALTS = [r"\.\s?".join(map(re.escape, s.rstrip(".").split("."))) + r"\.?" for s in THAI_MONTHS_SHORT[1:]]
_BARE_ALTS = sorted([*(s.replace(".", "") for s in THAI_MONTHS_SHORT[1:]), *_COLLOQUIAL[1:]], key=len, reverse=True)
_MENTION = re.compile(
    rf"(?P<name>{'|'.join(_FULL_ALTS)}|{'|'.join(_DOTTED_ALTS)}|(?<!{_TH})(?:{'|'.join(_BARE_ALTS)})(?!{_TH}))"
    r"(?:\s*" + _ERA + r"(?P<y>[0-9]{4}|[0-9]{2})(?![0-9]))?"
)
# Between the two ends of a range: a dash or ถึง, maybe a day number ("1 ต.ค. 66 - 31 มี.ค. 67").
_RANGE_GAP = re.compile(r"\s*(?:[-–—~]|(?:จน\s*)?ถึง)\s*(?:(?:วันที่\s*)?[0-9]{1,2}\s*)?(?:เดือน\s*)?")
_WHOLE_YEAR = re.compile(r"ตลอดปี(?!ปฏิทิน)(?:งบประมาณ\s*(?:พ\.?\s?ศ\.?\s*)?(?P<y>[0-9]{4}|[0-9]{2})(?![0-9]))?")
# "ทุกเดือน", "ทุก ๖ เดือน", "ทุก รอบ ๖ เดือน", "ทุกไตรมาส": work spread over the whole fiscal year.
_EVERY = re.compile(r"ทุก\s*(?:ๆ\s*)?(?:รอบ\s*)?(?:[0-9]{1,2}\s*)?(?:เดือน|ไตรมาส)")
# A fiscal year written in the phrase: "ปีงบประมาณ ๒๕๖๗", "ปีงบประมาณ พ.ศ. ๒๕๖๗", "ปีงบฯ 67".
_FISCAL_YEAR = re.compile(r"ปีงบ(?:ประมาณ|\s*ฯ)?\s*" + _ERA + r"(?P<y>[0-9]{4}|[0-9]{2})(?![0-9])")
# "ไตรมาสที่ ๒", "ไตรมาส 1-2", "ไตรมาสที่ ๑ และ ๓", "ไตรมาสที่ ๒/๒๕๖๗" (the year after "/" is the fiscal year).
_QUARTER_SEP = r"\s*(?:[-–—,]|ถึง|และ)\s*(?:ไตรมาส\s*(?:ที่\s*)?)?"
_QUARTERS = re.compile(
    r"ไตรมาส\s*(?:ที่\s*)?(?P<list>[1-4](?![0-9])(?:" + _QUARTER_SEP + r"[1-4](?![0-9]))*)"
    r"(?:\s*/\s*" + _ERA + r"(?P<y>[0-9]{4}|[0-9]{2})(?![0-9]))?"
)
_MAX_RANGE = 36  # a "range" longer than this is a typo: keep only its two ends


def _year_be(raw: str, era: str | None) -> int:
    return _year_to_ad(raw, era) + BE_OFFSET


def _month_key(ym: tuple[int, int]) -> int:
    return ym[0] * 12 + ym[1] - 1


def _from_key(key: int) -> tuple[int, int]:
    return key // 12, key % 12 + 1


def parse_month_phrase(text: str, fiscal_year: int | None = None) -> MonthPhrase:
    """Read the months a timeframe phrase names; never raises, always keeps ``text`` as the phrase.

    "ต.ค. ๖๖ - มี.ค. ๖๗" (hyphen, en dash or ถึง) is a range; several ranges or months may follow
    one another. A month without a year takes its year from the next month that has one, a year
    earlier if it comes later in the calendar ("ตุลาคม - มีนาคม ๒๕๖๗" starts in ต.ค. ๒๕๖๖). Months still
    without a year are placed in ``fiscal_year`` if given, else nothing is read (months=()).
    "ตลอดปี"/"ตลอดปีงบประมาณ" means the 12 months of ``fiscal_year`` (or of the year written after
    "ตลอดปีงบประมาณ"); so do "ทุกเดือน", "ทุก ๖ เดือน", "ทุก รอบ ๖ เดือน", "ทุกไตรมาส". "ไตรมาสที่ ๑".."๔"
    are fiscal quarters (๑ = ต.ค.-ธ.ค., ๔ = ก.ค.-ก.ย.; "ไตรมาส ๑-๒", "ไตรมาสที่ ๑ และ ๓") of the year after a
    "/" ("ไตรมาสที่ ๒/๒๕๖๗"), else of a fiscal year written in the phrase ("ปีงบประมาณ ๒๕๖๗"), else of
    ``fiscal_year``. A four-digit year below 2400 is ค.ศ. ("ตุลาคม 2023" is ตุลาคม ๒๕๖๖). Phrases with no
    month give months=().
    """
    clean = to_arabic_digits(text)
    mentions: list[tuple[int, int | None, bool]] = []  # (month, year_be, is end of a range)
    prev_end: int | None = None
    for m in _MENTION.finditer(clean):
        month = _MONTH_LOOKUP[re.sub(r"[.\s]", "", m["name"])]
        year = _year_be(m["y"], m["era"]) if m["y"] else None
        in_range = prev_end is not None and _RANGE_GAP.fullmatch(clean, prev_end, m.start()) is not None
        mentions.append((month, year, in_range))
        prev_end = m.end()

    resolved: list[tuple[int, int]] = []
    carry: tuple[int, int] | None = None
    for month, year, _ in reversed(mentions):
        if year is None and carry is not None:
            year = carry[0] if month <= carry[1] else carry[0] - 1
        if year is None and fiscal_year is not None:
            year = fiscal_year - 1 if month >= 10 else fiscal_year
        if year is None:
            resolved = []
            break
        carry = (year, month)
        resolved.append(carry)
    resolved.reverse()

    keys: set[int] = set()
    for i, ym in enumerate(resolved):
        keys.add(_month_key(ym))
        if i and mentions[i][2]:
            a, b = sorted((_month_key(resolved[i - 1]), _month_key(ym)))
            if b - a <= _MAX_RANGE:
                keys.update(range(a, b + 1))

    written = _FISCAL_YEAR.search(clean)
    phrase_fy = _year_be(written["y"], written["era"]) if written else fiscal_year
    whole = _WHOLE_YEAR.search(clean)
    fy = (_year_be(whole["y"], None) if whole["y"] else phrase_fy) if whole else None
    if fy is None and _EVERY.search(clean):
        fy = phrase_fy
    if fy is not None:
        keys.update(_month_key(month_of_fiscal_index(fy, i)) for i in range(1, 13))
    for quarter in _QUARTERS.finditer(clean):
        quarter_fy = _year_be(quarter["y"], quarter["era"]) if quarter["y"] else phrase_fy
        if quarter_fy is not None:
            keys.update(_month_key(month_of_fiscal_index(quarter_fy, i)) for i in _quarter_months(quarter["list"]))
    return MonthPhrase(phrase=text, months=tuple(_from_key(k) for k in sorted(keys)))


def _quarter_months(listed: str) -> list[int]:
    """Fiscal month indexes (1..12) of "1-2" / "1 และ 3" / "2 ถึง ไตรมาสที่ 4": quarter 1 is Oct-Dec."""
    numbers = [int(n) for n in re.findall(r"[1-4]", listed)]
    gaps = re.findall(_QUARTER_SEP, listed)
    quarters = set(numbers[:1])
    for gap, (a, b) in zip(gaps, itertools.pairwise(numbers), strict=False):
        quarters.update(range(min(a, b), max(a, b) + 1) if re.search(r"[-–—]|ถึง", gap) else (b,))
    return [3 * (q - 1) + i for q in sorted(quarters) for i in (1, 2, 3)]


def months_in_fiscal_year(months: Iterable[tuple[int, int]], fy: int) -> bool:
    """True if every (year_be, month) lies in fiscal year ``fy`` (also True for no months)."""
    return all(year + (1 if month >= 10 else 0) == fy for year, month in months)


def shift_months(months: Iterable[tuple[int, int]], years: int) -> Months:
    """Every (year_be, month) moved by ``years`` (e.g. last year's plan copied to this year)."""
    return tuple(sorted({(year + years, month) for year, month in months}))


def format_months(months: Iterable[tuple[int, int]], thai_digits: bool = True) -> str:
    """Months as text: "ตุลาคม ๒๕๖๖"; a run "ตุลาคม ๒๕๖๖ - มีนาคม ๒๕๖๗" or "เมษายน - กันยายน ๒๕๖๗".

    Runs that do not touch are joined by ", "; no months give "".
    """
    keys = sorted({_month_key(ym) for ym in months})
    runs: list[tuple[int, int]] = []
    for key in keys:
        if runs and runs[-1][1] == key - 1:
            runs[-1] = (runs[-1][0], key)
        else:
            runs.append((key, key))
    parts: list[str] = []
    for first, last in runs:
        (y1, m1), (y2, m2) = _from_key(first), _from_key(last)
        if first == last:
            parts.append(f"{THAI_MONTHS[m1]} {y1}")
        elif y1 == y2:
            parts.append(f"{THAI_MONTHS[m1]} - {THAI_MONTHS[m2]} {y2}")
        else:
            parts.append(f"{THAI_MONTHS[m1]} {y1} - {THAI_MONTHS[m2]} {y2}")
    return _digits(", ".join(parts), thai_digits)
