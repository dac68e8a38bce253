"""The plan's life cycle as people read it, and which approved versions an amendment superseded.

Each step of the life cycle is a save of the plan, recorded in its history (django-simple-history) by
the services (services/plans.py) with a fixed verb and the reason the person gave: "submit plan",
"withdraw plan[: reason]", "return plan: reason", "approve plan", "amend plan: reason". The plan
page lists them (who, when, what, why) from one query of that history.

An approved version (a PlanApproval, or an approved plan document) is *superseded* once the plan is
amended after it was approved: it then reads "ถูกแทนที่ด้วยการแก้ไขแผนเมื่อ …" and only the current
approval (no amendment since) reads อนุมัติแล้ว. An older approval followed by a later one with no
amendment recorded between them (rows written before the history kept the verb) is superseded too,
without a date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prongsai.measures.models import Plan

VERBS = {
    "submit plan": _("เสนอผู้บริหารอนุมัติ"),
    "withdraw plan": _("ถอนการเสนออนุมัติ"),
    "return plan": _("ส่งกลับไปแก้ไข"),
    "approve plan": _("อนุมัติแผน"),
    "amend plan": _("ขอแก้ไขแผน"),
}
AMEND = "amend plan"


@dataclass
class PlanEvent:
    when: datetime
    who: str
    verb: str  # a key of VERBS
    label: str
    reason: str


def _parse(reason: str) -> tuple[str, str] | None:
    for verb in VERBS:
        if reason == verb:
            return verb, ""
        if reason.startswith(verb + ":"):
            return verb, reason[len(verb) + 1 :].strip()
    return None


def _lifecycle(plan: Plan) -> Any:
    wanted = Q()
    for verb in VERBS:
        wanted |= Q(history_change_reason=verb) | Q(history_change_reason__startswith=verb + ":")
    return Plan.history.filter(wanted, id=plan.pk)


def plan_events(plan: Plan) -> list[PlanEvent]:
    """The plan's submissions, withdrawals, returns, approvals and amendments, newest first (one query)."""
    events = []
    for record in _lifecycle(plan).select_related("history_user").order_by("-history_date", "-history_id"):
        parsed = _parse(record.history_change_reason or "")
        if parsed is None:
            continue
        user = record.history_user
        who = (user.get_full_name() or user.get_username()) if user is not None else ""
        events.append(PlanEvent(record.history_date, who, parsed[0], str(VERBS[parsed[0]]), parsed[1]))
    return events


def amendments_of(events: Iterable[PlanEvent]) -> list[datetime]:
    return sorted(e.when for e in events if e.verb == AMEND)


def amendment_dates(plan: Plan) -> list[datetime]:
    """When the plan was amended, oldest first (one query), for pages that show only approvals."""
    rows = _lifecycle(plan).filter(Q(history_change_reason=AMEND) | Q(history_change_reason__startswith=AMEND + ":"))
    return sorted(rows.values_list("history_date", flat=True))


def superseded_at(approved_at: datetime | None, amendments: list[datetime]) -> datetime | None:
    """The first amendment after a version was approved (None: nothing has replaced it)."""
    if approved_at is None:
        return None
    return next((when for when in amendments if when >= approved_at), None)


def mark_approvals(approvals: list[Any], amendments: list[datetime]) -> None:
    """Set `superseded` and `superseded_at` on each PlanApproval (ordered by number) for the page."""
    last = max((a.number for a in approvals), default=0)
    for approval in approvals:
        approval.superseded_at = superseded_at(approval.approved_at, amendments)
        approval.superseded = approval.superseded_at is not None or approval.number < last


def mark_plan_documents(plan: Plan, snapshots: list[Any]) -> None:
    """Set `superseded_at` on each of the plan's documents: an approved plan document (a Snapshot of
    kind "plan") approved before an amendment of the plan; None on the others. One query, and only
    when there is an approved plan document."""
    approved = [s for s in snapshots if s.kind == "plan" and s.is_approved]
    amendments = amendment_dates(plan) if approved else []
    for snapshot in snapshots:
        snapshot.superseded_at = superseded_at(snapshot.approved_at, amendments) if snapshot in approved else None
