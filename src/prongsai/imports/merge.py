"""What an import would change in a plan, computed before anything is written (apply.py writes it).

An import brings ``Incoming`` measures (incoming.py): from a report or from a department's Excel
(excel_roundtrip.py). ``build_merge`` matches them to the plan of the year and lists, per measure, the changes
field by field (before → after) and whether each will be applied:

* Matching (a report): the same title (``normalise.compact_key``) wherever it stands, then the measure at the
  same number when the titles are alike (``RENAMED`` or more of difflib's ratio): a renamed measure is
  "changed"; the rest of the file is "new". A department's Excel matches by the measure id in its hidden key.
* An empty cell never clears a value (nothing is lost by importing), and a column the file lacks (empty in
  every measure) is not compared at all.
* A plan that is submitted or approved keeps its measure definitions (title, methods, responsible, timeframe):
  those changes, and new measures, are shown but not applied — "ขอแก้ไขแผน" first. Progress (results,
  status, …) of such a plan may still be recorded: that is what a report of an approved plan is for.
* The measure number is never changed by an import (reorder on the plan page); a department's Excel may not
  change title, number or methods: "ไม่เปลี่ยนแปลง — ช่องนี้แก้ไม่ได้".
* A measure the member may not edit (an editor limited to other departments) is listed and skipped.
* A measure of a department's Excel whose version moved on since the download is a conflict: both values
  are shown and it is skipped unless the user ticks "ใช้ค่าจากไฟล์".
* Existing measures the file does not mention are kept, never deleted.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from prongsai.imports.incoming import PROGRESS_FIELDS, Incoming
from prongsai.imports.items import department_key, match_department
from prongsai.imports.normalise import compact_key
from prongsai.measures.access import can_edit_measure
from prongsai.measures.models import Measure, Plan, Progress, ProgressStatus, Round
from prongsai.orgs.models import Department, Membership, Organization

RENAMED = 0.4  # title similarity at the same number above which a measure was renamed, not replaced
MEASURE_FIELDS = ("title", "methods", "responsible_text", "timeframe_text")
_PROGRESS_DEFAULTS: dict[str, Any] = {name: "" for name in PROGRESS_FIELDS} | {
    "results": [],
    "status": ProgressStatus.NOT_STARTED,
}


def field_label(name: str) -> str:
    labels = {
        "number": _("ลำดับ"),
        "title": _("มาตรการหรือกิจกรรม"),
        "methods": _("วิธีการดำเนินการ"),
        "responsible_text": _("ผู้รับผิดชอบ"),
        "timeframe_text": _("ระยะเวลา"),
        "results": _("ผลการดำเนินการ"),
        "status": _("สถานะ"),
        "status_text": _("ผลลัพธ์หรือความสำเร็จ (ตามที่เขียน)"),
        "outcome": _("ผลลัพธ์"),
        "problems": _("ปัญหา/อุปสรรค"),
        "suggestions": _("ข้อเสนอแนะ"),
    }
    return labels.get(name, name)


@dataclass
class Change:
    name: str
    before: Any
    after: Any
    round: int | None = None
    apply: bool = True
    note: str = ""

    @property
    def label(self) -> str:
        label = field_label(self.name)
        return f"{Round(self.round).label}: {label}" if self.round else label

    def shown(self, value: Any) -> Any:
        if self.name == "status" and value in ProgressStatus.values:
            return ProgressStatus(value).label
        return value

    @property
    def before_list(self) -> list[str] | None:
        return list(self.before) if isinstance(self.before, list | tuple) else None

    @property
    def after_list(self) -> list[str] | None:
        return list(self.after) if isinstance(self.after, list | tuple) else None

    @property
    def before_text(self) -> Any:
        return self.shown(self.before)

    @property
    def after_text(self) -> Any:
        return self.shown(self.after)


@dataclass
class Row:
    incoming: Incoming
    measure: Measure | None
    action: str  # new, changed, same, conflict, forbidden, missing
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seen: str = ""  # "measure version:round 1 version:round 2 version" when previewed
    blocked: bool = False  # a new measure that cannot be added (the plan is submitted or approved)

    @property
    def applied(self) -> list[Change]:
        return [change for change in self.changes if change.apply]

    @property
    def creates(self) -> bool:
        return self.action == "new" and not self.blocked

    @property
    def action_label(self) -> str:
        labels = {
            "new": _("มาตรการใหม่"),
            "changed": _("เปลี่ยนแปลง"),
            "same": _("ไม่เปลี่ยนแปลง"),
            "conflict": _("ขัดแย้ง — มีผู้อื่นบันทึกหลังดาวน์โหลด"),
            "forbidden": _("ข้าม"),
            "missing": _("ไม่พบในแผน"),
        }
        if self.blocked:
            return _("ไม่นำเข้า")
        return labels.get(self.action, self.action)

    @property
    def badge(self) -> str:
        """The CSS class of the action's badge (the status colours)."""
        return {"new": "done", "changed": "in_progress", "same": "not_started"}.get(self.action, "cancelled")


