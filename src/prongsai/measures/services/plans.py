"""Plan life cycle: create, edit, submit, withdraw, approve, return, amend, copy to the next year."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import be_years, limits, thai
from prongsai.core.digits import digits, num
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.measures.models import Measure, Plan, PlanApproval, PlanStatus, Progress, Round
from prongsai.measures.services._audit import require_editor, require_same_org, save_audited
from prongsai.measures.year_review import collect as collect_year_review
from prongsai.orgs.models import Membership

MIN_YEAR, MAX_YEAR = 2550, 2650


def _check_year(fiscal_year: int) -> None:
    if not MIN_YEAR <= fiscal_year <= MAX_YEAR:
        message = digits(_("ปีงบประมาณ %(year)s ไม่ถูกต้อง: ใช้ปี พ.ศ. เช่น ๒๕๖๘")) % {"year": num(fiscal_year)}
        raise ServiceError(message, "fiscal_year")


def _limit_plan(title: str, intro: str) -> tuple[str, str]:
    return (
        limits.check_text(title, limits.PLAN_TITLE, "title", _("ชื่อแผน")),
        limits.check_text(intro, limits.PLAN_INTRO, "intro", _("บทนำ")),
    )


def _limit_reason(reason: str) -> str:
    return limits.check_text(reason, limits.REASON, "reason", _("เหตุผล"))


@transaction.atomic
def create_plan(membership: Membership, actor: Any, *, fiscal_year: int, title: str = "", intro: str = "") -> Plan:
    require_editor(membership)
    _check_year(fiscal_year)
    title, intro = _limit_plan(title, intro)
    org = membership.organization
    if Plan.objects.filter(organization=org, fiscal_year=fiscal_year).exists():
        raise ServiceError(
            _("มีแผนของปีงบประมาณ %(year)s อยู่แล้ว") % {"year": num(fiscal_year)},
            "fiscal_year",
        )
    plan = Plan(organization=org, fiscal_year=fiscal_year, title=title, intro=intro)
    try:
        with transaction.atomic():
            save_audited(plan, actor, "create plan")
    except IntegrityError:
        raise ServiceError(_("มีแผนของปีงบประมาณนี้อยู่แล้ว"), "fiscal_year") from None
    return plan


@transaction.atomic
def update_plan(plan: Plan, membership: Membership, actor: Any, *, title: str, intro: str) -> Plan:
    require_editor(membership)
    require_same_org(membership, plan.organization_id)
    title, intro = _limit_plan(title, intro)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.DRAFT:
        raise NotAllowed(_("แผนนี้เสนออนุมัติหรืออนุมัติแล้ว: ขอแก้ไขแผนก่อนจึงจะแก้ได้"))
    plan.title = title
    plan.intro = intro
    save_audited(plan, actor, "edit plan")
    return plan


@transaction.atomic
def submit_plan(plan: Plan, membership: Membership, actor: Any) -> Plan:
    require_editor(membership)
    require_same_org(membership, plan.organization_id)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.DRAFT:
        raise ServiceError(_("เสนอได้เฉพาะแผนที่เป็นร่าง"))
    if not plan.measures.exists():
        raise ServiceError(_("แผนยังไม่มีมาตรการ: เพิ่มมาตรการอย่างน้อยหนึ่งข้อก่อนเสนออนุมัติ"))
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_by = actor
    plan.submitted_at = timezone.now()
    save_audited(plan, actor, "submit plan")
    return plan


def freeze_plan(plan: Plan) -> dict[str, Any]:
    """The plan's content as it stands, for the approval record. Each measure carries its id, so the
    next approval's page can tell a changed measure from a new one (measures/approval_diff.py)."""
    measures = plan.measures.prefetch_related("departments").order_by("number")
    return {
        "fiscal_year": plan.fiscal_year,
        "title": plan.title,
        "intro": plan.intro,
        "measures": [{"id": str(m.pk), **m.to_dict()} for m in measures],
    }


@transaction.atomic
def approve_plan(plan: Plan, membership: Membership, actor: Any) -> Plan:
    require_same_org(membership, plan.organization_id)
    if not membership.can_approve:
        raise NotAllowed(_("เฉพาะผู้อนุมัติ (ผู้บริหาร) อนุมัติแผนได้"))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.SUBMITTED:
        raise ServiceError(_("อนุมัติได้เฉพาะแผนที่เสนออนุมัติแล้ว"))
    if plan.submitted_by_id == actor.pk:
        raise NotAllowed(_("ผู้เสนอแผนอนุมัติแผนของตนเองไม่ได้"))
    now = timezone.now()
    plan.status = PlanStatus.APPROVED
    plan.approved_by = actor
    plan.approved_at = now
    plan.approvals_count += 1
    save_audited(plan, actor, "approve plan")
    assert plan.submitted_by is not None and plan.submitted_at is not None
    PlanApproval.objects.create(
        plan=plan,
        number=plan.approvals_count,
        submitted_by=plan.submitted_by,
        submitted_at=plan.submitted_at,
        approved_by=actor,
        approved_at=now,
        content=freeze_plan(plan),
    )
    return plan


@transaction.atomic
def return_plan(plan: Plan, membership: Membership, actor: Any, *, reason: str) -> Plan:
    """The approver sends a submitted plan back to draft, saying why."""
    require_same_org(membership, plan.organization_id)
    if not membership.can_approve:
        raise NotAllowed(_("เฉพาะผู้อนุมัติ (ผู้บริหาร) ส่งแผนกลับได้"))
    reason = _limit_reason(reason)
    if not reason:
        raise ServiceError(_("กรุณาระบุเหตุผลที่ส่งกลับ"), "reason")
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.SUBMITTED:
        raise ServiceError(_("ส่งกลับได้เฉพาะแผนที่เสนออนุมัติแล้ว"))
    plan.status = PlanStatus.DRAFT
    save_audited(plan, actor, f"return plan: {reason.strip()}")
    return plan


