"""Measures traced to the weak indicators: what the plan page shows under its table.

The weak indicators are those below the pass mark in the result the plan answers (the latest
assessment before the plan's fiscal year, see years.py). A weak indicator no measure of the plan
links to is a gap; a measure linked to no indicator answers nothing the assessors measure.
Reads the plan's measures itself (the page may be filtered by department): three queries whatever
the number of measures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from prongsai.ita.models import INDICATORS, Assessment
from prongsai.ita.scoring import Spec
from prongsai.ita.services import catalogue_years
from prongsai.ita.years import baseline_assessment, plan_ita_years
from prongsai.measures.models import Measure, Plan


@dataclass
class WeakIndicator:
    number: int
    name: str
    score: Decimal
    measures: list[Measure] = field(default_factory=list)  # the plan's measures linked to it


@dataclass
class Trace:
    baseline: Assessment | None
    pass_mark: Decimal | None
    weak: list[WeakIndicator]  # lowest first
    unlinked: list[Measure]  # the plan's measures linked to no indicator
    ita_years: list[int] = field(default_factory=list)  # the ITA years that look at the plan (with a catalogue)

    @property
    def unaddressed(self) -> list[WeakIndicator]:
        return [w for w in self.weak if not w.measures]

    @property
    def addressed(self) -> list[WeakIndicator]:
        return [w for w in self.weak if w.measures]


def weak_indicators(assessment: Assessment) -> list[WeakIndicator]:
    """The indicators of a result below its year's pass mark, lowest first."""
    content: dict[str, Any] = assessment.catalogue.content
    spec = Spec.of(content)
    names = {int(i["number"]): i["name"] for i in content["indicators"]}
    weak = []
    for number in INDICATORS:
        score = getattr(assessment, f"indicator_{number}")
        if score is not None and score < spec.pass_mark:
            weak.append(WeakIndicator(number, names.get(number, ""), score))
    return sorted(weak, key=lambda w: (w.score, w.number))


def plan_trace(plan: Plan) -> Trace:
    measures = list(Measure.objects.filter(plan=plan).order_by("number").only("id", "number", "title", "indicators"))
    baseline = baseline_assessment(plan.organization_id, plan.fiscal_year)
    weak = weak_indicators(baseline) if baseline is not None else []
    for w in weak:
        w.measures = [m for m in measures if w.number in (m.indicators or [])]
    return Trace(
        baseline=baseline,
        pass_mark=Spec.of(baseline.catalogue).pass_mark if baseline is not None else None,
        weak=weak,
        unlinked=[m for m in measures if not m.indicators],
        ita_years=[y for y in plan_ita_years(plan.fiscal_year) if y in catalogue_years()],
    )
