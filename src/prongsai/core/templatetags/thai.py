"""Template filters for Thai dates and digits (a builtin library: no {% load %} needed).

    {{ plan.approved_at|thaidatetime }}   ๑ ต.ค. ๖๖ ๑๔:๐๕ น.
    {{ measure.due|thaidate }}            ๓๑ มีนาคม ๒๕๖๗
    {{ measure.due|thaidate_short }}      ๓๑ มี.ค. ๖๗
    {{ measure.title|thaidigits }}        Thai digits, codes such as o26 kept
    {{ form_date|bedate_input }}          31/03/2567 (to pre-fill an input)

None and "" give "". Aware datetimes are first turned into local time (settings.TIME_ZONE).
A value that is not a date (or an ISO/Thai date string) gives "".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django import template
from django.utils import timezone

from prongsai.core import thai

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
    """Long B.E. date in Thai digits: ๓๑ มีนาคม ๒๕๖๗."""
    return _date_filter(value, thai.format_date_long)


@register.filter
def thaidate_short(value: Any) -> str:
    """Short B.E. date in Thai digits: ๓๑ มี.ค. ๖๗."""
    return _date_filter(value, thai.format_date_short)


@register.filter
def thaidatetime(value: Any) -> str:
    """Short date and time in Thai digits: ๑ ต.ค. ๖๖ ๑๔:๐๕ น. (a plain date shows only the date)."""
    d = _as_date(value)
    if d is None:
        return ""
    return thai.format_datetime(d) if isinstance(d, datetime) else thai.format_date_short(d)


@register.filter
def bedate_input(value: Any) -> str:
    """Numeric B.E. date in Arabic digits, for pre-filling a form input: 31/03/2567."""
    return _date_filter(value, thai.format_date_numeric)


@register.filter(is_safe=True)
def thaidigits(value: Any) -> str:
    """Thai digits in running text; digits in Latin words and codes (o26, A4) stay Arabic."""
    if value is None or value == "":
        return ""
    return thai.thaify_digits(str(value))
