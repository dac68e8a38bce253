"""The inbox's filters, shared by the web inbox and the API (on cases already limited to the visible)."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from prongsai.complaints.models import Case
from prongsai.core import thai

_REGISTRY = re.compile(r"^\s*(\d+)\s*(?:/\s*(\d{4}))?\s*$")


def filter_cases(
    cases: QuerySet[Case],
    *,
    status: str | None = "",
    kind: Any = None,
    channel: str | None = "",
    department: Any = None,
    overdue: bool = False,
    q: str = "",
    people: bool = True,
) -> QuerySet[Case]:
    """Status, kind, channel, department ("none" = unassigned), overdue, and a text or เลขรับ search.

    people=False (an overseer): the search matches the เลขรับ only — a search in names and narratives
    would tell, case by case, what the list does not show.
    """
    if status:
        cases = cases.filter(status=status)
    if kind:
        cases = cases.filter(kind_id=kind)
    if channel:
        cases = cases.filter(channel=channel)
    if department == "none":
        cases = cases.filter(department__isnull=True)
    elif department:
        cases = cases.filter(department_id=department)
    if overdue:
        cases = cases.overdue(timezone.localdate())  # type: ignore[attr-defined]
    q = (q or "").strip()
    if q:
        text = Q(pk__in=[])
        if people:
            text = Q(subject__icontains=q) | Q(details__icontains=q) | Q(place__icontains=q)
            text |= Q(contact_name__icontains=q) | Q(tracking_code=q.upper().replace("-", ""))
        if m := _REGISTRY.match(thai.to_arabic_digits(q)):
            number = Q(registry_no=int(m[1]))
            text |= number & Q(fiscal_year=int(m[2])) if m[2] else number
        cases = cases.filter(text)
    return cases
