"""Staff: the inbox with its filters (HTMX refreshes only the table), its CSV export, and registering a case.

An overseer gets the same rows without the subject (it often names people), without links to the
cases (complaints.access refuses them the case itself) and a search by เลขรับ only.
"""

from __future__ import annotations

from typing import Any

from defusedcsv import csv
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.complaints import services
from prongsai.complaints.access import sees_people, visible_cases
from prongsai.complaints.forms import InboxFilterForm, RegisterCaseForm
from prongsai.complaints.models import Case, CaseAccessLog, CaseKind
from prongsai.complaints.queries import filter_cases
from prongsai.core import thai
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.viewutils import add_service_error, org_context
from prongsai.orgs.access import org_for
from prongsai.orgs.models import Membership

PAGE_SIZE = 50


def _filtered(membership: Membership, officer: bool, form: InboxFilterForm) -> Any:
    cases = visible_cases(membership, officer).select_related("kind", "department")
    if not form.is_valid():
        return cases
    d = form.cleaned_data
    return filter_cases(
        cases,
        status=d["status"],
        kind=d["kind"],
        channel=d["channel"],
        department=d["department"],
        overdue=d["overdue"],
        q=d["q"],
        people=sees_people(membership),
    )


def _filter_form(request: HttpRequest, membership: Membership) -> InboxFilterForm:
    org = membership.organization
    kinds = list(CaseKind.objects.filter(organization=org))
    form = InboxFilterForm(request.GET or None, kinds=kinds, departments=list(org.departments.all()))
    if not sees_people(membership):
        form.fields["q"].label = _("ค้นหาเลขรับ")
    return form


@login_required
def inbox(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug)
    org = membership.organization
    services.settings_for(org)
    officer = services.is_case_officer(membership)
    form = _filter_form(request, membership)
    page = Paginator(_filtered(membership, officer, form).order_by("-received_at"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    for case in page.object_list:
        case.overdue = case.is_overdue(today)
    if officer:
        # A confidential case's subject shown in the list is a view of it too: logged like the others.
        viewer = membership.user
        seen = [CaseAccessLog(case=c, user=viewer, action="inbox") for c in page.object_list if c.confidential]
        CaseAccessLog.objects.bulk_create(seen)
    hidden: dict[str, int] = {}
    if not officer:
        # Others learn of corruption reports only that they exist, in counts.
        hidden = Case.objects.filter(organization=org, confidential=True).aggregate(
            total=Count("pk"), open=Count("pk", filter=Q(status__in=["received", "in_progress"]))
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = org_context(
        membership,
        form=form,
        page=page,
        officer=officer,
        hidden=hidden,
        query=query.urlencode(),
        today=today,
        people=sees_people(membership),
    )
    template = "complaints/_inbox_table.html" if getattr(request, "htmx", False) else "complaints/inbox.html"
    return render(request, template, context)


@login_required
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The inbox's rows as CSV: no contact details, and never a confidential case (for anyone);
    for an overseer not the subject either."""
    membership = org_for(request.user, slug)
    form = _filter_form(request, membership)
    cases = _filtered(membership, False, form).filter(confidential=False).order_by("fiscal_year", "registry_no")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="complaints-{membership.organization.slug}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 Thai only with the byte-order mark
    writer = csv.writer(response)
    people = sees_people(membership)
    header = [_("เลขรับ"), _("รับเรื่องเมื่อ"), _("ประเภท"), _("ช่องทาง"), _("เรื่อง")]
    header += [_("ส่วนราชการ"), _("สถานะ"), _("กำหนดตอบกลับ")]
    writer.writerow(header if people else [h for h in header if h != _("เรื่อง")])
    for case in cases:
        row = [
            f"{case.registry_no}/{case.fiscal_year}",
            thai.format_date_numeric(timezone.localdate(case.received_at)),
            case.kind.name,
            case.get_channel_display(),
            *([case.subject] if people else []),
            case.department.name if case.department else "",
            case.get_status_display(),
            thai.format_date_numeric(case.due_date),
        ]
        writer.writerow(row)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug)
    officer = services.is_case_officer(membership)
    if not membership.can_edit and not officer:
        raise PermissionDenied
    kinds = services.active_kinds(membership.organization)
    form = RegisterCaseForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.register_case(
                membership,
                request.user,
                form.intake_data(consent=False),
                channel=form.cleaned_data["channel"],
                uploads=form.cleaned_data["attachments"],
            )
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            messages.success(request, _("รับเรื่องแล้ว เลขรับ %(no)s") % {"no": case.registry_display})
            return redirect("complaint-receipt", case.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "complaints/register.html", org_context(membership, form=form, officer=officer), status=status
    )
