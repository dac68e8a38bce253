"""The deadlines service: every date the application speaks of comes from here.

A *provider* is a function ``(organization | None, fiscal_year) -> iterable of Due``. An app adds its
dates by registering one provider under its source name, once, when the app is ready:

    from prongsai.deadlines import registry

    def _action_plan_dates(org, fiscal_year):
        ...
        yield registry.Due(key="action-plan-r1", title=_("รายงานแผนปฏิบัติการฯ รอบ ๖ เดือน"),
                           due=date(...), fiscal_year=fiscal_year, source="action-plan")

    registry.register("action-plan", _action_plan_dates)

Registered today:

- "rounds" (deadlines/rounds.py): the end of round 1 (31 มี.ค.) and of round 2 (30 ก.ย.) of the
  fiscal year, when the results of the round are due;
- "set" (here): the dates an administrator set (models.SetDeadline) for the organisation (source
  "set") or for every organisation (source "national", from `prongsai set-deadline`).
  No other date exists: nothing is invented.

Readers: `for_year()` (an organisation's dates of a fiscal year, in date order), `get()` (one date
by its key), `upcoming()` (the dates from today for a number of days).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from prongsai.core import thai


@dataclass(frozen=True)
class Due:
    key: str  # stable within a fiscal year: "round-1", "set-<uuid>", …
    title: str  # Thai, what is due
    due: date
    fiscal_year: int
    source: str  # the provider's name ("set" / "national" for the dates an administrator set)
    note: str = ""
    ref: str = ""  # the SetDeadline's id, for the dates an administrator set

    def days_left(self, today: date) -> int:
        return (self.due - today).days


Provider = Callable[[Any, int], Iterable[Due]]
_providers: dict[str, Provider] = {}


def register(source: str, provider: Provider) -> None:
    """Add a source of dates (idempotent per name, so a re-imported module does not add it twice)."""
    _providers[source] = provider


def sources() -> list[str]:
    return list(_providers)


def for_year(organization: Any, fiscal_year: int) -> list[Due]:
    """Every date of the organisation's fiscal year (``organization`` None: the dates every one has)."""
    dates: list[Due] = []
    for provider in _providers.values():
        dates.extend(provider(organization, fiscal_year))
    return sorted(dates, key=lambda d: (d.due, d.source, d.key))


def get(organization: Any, fiscal_year: int, key: str) -> Due | None:
    return next((d for d in for_year(organization, fiscal_year) if d.key == key), None)


def upcoming(organization: Any, today: date, days: int) -> list[Due]:
    """The dates from today up to `days` ahead, over the fiscal years they may fall in."""
    last = today + timedelta(days=days)
    years = range(thai.fiscal_year(today), thai.fiscal_year(last) + 1)
    return [d for year in years for d in for_year(organization, year) if today <= d.due <= last]


def _set_dates(organization: Any, fiscal_year: int) -> Iterable[Due]:
    from prongsai.deadlines.models import SetDeadline

    for item in SetDeadline.objects.for_org(organization, fiscal_year):
        yield Due(
            key=f"set-{item.pk}",
            title=item.title,
            due=item.due,
            fiscal_year=item.fiscal_year,
            source="set" if item.organization_id else "national",
            note=item.note,
            ref=str(item.pk),
        )


register("set", _set_dates)
