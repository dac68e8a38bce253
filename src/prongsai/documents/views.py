"""Documents on the plan: make a version → preview → download; approve; attach the signed copy."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core import thai
from prongsai.core.digits import num
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.viewutils import add_service_error, org_context
from prongsai.documents import services
from prongsai.documents.access import signed_copy_for, snapshot_for
from prongsai.documents.content import layout
from prongsai.documents.forms import MakeDocumentForm, SignaturesForm, SignedCopyForm
from prongsai.documents.models import DocFormat, Snapshot
from prongsai.measures.access import plan_for
from prongsai.measures.plan_events import mark_plan_documents


def _signature_initial(plan: object) -> dict[str, str]:
    initial = {}
    for key, entry in (getattr(plan, "signatures", None) or {}).items():
        initial[f"{key}_name"] = entry.get("name", "")
        initial[f"{key}_position"] = entry.get("position", "")
        if entry.get("date"):
            from datetime import date

            initial[f"{key}_date"] = thai.format_date_numeric(date.fromisoformat(entry["date"]))
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def plan_documents(request: HttpRequest, plan_id: str) -> HttpResponse:
    plan, membership = plan_for(request.user, plan_id, write=request.method == "POST")
    form = MakeDocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            snapshot = services.make_snapshot(
                plan, membership, request.user, kind=form.cleaned_data["kind"], round_no=form.cleaned_data["round"]
            )
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            messages.success(request, _("สร้างเอกสารฉบับที่ %(v)s แล้ว") % {"v": num(snapshot.version)})
            return redirect("document-detail", snapshot.pk)
    snapshots = list(
        Snapshot.objects.filter(plan=plan)
        .select_related("created_by", "approved_by")
        .prefetch_related("files", "signed_copies")
        .order_by("kind", "-round", "-version")
    )
    mark_plan_documents(plan, snapshots)  # an approved plan document an amendment replaced says so
    context = org_context(
        membership,
        plan=plan,
        form=form,
        snapshots=snapshots,
        signatures_form=SignaturesForm(initial=_signature_initial(plan)),
    )
    return render(request, "documents/list.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def plan_signatures(request: HttpRequest, plan_id: str) -> HttpResponse:
    plan, membership = plan_for(request.user, plan_id, write=True)
    form = SignaturesForm(request.POST)
    if form.is_valid():
        try:
            services.update_signatures(plan, membership, request.user, form.values())
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("บันทึกผู้ลงนามแล้ว: มีผลกับเอกสารฉบับที่สร้างต่อจากนี้"))
    return redirect("plan-documents", plan.pk)


@login_required
def document_detail(request: HttpRequest, snapshot_id: str) -> HttpResponse:
    snapshot, membership = snapshot_for(request.user, snapshot_id)
    files = {f.format: f for f in snapshot.files.all()}
    mark_plan_documents(snapshot.plan, [snapshot])
    context = org_context(
        membership,
        plan=snapshot.plan,
        snapshot=snapshot,
        doc=layout(snapshot.data),
        formats=[(fmt, label, files.get(fmt)) for fmt, label in DocFormat.choices],
        signed_copies=list(snapshot.signed_copies.select_related("uploaded_by")),
        signed_form=SignedCopyForm(),
        removed=snapshot.data.get("removed_controls", []),
    )
    return render(request, "documents/detail.html", context)


@login_required
def document_download(request: HttpRequest, snapshot_id: str, fmt: str) -> FileResponse:
    snapshot, _membership = snapshot_for(request.user, snapshot_id)
    if fmt not in DocFormat.values:
        raise Http404
    item = services.render_file(snapshot, fmt)
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.filename, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Content-SHA256"] = item.sha256
    return response


@login_required
@require_POST
def document_approve(request: HttpRequest, snapshot_id: str) -> HttpResponse:
    snapshot, membership = snapshot_for(request.user, snapshot_id)
    try:
        services.approve_snapshot(snapshot, membership, request.user)
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("อนุมัติเอกสารฉบับนี้แล้ว: จากนี้ไม่มีการเปลี่ยนแปลง"))
    return redirect("document-detail", snapshot.pk)


@login_required
@require_POST
def document_signed_upload(request: HttpRequest, snapshot_id: str) -> HttpResponse:
    snapshot, membership = snapshot_for(request.user, snapshot_id)
    if not (membership.is_admin or membership.can_approve):
        raise PermissionDenied
    form = SignedCopyForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("เลือกไฟล์ฉบับที่ลงนามแล้วก่อน"))
        return redirect("document-detail", snapshot.pk)
    try:
        services.upload_signed_copy(snapshot, membership, request.user, form.cleaned_data["file"])
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("แนบฉบับลงนามแล้ว"))
    return redirect("document-detail", snapshot.pk)


@login_required
def signed_download(request: HttpRequest, copy_id: str) -> FileResponse:
    copy, _membership = signed_copy_for(request.user, copy_id)
    response = FileResponse(
        copy.file.open("rb"), as_attachment=True, filename=copy.filename, content_type=copy.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
