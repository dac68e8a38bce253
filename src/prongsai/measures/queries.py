"""Read-side helpers for the plan page: one plan with everything it shows, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from prongsai.measures.models import Evidence, Measure, Plan, Progress, ProgressStatus, Round


@dataclass
class RoundSummary:
    round: int
    label: str
    total: int
    done: int
    in_progress: int
    cancelled: int

    @property
    def counted(self) -> int:
        return self.total - self.cancelled

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.counted) if self.counted else 0


def plan_measures(plan: Plan, department_id: str | None = None) -> list[Measure]:
    """Measures with departments, both rounds' progress and current evidence counts prefetched."""
    qs = (
        Measure.objects.filter(plan=plan)
        .order_by("number")
        .prefetch_related(
            "departments",
            Prefetch("progress", queryset=Progress.objects.order_by("round"), to_attr="rounds"),
            Prefetch("evidence", queryset=Evidence.objects.current(), to_attr="current_evidence"),
        )
    )
    if department_id:
        qs = qs.filter(departments__id=department_id)
    measures: list[Measure] = list(qs)
    for measure in measures:
        by_round = {p.round: p for p in getattr(measure, "rounds", [])}
        measure.round1 = by_round.get(Round.SIX_MONTHS)  # type: ignore[attr-defined]
        measure.round2 = by_round.get(Round.TWELVE_MONTHS)  # type: ignore[attr-defined]
    return measures


def round_summaries(measures: list[Measure]) -> list[RoundSummary]:
    summaries = []
    for round_no, label in Round.choices:
        statuses = [p.status for m in measures for p in getattr(m, "rounds", []) if p.round == round_no]
        summaries.append(
            RoundSummary(
                round=round_no,
                label=str(label),
                total=len(measures),
                done=statuses.count(ProgressStatus.DONE),
                in_progress=statuses.count(ProgressStatus.IN_PROGRESS),
                cancelled=statuses.count(ProgressStatus.CANCELLED),
            )
        )
    return summaries
