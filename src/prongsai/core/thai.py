"""Thai formatting: digits, Buddhist-era (B.E. = A.D. + 543) dates, fiscal years, month phrases.

Pure Python and domain-free (no Django). Fiscal year N (B.E.) runs 1 Oct N-1 to 30 Sep N;
round 1 is Oct-Mar (6 months), round 2 the whole fiscal year. Month lists are tuples of
(year_be, calendar_month) pairs, sorted and unique.
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

BE_OFFSET = 543
BANGKOK = ZoneInfo("Asia/Bangkok")
Months = tuple[tuple[int, int], ...]

_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

# Index 1..12 by calendar month; index 0 is empty.
THAI_MONTHS: tuple[str, ...] = (
    "", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
THAI_MONTHS_SHORT: tuple[str, ...] = (
    "", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
_COLLOQUIAL = ("", "มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา",
               "กรกฎา", "สิงหา", "กันยา", "ตุลา", "พฤศจิกา", "ธันวา")  # fmt: skip
_MISSPELT = {"กรกฏาคม": 7, "กุมภาพันธ": 2}  # common misspellings

# Month names keyed without dots or spaces: full, short ("มีค"), colloquial ("มีนา"), misspelt.
_MONTH_LOOKUP: dict[str, int] = {
    **{
        name.replace(".", ""): i
        for i in range(1, 13)
        for name in (THAI_MONTHS[i], THAI_MONTHS_SHORT[i], _COLLOQUIAL[i])
    },
    **_MISSPELT,
}

_FORMATS_HINT = "ใช้รูปแบบ ๓๑/๓/๖๗ หรือ ๓๑ มี.ค. ๖๗"


class ThaiDateError(ValueError):
    """A date that cannot be read or does not exist; str() is a Thai message naming the problem."""

    def __init__(self, message: str, text: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.text = text


# --- digits -------------------------------------------------------------------------------------


def to_thai_digits(s: str) -> str:
    return s.translate(_TO_THAI)


def to_arabic_digits(s: str) -> str:
    return s.translate(_TO_ARABIC)


_DIGIT_RUN = re.compile(r"[0-9]+(?:[.,:][0-9]+)*")
# An e-mail address is matched from the start of its token only, so long text without spaces stays linear.
_URLISH = re.compile(r"(?:https?://|www\.)\S+|(?<!\S)[^\s@]+@[^\s@]+\.\S+", re.IGNORECASE)


def _thaify_plain(s: str) -> str:
    def repl(m: re.Match[str]) -> str:
        before = s[m.start() - 1 : m.start()]
        after = s[m.end() : m.end() + 1]
        if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
            return m.group()
        return to_thai_digits(m.group())

    return _DIGIT_RUN.sub(repl, s)


def thaify_digits(s: str) -> str:
    """Thai digits for numbers in running text, Arabic kept in Latin words and codes.

    A digit run (digits joined by ``.``, ``,`` or ``:``, e.g. ``1,234.50``, ``14:05``) that touches
    an ASCII letter on either side stays Arabic: ``o26``, ``A4``, ``Web2.0``, ``ISO9001``. URLs and
    e-mail addresses are left whole. Everything else becomes Thai: "พ.ศ. 2567" -> "พ.ศ. ๒๕๖๗",
    "ครั้งที่ 1" -> "ครั้งที่ ๑". A run next to a hyphen is converted ("o26-30" -> "o26-๓๐").
    """
    out: list[str] = []
    pos = 0
    for m in _URLISH.finditer(s):
        out.append(_thaify_plain(s[pos : m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(_thaify_plain(s[pos:]))
    return "".join(out)


def format_number(n: int | float | Decimal | str, thai_digits: bool, *, grouping: bool = False) -> str:
    """str(n) (with thousands separators if ``grouping`` and n is a number), in Thai digits if asked."""
    text = f"{n:,}" if grouping and not isinstance(n, str) else str(n)
    return to_thai_digits(text) if thai_digits else text


# --- dates --------------------------------------------------------------------------------------


def be_year(d: date) -> int:
    return d.year + BE_OFFSET


def _digits(text: str, thai_digits: bool) -> str:
    return to_thai_digits(text) if thai_digits else text


def format_date_long(d: date, thai_digits: bool = True) -> str:
    """Long date: "๑ ตุลาคม ๒๕๖๖"."""
    return _digits(f"{d.day} {THAI_MONTHS[d.month]} {be_year(d)}", thai_digits)


def format_date_short(d: date, thai_digits: bool = True) -> str:
    """Short date: "๑ ต.ค. ๖๖" (two-digit B.E. year: reads back only for B.E. 2500-2599, A.D. 1957-2056)."""
    return _digits(f"{d.day} {THAI_MONTHS_SHORT[d.month]} {be_year(d) % 100:02d}", thai_digits)


def format_date_numeric(d: date, thai_digits: bool = False) -> str:
    """Numeric date: "31/03/2567", the form a date input is pre-filled with."""
    return _digits(f"{d.day:02d}/{d.month:02d}/{be_year(d)}", thai_digits)


def format_datetime(dt: datetime, thai_digits: bool = True) -> str:
    """Date and time: "๑ ต.ค. ๖๖ ๑๔:๐๕ น."; aware datetimes shown in Asia/Bangkok time, naive as is."""
    if dt.tzinfo is not None and dt.utcoffset() is not None:
        dt = dt.astimezone(BANGKOK)
    return _digits(f"{format_date_short(dt, False)} {dt:%H:%M} น.", thai_digits)


_ERA = r"(?:(?P<era>พ\.?\s?ศ\.?|ค\.?\s?ศ\.?)\s*)?"
_ISO = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")
_NUMERIC = re.compile(
    r"(?:วันที่\s*)?(?P<d>[0-9]{1,2})\s*(?P<sep>[/.-])\s*(?P<m>[0-9]{1,2})\s*(?P=sep)\s*"
    + _ERA
    + r"(?P<y>[0-9]{4}|[0-9]{2})"
)
_NAMED = re.compile(
    r"(?:วันที่\s*)?(?P<d>[0-9]{1,2})\s*(?:เดือน\s*)?(?P<name>[^0-9]+?)\s*" + _ERA + r"(?P<y>[0-9]{4}|[0-9]{2})"
)


def _year_to_ad(raw: str, era: str | None) -> int:
    """2 digits: B.E. 25xx; 4 digits: B.E. if >= 2400, else A.D.; "พ.ศ."/"ค.ศ." before it decides."""
    n = int(raw)
    if era and era.startswith("ค"):
        return n if len(raw) == 4 else 2000 + n
    if len(raw) == 2:
        return 2500 + n - BE_OFFSET
    return n - BE_OFFSET if (era or n >= 2400) else n


def _make_date(year_ad: int, month: int, day: int, text: str) -> date:
    if not 1 <= month <= 12:
        raise ThaiDateError(f'อ่านวันที่ "{text}" ไม่ได้: ไม่มีเดือนที่ {to_thai_digits(str(month))}', text)
    if not 1 <= year_ad <= 9999:
        raise ThaiDateError(f'อ่านวันที่ "{text}" ไม่ได้: ปีไม่ถูกต้อง {_FORMATS_HINT}', text)
    try:
        return date(year_ad, month, day)
    except ValueError:
        month_be = f"{THAI_MONTHS_SHORT[month]} {year_ad + BE_OFFSET}"
        days = calendar.monthrange(year_ad, month)[1]
        message = f"วันที่ {day} {month_be} ไม่มีอยู่จริง ({month_be} มี {days} วัน)"
        raise ThaiDateError(to_thai_digits(message), text) from None


def parse_date(text: str) -> date:
    """Read a date typed or pasted by a person; raise ThaiDateError with a Thai message.

    Thai or Arabic digits; "31/3/67", "31-03-2567", "31.03.2567", "31 มี.ค. 67", "31 มีนาคม 2567",
    "31 มีค 67", "31 มีนา 2567", "วันที่ 31 มีนาคม พ.ศ. 2567", ISO "2024-03-31". Years: 2 digits
    are B.E. 25xx; 4 digits are B.E. from 2400 up and A.D. below (pasted ค.ศ. dates); "พ.ศ." or
    "ค.ศ." before the year decides. Reads back every format_date_long/_numeric output for years
    A.D. 1900-2100, and format_date_short output for B.E. 2500-2599 only.
    """
    shown = " ".join(text.split())
    if len(shown) > 40:
        shown = shown[:40] + "…"
    clean = " ".join(to_arabic_digits(text).split())
    if not clean:
        raise ThaiDateError(f"ยังไม่ได้ใส่วันที่ {_FORMATS_HINT}", text)
    if m := _ISO.fullmatch(clean):
        return _make_date(_year_to_ad(m["y"], None), int(m["m"]), int(m["d"]), shown)
    if m := _NUMERIC.fullmatch(clean):
        return _make_date(_year_to_ad(m["y"], m["era"]), int(m["m"]), int(m["d"]), shown)
    if m := _NAMED.fullmatch(clean):
        name = m["name"].replace(".", "").replace(" ", "")
        month = _MONTH_LOOKUP.get(name)
        if month is None:
            raise ThaiDateError(f'อ่านวันที่ "{shown}" ไม่ได้: ไม่รู้จักเดือน "{m["name"]}" {_FORMATS_HINT}', text)
        return _make_date(_year_to_ad(m["y"], m["era"]), month, int(m["d"]), shown)
    raise ThaiDateError(f'อ่านวันที่ "{shown}" ไม่ได้ {_FORMATS_HINT}', text)


# --- fiscal years -------------------------------------------------------------------------------


def fiscal_year(d: date) -> int:
    """B.E. fiscal year of a date: 1 Oct 2023 -> 2567."""
    return be_year(d) + (1 if d.month >= 10 else 0)


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    """First and last day of fiscal year ``fy`` (B.E.): 2567 -> (2023-10-01, 2024-09-30)."""
    year_ad = fy - BE_OFFSET
    return date(year_ad - 1, 10, 1), date(year_ad, 9, 30)


def round_window(fy: int, round_no: int) -> tuple[date, date]:
    """Round 1: 1 Oct - 31 Mar; round 2: the whole fiscal year (1 Oct - 30 Sep)."""
    start, end = fiscal_year_bounds(fy)
    if round_no == 1:
        return start, date(end.year, 3, 31)
    if round_no == 2:
        return start, end
    raise ValueError(f"ไม่มีรอบที่ {round_no}: มีรอบที่ 1 (ต.ค.-มี.ค.) และรอบที่ 2 (ทั้งปีงบประมาณ)")


def fiscal_month_index(month: int) -> int:
    """Position of a calendar month in the fiscal year: Oct = 1 ... Sep = 12."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, not {month}")
    return (month - 10) % 12 + 1


def month_of_fiscal_index(fy: int, idx: int) -> tuple[int, int]:
    """(year_be, calendar month) of the idx-th month (1..12) of fiscal year ``fy``."""
    if not 1 <= idx <= 12:
        raise ValueError(f"fiscal month index must be 1..12, not {idx}")
    return (fy - 1, idx + 9) if idx <= 3 else (fy, idx - 3)


# --- month phrases ------------------------------------------------------------------------------


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


def place_line(district: str, province: str) -> str:
    """"อำเภอเมืองระยอง จังหวัดระยอง"; either part may be missing."""
    parts = [f"อำเภอ{district}" if district else "", f"จังหวัด{province}" if province else ""]
    return " ".join(p for p in parts if p)
