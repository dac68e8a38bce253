"""The years to review after copy-forward: accept (move the year on) or keep, one by one or all.

The list lives on ``Plan.year_review`` (measures/year_review.py describes an item). Every decision
runs in a transaction with the plan locked, and is recorded in the audit history: the plan's (the
list changed; the title or introduction changed) and the measure's (a text changed). Accepting
changes a measure's text the way an edit does: its version moves on, so a form opened before
conflicts instead of writing the old year back. An item whose text was edited since it was listed is
stale: it is never replaced, only kept (closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.measures.access import can_edit_measure
from prongsai.measures.models import Measure, Plan, PlanStatus
from prongsai.measures.services._audit import require_editor, require_same_org, save_audited
from prongsai.measures.year_review import digest, set_text_at, stale_reason, text_at
from prongsai.orgs.models import Membership


@dataclass
class YearDecision:
    """What a decision did; `found`/`replacement` are the last item's words (for the message)."""

    accepted: int = 0
    kept: int = 0
    stale: int = 0  # left in the list: its text changed since, not replaced
    not_allowed: int = 0  # left in the list: another department's measure
    found: str = ""
    replacement: str = ""


def _place(item: dict[str, Any]) -> str:
    where = "plan" if not item.get("measure") else f"measure {item['measure']}"
    index = f" {int(item['index']) + 1}" if isinstance(item.get("index"), int) else ""
    return f"{where} {item.get('field')}{index}"


def _chosen(plan: Plan, item_id: str | None) -> list[dict[str, Any]]:
    items = [item for item in plan.year_review if isinstance(item, dict)]
    if item_id is None:
        return items
    chosen = [item for item in items if str(item.get("id")) == str(item_id).strip()]
    if not chosen:
        raise ServiceError(_("ไม่พบรายการปีนี้ในรายการที่ต้องตรวจทานแล้ว อาจมีผู้อื่นตรวจทานไปก่อน: โหลดหน้านี้ใหม่แล้วดูอีกครั้ง"))
    return chosen


def _owner(item: dict[str, Any], plan: Plan, measures: dict[str, Measure]) -> Plan | Measure | None:
    return plan if not item.get("measure") else measures.get(str(item["measure"]))


def _decide(plan: Plan, membership: Membership, actor: Any, item_id: str | None, *, accept: bool) -> YearDecision:
    require_editor(membership)
    require_same_org(membership, plan.organization_id)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    chosen = _chosen(plan, item_id)
    if accept and plan.status != PlanStatus.DRAFT:
        raise ServiceError(_("แผนนี้เสนออนุมัติหรืออนุมัติแล้ว: กด “ขอแก้ไขแผน” ก่อนจึงจะเปลี่ยนปีได้"))
    # Every measure the list points at, locked: the chosen items' and their neighbours' texts.
    ids = {str(item["measure"]) for item in plan.year_review if isinstance(item, dict) and item.get("measure")}
    measures = {
        str(m.pk): m
        for m in Measure.objects.select_for_update().filter(plan=plan, pk__in=ids).prefetch_related("departments")
    }
    result = YearDecision()
    decided: list[dict[str, Any]] = []
    to_apply: list[tuple[dict[str, Any], Plan | Measure]] = []
    for item in chosen:
        owner = _owner(item, plan, measures)
        if isinstance(owner, Measure) and not can_edit_measure(membership, owner):
            if item_id is not None:
                raise NotAllowed(_("คุณแก้ไขได้เฉพาะมาตรการของส่วนราชการที่ได้รับมอบหมาย"))
            result.not_allowed += 1
            continue
        result.found, result.replacement = str(item.get("found", "")), str(item.get("replacement", ""))
        reason = stale_reason(item, plan, measures) if accept else ""
        if reason:
            if item_id is not None:
                raise ServiceError(reason)
            result.stale += 1
        elif accept and owner is not None:
            to_apply.append((item, owner))
            decided.append(item)
        else:
            decided.append(item)
    result.accepted = len(to_apply)
    result.kept = len(decided) - len(to_apply)
    if not decided:
        return result  # nothing decided (all stale, or other departments'): nothing written
    remaining = [item for item in plan.year_review if not any(item is d for d in decided)]
    owners = {owner for _item, owner in to_apply}
    # Items left on a text changed here follow it, unless they were stale already.
    following = [i for i in remaining if _owner(i, plan, measures) in owners and not stale_reason(i, plan, measures)]
    changed = _apply(to_apply)
    for owner, changes in changed.items():
        if isinstance(owner, Measure):
            owner.version += 1
            save_audited(owner, actor, "year review: " + "; ".join(changes))
    for item in following:
        owner = _owner(item, plan, measures)
        assert owner is not None
        item["digest"] = digest(text_at(owner, str(item["field"]), item.get("index")) or "")
        if isinstance(owner, Measure):
            item["version"] = owner.version
    plan.year_review = remaining
    verb = "accepted" if accept else "kept"
    what = "; ".join(f"{_place(i)}: {i.get('found')}" for i in decided)
    save_audited(plan, actor, f"year review: {verb} {what}")
    return result


def _apply(to_apply: list[tuple[dict[str, Any], Plan | Measure]]) -> dict[Plan | Measure, list[str]]:
    """Write each replacement into its text (all checked against the texts before any change)."""
    changed: dict[Plan | Measure, list[str]] = {}
    # From the end of each text backwards, so earlier places stay where they were.
    for item, owner in sorted(to_apply, key=lambda pair: -int(pair[0]["start"])):
        field, index = str(item["field"]), item.get("index")
        text = text_at(owner, field, index) or ""
        start, end = int(item["start"]), int(item["end"])
        set_text_at(owner, field, index, text[:start] + str(item["replacement"]) + text[end:])
        changed.setdefault(owner, []).append(f"{_place(item)}: {item['found']} -> {item['replacement']}")
    return changed


@transaction.atomic
def accept_year(plan: Plan, membership: Membership, actor: Any, item_id: str) -> YearDecision:
    """Replace the item's words with the same a year on; refused if the text changed since."""
    return _decide(plan, membership, actor, item_id, accept=True)


@transaction.atomic
def keep_year(plan: Plan, membership: Membership, actor: Any, item_id: str) -> YearDecision:
    """Keep the words as they are and close the item (also for a stale item)."""
    return _decide(plan, membership, actor, item_id, accept=False)


@transaction.atomic
def accept_all_years(plan: Plan, membership: Membership, actor: Any) -> YearDecision:
    """Accept every item this member may change; stale ones (and other departments') stay listed."""
    return _decide(plan, membership, actor, None, accept=True)


@transaction.atomic
def keep_all_years(plan: Plan, membership: Membership, actor: Any) -> YearDecision:
    """Keep every item this member may decide."""
    return _decide(plan, membership, actor, None, accept=False)
