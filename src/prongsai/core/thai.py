"""Thai formatting: digits, Buddhist-era (B.E. = A.D. + 543) dates, fiscal years, month phrases.

Pure Python and domain-free (no Django). Fiscal year N (B.E.) runs 1 Oct N-1 to 30 Sep N;
round 1 is Oct-Mar (6 months), round 2 the whole fiscal year. Month lists are tuples of
(year_be, calendar_month) pairs, sorted and unique. Month phrases live in months.py and the
basics shared with it in _thai_base.py; both are re-exported here.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from prongsai.core._thai_base import (
    _ERA,
    _MONTH_LOOKUP,
    BE_OFFSET,
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    Months,
    _digits,
    _year_to_ad,
    month_of_fiscal_index,
    to_arabic_digits,
    to_thai_digits,
)
from prongsai.core.months import (
    MonthPhrase,
    format_months,
    months_in_fiscal_year,
    parse_month_phrase,
    shift_months,
)

__all__ = [
    "BANGKOK",
    "BE_OFFSET",
    "THAI_MONTHS",
    "THAI_MONTHS_SHORT",
    "MonthPhrase",
    "Months",
    "ThaiDateError",
    "be_year",
    "fiscal_month_index",
    "fiscal_year",
    "fiscal_year_bounds",
    "format_date_long",
    "format_date_numeric",
    "format_date_short",
    "format_datetime",
    "format_months",
    "format_number",
    "month_of_fiscal_index",
    "months_in_fiscal_year",
    "parse_date",
    "parse_month_phrase",
    "place_line",
    "round_window",
    "shift_months",
    "thaify_digits",
    "to_arabic_digits",
    "to_thai_digits",
]

BANGKOK = ZoneInfo("Asia/Bangkok")

_FORMATS_HINT = "ใช้รูปแบบ ๓๑/๓/๖๗ หรือ ๓๑ มี.ค. ๖๗"


def _hint(thai_digits: bool) -> str:
    return _FORMATS_HINT if thai_digits else to_arabic_digits(_FORMATS_HINT)


class ThaiDateError(ValueError):
    """A date that cannot be read or does not exist; str() is a Thai message naming the problem."""

    def __init__(self, message: str, text: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.text = text


# --- digits -------------------------------------------------------------------------------------


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


_ISO = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")
_NUMERIC = re.compile(
    r"(?:วันที่\s*)?(?P<d>[0-9]{1,2})\s*(?P<sep>[/.-])\s*(?P<m>[0-9]{1,2})\s*(?P=sep)\s*"
    + _ERA
    + r"(?P<y>[0-9]{4}|[0-9]{2})"
)
_NAMED = re.compile(
    r"(?:วันที่\s*)?(?P<d>[0-9]{1,2})\s*(?:เดือน\s*)?(?P<name>[^0-9]+?)\s*" + _ERA + r"(?P<y>[0-9]{4}|[0-9]{2})"
)


def _make_date(year_ad: int, month: int, day: int, text: str, thai_digits: bool = True) -> date:
    hint = _hint(thai_digits)
    if not 1 <= month <= 12:
        raise ThaiDateError(f'อ่านวันที่ "{text}" ไม่ได้: ไม่มีเดือนที่ {_digits(str(month), thai_digits)}', text)
    if not 1 <= year_ad <= 9999:
        raise ThaiDateError(f'อ่านวันที่ "{text}" ไม่ได้: ปีไม่ถูกต้อง {hint}', text)
    try:
        return date(year_ad, month, day)
    except ValueError:
        month_be = f"{THAI_MONTHS_SHORT[month]} {year_ad + BE_OFFSET}"
        days = calendar.monthrange(year_ad, month)[1]
        message = f"วันที่ {day} {month_be} ไม่มีอยู่จริง ({month_be} มี {days} วัน)"
        raise ThaiDateError(_digits(message, thai_digits), text) from None


def parse_date(text: str, thai_digits: bool = True) -> date:
    """Read a date typed or pasted by a person; raise ThaiDateError with a Thai message.

    Thai or Arabic digits; "31/3/67", "31-03-2567", "31.03.2567", "31 มี.ค. 67", "31 มีนาคม 2567",
    "31 มีค 67", "31 มีนา 2567", "วันที่ 31 มีนาคม พ.ศ. 2567", ISO "2024-03-31". Years: 2 digits
    are B.E. 25xx; 4 digits are B.E. from 2400 up and A.D. below (pasted ค.ศ. dates); "พ.ศ." or
    "ค.ศ." before the year decides. Reads back every format_date_long/_numeric output for years
    A.D. 1900-2100, and format_date_short output for B.E. 2500-2599 only. The messages write their own
    numbers in Thai digits, or Arabic with ``thai_digits=False``; the text as typed is quoted as typed.
    """
    shown = " ".join(text.split())
    if len(shown) > 40:
        shown = shown[:40] + "…"
    clean = " ".join(to_arabic_digits(text).split())
    if not clean:
        raise ThaiDateError(f"ยังไม่ได้ใส่วันที่ {_hint(thai_digits)}", text)
    if m := _ISO.fullmatch(clean):
        return _make_date(_year_to_ad(m["y"], None), int(m["m"]), int(m["d"]), shown, thai_digits)
    if m := _NUMERIC.fullmatch(clean):
        return _make_date(_year_to_ad(m["y"], m["era"]), int(m["m"]), int(m["d"]), shown, thai_digits)
    if m := _NAMED.fullmatch(clean):
        name = m["name"].replace(".", "").replace(" ", "")
        month = _MONTH_LOOKUP.get(name)
        if month is None:
            hint = _hint(thai_digits)
            raise ThaiDateError(f'อ่านวันที่ "{shown}" ไม่ได้: ไม่รู้จักเดือน "{m["name"]}" {hint}', text)
        return _make_date(_year_to_ad(m["y"], m["era"]), month, int(m["d"]), shown, thai_digits)
    raise ThaiDateError(f'อ่านวันที่ "{shown}" ไม่ได้ {_hint(thai_digits)}', text)


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


def place_line(district: str, province: str) -> str:
    """ "อำเภอเมืองระยอง จังหวัดระยอง"; either part may be missing."""
    parts = [f"อำเภอ{district}" if district else "", f"จังหวัด{province}" if province else ""]
    return " ".join(p for p in parts if p)