@dataclass
class DepartmentMatch:
    written: str
    key: str
    match: Department | None

    @property
    def name(self) -> str:
        """The name a new department gets: as written, without a trailing "ฯ"."""
        return re.sub(r"\s*ฯ\s*$", "", " ".join(self.written.split()))


@dataclass
class Merge:
    organization: Organization
    fiscal_year: int
    plan: Plan | None
    rows: list[Row]
    untouched: list[Measure]
    departments: list[DepartmentMatch]
    locked: bool
    known: list[Department] = field(default_factory=list)  # the organisation's departments when built

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def summary(self) -> dict[str, int]:
        new = sum(1 for row in self.rows if row.creates)
        changed, same = self.count("changed"), self.count("same")
        return {"new": new, "changed": changed, "same": same, "other": len(self.rows) - new - changed - same}

    @property
    def new_departments(self) -> list[DepartmentMatch]:
        return [d for d in self.departments if d.match is None]

    @property
    def has_changes(self) -> bool:
        return any(row.creates or row.applied for row in self.rows) or bool(self.new_departments)


# --- matching and comparing --------------------------------------------------------------------------------


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, compact_key(a), compact_key(b), autojunk=False).ratio()


def match_measures(incoming: list[Incoming], existing: list[Measure]) -> list[Measure | None]:
    keys = {m.pk: compact_key(m.title) for m in existing}
    found: list[Measure | None] = [None] * len(incoming)
    used: set[Any] = set()
    for i, inc in enumerate(incoming):
        key = compact_key(inc.title)
        same = [m for m in existing if m.pk not in used and keys[m.pk] == key]
        if same:
            best = next((m for m in same if m.number == inc.number), same[0])
            found[i] = best
            used.add(best.pk)
    for i, inc in enumerate(incoming):
        if found[i] is not None:
            continue
        at = next((m for m in existing if m.pk not in used and m.number == inc.number), None)
        if at is not None and similarity(inc.title, at.title) >= RENAMED:
            found[i] = at
            used.add(at.pk)
    return found


