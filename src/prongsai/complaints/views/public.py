"""The citizen's pages (no account): the form, the confirmation, tracking, the poster and statistics."""

from __future__ import annotations

import segno
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.complaints import ratelimit, services
from prongsai.complaints.documents import stats_data
from prongsai.complaints.forms import PublicCaseForm, TrackForm
from prongsai.complaints.models import Case, CaseEvent, EventKind
from prongsai.complaints.services.notify import form_url, tracking_url
from prongsai.complaints.stats import table_rows, year_stats
from prongsai.core import digits, thai
from prongsai.core.errors import ServiceError
from prongsai.core.viewutils import add_service_error
from prongsai.documents.renderers import get_renderer
from prongsai.orgs.models import Organization


def _org(slug: str) -> Organization:
    org = get_object_or_404(Organization, slug=slug)
    digits.use(org)  # the organisation's digit style (core/digits.py)
    return org


def too_many(request: HttpRequest) -> HttpResponse:
    """HTTP 429 with a Thai page; nothing the person sent before is lost."""
    response = render(request, "complaints/too_many.html", status=429)
    response["Retry-After"] = str(int(ratelimit.WINDOW_SECONDS))
    return response


def private(response: HttpResponse) -> HttpResponse:
    """Pages whose address holds a tracking code: never cached, never sent on as a referrer, not indexed."""
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def qr_svg(url: str, scale: int = 6) -> str:
    """An inline SVG QR code (segno, error correction M), safe to put in the page."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=scale, title=url))  # noqa: S308 - segno's own markup


@require_http_methods(["GET", "POST"])
def case_form(request: HttpRequest, slug: str) -> HttpResponse:
    org = _org(slug)
    config = services.settings_for(org)
    kinds = services.active_kinds(org)
    form = PublicCaseForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST":
        if not ratelimit.intake_allowed(request):
            return too_many(request)
        if request.POST.get("website"):
            form.is_valid()
            form.add_error(None, _("ระบบไม่รับเรื่องนี้: มีการกรอกช่องที่ต้องเว้นว่าง (ช่องสำหรับตรวจจับโปรแกรมอัตโนมัติ)"))
        elif form.is_valid():
            try:
                case = services.file_case(org, form.intake_data(consent=True), form.cleaned_data["attachments"])
            except ServiceError as err:
                add_service_error(request, form, err)
            else:
                return redirect("complaint-thanks", org.slug, case.tracking_code)
    context = {
        "public_org": org,
        "form": form,
        "config": config,
        "max_mb": settings.COMPLAINT_ATTACHMENT_MAX_MB,
        "max_files": settings.COMPLAINT_MAX_ATTACHMENTS,
    }
    return render(request, "complaints/public_form.html", context, status=400 if request.method == "POST" else 200)


def thanks(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    if not ratelimit.tracking_allowed(request, code):
        return too_many(request)
    case = Case.objects.select_related("organization").filter(organization__slug=slug, tracking_code=code).first()
    if case is None:
        raise Http404
    digits.use(case.organization)
    config = services.settings_for(case.organization)
    context = {"public_org": case.organization, "case": case, "config": config, "url": tracking_url(case.tracking_code)}
    return private(render(request, "complaints/thanks.html", context))


@require_http_methods(["GET", "POST"])
def track_start(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or request.GET or None)
    if form.is_bound and form.is_valid():
        code = services.normalise_code(form.cleaned_data["code"])
        if code:
            return redirect("complaint-track", code)
        form.add_error("code", digits.digits(_("รหัสติดตามเรื่องมี ๑๐ ตัว เป็นอักษรอังกฤษตัวใหญ่และตัวเลข เช่น K7PM4QX2RA")))
    return render(request, "complaints/track_start.html", {"form": form}, status=400 if form.errors else 200)


def track(request: HttpRequest, code: str) -> HttpResponse:
    normal = services.normalise_code(code)
    if not ratelimit.tracking_allowed(request, normal or code):
        return too_many(request)
    if normal and normal != code:
        return redirect("complaint-track", normal)
    case = Case.objects.select_related("organization", "kind").filter(tracking_code=normal).first() if normal else None
    if case is None:
        form = TrackForm(initial={"code": code})
        context = {"form": form, "not_found": True}
        return private(render(request, "complaints/track_start.html", context, status=404))
    digits.use(case.organization)
    # Only what the organisation wrote for the public: states with their dates, and public replies.
    events = list(
        CaseEvent.objects.filter(
            case=case, public=True, kind__in=[EventKind.RECEIVED, EventKind.STATUS, EventKind.REPLY]
        )
        .only("kind", "status", "text", "created_at")
        .order_by("created_at")
    )
    config = services.settings_for(case.organization)
    context = {
        "public_org": case.organization,
        "case": case,
        "events": events,
        "config": config,
        "overdue": case.is_overdue(timezone.localdate()),
    }
    return private(render(request, "complaints/track.html", context))


def poster(request: HttpRequest, slug: str) -> HttpResponse:
    org = _org(slug)
    url = form_url(org.slug)
    context = {
        "public_org": org,
        "url": url,
        "qr": qr_svg(url, scale=10),
        "track_url": f"{settings.SITE_URL.rstrip('/')}/track/",
        "config": services.settings_for(org),
        "kinds": services.active_kinds(org),
    }
    return render(request, "complaints/poster.html", context)


def stats(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    org = _org(slug)
    if not 2500 <= year <= 2700:
        raise Http404
    data = year_stats(org, year)
    current = thai.fiscal_year(timezone.localdate())
    context = {
        "public_org": org,
        "year": year,
        "stats": data,
        "rows": table_rows(data),
        "years": list(range(current, current - 5, -1)),
        "as_of": timezone.now(),
        "download_formats": [("pdf", "PDF"), ("docx", "Word"), ("xlsx", "Excel"), ("csv", "CSV")],
    }
    return render(request, "complaints/stats.html", context)


def stats_file(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    """The statistics table as a document (PDF, Word, Excel, CSV), for the assessors and the website."""
    org = _org(slug)
    if not 2500 <= year <= 2700 or fmt not in ("pdf", "docx", "xlsx", "csv"):
        raise Http404
    rendered = get_renderer(fmt)(stats_data(org, year, year_stats(org, year)), None)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
