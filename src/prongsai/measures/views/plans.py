"""The organisation's home (a year's plan with the year's checklist), creating and editing a plan.

The plan's life cycle (submit, approve, …) is in views/lifecycle.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.core import thai
from prongsai.core.digits import num
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.viewutils import add_service_error, org_context
from prongsai.deadlines import steps
from prongsai.measures import services
from prongsai.measures.access import can_edit_measure, department_limit, plan_for
from prongsai.measures.forms import PlanForm
from prongsai.measures.models import Plan
from prongsai.measures.plan_events import amendments_of, mark_approvals, plan_events
from prongsai.measures.queries import plan_measures, round_summaries
from prongsai.measures.services.plans import MAX_YEAR, MIN_YEAR, may_withdraw
from prongsai.measures.year_review import review_rows
from prongsai.orgs.access import org_for
from prongsai.orgs.models import Membership


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
    departments = list(org.departments.all())
    if department_id not in {str(d.pk) for d in departments}:
        department_id = None
    measures = plan_measures(plan, department_id) if plan else []
    limit = department_limit(membership) if membership.can_edit and not membership.is_admin else set()
    for measure in measures:
        measure.editable = can_edit_measure(membership, measure, limit=limit)  # type: ignore[attr-defined]
    events = plan_events(plan) if plan else []
    approvals = list(plan.approvals.select_related("approved_by")) if plan else []
    mark_approvals(approvals, amendments_of(events))
    context = org_context(
        membership,
        plans=plans,
        plan=plan,
        measures=measures,
        summaries=round_summaries(measures),
        departments=departments,
        department_id=department_id,
        approvals=approvals,
        events=events,
        may_withdraw=plan is not None and may_withdraw(plan, membership, request.user),
        year_review=review_rows(plan, membership) if plan else [],
        **_checklist(membership, plan, year_param),
    )
    return render(request, "measures/plan.html", context)


def _checklist(membership: Membership, plan: Plan | None, year_param: str) -> dict[str, Any]:
    """The year's checklist (deadlines/steps.py) for the year shown: the plan's, else the year asked
    for, else the current fiscal year; and the other dates of that year an administrator set."""
    org = membership.organization
    if plan is not None:
        fiscal_year = plan.fiscal_year
    elif year_param.isdigit() and MIN_YEAR <= int(year_param) <= MAX_YEAR:
        fiscal_year = int(year_param)
    else:
        fiscal_year = thai.fiscal_year(timezone.localdate())
    year = steps.Year(org, fiscal_year, plan, membership)
    other = [d for d in year.dates if d.source != "rounds"]
    return {"steps": steps.for_year(year), "fiscal_year": fiscal_year, "other_dates": other}


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
            messages.success(request, _("สร้างแผนปีงบประมาณ %(y)s แล้ว") % {"y": num(plan.fiscal_year)})
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
