"""Shared basics of thai.py and months.py: Thai digits, month names, B.E. years, fiscal months.

Kept apart so that months.py can use them and thai.py can re-export months.py without an import cycle.
"""

from __future__ import annotations

BE_OFFSET = 543
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

_ERA = r"(?:(?P<era>พ\.?\s?ศ\.?|ค\.?\s?ศ\.?)\s*)?"


def to_thai_digits(s: str) -> str:
    return s.translate(_TO_THAI)


def to_arabic_digits(s: str) -> str:
    return s.translate(_TO_ARABIC)


def _digits(text: str, thai_digits: bool) -> str:
    return to_thai_digits(text) if thai_digits else text


def _year_to_ad(raw: str, era: str | None) -> int:
    """2 digits: B.E. 25xx; 4 digits: B.E. if >= 2400, else A.D.; "พ.ศ."/"ค.ศ." before it decides."""
    n = int(raw)
    if era and era.startswith("ค"):
        return n if len(raw) == 4 else 2000 + n
    if len(raw) == 2:
        return 2500 + n - BE_OFFSET
    return n - BE_OFFSET if (era or n >= 2400) else n


def month_of_fiscal_index(fy: int, idx: int) -> tuple[int, int]:
    """(year_be, calendar month) of the idx-th month (1..12) of fiscal year ``fy``."""
    if not 1 <= idx <= 12:
        raise ValueError(f"fiscal month index must be 1..12, not {idx}")
    return (fy - 1, idx + 9) if idx <= 3 else (fy, idx - 3)
