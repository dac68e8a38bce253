"""The history of a measure as a person reads it: who, when, what, and each changed field in words.

Every field shown has a Thai label (`LABELS`; the others are `HIDDEN`). Departments are named
(as they were called then, with today's name if renamed, or marked deleted), statuses and rounds
by their phrases, indicators as "๓ การใช้อำนาจ", months as "ต.ค. ๒๕๖๖ – มี.ค. ๒๕๖๗", OIT topics
by a catalogue's label, dates in B.E., people by name; methods and results stay lists. Numbers,
dates and labels the programme writes follow the request's digit style (core/digits.py: the
organisation's Organization.thai_digits); what the officer typed is shown as typed.

Records of the measure, its progress rounds and its evidence are read in one query each and paired
with the previous record of the same object in memory; the departments each measure record saw
come from simple-history's m2m rows in one query, like api/history.py. Departments' names take two
queries (today's and past ones), people's one; OIT labels are asked of the ITA app only when topics
changed. Saving a measure and then setting its departments is one write: shown as one entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core import digits, thai
from prongsai.measures.forms import INDICATOR_CHOICES
from prongsai.measures.models import Evidence, Measure, Progress, ProgressStatus, Round
from prongsai.measures.oit_topics import oit_topic_offer
from prongsai.orgs.models import Department

# Bookkeeping a person does not edit: never shown.
HIDDEN = {"id", "created_at", "updated_at", "version", "plan", "measure", "file", "size", "sha256"}

LABELS: dict[type[models.Model], dict[str, Any]] = {
    Measure: {
        "number": gettext_lazy("ลำดับ"),
        "title": gettext_lazy("มาตรการหรือกิจกรรม"),
        "methods": gettext_lazy("วิธีการดำเนินการ"),
        "responsible_text": gettext_lazy("ผู้รับผิดชอบ (ตามที่เขียน)"),
        "timeframe_text": gettext_lazy("ระยะเวลา (ข้อความ)"),
        "months": gettext_lazy("เดือนที่ดำเนินการ"),
        "timeframe_needs_review": gettext_lazy("ระยะเวลาต้องตรวจทาน"),
        "indicators": gettext_lazy("ตัวชี้วัด ITA ที่เกี่ยวข้อง"),
        "oit_topics": gettext_lazy("ข้อ OIT ที่เกี่ยวข้อง"),
        "target": gettext_lazy("เป้าหมาย"),
        "departments": gettext_lazy("ส่วนราชการที่รับผิดชอบ"),
    },
    Progress: {
        "round": gettext_lazy("รอบ"),
        "results": gettext_lazy("ผลการดำเนินการ"),
        "status": gettext_lazy("สถานะ"),
        "status_text": gettext_lazy("ผลลัพธ์หรือความสำเร็จ (ตามที่เขียน)"),
        "outcome": gettext_lazy("ผลลัพธ์"),
        "suggestions": gettext_lazy("ข้อเสนอแนะ"),
        "problems": gettext_lazy("ปัญหา/อุปสรรค"),
    },
    Evidence: {
        "round": gettext_lazy("รอบ"),
        "title": gettext_lazy("ชื่อหลักฐาน"),
        "filename": gettext_lazy("ชื่อไฟล์"),
        "content_type": gettext_lazy("ชนิดไฟล์"),
        "url": gettext_lazy("ลิงก์"),
        "period_start": gettext_lazy("ช่วงเวลาที่หลักฐานครอบคลุม: ตั้งแต่"),
        "period_end": gettext_lazy("ช่วงเวลาที่หลักฐานครอบคลุม: ถึง"),
        "added_by": gettext_lazy("ผู้แนบ"),
        "withdrawn_at": gettext_lazy("ถอนเมื่อ"),
        "withdrawn_by": gettext_lazy("ผู้ถอน"),
        "withdrawn_reason": gettext_lazy("เหตุผลที่ถอน"),
    },
}
ITEMS = {"methods", "results", "oit_topics"}  # shown as lists
USERS = {"added_by", "withdrawn_by"}
EMPTY = "—"


@dataclass
class Change:
    field: str
    label: str
    before: str | list[str]
    after: str | list[str]
    is_list: bool = False
    thai_digits: bool = True


@dataclass
class HistoryEntry:
    when: datetime
    when_text: str
    who: str
    what: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


class _Departments:
    """Names of departments as they were at a moment: one query for today's names, one for the past."""

    def __init__(self, ids: Iterable[Any]) -> None:
        ids = set(ids)
        self.now = dict(Department.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
        self.past: dict[Any, list[tuple[datetime, str]]] = defaultdict(list)
        if ids:
            rows = Department.history.filter(id__in=ids).order_by("history_date", "history_id")
            for pk, when, name in rows.values_list("id", "history_date", "name"):
                self.past[pk].append((when, name))

    def name(self, pk: Any, when: datetime) -> str:
        past = self.past.get(pk, [])
        then = next((name for at, name in reversed(past) if at <= when), past[0][1] if past else None)
        now = self.now.get(pk)
        if now is not None:
            return now if then in (None, now) else _("%(now)s (ขณะนั้นชื่อ %(then)s)") % {"now": now, "then": then}
        if then is not None:
            return _("%(name)s (ถูกลบแล้ว)") % {"name": then}
        return _("ส่วนราชการที่ถูกลบ")


class _Words:
    """Turns stored values into what a person reads, in the request's digit style."""

    def __init__(self, departments: _Departments, users: dict[Any, str]) -> None:
        self.thai_digits = digits.thai_digits()
        self.departments = departments
        self.users = users
        self.topics: dict[str, str] = {}

    def digits(self, text: str) -> str:
        """Text the programme wrote (labels, numbers), never text a person typed."""
        return digits.digits(text)

    def moment(self, value: datetime) -> str:
        """ "๑ ต.ค. ๖๖ ๑๔:๐๕ น." in local time."""
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return thai.format_datetime(local.replace(tzinfo=None), self.thai_digits)

    def months(self, value: Sequence[Sequence[int]]) -> str:
        keys = sorted({int(y) * 12 + int(m) - 1 for y, m in value})
        runs: list[list[int]] = []
        for key in keys:
            if runs and runs[-1][1] == key - 1:
                runs[-1][1] = key
            else:
                runs.append([key, key])

        def one(key: int) -> str:
            return f"{thai.THAI_MONTHS_SHORT[key % 12 + 1]} {key // 12}"

        return self.digits(", ".join(one(a) if a == b else f"{one(a)} – {one(b)}" for a, b in runs))

    def show(self, name: str, value: Any, when: datetime) -> str | list[str]:
        if name in ITEMS:
            items = list(value or [])
            return [self.digits(self.topics.get(t, t)) for t in items] if name == "oit_topics" else items
        if value is None or value == "" or value == []:
            return EMPTY
        if name == "departments":
            return ", ".join(sorted(self.departments.name(pk, when) for pk in value))
        if name in USERS:
            return self.users.get(value, _("ผู้ใช้ที่ไม่พบในระบบ"))
        words: dict[str, Callable[[Any], str]] = {
            "months": self.months,
            "indicators": lambda v: ", ".join(self.digits(str(_INDICATORS.get(int(i), i))) for i in v),
            "round": lambda v: self.digits(str(Round(v).label)) if v in Round.values else self.digits(str(v)),
            "status": lambda v: str(ProgressStatus(v).label) if v in ProgressStatus.values else str(v),
            "number": digits.num,
        }
        if name in words:
            return words[name](value)
        if isinstance(value, bool):
            return _("ใช่") if value else _("ไม่ใช่")
        if isinstance(value, datetime):
            return self.moment(value)
        if isinstance(value, date):
            return thai.format_date_long(value, self.thai_digits)
        return str(value)  # typed text, as typed


_INDICATORS = dict(INDICATOR_CHOICES)


def value_words(topics: dict[str, str] | None = None) -> _Words:
    """The words of `measure_history` for other readers of stored values (measures/approval_diff.py):
    `show(name, value, when)` and `months(value)` as the history writes them; `topics` names OIT topics.
    Departments and people are not looked up: those readers pass names."""
    words = _Words(_Departments(()), {})
    words.topics = dict(topics or {})
    return words


def _paired(records: Iterable[Any]) -> Iterable[tuple[Any, Any | None]]:
    """Each record (oldest first) with the one before it of the same object."""
    previous: dict[Any, Any] = {}
    for record in records:
        yield record, previous.get(record.id)
        previous[record.id] = record


def _who(record: Any) -> str:
    user = record.history_user
    return (user.get_full_name() or user.get_username()) if user is not None else _("ระบบ")


def _raw_changes(model: type[models.Model], record: Any, before: Any, departments: dict[int, set[Any]]) -> list[Any]:
    """(field, old, new) of every shown field that changed between two records."""
    delta = record.diff_against(before, excluded_fields=["departments"] if model is Measure else [])
    found = [(c.field, c.old, c.new) for c in delta.changes if c.field not in HIDDEN]
    if model is Measure:
        old, new = departments[before.history_id], departments[record.history_id]
        if old != new:
            found.append(("departments", sorted(old, key=str), sorted(new, key=str)))
    order = [f.name for f in model._meta.get_fields()]
    return sorted(found, key=lambda c: order.index(c[0]) if c[0] in order else len(order))


def _one_write(first: Any, then: Any) -> bool:
    """Whether `then` is the second record of the same write: saving a measure records its fields
    (a new version), then setting its departments records them at the same version, by the same
    person for the same reason, a moment later."""
    return bool(
        isinstance(first, Measure.history.model)
        and then.history_type == "~"
        and first.version == then.version
        and first.history_user_id == then.history_user_id
        and first.history_change_reason == then.history_change_reason
        and (then.history_date - first.history_date).total_seconds() < _ONE_WRITE_SECONDS
    )


_ONE_WRITE_SECONDS = 5


def _writes(model: type[models.Model], records: list[Any], departments: dict[int, set[Any]]) -> list[Any]:
    """(model, record, changes) per write, oldest first; a write's second record joins its first (and
    a creation's, like its other fields, is not listed)."""
    found: list[Any] = []
    last: dict[Any, int] = {}  # object id -> its latest write in `found`
    for record, before in _paired(records):
        changes = _raw_changes(model, record, before, departments) if before is not None else []
        index = last.get(record.id)
        if index is not None and _one_write(found[index][1], record):
            if found[index][1].history_type == "~":
                found[index][2].extend(changes)
            continue
        last[record.id] = len(found)
        found.append((model, record, changes))
    return found


def _label(model: type[models.Model], name: str) -> str:
    label = LABELS[model].get(name)
    if label is None:  # a field added since: its verbose name, never its code name
        verbose = getattr(model._meta.get_field(name), "verbose_name", "")
        label = verbose if verbose and not str(verbose).isascii() else _("ข้อมูลอื่น")
    return str(label)


def measure_history(measure: Measure) -> list[HistoryEntry]:
    """Every recorded change to the measure, its progress and its evidence, newest first."""
    oldest_first = ("history_date", "history_id")
    groups: list[tuple[type[models.Model], list[Any]]] = [
        (model, list(history.filter(**{key: measure.pk}).select_related("history_user").order_by(*oldest_first)))
        for model, history, key in (
            (Measure, Measure.history, "id"),
            (Progress, Progress.history, "measure_id"),
            (Evidence, Evidence.history, "measure_id"),
        )
    ]
    through = apps.get_model("measures", f"{Measure.history.model._meta.object_name}_departments")
    seen: dict[int, set[Any]] = defaultdict(set)
    for history_id, department_id in through.objects.filter(history__id=measure.pk).values_list(
        "history_id", "department_id"
    ):
        seen[history_id].add(department_id)

    raw = [write for model, records in groups for write in _writes(model, records, seen)]
    rank: dict[type[models.Model], int] = {Measure: 0, Progress: 1, Evidence: 2}
    raw.sort(key=lambda r: (r[1].history_date, rank[r[0]], r[1].history_id), reverse=True)  # newest first
    user_ids = {v for _m, _r, found in raw for name, old, new in found if name in USERS for v in (old, new) if v}
    User = get_user_model()
    users = (
        {u.pk: u.get_full_name() or u.get_username() for u in User.objects.filter(pk__in=user_ids)} if user_ids else {}
    )
    words = _Words(_Departments(set().union(*seen.values()) if seen else set()), users)
    topics = [t for _m, _r, found in raw for name, old, new in found if name == "oit_topics" for t in (*old, *new)]
    if topics:
        words.topics = oit_topic_offer(measure.plan, topics).labels()

    titles = {record.id: record.title for model, records in groups if model is Evidence for record in records}
    actions = {"+": _("สร้าง"), "~": _("แก้ไข"), "-": _("ลบ")}
    entries = []
    for model, record, found in raw:
        if record.history_type == "~" and not found:
            continue
        changes = [
            Change(
                name,
                _label(model, name),
                words.show(name, old, record.history_date),
                words.show(name, new, record.history_date),
                is_list=name in ITEMS,
                thai_digits=words.thai_digits,
            )
            for name, old, new in found
        ]
        entries.append(
            HistoryEntry(
                when=record.history_date,
                when_text=words.moment(record.history_date),
                who=_who(record),
                what=_what(model, record, titles, words),
                action=actions.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def _what(model: type[models.Model], record: Any, titles: dict[Any, str], words: _Words) -> str:
    if model is Measure:
        return _("มาตรการ")
    round_name = words.show("round", record.round, record.history_date)
    if model is Progress:
        return _("ผลการดำเนินการ %(round)s") % {"round": round_name}
    return _('หลักฐาน "%(title)s" ของ%(round)s') % {"title": titles.get(record.id, record.title), "round": round_name}
