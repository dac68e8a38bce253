"""Access helpers for plans, measures, progress and evidence (see orgs/access.py for the rules)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from prongsai.measures.models import Evidence, Measure, Plan
from prongsai.orgs.access import as_uuid, membership_for
from prongsai.orgs.models import Membership


def department_limit(membership: Membership) -> set[Any]:
    """Ids of the departments an editor is limited to; empty = every department."""
    return {d.pk for d in membership.departments.all()}


def can_edit_measure(membership: Membership, measure: Measure, *, limit: set[Any] | None = None) -> bool:
    """Editors limited to departments may edit only measures one of their departments carries.

    `limit`: the member's department_limit, when the caller checks many measures (one query, not one each).
    """
    if membership.is_admin:
        return True
    if not membership.can_edit:
        return False
    allowed = department_limit(membership) if limit is None else limit
    if not allowed:
        return True
    return any(d.pk in allowed for d in measure.departments.all())


def plan_for(user: Any, plan_id: Any, *, write: bool = False) -> tuple[Plan, Membership]:
    plan = Plan.objects.select_related("organization").filter(pk=as_uuid(plan_id)).first()
    if plan is None:
        raise Http404
    membership = membership_for(user, plan.organization)
    if write and not membership.can_edit:
        raise PermissionDenied
    return plan, membership


# Who may take each step of a plan's life cycle: editors (and admins) submit, amend and copy; the
# approver approves and returns; the person who submitted it or an admin withdraws the submission.
EDITOR_STEPS = ("submit", "amend", "copy")
APPROVER_STEPS = ("approve", "return")


def plan_step_for(user: Any, plan_id: Any, step: str) -> tuple[Plan, Membership]:
    """The plan for one step of its life cycle (its confirmation page and its POST): missing and
    foreign 404, a member who may not take the step 403, whatever the plan's status."""
    from prongsai.measures.services.plans import may_withdraw

    plan, membership = plan_for(user, plan_id, write=step in EDITOR_STEPS)
    if step in APPROVER_STEPS and not membership.can_approve:
        raise PermissionDenied
    if step == "withdraw" and not may_withdraw(plan, membership, user):
        raise PermissionDenied
    return plan, membership


def measure_for(user: Any, measure_id: Any, *, write: bool = False) -> tuple[Measure, Membership]:
    measure = (
        Measure.objects.select_related("plan__organization")
        .prefetch_related("departments")
        .filter(pk=as_uuid(measure_id))
        .first()
    )
    if measure is None:
        raise Http404
    membership = membership_for(user, measure.plan.organization)
    if write and not can_edit_measure(membership, measure):
        raise PermissionDenied
    return measure, membership


def evidence_for(user: Any, evidence_id: Any, *, write: bool = False) -> tuple[Evidence, Membership]:
    evidence = Evidence.objects.select_related("measure__plan__organization").filter(pk=as_uuid(evidence_id)).first()
    if evidence is None:
        raise Http404
    membership = membership_for(user, evidence.measure.plan.organization)
    if write and not can_edit_measure(membership, evidence.measure):
        raise PermissionDenied
    return evidence, membership
