"""The organisation admin's complaint set-up: kinds, holidays, case officers, LINE and the privacy notice;
and the confidential access log, for case officers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.complaints import services
from prongsai.complaints.forms import ChannelSettingsForm, HolidayForm, KindForm
from prongsai.complaints.models import CaseAccessLog, CaseKind, CaseOfficer, Holiday
from prongsai.core import thai
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.viewutils import add_service_error
from prongsai.core.viewutils import org_context as _org_context
from prongsai.orgs.access import as_uuid, member_for, org_for
from prongsai.orgs.models import Membership


def org_context(membership: Membership, **extra: Any) -> dict[str, Any]:
    """The organisation context plus whether the member is a case officer (the sub-menu needs it)."""
    return _org_context(membership, officer=services.is_case_officer(membership), **extra)


@login_required
@require_http_methods(["GET", "POST"])
def kinds(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    org = membership.organization
    services.settings_for(org)
    form = KindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.add_kind(
                membership,
                request.user,
                name=d["name"],
                deadline_days=d["deadline_days"],
                is_corruption=d["is_corruption"],
            )
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            messages.success(request, _("เพิ่มประเภทเรื่องแล้ว"))
            return redirect("complaint-kinds", org.slug)
    context = org_context(membership, form=form, kinds=list(CaseKind.objects.filter(organization=org)))
    return render(request, "complaints/kinds.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def kind_edit(request: HttpRequest, slug: str, kind_id: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    kind = CaseKind.objects.filter(organization=membership.organization, pk=as_uuid(kind_id)).first()
    if kind is None:
        raise Http404
    initial = {"name": kind.name, "deadline_days": kind.deadline_days, "active": kind.active}
    form = KindForm(request.POST or None, initial=initial)
    form.fields["is_corruption"].disabled = True
    form.fields["is_corruption"].initial = kind.is_corruption
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.update_kind(
                membership, request.user, kind, name=d["name"], deadline_days=d["deadline_days"], active=d["active"]
            )
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            messages.success(request, _("บันทึกประเภทเรื่องแล้ว"))
            return redirect("complaint-kinds", membership.organization.slug)
    context = org_context(membership, form=form, kind=kind)
    return render(request, "complaints/kind_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def holidays(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    org = membership.organization
    form = HolidayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_holiday(membership, request.user, day=form.cleaned_data["day"], name=form.cleaned_data["name"])
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            messages.success(request, _("เพิ่มวันหยุดแล้ว กำหนดตอบกลับของเรื่องที่ยังไม่เสร็จคำนวณใหม่แล้ว"))
            return redirect("complaint-holidays", org.slug)
    year = thai.fiscal_year(timezone.localdate())
    start, _end = thai.fiscal_year_bounds(year - 1)
    rows = list(Holiday.objects.filter(organization=org, date__gte=start))
    context = org_context(membership, form=form, holidays=rows)
    return render(request, "complaints/holidays.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def holiday_delete(request: HttpRequest, slug: str, holiday_id: int) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    holiday = Holiday.objects.filter(organization=membership.organization, pk=holiday_id).first()
    if holiday is None:
        raise Http404
    services.remove_holiday(membership, request.user, holiday)
    messages.success(request, _("ลบวันหยุดแล้ว"))
    return redirect("complaint-holidays", membership.organization.slug)


@login_required
@require_http_methods(["GET", "POST"])
def officers(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    org = membership.organization
    if request.method == "POST":
        member = member_for(membership, request.POST.get("member", ""))
        grant = request.POST.get("active") == "1"
        try:
            services.set_case_officer(membership, request.user, member, active=grant)
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        messages.success(request, _("ให้สิทธิ์แล้ว") if grant else _("ถอนสิทธิ์แล้ว"))
        return redirect("complaint-officers", org.slug)
    members = list(
        Membership.objects.active().filter(organization=org).select_related("user").order_by("user__username")
    )
    active = set(
        CaseOfficer.objects.filter(membership__in=members, active=True).values_list("membership_id", flat=True)
    )
    for m in members:
        m.is_officer = m.pk in active  # type: ignore[attr-defined]
    return render(request, "complaints/officers.html", org_context(membership, members=members))


@login_required
@require_http_methods(["GET", "POST"])
def channel_settings(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    org = membership.organization
    config = services.settings_for(org)
    initial = {"privacy_notice": config.privacy_notice, "line_basic_id": config.line_basic_id}
    form = ChannelSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_channel_settings(membership, request.user, **form.cleaned_data)
        messages.success(request, _("บันทึกการตั้งค่าแล้ว"))
        return redirect("complaint-channel-settings", org.slug)
    webhook = request.build_absolute_uri(f"/c/line/webhook/{org.slug}/")
    context = org_context(membership, form=form, config=config, webhook=webhook)
    return render(request, "complaints/channel_settings.html", context, status=400 if form.errors else 200)


@login_required
def access_log(request: HttpRequest, slug: str) -> HttpResponse:
    """Who opened which confidential case: for case officers only."""
    membership = org_for(request.user, slug)
    if not services.is_case_officer(membership):
        raise PermissionDenied
    rows = list(
        CaseAccessLog.objects.filter(case__organization=membership.organization).select_related("case", "user")[:500]
    )
    return render(request, "complaints/access_log.html", org_context(membership, rows=rows))
