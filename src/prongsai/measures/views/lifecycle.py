"""A plan's life cycle, one confirmation page per step: submit, withdraw, approve, return, amend, copy.

GET says what will happen (measures/confirmations.py; approve and return also show the changes since
the last approval, measures/approval_diff.py); POST to the same address takes the step through its
service and ends with the year's next step (measures/next_step.py). A refused reason re-renders the
page (400) with the message on the field, and nothing is written.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.core.digits import num
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.viewutils import add_service_error, org_context
from prongsai.measures import services
from prongsai.measures.access import plan_step_for
from prongsai.measures.approval_diff import since_last_approval
from prongsai.measures.confirmations import explain
from prongsai.measures.forms import PlanReasonForm
from prongsai.measures.models import Plan
from prongsai.measures.next_step import then
from prongsai.orgs.models import Membership


def _plan_url(plan: Plan) -> str:
    return f"/o/{plan.organization.slug}/?year={plan.fiscal_year}"


def _take(request: HttpRequest, step: str, plan: Plan, membership: Membership, reason: str) -> HttpResponse:
    """Run the step's service; a success message naming the next step; the plan's page."""
    user = request.user
    done = {
        "submit": _("เสนอแผนให้ผู้บริหารอนุมัติแล้ว"),
        "withdraw": _("ถอนการเสนออนุมัติแล้ว แผนกลับเป็นร่าง"),
        "approve": _("อนุมัติแผนแล้ว"),
        "return": _("ส่งแผนกลับไปแก้ไขแล้ว"),
        "amend": _("เปิดแผนให้แก้ไขแล้ว ฉบับที่อนุมัติไว้ยังเก็บอยู่ในประวัติ"),
    }
    if step == "copy":
        return _copy(request, plan, membership)
    if step == "submit":
        services.submit_plan(plan, membership, user)
    elif step == "withdraw":
        services.withdraw_plan(plan, membership, user, reason=reason)
    elif step == "approve":
        services.approve_plan(plan, membership, user)
    elif step == "return":
        services.return_plan(plan, membership, user, reason=reason)
    elif step == "amend":
        services.amend_plan(plan, membership, user, reason=reason)
    messages.success(request, then(done[step], plan, membership))
    return redirect(_plan_url(plan))


def _copy(request: HttpRequest, plan: Plan, membership: Membership) -> HttpResponse:
    new_plan = services.copy_plan_forward(plan, membership, request.user)
    done = _("คัดลอกเป็นแผนปีงบประมาณ %(y)s แล้ว") % {"y": num(new_plan.fiscal_year)}
    messages.success(request, then(done, new_plan, membership))
    flagged = new_plan.measures.filter(timeframe_needs_review=True).count()
    if flagged:
        messages.warning(request, _("มี %(n)s มาตรการที่ระยะเวลาเป็นข้อความ ต้องตรวจทานเอง") % {"n": num(flagged)})
    if (new_plan.title, new_plan.intro) != (plan.title, plan.intro):
        messages.info(request, _("เปลี่ยนปีงบประมาณในชื่อแผนและบทนำเป็น %(y)s ให้แล้ว") % {"y": num(new_plan.fiscal_year)})
    if new_plan.year_review:
        messages.warning(
            request,
            _("พบปี พ.ศ. อื่นอีก %(n)s แห่งในข้อความที่คัดลอกมา ระบบไม่เปลี่ยนให้เอง: ดูหัวข้อ “ปีที่ต้องตรวจทานหลังคัดลอก”")
            % {"n": num(len(new_plan.year_review))},
        )
    return redirect(_plan_url(new_plan))


def _confirm(request: HttpRequest, plan_id: str, step: str) -> HttpResponse:
    plan, membership = plan_step_for(request.user, plan_id, step)
    page = explain(step, plan, request.user)
    data = request.POST if request.method == "POST" else None
    form = PlanReasonForm(data, label=page.reason_label) if page.reason_label else None
    if request.method == "POST" and (form is None or form.is_valid()):
        reason = form.cleaned_data["reason"] if form is not None else ""
        try:
            return _take(request, step, plan, membership, reason)
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            if err.field != "reason" or form is None:
                messages.error(request, err.message)
                return redirect(_plan_url(plan))
            add_service_error(request, form, err)
    context = org_context(
        membership,
        plan=plan,
        page=page,
        form=form,
        diff=since_last_approval(plan) if page.shows_diff else None,
        back=_plan_url(plan),
    )
    return render(request, "measures/plan_confirm.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def plan_submit(request: HttpRequest, plan_id: str) -> HttpResponse:
    return _confirm(request, plan_id, "submit")


@login_required
@require_http_methods(["GET", "POST"])
def plan_withdraw(request: HttpRequest, plan_id: str) -> HttpResponse:
    return _confirm(request, plan_id, "withdraw")


@login_required
@require_http_methods(["GET", "POST"])
def plan_approve(request: HttpRequest, plan_id: str) -> HttpResponse:
    return _confirm(request, plan_id, "approve")


@login_required
@require_http_methods(["GET", "POST"])
def plan_return(request: HttpRequest, plan_id: str) -> HttpResponse:
    return _confirm(request, plan_id, "return")


@login_required
@require_http_methods(["GET", "POST"])
def plan_amend(request: HttpRequest, plan_id: str) -> HttpResponse:
    return _confirm(request, plan_id, "amend")


@login_required
@require_http_methods(["GET", "POST"])
def plan_copy(request: HttpRequest, plan_id: str) -> HttpResponse:
    return _confirm(request, plan_id, "copy")
