"""One measure with its progress and evidence, and its audit trail."""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from ninja import Path, Router

from prongsai.api.auth import caller
from prongsai.api.history import measure_history
from prongsai.api.schemas import DetailOut, HistoryEntryOut, MeasureDetailOut
from prongsai.measures.access import measure_for
from prongsai.measures.models import Evidence, Measure

router = Router(tags=["measures"])
ERRORS: dict[int, Any] = {401: DetailOut, 404: DetailOut}
MeasureId = Annotated[str, Path(description="Measure id (a UUID)")]


def with_details(measure: Measure) -> Measure:
    """The measure with what MeasureDetailOut reads: progress, and evidence (withdrawn too) with its people."""
    evidence = Evidence.objects.select_related("added_by", "withdrawn_by").order_by("round", "created_at")
    prefetch_related_objects([measure], "progress", Prefetch("evidence", evidence))
    return measure


def stored_measure(pk: Any) -> Measure:
    """The measure as stored now (after a write), ready for MeasureDetailOut."""
    measure = Measure.objects.select_related("plan__organization").prefetch_related("departments").get(pk=pk)
    return with_details(measure)


@router.get("/{measure_id}", response={200: MeasureDetailOut, **ERRORS})
def get_measure(request: HttpRequest, measure_id: MeasureId) -> Any:
    """One measure: progress for both rounds and its evidence (metadata only, withdrawn ones too)."""
    measure, _membership = measure_for(caller(request), measure_id)
    return with_details(measure)


@router.get("/{measure_id}/history", response={200: list[HistoryEntryOut], **ERRORS})
def get_measure_history(request: HttpRequest, measure_id: MeasureId) -> Any:
    """Who changed the measure, its progress or its evidence, when, and each field before → after.

    Newest first.
    """
    measure, _membership = measure_for(caller(request), measure_id)
    return measure_history(measure)
