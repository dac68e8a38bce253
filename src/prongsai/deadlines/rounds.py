"""The rounds' dates, registered with the deadlines service as "rounds".

Round 1 covers ต.ค.–มี.ค. and ends on 31 มีนาคม of the fiscal year; round 2 covers the whole year and
ends on 30 กันยายน. The results of a round (and its report) are due when the round ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from prongsai.core import digits, thai
from prongsai.deadlines.registry import Due, register

ROUNDS = (1, 2)


def round_end(fiscal_year: int, round_no: int) -> date:
    """31 March (round 1) or 30 September (round 2) of fiscal year `fiscal_year` (B.E.)."""
    return thai.round_window(fiscal_year, round_no)[1]


def round_key(round_no: int) -> str:
    return f"round-{round_no}"


def _round_dates(organization: Any, fiscal_year: int) -> Iterable[Due]:
    titles = {
        1: _("สิ้นสุดรอบ ๖ เดือน: บันทึกผลการดำเนินการและออกรายงานรอบ ๖ เดือน"),
        2: _("สิ้นสุดรอบ ๑๒ เดือน: บันทึกผลการดำเนินการและออกรายงานรอบ ๑๒ เดือน"),
    }
    for round_no in ROUNDS:
        yield Due(
            key=round_key(round_no),
            title=digits.digits(titles[round_no]),
            due=round_end(fiscal_year, round_no),
            fiscal_year=fiscal_year,
            source="rounds",
        )


register("rounds", _round_dates)
