"""This request's digit style: one switch for every number the application itself writes.

An organisation chooses Thai digits (๑๒๓, the default) or Arabic digits (123) with
``Organization.thai_digits`` (its document settings page). The application's own text follows it:
messages (flash messages, the Thai messages of refused writes, import warnings), numbering
("มาตรการที่ ๙", "รอบที่ ๒"), sizes, counts, dates, years and the page numbers of lists.
Text a person typed is shown exactly as typed and never goes through this module; nor do codes
such as o26, addresses and e-mail addresses inside the application's own text (``digits`` keeps them).

How the style flows, in one direction only:

1. ``DigitStyleMiddleware`` (core/middleware.py) starts every request in the default style and puts
   the previous one back when the request ends, so nothing leaks between requests (or tests).
2. The one place that resolves the request's organisation sets it with ``use(org)``: the access
   helpers ``org_for`` and ``membership_for`` (orgs/access.py; every per-object helper of measures,
   documents, ita, complaints and the API goes through them) and the public pages' lookups
   (``portal.public.public_org``, the complaints' public pages, ``api.lookup.organization_or_404``).
   No organisation known (the login page, the overseers' dashboard, the list of organisations): Thai.
   The English interface writes Arabic digits whatever the setting (``thai_digits``).
3. Everything that writes a number reads it: the template filters of core/templatetags/thai.py
   (``num``, ``thaidigits``, ``thaidate``, ``thaidate_short``, ``thaidatetime``), and in Python
   ``num(n)`` for one number and ``digits(text)`` for a message of the application's own that holds
   numbers (a translated string written with Thai digits, a label built here) — views' flash
   messages and services' ``ServiceError`` messages use these, never ``thai.to_thai_digits``.

What does not follow it: a form input's pre-filled date (``bedate_input``: Arabic, as people type
it), and the documents (PDF, Word, Excel), which read the setting frozen in their snapshot.
Outside a request (commands, tests) the style is the default unless set with ``style(...)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.functional import lazy

from prongsai.core.thai import thaify_digits, to_arabic_digits, to_thai_digits

DEFAULT = True  # Thai digits when no organisation is known

_thai: ContextVar[bool] = ContextVar("prongsai_thai_digits", default=DEFAULT)


def thai_digits() -> bool:
    """True when this request writes Thai digits: the organisation's choice, on a page in Thai.

    Thai digits belong to Thai text: with the English interface chosen, numbers are Arabic whatever
    the setting ("6-month round", not "๖-month round").
    """
    return _thai.get() and (translation.get_language() or "th").split("-")[0] != "en"


def use(org: Any) -> None:
    """This request's style becomes the organisation's (``org.thai_digits``); None leaves it as it is."""
    if org is not None:
        _thai.set(bool(getattr(org, "thai_digits", DEFAULT)))


def start(thai: bool = DEFAULT) -> Token[bool]:
    """Begin a request (or a unit of work) in ``thai``; ``finish(token)`` puts the previous style back."""
    return _thai.set(thai)


def finish(token: Token[bool]) -> None:
    _thai.reset(token)


@contextmanager
def style(thai: bool) -> Iterator[None]:
    """Write in ``thai`` (True: Thai digits) inside the block: commands, tests."""
    token = start(thai)
    try:
        yield
    finally:
        finish(token)


def num(value: int | float | Decimal | str | None, *, grouping: bool = False) -> str:
    """One number in this request's style: 9 -> "๙" (or "9"); ``grouping``: 97620 -> "๙๗,๖๒๐".

    A string is taken as the number already written ("1.5"); None gives "".
    """
    if value is None:
        return ""
    text = f"{value:,}" if grouping and not isinstance(value, str) else str(value)
    return to_thai_digits(text) if thai_digits() else to_arabic_digits(text)


def digits(text: Any) -> str:
    """The application's own text with its numbers in this request's style.

    Thai: Arabic numbers become Thai except inside codes, Latin words, addresses and e-mail addresses
    (``thai.thaify_digits``: "o26 ครั้งที่ 1" -> "o26 ครั้งที่ ๑"). Arabic: every Thai digit becomes Arabic.
    Never for text a person typed: that is shown as typed.
    """
    if text is None:
        return ""
    text = str(text)
    return thaify_digits(text) if thai_digits() else to_arabic_digits(text)


# digits() of a lazily translated text, written when shown: a form's help text, a choice's label.
lazy_digits = lazy(digits, str)

# Where something is in a file, as the application names it: "บรรทัดที่ 12", "แถวที่ 5 คอลัมน์ 3", "ตาราง 2", "หน้า 4".
_POSITION = re.compile(r"(บรรทัดที่|แถวที่|คอลัมน์|ตารางที่|ตาราง|หน้า)(\s*)([0-9๐-๙]+)")


def positions(text: Any) -> str:
    """Only the numbers of the places the application names in a message ("บรรทัดที่ 12: …") in this
    request's style; the rest (a quotation of the file, say) is left as it is."""
    if text is None:
        return ""
    return _POSITION.sub(lambda m: m[1] + m[2] + num(m[3]), str(text))


class LazyNum:
    """A number written in the style of the request that shows it, not of the one that built it.

    For messages made once and shown many times (a form field's error message built at import time).
    """

    def __init__(self, value: int | float | Decimal, *, grouping: bool = False) -> None:
        self.value = value
        self.grouping = grouping

    def __str__(self) -> str:
        return num(self.value, grouping=self.grouping)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)
