"""The plan page's ITA section (templates/ita/_plan_trace.html) gets its data here, so the plan view
(measures) needs to know nothing of ITA: `{% ita_plan_trace plan as trace %}`."""

from __future__ import annotations

from django import template

from prongsai.ita.traceability import Trace, plan_trace
from prongsai.measures.models import Plan

register = template.Library()


@register.simple_tag
def ita_plan_trace(plan: Plan) -> Trace:
    return plan_trace(plan)
