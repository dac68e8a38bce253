"""Evidence: attach a file or a link, download it (members only), withdraw it (never erase)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.responses import attachment
from prongsai.core.viewutils import add_service_error, org_context
from prongsai.measures import services
from prongsai.measures.access import evidence_for, measure_for
from prongsai.measures.forms import EvidenceForm, ReasonForm
from prongsai.measures.services import pending


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request: HttpRequest, measure_id: str) -> HttpResponse:
    """Attach a file or a link. A file chosen before a refused submit is kept (services/pending.py):
    the form names it, the corrected submit uses it without choosing again."""
    measure, membership = measure_for(request.user, measure_id, write=True)
    initial = {"round": request.GET.get("round", "1")}
    form = EvidenceForm(request.POST or None, request.FILES or None, initial=initial)
    kept = None
    if request.method == "POST":
        token = request.POST.get("pending_file", "")
        kept = pending.pending_for(membership, measure, token) if token else None  # anyone else's: 404
        if kept is not None and (request.POST.get("drop_pending") or request.FILES.get("file")):
            pending.discard(membership, kept.token)  # removed, or replaced by the file chosen now
            kept = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        opened = kept.open() if kept is not None and not d["file"] else None
        upload = d["file"] or opened
        try:
            services.add_evidence(
                measure,
                d["round"],
                membership,
                request.user,
                title=d["title"],
                upload=upload,
                url=d["url"],
                period_start=d["period_start"],
                period_end=d["period_end"],
            )
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            if kept is not None:
                if opened is not None:
                    opened.close()
                pending.discard(membership, kept.token)
            messages.success(request, _("แนบหลักฐานแล้ว"))
            return redirect(f"/measures/{measure.pk}/")
        finally:
            if opened is not None:
                opened.close()  # the kept file, opened for this submit
    chosen = request.FILES.get("file") if request.method == "POST" else None
    if chosen is not None and "file" not in form.errors:
        try:
            kept = pending.keep(membership, measure, chosen)
        except ServiceError as err:
            add_service_error(request, form, err)  # the file itself is refused: never kept
    status = 400 if request.method == "POST" else 200
    context = org_context(
        membership, plan=measure.plan, measure=measure, form=form, pending=kept, max_mb=settings.EVIDENCE_MAX_MB
    )
    return render(request, "measures/evidence_form.html", context, status=status)


@login_required
def evidence_download(request: HttpRequest, evidence_id: str) -> FileResponse:
    evidence, _membership = evidence_for(request.user, evidence_id)
    if not evidence.file:
        raise Http404
    return attachment(evidence.file, evidence.filename or "evidence", evidence.content_type)


@login_required
@require_POST
def evidence_withdraw(request: HttpRequest, evidence_id: str) -> HttpResponse:
    evidence, membership = evidence_for(request.user, evidence_id, write=True)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("กรุณาระบุเหตุผลที่ถอนหลักฐาน"))
        return redirect(f"/measures/{evidence.measure_id}/")
    try:
        services.withdraw_evidence(evidence, membership, request.user, reason=form.cleaned_data["reason"])
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("ถอนหลักฐานแล้ว (ยังเก็บไว้ในระบบพร้อมเหตุผล)"))
    return redirect(f"/measures/{evidence.measure_id}/")
