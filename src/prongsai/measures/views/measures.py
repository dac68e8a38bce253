"""Measures: add, edit, reorder, delete, record progress per round, and the history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core.digits import num
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.viewutils import add_service_error, org_context, save_versioned
from prongsai.measures import services
from prongsai.measures.access import can_edit_measure, measure_for, plan_for
from prongsai.measures.forms import EvidenceForm, MeasureForm, ProgressForm, ReasonForm
from prongsai.measures.history import measure_history
from prongsai.measures.models import Progress, Round
from prongsai.measures.next_step import then
from prongsai.measures.services.measures import prefilled_progress


def _measure_url(measure: Any) -> str:
    return f"/measures/{measure.pk}/"


@login_required
def measure_detail(request: HttpRequest, measure_id: str) -> HttpResponse:
    measure, membership = measure_for(request.user, measure_id)
    rounds = {p.round: p for p in measure.progress.all()}
    context = org_context(
        membership,
        plan=measure.plan,
        measure=measure,
        rounds=[(r, label, rounds.get(r)) for r, label in Round.choices],
        evidence=list(measure.evidence.select_related("added_by", "withdrawn_by").order_by("round", "created_at")),
        editable=can_edit_measure(membership, measure),
        evidence_form=EvidenceForm(),
        reason_form=ReasonForm(),
        history=measure_history(measure),
    )
    return render(request, "measures/measure_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest, plan_id: str) -> HttpResponse:
    plan, membership = plan_for(request.user, plan_id, write=True)
    if plan.measures_locked:
        raise PermissionDenied(_("แผนนี้เสนออนุมัติหรืออนุมัติแล้ว: ขอแก้ไขแผนก่อน"))
    form = MeasureForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.create_measure(plan, membership, request.user, form.to_data())
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            messages.success(request, _("เพิ่มมาตรการที่ %(n)s แล้ว") % {"n": num(measure.number)})
            return redirect(f"/o/{plan.organization.slug}/?year={plan.fiscal_year}")
    status = 400 if request.method == "POST" else 200
    context = org_context(membership, plan=plan, form=form, measure=None)
    return render(request, "measures/measure_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, measure_id: str) -> HttpResponse:
    measure, membership = measure_for(request.user, measure_id, write=True)
    if measure.plan.measures_locked:
        raise PermissionDenied(_("แผนนี้เสนออนุมัติหรืออนุมัติแล้ว: ขอแก้ไขแผนก่อน"))
    form = MeasureForm(request.POST or None, plan=measure.plan, initial=MeasureForm.initial_for(measure))
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = save_versioned(
            request,
            form,
            lambda: services.update_measure(
                measure, membership, request.user, form.to_data(), expected_version=form.cleaned_data["version"] or 0
            ),
        )
        if saved:
            messages.success(request, _("บันทึกมาตรการแล้ว"))
            return redirect(_measure_url(measure))
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    context = org_context(membership, plan=measure.plan, form=form, measure=measure, conflict=conflict)
    return render(request, "measures/measure_form.html", context, status=status)


@login_required
@require_POST
def measure_delete(request: HttpRequest, measure_id: str) -> HttpResponse:
    measure, membership = measure_for(request.user, measure_id, write=True)
    plan = measure.plan
    try:
        services.delete_measure(measure, membership, request.user)
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        messages.error(request, err.message)
        return redirect(_measure_url(measure))
    messages.success(request, _("ลบมาตรการแล้ว"))
    return redirect(f"/o/{plan.organization.slug}/?year={plan.fiscal_year}")


@login_required
@require_POST
def measure_move(request: HttpRequest, measure_id: str, direction: str) -> HttpResponse:
    if direction not in ("up", "down"):
        raise Http404
    measure, membership = measure_for(request.user, measure_id, write=True)
    plan = measure.plan
    order = list(plan.measures.order_by("number").values_list("pk", flat=True))
    index = order.index(measure.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(order):
        order[index], order[target] = order[target], order[index]
        try:
            services.reorder_measures(plan, membership, request.user, order)
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            messages.error(request, err.message)
    return redirect(f"/o/{plan.organization.slug}/?year={plan.fiscal_year}")


@login_required
@require_http_methods(["GET", "POST"])
def progress_edit(request: HttpRequest, measure_id: str, round_no: int) -> HttpResponse:
    measure, membership = measure_for(request.user, measure_id, write=True)
    if round_no not in Round.values:
        raise Http404
    progress = Progress.objects.filter(measure=measure, round=round_no).first() or Progress(
        measure=measure, round=round_no
    )
    initial = vars(prefilled_progress(progress)) | {"version": progress.version}
    form = ProgressForm(
        request.POST or None, initial=initial, problems_column=measure.plan.organization.problems_column
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = save_versioned(
            request,
            form,
            lambda: services.record_progress(
                measure,
                round_no,
                membership,
                request.user,
                form.to_data(),
                expected_version=form.cleaned_data["version"] or 0,
            ),
        )
        if saved:
            messages.success(request, then(_("บันทึกผลการดำเนินการแล้ว"), measure.plan, membership))
            return redirect(_measure_url(measure))
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    context = org_context(
        membership,
        plan=measure.plan,
        measure=measure,
        form=form,
        round_no=round_no,
        round_label=Round(round_no).label,
        prefilled=progress.version == 0 and round_no == Round.TWELVE_MONTHS and bool(initial["results"]),
        conflict=conflict,
    )
    return render(request, "measures/progress_form.html", context, status=status)


@login_required
def measure_history_view(request: HttpRequest, measure_id: str) -> HttpResponse:
    measure, membership = measure_for(request.user, measure_id)
    context = org_context(membership, measure=measure, history=measure_history(measure))
    return render(request, "measures/_history.html", context)
