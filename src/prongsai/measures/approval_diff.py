"""What changed since the plan was last approved, field by field: what the approver reads before approving.

The last approved version is the latest PlanApproval's frozen content (services/plans.py
`freeze_plan`); the plan as submitted is frozen the same way now, so both sides have one shape. The
plan's title and introduction are compared, then its measures: added, removed, or changed with each
changed field's Thai label and its value before → after. Labels and values are the measure history's
(measures/history.py `LABELS`, `value_words`): departments by name, methods and OIT topics as lists,
months as "ต.ค. ๒๕๖๗ – ธ.ค. ๒๕๖๗", indicators by their names, numbers in the request's digit style;
what an officer typed is shown as typed.

A measure is the same measure on both sides when its id matches (approvals frozen since ids were
kept); otherwise (older approvals) when its title is unchanged, and the rest pair by their number.
When the plan was never approved, every measure is "added": the page shows the plan as submitted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from prongsai.measures.history import EMPTY, ITEMS, LABELS, value_words
from prongsai.measures.models import Measure, Plan, PlanApproval
from prongsai.measures.oit_topics import oit_topic_offer
from prongsai.measures.services.plans import freeze_plan

PLAN_FIELDS = ("title", "intro")
# The fields of a frozen measure a person edits, in the order the page lists them ("version" and "id"
# are bookkeeping).
MEASURE_FIELDS = (
    "number",
    "title",
    "methods",
    "departments",
    "responsible_text",
    "timeframe_text",
    "months",
    "indicators",
    "oit_topics",
    "target",
)
ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass
class FieldChange:
    field: str
    label: str
    before: str | list[str]
    after: str | list[str]
    is_list: bool = False


@dataclass
class MeasureChange:
    kind: str  # ADDED, REMOVED or CHANGED
    number: str  # as written on the page
    title: str
    changes: list[FieldChange] = field(default_factory=list)  # added: every field it has (before "—")


@dataclass
class ApprovalDiff:
    approval: PlanApproval | None  # the version compared with; None: the plan was never approved
    plan: list[FieldChange] = field(default_factory=list)
    measures: list[MeasureChange] = field(default_factory=list)
    unchanged: int = 0
    thai_digits: bool = True  # the request's digit style: numbered lists in Thai digits or not

    @property
    def has_changes(self) -> bool:
        return bool(self.plan or self.measures)

    def count(self, kind: str) -> int:
        return sum(1 for m in self.measures if m.kind == kind)

    @property
    def count_added(self) -> int:
        return self.count(ADDED)

    @property
    def count_removed(self) -> int:
        return self.count(REMOVED)

    @property
    def count_changed(self) -> int:
        return self.count(CHANGED)


class _Values:
    """A frozen value as a person reads it."""

    def __init__(self, topics: dict[str, str]) -> None:
        self.words = value_words(topics)
        self.now = timezone.now()

    def show(self, name: str, value: Any) -> str | list[str]:
        if name == "departments":  # frozen as names already
            return ", ".join(str(v) for v in value) if value else EMPTY
        if name in ITEMS:
            return self.words.show(name, value, self.now)
        if value in (None, "", []):
            return EMPTY
        return self.words.show(name, value, self.now)


def _label(name: str, *, of_plan: bool) -> str:
    if of_plan:
        return str(getattr(Plan._meta.get_field(name), "verbose_name", name))
    return str(LABELS[Measure][name])


def _change(values: _Values, name: str, before: Any, after: Any, *, of_plan: bool = False) -> FieldChange:
    label = _label(name, of_plan=of_plan)
    return FieldChange(name, label, values.show(name, before), values.show(name, after), is_list=name in ITEMS)


def _empty(value: Any) -> bool:
    return value in (None, "", [])


def _pairs(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> Iterable[tuple[Any, Any]]:
    """(old, new) measures: paired by id, then (when one of the two has no id) by an unchanged title,
    then by number; None on the side a measure is missing from."""
    old_left, new_left = list(before), list(after)
    pairs: list[tuple[Any, Any]] = []

    def match(key: str, *, by_id: bool = False) -> None:
        for old in list(old_left):
            wanted = old.get(key)
            if wanted is None:
                continue
            # Two measures that both carry an id are the same only when the ids match.
            new = next(
                (n for n in new_left if n.get(key) == wanted and (by_id or not (old.get("id") and n.get("id")))),
                None,
            )
            if new is not None:
                pairs.append((old, new))
                old_left.remove(old)
                new_left.remove(new)

    match("id", by_id=True)
    match("title")
    match("number")
    pairs.extend((old, None) for old in old_left)
    pairs.extend((None, new) for new in new_left)
    return pairs


def compare(
    before: dict[str, Any] | None, after: dict[str, Any], *, topics: dict[str, str] | None = None
) -> ApprovalDiff:
    """The changes from `before` (an approval's content; None: never approved) to `after` (the plan as
    submitted, frozen alike). `topics`: the OIT topics' labels (key → label)."""
    values = _Values(topics or {})
    diff = ApprovalDiff(approval=None, thai_digits=values.words.thai_digits)
    old_plan = before or {}
    for name in PLAN_FIELDS:
        old, new = old_plan.get(name, ""), after.get(name, "")
        if old != new and not (_empty(old) and _empty(new)):
            diff.plan.append(_change(values, name, old, new, of_plan=True))
    rows: list[tuple[int, MeasureChange]] = []
    for old, new in _pairs(list((before or {}).get("measures", [])), list(after.get("measures", []))):
        if new is None:
            rows.append(
                (10_000 + int(old.get("number", 0)), MeasureChange(REMOVED, _number(values, old), old.get("title", "")))
            )
            continue
        if old is None:
            changes = [_change(values, n, None, new.get(n)) for n in MEASURE_FIELDS if not _empty(new.get(n))]
            rows.append((int(new.get("number", 0)), MeasureChange(ADDED, _number(values, new), new["title"], changes)))
            continue
        changes = [
            _change(values, n, old.get(n), new.get(n))
            for n in MEASURE_FIELDS
            if old.get(n) != new.get(n) and not (_empty(old.get(n)) and _empty(new.get(n)))
        ]
        if changes:
            rows.append(
                (int(new.get("number", 0)), MeasureChange(CHANGED, _number(values, new), new["title"], changes))
            )
        else:
            diff.unchanged += 1
    diff.measures = [change for _order, change in sorted(rows, key=lambda r: r[0])]
    return diff


def _number(values: _Values, measure: dict[str, Any]) -> str:
    shown = values.show("number", measure.get("number"))
    return shown if isinstance(shown, str) else ""


def since_last_approval(plan: Plan) -> ApprovalDiff:
    """The plan as it stands against its latest approval (or alone, if never approved)."""
    approval = plan.approvals.order_by("-number").first()
    before = approval.content if approval is not None else None
    after = freeze_plan(plan)
    topics = {
        t for content in (before or {}, after) for m in content.get("measures", []) for t in m.get("oit_topics", [])
    }
    labels = oit_topic_offer(plan, sorted(topics)).labels() if topics else {}
    diff = compare(before, after, topics=labels)
    diff.approval = approval
    return diff