def _flat(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [" ".join(str(item).split()) for item in value]
    return " ".join(str(value or "").split())


def _differs(before: Any, after: Any) -> bool:
    return bool(after) and _flat(before) != _flat(after)


def versions(measure: Measure) -> tuple[int, dict[int, int]]:
    rounds = {p.round: p.version for p in measure.progress.all()}
    return measure.version, rounds


def seen_of(measure: Measure) -> str:
    version, rounds = versions(measure)
    return ":".join(str(n) for n in (version, rounds.get(1, 0), rounds.get(2, 0)))


def parse_seen(text: str) -> tuple[int, dict[int, int]] | None:
    parts = text.split(":")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return None
    return int(parts[0]), {1: int(parts[1]), 2: int(parts[2])}


def _compare(inc: Incoming, measure: Measure, locked: bool) -> list[Change]:
    changes: list[Change] = []
    if inc.number != measure.number:
        note = _("ไม่เปลี่ยนแปลง — ช่องนี้แก้ไม่ได้") if "number" in inc.readonly else _("ไม่เปลี่ยนลำดับ — จัดลำดับได้ในหน้าแผน")
        changes.append(Change("number", measure.number, inc.number, apply=False, note=note))
    for name in MEASURE_FIELDS:
        after = inc.title if name == "title" else inc.fields.get(name)
        if after is None or not _differs(getattr(measure, name), after):
            continue
        change = Change(name, getattr(measure, name), after)
        if name in inc.readonly:
            change.apply, change.note = False, _("ไม่เปลี่ยนแปลง — ช่องนี้แก้ไม่ได้")
        elif locked:
            change.apply, change.note = False, _("แผนเสนออนุมัติหรืออนุมัติแล้ว: แก้มาตรการไม่ได้ — ขอแก้ไขแผนก่อน")
        changes.append(change)
    progress: dict[int, Progress] = {p.round: p for p in measure.progress.all()}
    for round_no, values in sorted(inc.progress.items()):
        current = progress.get(round_no)
        for name in PROGRESS_FIELDS:
            if name not in values:
                continue
            before = getattr(current, name) if current is not None else _PROGRESS_DEFAULTS[name]
            if _differs(before, values[name]):
                changes.append(Change(name, before, values[name], round=round_no))
    return changes


def match_departments(incoming: list[Incoming], departments: list[Department]) -> list[DepartmentMatch]:
    by_name = {d.name: d for d in departments}
    names = list(by_name)
    found: dict[str, DepartmentMatch] = {}
    for inc in incoming:
        for written in inc.departments:
            key = department_key(written)
            if key and key not in found:
                matched = match_department(written, names)
                found[key] = DepartmentMatch(written, key, by_name[matched] if matched else None)
    return list(found.values())


def build_merge(
    organization: Organization,
    fiscal_year: int,
    incoming: list[Incoming],
    membership: Membership,
    *,
    plan: Plan | None = None,
    roundtrip: bool = False,
) -> Merge:
    """What importing `incoming` into the organisation's plan of `fiscal_year` would change (reads only)."""
    if plan is None:
        plan = Plan.objects.filter(organization=organization, fiscal_year=fiscal_year).first()
    existing = list(plan.measures.prefetch_related("departments", "progress").order_by("number")) if plan else []
    locked = bool(plan and plan.measures_locked)
    if roundtrip:
        by_id = {str(m.pk): m for m in existing}
        matches = []
        for inc in incoming:  # a row copied in the sheet: only its first copy counts
            measure = by_id.pop(inc.key.measure_id, None) if inc.key else None
            matches.append(measure)
    else:
        matches = match_measures(incoming, existing)
    rows = []
    for inc, measure in zip(incoming, matches, strict=True):
        rows.append(_row(inc, measure, membership, locked, roundtrip))
    matched = {m.pk for m in matches if m is not None}
    untouched = [m for m in existing if m.pk not in matched]
    known = list(organization.departments.all())
    departments = [] if roundtrip else match_departments(incoming, known)
    return Merge(organization, fiscal_year, plan, rows, untouched, departments, locked, known)


def _row(inc: Incoming, measure: Measure | None, membership: Membership, locked: bool, roundtrip: bool) -> Row:
    if measure is None:
        if roundtrip:
            return Row(inc, None, "missing", notes=[_("ไม่พบมาตรการนี้ในแผน (อาจถูกลบหรือเป็นไฟล์ของแผนอื่น) — ไม่นำเข้า")])
        notes = [_("แผนเสนออนุมัติหรืออนุมัติแล้ว: เพิ่มมาตรการไม่ได้ — ขอแก้ไขแผนก่อน")] if locked else []
        return Row(inc, None, "new", notes=notes, blocked=locked)
    row = Row(inc, measure, "same", _compare(inc, measure, locked), seen=seen_of(measure))
    if not can_edit_measure(membership, measure):
        row.action = "forbidden"
        row.notes.append(_("ไม่ใช่มาตรการของส่วนราชการของคุณ — ไม่นำเข้า"))
        for change in row.changes:
            change.apply = False
        return row
    if inc.key is not None:
        version, rounds = versions(measure)
        round_no = next(iter(inc.progress), 2)
        if (version, rounds.get(round_no, 0)) != (inc.key.measure_version, inc.key.progress_version):
            row.action = "conflict"
            row.notes.append(
                _("มีผู้อื่นบันทึกมาตรการนี้หลังดาวน์โหลดไฟล์: ค่าที่บันทึกไว้ตอนนี้ กับ ค่าจากไฟล์ แสดงด้านล่าง — ข้ามไว้ เว้นแต่เลือก “ใช้ค่าจากไฟล์”")
            )
            return row
    if row.changes:
        row.action = "changed"
    return row
