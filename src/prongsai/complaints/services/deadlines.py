"""Response deadlines in working days: weekends and the organisation's holidays are not counted."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.utils import timezone

from prongsai.complaints.models import Case, Holiday
from prongsai.orgs.models import Organization


def add_working_days(start: date, days: int, holidays: Iterable[date]) -> date:
    """The `days`-th working day after `start` (the day of receipt is day 0, whatever it is).

    Filed on Friday with 1 working day: Monday (or the next working day after a holiday Monday).
    0 days gives `start` itself.
    """
    closed = set(holidays)
    current = start
    left = days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in closed:
            left -= 1
    return current


def holidays_from(organization: Organization, start: date, days: int) -> list[date]:
    """The organisation's holidays that can fall inside a deadline of `days` working days from `start`."""
    # Generous: every 5 working days take 7 calendar days, plus room for long holiday runs.
    end = start + timedelta(days=days * 2 + 60)
    return list(
        Holiday.objects.filter(organization=organization, date__gt=start, date__lte=end).values_list("date", flat=True)
    )


def due_date(organization: Organization, received: date, days: int) -> date:
    return add_working_days(received, days, holidays_from(organization, received, days))


def recompute_open_deadlines(organization: Organization) -> int:
    """After the holiday table changes: the due dates of the organisation's open cases, again."""
    cases = list(Case.objects.filter(organization=organization).open().select_related("kind"))
    if not cases:
        return 0
    first = min(timezone.localdate(c.received_at) for c in cases)
    holidays = set(Holiday.objects.filter(organization=organization, date__gt=first).values_list("date", flat=True))
    changed = 0
    for case in cases:
        new = add_working_days(timezone.localdate(case.received_at), case.kind.deadline_days, holidays)
        if new != case.due_date:
            Case.objects.filter(pk=case.pk).update(due_date=new)
            changed += 1
    return changed
