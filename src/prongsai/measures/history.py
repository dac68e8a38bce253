"""The history of a measure as a person reads it: who, when, which fields, before → after."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from prongsai.measures.models import Evidence, Measure, Progress

_HIDDEN = {"id", "created_at", "updated_at", "version", "plan", "measure", "file", "sha256", "size"}


@dataclass
class Change:
    field: str
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    what: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _show(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        if value and isinstance(value[0], list | tuple):
            return ", ".join(f"{m}/{y}" for y, m in value)
        return " | ".join(str(v) for v in value)
    return str(value)


def _label(model: type[models.Model], name: str) -> str:
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", name))
    except Exception:
        return name


def _entries(records: list[Any], model: type[models.Model], what: str) -> list[HistoryEntry]:
    entries = []
    actions = {"+": _("สร้าง"), "~": _("แก้ไข"), "-": _("ลบ")}
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[Change] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in _HIDDEN:
                    continue
                old, new = change.old, change.new
                if change.field == "departments":
                    old = sorted(str(d.get("department")) for d in old or [])
                    new = sorted(str(d.get("department")) for d in new or [])
                    if old == new:
                        continue
                changes.append(Change(change.field, _label(model, change.field), _show(old), _show(new)))
            if not changes:
                continue
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.username) if user else _("ระบบ"),
                what=what,
                action=actions.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def measure_history(measure: Measure) -> list[HistoryEntry]:
    """Every recorded change to the measure, its progress and its evidence, newest first."""
    entries = _entries(
        list(measure.history.select_related("history_user").order_by("-history_date", "-history_id")),
        Measure,
        _("มาตรการ"),
    )
    for progress in Progress.objects.filter(measure=measure):
        entries += _entries(
            list(progress.history.select_related("history_user").order_by("-history_date", "-history_id")),
            Progress,
            _("ผลการดำเนินการ รอบที่ %(r)s") % {"r": progress.round},
        )
    for evidence in Evidence.objects.filter(measure=measure):
        entries += _entries(
            list(evidence.history.select_related("history_user").order_by("-history_date", "-history_id")),
            Evidence,
            _('หลักฐาน "%(t)s"') % {"t": evidence.title},
        )
    return sorted(entries, key=lambda e: e.when, reverse=True)