@transaction.atomic
def amend_plan(plan: Plan, membership: Membership, actor: Any, *, reason: str) -> Plan:
    """Re-open an approved plan for changes, saying why; the approved version stays in PlanApproval
    and reads as superseded by this amendment from now on (measures/plan_events.py)."""
    require_editor(membership)
    require_same_org(membership, plan.organization_id)
    reason = _limit_reason(reason).strip()
    if not reason:
        raise ServiceError(_("กรุณาระบุเหตุผลที่ขอแก้ไขแผน"), "reason")
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.APPROVED:
        raise ServiceError(_("ขอแก้ไขได้เฉพาะแผนที่อนุมัติแล้ว"))
    plan.status = PlanStatus.DRAFT
    plan.submitted_by = None
    plan.submitted_at = None
    save_audited(plan, actor, f"amend plan: {reason}")
    return plan


@transaction.atomic
def withdraw_plan(plan: Plan, membership: Membership, actor: Any, reason: str = "") -> Plan:
    """Take a submission back before it is approved: the plan is a draft again and its measures open.

    Only the person who submitted it (still an editor) or an administrator of the organisation.
    """
    require_same_org(membership, plan.organization_id)
    reason = _limit_reason(reason).strip()
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not may_withdraw(plan, membership, actor):
        raise NotAllowed(_("เฉพาะผู้เสนอแผนหรือผู้ดูแลหน่วยงานถอนการเสนอได้"))
    if plan.status != PlanStatus.SUBMITTED:
        raise ServiceError(_("ถอนได้เฉพาะแผนที่เสนออนุมัติแล้วและยังไม่ได้อนุมัติ"))
    plan.status = PlanStatus.DRAFT
    plan.submitted_by = None
    plan.submitted_at = None
    save_audited(plan, actor, f"withdraw plan: {reason}" if reason else "withdraw plan")
    return plan


def may_withdraw(plan: Plan, membership: Membership, actor: Any) -> bool:
    """Whether this person may take the plan's submission back (its status aside)."""
    if membership.is_admin:
        return True
    return bool(membership.can_edit) and plan.submitted_by_id is not None and plan.submitted_by_id == actor.pk


def _copied_timeframe(measure: Measure, years: int) -> tuple[str, list[list[int]], bool]:
    """The timeframe for next year: months moved on; a phrase that cannot be moved is flagged."""
    old_months = [(int(y), int(m)) for y, m in measure.months]
    new_months = thai.shift_months(old_months, years)
    months = [list(m) for m in new_months]
    phrase = measure.timeframe_text
    if not phrase:
        return thai.format_months(new_months) if months else "", months, False
    if not measure.months:
        return phrase, months, True
    shifted = be_years.shift_years(phrase, years)
    reread = [list(m) for m in thai.parse_month_phrase(shifted).months]
    return shifted, months, reread != months


@transaction.atomic
def copy_plan_forward(plan: Plan, membership: Membership, actor: Any, *, to_year: int | None = None) -> Plan:
    """Start next year's plan from this one: measures, methods, departments, indicators, OIT topics; no progress.

    The fiscal year in the title and introduction ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗") moves on by itself;
    every other B.E. year in the copied text is listed on the new plan for the officer to accept or
    keep (measures/year_review.py, services/years.py); timeframes move on as before.
    """
    require_editor(membership)
    require_same_org(membership, plan.organization_id)
    target_year = to_year or plan.fiscal_year + 1
    years = target_year - plan.fiscal_year
    if years <= 0:
        raise ServiceError(_("ปีปลายทางต้องอยู่หลังปีของแผนต้นทาง"), "fiscal_year")
    title, in_title = be_years.shift_fiscal_year(plan.title, plan.fiscal_year, years)
    intro, in_intro = be_years.shift_fiscal_year(plan.intro, plan.fiscal_year, years)
    new_plan = create_plan(membership, actor, fiscal_year=target_year, title=title, intro=intro)
    measures = []
    for old in plan.measures.prefetch_related("departments").order_by("number"):
        timeframe, months, review = _copied_timeframe(old, years)
        measure = Measure(
            plan=new_plan,
            number=old.number,
            title=old.title,
            methods=list(old.methods),
            responsible_text=old.responsible_text,
            timeframe_text=timeframe,
            months=months,
            timeframe_needs_review=review,
            indicators=list(old.indicators),
            oit_topics=list(old.oit_topics),
            target=old.target,
        )
        save_audited(measure, actor, f"copy from plan {plan.fiscal_year}")
        measure.departments.set(old.departments.all())
        for round_no in Round.values:
            save_audited(Progress(measure=measure, round=round_no), actor, "create measure")
        measures.append(measure)
    new_plan.copied_from = plan
    new_plan.year_review = collect_year_review(
        source_title=plan.title, source_intro=plan.intro, source_year=plan.fiscal_year, by=years, measures=measures
    )
    save_audited(
        new_plan,
        actor,
        f"copy from plan {plan.fiscal_year}: fiscal year moved on in the title ({in_title}) and introduction "
        f"({in_intro}); {len(new_plan.year_review)} other years listed for review",
    )
    return new_plan
