"""The organisation's home (a year's plan), and the plan's life cycle."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core import thai
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.viewutils import add_service_error, org_context
from prongsai.measures import services
from prongsai.measures.access import can_edit_measure, department_limit, plan_for
from prongsai.measures.forms import PlanForm, ReasonForm
from prongsai.measures.models import Plan
from prongsai.measures.queries import plan_measures, round_summaries
from prongsai.orgs.access import org_for


def _plan_url(plan: Plan) -> str:
    return f"/o/{plan.organization.slug}/?year={plan.fiscal_year}"


@login_required
def org_home(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug)
    org = membership.organization
    plans = list(Plan.objects.filter(organization=org).order_by("-fiscal_year"))
    year_param = request.GET.get("year", "")
    plan = None
    if year_param.isdigit():
        plan = next((p for p in plans if p.fiscal_year == int(year_param)), None)
    elif plans:
        current = thai.fiscal_year(timezone.localdate())
        plan = next((p for p in plans if p.fiscal_year == current), plans[0])
    department_id = request.GET.get("dept") or None
    valid_departments = {str(d.pk) for d in org.departments.all()}
    if department_id not in valid_departments:
        department_id = None
    measures = plan_measures(plan, department_id) if plan else []
    limit = department_limit(membership) if membership.can_edit and not membership.is_admin else set()
    for measure in measures:
        measure.editable = can_edit_measure(membership, measure, limit=limit)  # type: ignore[attr-defined]
    context = org_context(
        membership,
        plans=plans,
        plan=plan,
        measures=measures,
        summaries=round_summaries(measures),
        departments=list(org.departments.all()),
        department_id=department_id,
        approvals=list(plan.approvals.select_related("approved_by")) if plan else [],
        reason_form=ReasonForm(),
    )
    return render(request, "measures/plan.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug, write=True)
    default_year = thai.fiscal_year(timezone.localdate())
    form = PlanForm(request.POST or None, initial={"fiscal_year": default_year})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(membership, request.user, **form.cleaned_data)
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            messages.success(
                request, _("สร้างแผนปีงบประมาณ %(y)s แล้ว") % {"y": thai.to_thai_digits(str(plan.fiscal_year))}
            )
            return redirect(_plan_url(plan))
    status = 400 if request.method == "POST" else 200
    return render(request, "measures/plan_form.html", org_context(membership, form=form), status=status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, plan_id: str) -> HttpResponse:
    plan, membership = plan_for(request.user, plan_id, write=True)
    form = PlanForm(request.POST or None, editing=True, initial={"title": plan.title, "intro": plan.intro})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_plan(plan, membership, request.user, **form.cleaned_data)
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            messages.success(request, _("บันทึกแผนแล้ว"))
            return redirect(_plan_url(plan))
    status = 400 if request.method == "POST" else 200
    return render(request, "measures/plan_form.html", org_context(membership, form=form, plan=plan), status=status)


def _transition(request: HttpRequest, plan_id: str, action: str) -> HttpResponse:
    write = action in ("submit", "amend", "copy")
    plan, membership = plan_for(request.user, plan_id, write=write)
    reason = request.POST.get("reason", "")
    try:
        if action == "submit":
            services.submit_plan(plan, membership, request.user)
            messages.success(request, _("เสนอแผนให้ผู้บริหารอนุมัติแล้ว"))
        elif action == "approve":
            services.approve_plan(plan, membership, request.user)
            messages.success(request, _("อนุมัติแผนแล้ว"))
        elif action == "return":
            services.return_plan(plan, membership, request.user, reason=reason)
            messages.success(request, _("ส่งแผนกลับไปแก้ไขแล้ว"))
        elif action == "amend":
            services.amend_plan(plan, membership, request.user, reason=reason)
            messages.success(request, _("เปิดแผนให้แก้ไขแล้ว ฉบับที่อนุมัติไว้ยังเก็บอยู่ในประวัติ"))
        elif action == "copy":
            new_plan = services.copy_plan_forward(plan, membership, request.user)
            flagged = new_plan.measures.filter(timeframe_needs_review=True).count()
            messages.success(
                request,
                _("คัดลอกเป็นแผนปีงบประมาณ %(y)s แล้ว") % {"y": thai.to_thai_digits(str(new_plan.fiscal_year))},
            )
            if flagged:
                messages.warning(
                    request,
                    _("มี %(n)s มาตรการที่ระยะเวลาเป็นข้อความ ต้องตรวจทานเอง") % {"n": thai.to_thai_digits(str(flagged))},
                )
            return redirect(_plan_url(new_plan))
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        messages.error(request, err.message)
    return redirect(_plan_url(plan))


@login_required
@require_POST
def plan_submit(request: HttpRequest, plan_id: str) -> HttpResponse:
    return _transition(request, plan_id, "submit")


@login_required
@require_POST
def plan_approve(request: HttpRequest, plan_id: str) -> HttpResponse:
    return _transition(request, plan_id, "approve")


@login_required
@require_POST
def plan_return(request: HttpRequest, plan_id: str) -> HttpResponse:
    return _transition(request, plan_id, "return")


@login_required
@require_POST
def plan_amend(request: HttpRequest, plan_id: str) -> HttpResponse:
    return _transition(request, plan_id, "amend")


@login_required
@require_POST
def plan_copy(request: HttpRequest, plan_id: str) -> HttpResponse:
    return _transition(request, plan_id, "copy")
