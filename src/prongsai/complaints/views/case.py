"""Staff: one case — its page, the receipt, the workflow actions, and its attachments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.complaints import services
from prongsai.complaints.access import attachment_for, case_for
from prongsai.complaints.documents import receipt_data
from prongsai.complaints.forms import AssignForm, MoveForm, NoteForm, ReplyForm
from prongsai.complaints.models import Case, CaseAccessLog, CaseStatus
from prongsai.complaints.services.notify import tracking_url
from prongsai.complaints.views.public import qr_svg
from prongsai.core.digits import digits
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.responses import attachment
from prongsai.core.viewutils import org_context
from prongsai.documents.renderers import get_renderer
from prongsai.orgs.access import department_for


@login_required
def detail(request: HttpRequest, case_id: str) -> HttpResponse:
    case, membership, officer = case_for(request.user, case_id)
    org = membership.organization
    departments = list(org.departments.all())
    context = org_context(
        membership,
        case=case,
        officer=officer,
        can_handle=services.can_handle(membership, case),
        events=list(case.events.select_related("actor", "department")),
        attachments=list(case.attachments.all()),
        assign_form=AssignForm(departments=departments, initial={"department": case.department_id or ""}),
        note_form=NoteForm(),
        reply_form=ReplyForm(),
        move_form=MoveForm(),
        moves=[(to, CaseStatus(to).label) for to in case.allowed_moves()],
        overdue=case.is_overdue(timezone.localdate()),
        line_ready=services.settings_for(org).line_ready,
        access_log=list(CaseAccessLog.objects.filter(case=case).select_related("user")[:50])
        if case.confidential
        else [],
    )
    response = render(request, "complaints/case.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def receipt(request: HttpRequest, case_id: str) -> HttpResponse:
    """ใบรับเรื่อง, a page styled for printing; the same receipt as PDF or Word is `receipt_file`."""
    case, membership, officer = case_for(request.user, case_id, action="receipt")
    url = tracking_url(case.tracking_code)
    context = org_context(membership, case=case, officer=officer, url=url, qr=qr_svg(url, scale=4))
    response = render(request, "complaints/receipt.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


def _act(request: HttpRequest, case_id: str, action: str, do: Callable[[Case, Any], str]) -> HttpResponse:
    case, membership, _officer = case_for(request.user, case_id, write=True, action=action)
    try:
        message = do(case, membership)
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, message)
    return redirect("complaint-case", case.pk)


@login_required
@require_POST
def assign(request: HttpRequest, case_id: str) -> HttpResponse:
    def do(case: Case, membership: Any) -> str:
        value = request.POST.get("department", "")
        department = department_for(membership, value) if value else None
        services.assign_department(case, membership, request.user, department)
        return _("มอบหมายแล้ว")

    return _act(request, case_id, "assign", do)


@login_required
@require_POST
def move(request: HttpRequest, case_id: str) -> HttpResponse:
    def do(case: Case, membership: Any) -> str:
        form = MoveForm(request.POST)
        if not form.is_valid():
            raise ServiceError(_("สถานะไม่ถูกต้อง"), "to")
        d = form.cleaned_data
        case = services.move(
            case,
            membership,
            request.user,
            to=d["to"],
            reason=d["reason"],
            forwarded_to=d["forwarded_to"],
            reply=d["reply"],
        )
        return _('เปลี่ยนสถานะเป็น "%(s)s" แล้ว') % {"s": case.get_status_display()}

    return _act(request, case_id, "status", do)


@login_required
@require_POST
def note(request: HttpRequest, case_id: str) -> HttpResponse:
    def do(case: Case, membership: Any) -> str:
        services.add_note(case, membership, request.user, request.POST.get("text", ""))
        return _("บันทึกแล้ว")

    return _act(request, case_id, "note", do)


@login_required
@require_POST
def reply(request: HttpRequest, case_id: str) -> HttpResponse:
    def do(case: Case, membership: Any) -> str:
        form = ReplyForm(request.POST)
        if not form.is_valid():
            raise ServiceError(digits(_("กรุณากรอกข้อความตอบผู้ร้อง (ไม่เกิน ๕,๐๐๐ ตัวอักษร)")), "text")
        d = form.cleaned_data
        event = services.send_reply(
            case, membership, request.user, d["text"], by_email=d["by_email"], by_line=d["by_line"]
        )
        if event.delivery_error:
            return _("บันทึกคำตอบแล้ว แต่ส่งถึงผู้ร้องไม่สำเร็จบางช่องทาง: %(e)s") % {"e": event.delivery_error}
        return _("ตอบผู้ร้องแล้ว")

    return _act(request, case_id, "reply", do)


@login_required
def download(request: HttpRequest, attachment_id: str) -> FileResponse:
    item, _case = attachment_for(request.user, attachment_id)
    return attachment(item.file, item.filename, item.content_type)


@login_required
def receipt_file(request: HttpRequest, case_id: str, fmt: str) -> HttpResponse:
    """ใบรับเรื่อง as PDF or Word, through the documents pipeline."""
    if fmt not in ("pdf", "docx"):
        raise Http404
    case, _membership, _officer = case_for(request.user, case_id, action="receipt")
    rendered = get_renderer(fmt)(receipt_data(case, tracking_url(case.tracking_code)), None)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
