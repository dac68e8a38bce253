"""Planning from the scores: measures suggested for the weak indicators (one click adds one to the
draft plan), and the OIT checklist of a year."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from prongsai.core.digits import num
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.viewutils import org_context
from prongsai.ita import services
from prongsai.ita.checklist import EVIDENCE, MISSING, checklist
from prongsai.ita.library import suggestions
from prongsai.ita.traceability import plan_trace
from prongsai.measures.access import plan_for
from prongsai.measures.forms import INDICATOR_CHOICES
from prongsai.orgs.access import org_for


def _suggestions_url(plan_id: object, indicator: str = "") -> str:
    url = reverse("ita-suggestions", args=[plan_id])
    return f"{url}?indicator={indicator}" if indicator.isdigit() else url


@login_required
@require_GET
def suggestion_list(request: HttpRequest, plan_id: str) -> HttpResponse:
    plan, membership = plan_for(request.user, plan_id)
    asked = request.GET.get("indicator", "")
    indicator = int(asked) if asked.isdigit() and 1 <= int(asked) <= 10 else None
    trace = plan_trace(plan)
    context = org_context(
        membership,
        plan=plan,
        trace=trace,
        indicator=indicator,
        suggestions=suggestions(plan, indicator),
        indicator_choices=INDICATOR_CHOICES,
        can_add=membership.can_edit and not plan.measures_locked,
    )
    return render(request, "ita/suggestions.html", context)


@login_required
@require_POST
def suggestion_adopt(request: HttpRequest, plan_id: str) -> HttpResponse:
    plan, membership = plan_for(request.user, plan_id, write=True)
    back = _suggestions_url(plan.pk, request.POST.get("indicator", ""))
    if plan.measures_locked:
        messages.error(request, _('แผนนี้เสนออนุมัติหรืออนุมัติแล้ว: กด "ขอแก้ไขแผน" ก่อนจึงจะเพิ่มมาตรการได้'))
        return redirect(back)
    try:
        measure = services.adopt_suggestion(
            plan, membership, request.user, request.POST.get("source", ""), request.POST.get("key", "")
        )
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        messages.error(request, err.message)
        return redirect(back)
    messages.success(
        request,
        _("เพิ่มมาตรการที่ %(n)s จากมาตรการที่แนะนำแล้ว: ตรวจผู้รับผิดชอบและระยะเวลา") % {"n": num(measure.number)},
    )
    return redirect(back)


@login_required
@require_GET
def oit_checklist(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = org_for(request.user, slug)
    if year not in services.catalogue_years():
        raise Http404
    catalogue = services.active_catalogue(year)
    rows = checklist(membership.organization, catalogue)
    context = org_context(
        membership,
        year=year,
        catalogue=catalogue,
        rows=rows,
        missing=sum(1 for r in rows if r.state == MISSING),
        with_evidence=sum(1 for r in rows if r.state == EVIDENCE),
        years=services.catalogue_years(),
    )
    return render(request, "ita/checklist.html", context)
