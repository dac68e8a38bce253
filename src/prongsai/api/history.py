"""A measure's audit trail from django-simple-history, in a fixed number of queries.

Records of the measure, its progress rounds and its evidence are paired with the previous record
of the same object (in memory, not with `prev_record`, which queries once per record) and compared
with `diff_against`. The measure's departments (a many-to-many) are compared from the m2m history
rows, read in one query.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.apps import apps
from django.contrib.auth import get_user_model
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


def _is_user_field(record: Any, name: str) -> bool:
    field = record.instance_type._meta.get_field(name)
    return bool(field.is_relation and field.related_model is get_user_model())


def _field_changes(record: Any, before: Any | None, excluded: list[str]) -> list[dict[str, Any]]:
    if before is None:
        return []
    delta = record.diff_against(before, excluded_fields=excluded)
    return [
        {"field": c.field, "old": c.old, "new": c.new, "user": _is_user_field(record, c.field)} for c in delta.changes
    ]


def _finish(entries: list[dict[str, Any]]) -> None:
    """Users by username instead of their ids (one query for all), and every value JSON-ready."""
    user_ids = {
        value
        for entry in entries
        for change in entry["changes"]
        if change.get("user")
        for value in (change["old"], change["new"])
        if value is not None
    }
    User = get_user_model()
    usernames = dict(User.objects.filter(pk__in=user_ids).values_list("pk", User.USERNAME_FIELD)) if user_ids else {}
    for entry in entries:
        for change in entry["changes"]:
            if change.pop("user", False):
                change["old"] = usernames.get(change["old"], change["old"])
                change["new"] = usernames.get(change["new"], change["new"])
            change["old"], change["new"] = jsonable(change["old"]), jsonable(change["new"])


def measure_history(measure: Measure) -> list[dict[str, Any]]:
    """Every change to the measure, its progress and its evidence, newest first."""
    oldest_first = ("history_date", "history_id")
    measure_records = list(Measure.history.filter(id=measure.pk).select_related("history_user").order_by(*oldest_first))
    # The departments each record saw: simple-history's m2m history rows, read in one query.
    through = apps.get_model("measures", f"{Measure.history.model._meta.object_name}_departments")
    rows = through.objects.filter(history__id=measure.pk)
    department_ids: dict[int, set[Any]] = defaultdict(set)
    for history_id, department_id in rows.values_list("history_id", "department_id"):
        department_ids[history_id].add(department_id)
    all_ids = set().union(*department_ids.values())
    names = dict(Department.objects.filter(pk__in=all_ids).values_list("pk", "name")) if all_ids else {}

    def departments_of(record: Any) -> list[str]:
        return sorted(names.get(pk, str(pk)) for pk in department_ids[record.history_id])

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

    _finish(entries)
    entries.sort(key=lambda e: e["at"], reverse=True)
    return entries
