"""The year as a checklist: each step of the organisation's year, whether it is done, its deadline,
who it waits for, and the page that does it.

Apps add the steps they own by registering a provider, as they add dates to the deadlines service:

    from prongsai.deadlines import steps

    def _my_steps(year: steps.Year) -> Iterable[steps.Step]:
        yield steps.Step(order=..., key=..., title=..., done=..., ...)

    steps.register("my-app", _my_steps)

Registered today (order in brackets, so that the apps' steps interleave):

- "measures" (measures/steps.py): plan written [10], submitted [20], approved [30]; results of
  round 1 [100] and round 2 [200], each due at the round's end (deadlines service);
- "documents" (documents/steps.py): the round's report made [110/210] and approved [120/220];
- "portal" (portal/steps.py): the plan published [40]; the round's report published [130/230].

`for_year()` returns them in order and marks the first step not done as the current one;
`next_step()` is that step (None when the year is done), for the pages that end a step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from django.utils import timezone

from prongsai.deadlines import registry
from prongsai.deadlines.registry import Due


@dataclass
class Year:
    """What a provider is asked about: the organisation, the fiscal year, its plan (or None), and who asks."""

    organization: Any
    fiscal_year: int
    plan: Any
    membership: Any
    today: date = field(default_factory=timezone.localdate)

    @cached_property
    def dates(self) -> list[Due]:
        """Every date of the organisation's year (deadlines service), read once for all the steps."""
        return registry.for_year(self.organization, self.fiscal_year)

    def due(self, key: str) -> Due | None:
        return next((d for d in self.dates if d.key == key), None)


@dataclass
class Step:
    order: int
    key: str
    title: str
    done: bool
    waits_for: str = ""  # who must act: "รอผู้บริหารอนุมัติ"
    detail: str = ""  # e.g. "บันทึกแล้ว ๕ จาก ๘ มาตรการ"
    due: Due | None = None
    url: str = ""  # the page that does the step
    action: str = ""  # the button's words
    can_act: bool = False  # whether the person asking may do it
    # Filled by for_year(): the first step not done; past its deadline; days to (or past) the deadline.
    current: bool = False
    late: bool = False
    days: int | None = None


Provider = Callable[[Year], Iterable[Step]]
_providers: dict[str, Provider] = {}


def register(source: str, provider: Provider) -> None:
    _providers[source] = provider


def for_year(year: Year) -> list[Step]:
    found: list[Step] = []
    for provider in _providers.values():
        found.extend(provider(year))
    found.sort(key=lambda s: s.order)
    for step in found:
        if step.due is not None and not step.done:
            step.days = abs(step.due.days_left(year.today))
            step.late = year.today > step.due.due
    current = next((s for s in found if not s.done), None)
    if current is not None:
        current.current = True
    return found


def next_step(year: Year) -> Step | None:
    return next((s for s in for_year(year) if s.current), None)
