"""How long the text people type may be: every limit in one place, and the checks that enforce them.

The services check (so the web forms, the API and the importers all refuse alike, naming the field;
nothing is ever cut short); the forms and the API schemas also carry the numbers so the browser stops
typing there and the OpenAPI document shows them. Rows saved before a limit existed stay as they are:
`prongsai check-lengths` lists them.

The numbers are generous. Measured on the real reports we hold (tests/fixtures/
klaeng-2567-measures-report.txt and the DOCX/PDF/XLSX reports in tests/fixtures/import/), the longest
cells are: a measure title 110 characters, a method item 331, a result item 151, a timeframe 72,
a responsible-department cell 56, an outcome 19, a plan title 90, an introduction 335, a measure
(every cell together) 638, a signature's position 25. Each limit below is several times that.
They exist so one absurd value cannot make every document slow: a 200,000-character measure title
made a 280-page PDF that took 26 s; at these limits a measure renders in well under a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core.digits import LazyNum, num
from prongsai.core.errors import ServiceError

# --- measures (measures/services/measures.py) -----------------------------------------------------
# A title is one sentence: the longest seen is 110 characters; 1,000 is 9 times that (about ten
# lines of the document's widest column).
MEASURE_TITLE = 1_000
# One item of a list (a method, a result): the longest seen is 331; 2,000 is 6 times that.
ITEM = 2_000
# Items in one list: the seed has at most 3 per cell, the longest real plans about 15; 50 is plenty.
ITEMS = 50
# ผู้รับผิดชอบ and ระยะเวลา as written, and the status phrase: the column is 500 (longest seen 72).
RESPONSIBLE = 500
TIMEFRAME = 500
STATUS_TEXT = 500
# เป้าหมาย: a phrase ("บุคลากรทุกคน"); twice a title leaves room for a list of groups.
TARGET = 2_000
# ผลลัพธ์, ปัญหา/อุปสรรค, ข้อเสนอแนะ: a paragraph each (longest seen 19); 5,000 is about two pages.
PARAGRAPH = 5_000
# Every text of one measure together (or of one round's results): the longest seen is 638; 20,000
# (30 times) keeps a single measure's share of a document to a few pages, whatever the mix.
MEASURE_TOTAL = 20_000

# --- plans (measures/services/plans.py) and documents ----------------------------------------------
# The plan's title column is 300 (longest seen 90).
PLAN_TITLE = 300
# The introduction: longest seen 335; 10,000 is about four pages.
PLAN_INTRO = 10_000
# Why a plan is returned, amended, evidence withdrawn: the reason form has always allowed 2,000.
REASON = 2_000
# A signature's name and position (documents/services.py): longest seen 25; the form allowed 200.
SIGNATURE = 200
# An evidence's title and link: their columns are 300 and 1,000.
EVIDENCE_TITLE = 300
EVIDENCE_URL = 1_000

# --- complaints (complaints/services/intake.py) ---------------------------------------------------
# A subject is a line; details a letter (20,000 is about eight pages); the rest are contact fields
# of their usual lengths (254 is the longest e-mail address RFC 5321 allows).
COMPLAINT_SUBJECT = 300
COMPLAINT_DETAILS = 20_000
COMPLAINT_PLACE = 300
CONTACT_NAME = 200
CONTACT_PHONE = 40
CONTACT_EMAIL = 254
CONTACT_LINE = 100
# The case's workflow (complaints/services/workflow.py): an internal note and a reply to the citizen
# are letters (the reply form has always allowed 5,000); where a case was forwarded is a name.
CASE_NOTE = 5_000
CASE_REPLY = 5_000
CASE_FORWARDED_TO = 300


def _n(value: int) -> str:
    """A length or a limit in this request's digits (core/digits.py), with thousands separators."""
    return num(value, grouping=True)


def too_long(label: str, length: int, limit: int) -> str:
    return _("%(label)s ยาว %(length)s ตัวอักษร เกินที่รับได้ %(limit)s ตัวอักษร: ย่อข้อความแล้วบันทึกอีกครั้ง") % {
        "label": label,
        "length": _n(length),
        "limit": _n(limit),
    }


def check_text(value: str, limit: int, field: str, label: str) -> str:
    """`value` stripped, or ServiceError naming the field if it is longer than `limit` (never cut short)."""
    value = (value or "").strip()
    if len(value) > limit:
        raise ServiceError(too_long(label, len(value), limit), field)
    return value


def check_items(items: Iterable[str], field: str, label: str, *, limit: int = ITEM, count: int = ITEMS) -> list[str]:
    """The non-blank items stripped, or ServiceError naming the field and the item that is too long."""
    cleaned = [item.strip() for item in items if item and item.strip()]
    if len(cleaned) > count:
        raise ServiceError(
            _("%(label)s มี %(n)s ข้อ เกินที่รับได้ %(limit)s ข้อ")
            % {"label": label, "n": _n(len(cleaned)), "limit": _n(count)},
            field,
        )
    for number, item in enumerate(cleaned, start=1):
        if len(item) > limit:
            where = _("%(label)s ข้อที่ %(n)s") % {"label": label, "n": _n(number)}
            raise ServiceError(too_long(where, len(item), limit), field)
    return cleaned


def check_total(texts: Iterable[str], limit: int, field: str, label: str) -> None:
    """All of `texts` together within `limit`, or ServiceError naming the record (`label`)."""
    total = sum(len(text) for text in texts)
    if total > limit:
        raise ServiceError(
            _("ข้อความทั้งหมดของ%(label)sยาว %(length)s ตัวอักษร เกินที่รับได้ %(limit)s ตัวอักษร")
            % {"label": label, "length": _n(total), "limit": _n(limit)},
            field,
        )


def form_limit(label: Any, limit: int) -> dict[str, Any]:
    """Keyword arguments for a forms.CharField: `max_length` (the browser stops there too) and a
    Thai message naming the field."""
    message = format_lazy(
        gettext_lazy("{label} ยาวเกินที่รับได้ {limit} ตัวอักษร: ย่อข้อความแล้วบันทึกอีกครั้ง"),
        label=label,
        limit=LazyNum(limit, grouping=True),  # written in the style of the request that shows the error
    )
    return {"max_length": limit, "error_messages": {"max_length": message}}
