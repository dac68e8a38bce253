"""A page that ends a step of the year says what the next one is (deadlines/steps.py `next_step`):
"เสนออนุมัติแล้ว · ขั้นต่อไป: ผู้บริหารอนุมัติแผน (รอผู้บริหารอนุมัติ)"."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from prongsai.core.digits import digits
from prongsai.deadlines import steps
from prongsai.measures.models import Plan


def then(done: str, plan: Plan, membership: Any) -> str:
    """`done` followed by the year's next step for `plan` (read afresh: the step just taken counts)."""
    fresh = Plan.objects.select_related("organization").get(pk=plan.pk)
    step = steps.next_step(steps.Year(fresh.organization, fresh.fiscal_year, fresh, membership))
    if step is None:
        return _("%(done)s · ทุกขั้นตอนของปีนี้เสร็จแล้ว") % {"done": done}
    upcoming = digits(step.title) + (f" ({digits(step.waits_for)})" if step.waits_for else "")
    return _("%(done)s · ขั้นต่อไป: %(next)s") % {"done": done, "next": upcoming}
