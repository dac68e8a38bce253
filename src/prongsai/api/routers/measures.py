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
from prongsai.measures.models import Evidence

router = Router(tags=["measures"])
ERRORS: dict[int, Any] = {401: DetailOut, 404: DetailOut}
MeasureId = Annotated[str, Path(description="Measure id (a UUID)")]


@router.get("/{measure_id}", response={200: MeasureDetailOut, **ERRORS})
def get_measure(request: HttpRequest, measure_id: MeasureId) -> Any:
    """One measure: progress for both rounds and its evidence (metadata only, withdrawn ones too)."""
    measure, _membership = measure_for(caller(request), measure_id)
    evidence = Evidence.objects.select_related("added_by", "withdrawn_by").order_by("round", "created_at")
    prefetch_related_objects([measure], "progress", Prefetch("evidence", evidence))
    return measure


@router.get("/{measure_id}/history", response={200: list[HistoryEntryOut], **ERRORS})
def get_measure_history(request: HttpRequest, measure_id: MeasureId) -> Any:
    """Who changed the measure, its progress or its evidence, when, and each field before → after.

    Newest first.
    """
    measure, _membership = measure_for(caller(request), measure_id)
    return measure_history(measure)
