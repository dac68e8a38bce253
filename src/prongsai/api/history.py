"""A measure's audit trail from django-simple-history, in a fixed number of queries.

Records of the measure, its progress rounds and its evidence are paired with the previous record
of the same object (in memory, not with `prev_record`, which queries once per record) and compared
with `diff_against`. The measure's departments (a many-to-many) are compared from prefetched rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models.fields.files import FieldFile

from prongsai.measures.models import Evidence, Measure, Progress
from prongsai.orgs.models import Department

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    return str(value)


def _entry(model: str, record: Any, changes: list[dict[str, Any]], round_no: int | None) -> dict[str, Any]:
    return {
        "model": model,
        "object_id": record.id,
        "round": round_no,
        "action": ACTIONS.get(record.history_type, record.history_type),
        "at": record.history_date,
        "by": record.history_user.get_username() if record.history_user is not None else None,
        "reason": record.history_change_reason,
        "changes": changes,
    }


def _paired(records: Iterable[Any]) -> Iterable[tuple[Any, Any | None]]:
    """Each record with the one before it for the same object (records come oldest first)."""
    previous: dict[Any, Any] = {}
    for record in records:
        yield record, previous.get(record.id)
        previous[record.id] = record


def _field_changes(record: Any, before: Any | None, excluded: list[str]) -> list[dict[str, Any]]:
    if before is None:
        return []
    delta = record.diff_against(before, excluded_fields=excluded)
    return [{"field": c.field, "old": jsonable(c.old), "new": jsonable(c.new)} for c in delta.changes]


def measure_history(measure: Measure) -> list[dict[str, Any]]:
    """Every change to the measure, its progress and its evidence, newest first."""
    oldest_first = ("history_date", "history_id")
    measure_records = list(
        Measure.history.filter(id=measure.pk)
        .select_related("history_user")
        .prefetch_related("departments")
        .order_by(*oldest_first)
    )
    department_ids = {row.department_id for r in measure_records for row in r.departments.all()}
    names = dict(Department.objects.filter(pk__in=department_ids).values_list("pk", "name"))

    def departments_of(record: Any) -> list[str]:
        return sorted(names.get(row.department_id, str(row.department_id)) for row in record.departments.all())

    entries = []
    for record, before in _paired(measure_records):
        changes = _field_changes(record, before, excluded=["departments"])
        if before is not None and departments_of(before) != departments_of(record):
            changes.append({"field": "departments", "old": departments_of(before), "new": departments_of(record)})
            changes.sort(key=lambda c: c["field"])
        entries.append(_entry("measure", record, changes, None))

    for model, history in (("progress", Progress.history), ("evidence", Evidence.history)):
        records = history.filter(measure_id=measure.pk).select_related("history_user").order_by(*oldest_first)
        for record, before in _paired(records):
            entries.append(_entry(model, record, _field_changes(record, before, excluded=[]), record.round))

    entries.sort(key=lambda e: e["at"], reverse=True)
    return entries
