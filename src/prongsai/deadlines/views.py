"""The organisation's dates: every date of the year from the deadlines service, and the admin's own."""

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
from prongsai.deadlines import registry, services
from prongsai.deadlines.access import deadline_for
from prongsai.deadlines.forms import DeadlineForm
from prongsai.orgs.access import org_for


@login_required
@require_http_methods(["GET", "POST"])
def deadlines(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug)
    org = membership.organization
    form = DeadlineForm(request.POST or None)
    if request.method == "POST":
        if not membership.is_admin:
            raise PermissionDenied(_("เฉพาะผู้ดูแลหน่วยงานกำหนดวันที่ได้"))
        if form.is_valid():
            try:
                item = services.set_deadline(membership, request.user, **form.cleaned_data)
            except NotAllowed as err:
                raise PermissionDenied(err.message) from None
            except ServiceError as err:
                add_service_error(request, form, err)
            else:
                messages.success(request, _("เพิ่มกำหนดการ “%(title)s” แล้ว") % {"title": item.title})
                return redirect("org-deadlines", slug)
    year = thai.fiscal_year(timezone.localdate())
    years = [(y, registry.for_year(org, y)) for y in (year, year + 1)]
    status = 400 if request.method == "POST" else 200
    return render(request, "deadlines/deadlines.html", org_context(membership, years=years, form=form), status=status)


@login_required
@require_POST
def deadline_remove(request: HttpRequest, slug: str, deadline_id: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    item = deadline_for(membership, deadline_id, write=True)
    try:
        services.remove_deadline(item, membership, request.user)
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    messages.success(request, _("ยกเลิกกำหนดการ “%(title)s” แล้ว") % {"title": item.title})
    return redirect("org-deadlines", slug)
