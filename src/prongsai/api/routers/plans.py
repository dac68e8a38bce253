"""A plan with its measures, and the measures alone."""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from ninja import Path, Router

from prongsai.api.auth import caller
from prongsai.api.schemas import DetailOut, MeasureOut, PlanDetailOut
from prongsai.measures.access import plan_for
from prongsai.measures.models import Measure

router = Router(tags=["plans"])
ERRORS: dict[int, Any] = {401: DetailOut, 404: DetailOut}
# A string, not a UUID: a malformed id is "not found" (404) like any other, never a 422.
PlanId = Annotated[str, Path(description="Plan id (a UUID)")]


def measures_queryset() -> QuerySet[Measure]:
    """Measures with everything MeasureOut reads, in a fixed number of queries."""
    return (
        Measure.objects.annotate(evidence_count=Count("evidence", filter=Q(evidence__withdrawn_at__isnull=True)))
        .prefetch_related("departments", "progress")
        .order_by("number")
    )


@router.get("/{plan_id}", response={200: PlanDetailOut, **ERRORS})
def get_plan(request: HttpRequest, plan_id: PlanId) -> Any:
    """One plan, with its measures and their progress in both rounds."""
    plan, _membership = plan_for(caller(request), plan_id)
    prefetch_related_objects([plan], "submitted_by", "approved_by", Prefetch("measures", measures_queryset()))
    return plan


@router.get("/{plan_id}/measures", response={200: list[MeasureOut], **ERRORS})
def list_measures(request: HttpRequest, plan_id: PlanId) -> Any:
    """The plan's measures in order, each with its progress in both rounds."""
    plan, _membership = plan_for(caller(request), plan_id)
    return measures_queryset().filter(plan=plan)
