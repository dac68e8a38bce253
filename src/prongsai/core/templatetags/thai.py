"""Template filters for Thai dates and numbers (a builtin library: no {% load %} needed).

Every filter but bedate_input writes digits in this request's style (core/digits.py: the
organisation's setting, Thai by default); shown here in Thai:

    {{ plan.approved_at|thaidatetime }}   ๑ ต.ค. ๖๖ ๑๔:๐๕ น.
    {{ measure.due|thaidate }}            ๓๑ มีนาคม ๒๕๖๗
    {{ measure.due|thaidate_short }}      ๓๑ มี.ค. ๖๗
    {{ measure.number|num }}              ๙ (a number: a count, a year, a page number)
    {{ evidence.size|num:"," }}           ๙๗,๖๒๐ (with thousands separators)
    {{ note|thaidigits }}                 the application's own text with numbers, codes such as o26 kept
    {{ warning|positions }}               only the places it names: "บรรทัดที่ ๑๒: …" (the rest as it is)
    {{ form_date|bedate_input }}          31/03/2567 (to pre-fill an input: always Arabic)
    {% digit_style %}                     "thai" or "arabic", for app.js (data-digits="…")

Text a person typed is shown as typed: never put it through num or thaidigits.
None and "" give "". Aware datetimes are first turned into local time (settings.TIME_ZONE).
A value that is not a date (or an ISO/Thai date string) gives "".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import template
from django.utils import timezone

from prongsai.core import digits, thai

register = template.Library()


def _as_date(value: Any) -> date | None:
    """A date or (local) datetime from a filter's value; None when there is nothing to show."""
    if isinstance(value, datetime):
        # Local wall-clock time (naive), so format_datetime does not convert it again.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return thai.parse_date(value)
        except thai.ThaiDateError:
            return None
    return None


def _date_filter(value: Any, render: Callable[[date], str]) -> str:
    d = _as_date(value)
    return "" if d is None else render(d)


@register.filter
def thaidate(value: Any) -> str:
    """Long B.E. date: ๓๑ มีนาคม ๒๕๖๗."""
    return _date_filter(value, lambda d: thai.format_date_long(d, digits.thai_digits()))


@register.filter
def thaidate_short(value: Any) -> str:
    """Short B.E. date: ๓๑ มี.ค. ๖๗."""
    return _date_filter(value, lambda d: thai.format_date_short(d, digits.thai_digits()))


@register.filter
def thaidatetime(value: Any) -> str:
    """Short date and time: ๑ ต.ค. ๖๖ ๑๔:๐๕ น. (a plain date shows only the date)."""
    d = _as_date(value)
    if d is None:
        return ""
    style = digits.thai_digits()
    return thai.format_datetime(d, style) if isinstance(d, datetime) else thai.format_date_short(d, style)


@register.filter
def bedate_input(value: Any) -> str:
    """Numeric B.E. date in Arabic digits, for pre-filling a form input: 31/03/2567."""
    return _date_filter(value, thai.format_date_numeric)


@register.filter(is_safe=True)
def thaidigits(value: Any) -> str:
    """The application's own text (or a number) in this request's digit style; codes (o26, A4) kept.

    The name is older than the setting: with Arabic digits chosen, Thai digits become Arabic.
    """
    if value is None or value == "":
        return ""
    return digits.digits(value)


@register.filter(is_safe=True)
def positions(value: Any) -> str:
    """A message naming places in a file ("บรรทัดที่ 12: …"): only those numbers in this request's style."""
    if value is None or value == "":
        return ""
    return digits.positions(value)


@register.filter(is_safe=True)
def num(value: Any, grouping: str = "") -> str:
    """A number in this request's digit style; ``num:","`` adds thousands separators. None and "" give ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        return digits.num(value, grouping=bool(grouping))
    return digits.digits(value)


@register.simple_tag
def digit_style() -> str:
    """ "thai" or "arabic": for the numbers app.js writes (data-digits on the element it renumbers)."""
    return "thai" if digits.thai_digits() else "arabic"
