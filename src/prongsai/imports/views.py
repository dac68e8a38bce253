"""Import pages: upload or paste -> preview -> confirm (one transaction); a department's Excel round trip.

Access: editors and admins of the organisation (orgs/access.py); a viewer gets 403, another organisation's
member 404, an anonymous visitor the login page. An editor limited to departments imports only a department
Excel (the measures of other departments are listed and skipped), and downloads only their departments'.
The uploaded bytes wait in an ImportRecord draft (keyed by SHA-256 and the browser session), not in the
session cookie, with the file as read at the upload: the preview and the confirmation use that, never reading
the file again — except when the officer changes what a column of the table is (the preview's column panel,
mapping.py): the draft's bytes are then read again with those choices, which the organisation remembers for
the next file with the same header (layouts.py; also used at the upload).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.core.digits import num
from prongsai.core.errors import ServiceError
from prongsai.core.viewutils import org_context
from prongsai.imports import excel_roundtrip
from prongsai.imports.apply import Counts, apply_merge
from prongsai.imports.forms import ExcelForm, PreviewForm, UploadForm
from prongsai.imports.layouts import read_for, reread_draft
from prongsai.imports.mapping import column_views, mapping_from_form
from prongsai.imports.models import ImportKind, ImportRecord, ImportStatus
from prongsai.imports.preview import (
    Parsed,
    already_message,
    committed,
    parsed_for,
    prepare,
    row_views,
    sha256,
    store_draft,
)
from prongsai.imports.seed import ImportFormatError
from prongsai.measures.access import plan_for
from prongsai.measures.models import Measure, Plan
from prongsai.orgs.access import as_uuid, department_for, membership_for, org_for
from prongsai.orgs.models import Membership


def _limited(membership: Membership) -> bool:
    return not membership.is_admin and membership.departments.exists()


def _session_key(request: HttpRequest) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key or ""


def _plan_url(plan: Plan | None, org_slug: str) -> str:
    if plan is None:
        return reverse("org-home", args=[org_slug])
    return f"{reverse('org-home', args=[org_slug])}?year={plan.fiscal_year}"


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug, write=True)
    org = membership.organization
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, name = form.payload()
        done = committed(org, sha256(data))
        if done is not None:
            messages.warning(request, already_message(done))
            return redirect(reverse("import-start", args=[org.slug]))
        try:
            parsed = read_for(org, data, name)
        except ImportFormatError as err:
            form.add_error(None, str(err))
        else:
            if parsed.kind == ImportKind.REPORT and _limited(membership):
                form.add_error(
                    None,
                    _("คุณบันทึกได้เฉพาะมาตรการของส่วนราชการที่ได้รับมอบหมาย: นำเข้าได้เฉพาะ “Excel ของส่วนราชการ” จากหน้าแผน"),
                )
            else:
                record = store_draft(org, request.user, _session_key(request), data, name, parsed)
                return redirect(reverse("import-preview", args=[record.pk]))
    recent = ImportRecord.objects.filter(organization=org, status=ImportStatus.COMMITTED).select_related(
        "created_by", "plan"
    )[:10]
    status = 400 if request.method == "POST" else 200
    return render(request, "imports/start.html", org_context(membership, form=form, recent=recent), status=status)


def _draft_for(request: HttpRequest, record_id: str) -> tuple[ImportRecord, Membership]:
    record = ImportRecord.objects.select_related("organization").filter(pk=as_uuid(record_id)).first()
    if record is None:
        raise Http404
    membership = membership_for(request.user, record.organization)
    if not membership.can_edit:
        raise PermissionDenied
    if record.created_by_id != request.user.pk:
        raise Http404
    if record.status == ImportStatus.DRAFT and record.session_key != request.session.session_key:
        raise Http404
    return record, membership


def _already(request: HttpRequest, record: ImportRecord) -> HttpResponse:
    done = committed(record.organization, record.sha256) or record
    messages.warning(request, already_message(done))
    return redirect(_plan_url(done.plan, record.organization.slug))


def _parse_record(record: ImportRecord) -> Parsed:
    return parsed_for(record)


@login_required
@require_GET
def import_preview(request: HttpRequest, record_id: str) -> HttpResponse:
    record, membership = _draft_for(request, record_id)
    if record.status == ImportStatus.COMMITTED:
        return _already(request, record)
    if committed(record.organization, record.sha256) is not None:
        return _already(request, record)
    form = PreviewForm(request.GET if "fiscal_year" in request.GET else None)
    year = round_no = None
    if form.is_bound and form.is_valid():
        year, round_no = form.cleaned_data["fiscal_year"], form.cleaned_data.get("round") or None
    try:
        parsed = _parse_record(record)
    except ImportFormatError as err:
        messages.error(request, str(err))
        return redirect(reverse("import-start", args=[record.organization.slug]))
    prepared = prepare(parsed, record.organization, membership, year=year, round_no=round_no)
    if not form.is_bound:
        form = PreviewForm(initial={"fiscal_year": prepared.fiscal_year, "round": prepared.round})
    context = org_context(
        membership,
        record=record,
        prepared=prepared,
        merge=prepared.merge,
        rows=row_views(prepared),
        form=form,
        roundtrip=parsed.kind == ImportKind.ROUNDTRIP,
        can_create_departments=membership.is_admin,
        columns=column_views(parsed.columns) if parsed.kind == ImportKind.REPORT else [],
    )
    return render(request, "imports/preview.html", context)


@login_required
@require_POST
def import_columns(request: HttpRequest, record_id: str) -> HttpResponse:
    """The preview's column choices: the draft's file read again with them (and remembered for its layout)."""
    record, membership = _draft_for(request, record_id)
    if record.status == ImportStatus.COMMITTED or committed(record.organization, record.sha256) is not None:
        return _already(request, record)
    back = reverse("import-preview", args=[record.pk])
    form = PreviewForm(request.POST)
    if form.is_valid():
        back += f"?fiscal_year={form.cleaned_data['fiscal_year']}&round={form.cleaned_data.get('round') or ''}"
    try:
        parsed = _parse_record(record)
        mapping = mapping_from_form(parsed.columns, request.POST)
        reread_draft(record, membership, request.user, mapping)
    except ImportFormatError as err:
        messages.error(request, str(err))
    except ServiceError as err:
        messages.error(request, _("ยังไม่ได้อ่านตารางใหม่: %(why)s") % {"why": err.message})
    else:
        if mapping:
            messages.success(request, _("อ่านตารางใหม่ด้วยการจับคู่คอลัมน์ที่เลือกแล้ว และจำไว้ใช้กับไฟล์ที่มีหัวตารางแบบนี้ครั้งต่อไป"))
        else:
            messages.info(request, _("อ่านตารางใหม่ตามหัวตารางแล้ว (ไม่ได้เลือกคอลัมน์ใดต่างไปจากที่ระบบอ่าน)"))
    return redirect(back)


def _summary(counts: Counts) -> str:
    n = num
    return _(
        "นำเข้าแล้ว: เพิ่มมาตรการ %(created)s ข้อ แก้ไขมาตรการ %(updated)s ข้อ บันทึกผลการดำเนินการ %(progress)s รายการ "
        "สร้างส่วนราชการ %(departments)s แห่ง ข้าม %(skipped)s ข้อ"
    ) % {
        "created": n(counts.measures_created),
        "updated": n(counts.measures_updated),
        "progress": n(counts.progress_recorded),
        "departments": n(counts.departments_created),
        "skipped": n(counts.skipped),
    }


@login_required
@require_POST
def import_confirm(request: HttpRequest, record_id: str) -> HttpResponse:
    record, membership = _draft_for(request, record_id)
    org = record.organization
    if record.status == ImportStatus.COMMITTED or committed(org, record.sha256) is not None:
        return _already(request, record)
    preview_url = reverse("import-preview", args=[record.pk])
    form = PreviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("ปีงบประมาณหรือรอบไม่ถูกต้อง: ตรวจตัวอย่างอีกครั้ง"))
        return redirect(preview_url)
    year, round_no = form.cleaned_data["fiscal_year"], form.cleaned_data.get("round") or None
    back = f"{preview_url}?fiscal_year={year}&round={round_no or ''}"
    try:
        parsed = _parse_record(record)
    except ImportFormatError as err:
        messages.error(request, str(err))
        return redirect(reverse("import-start", args=[org.slug]))
    prepared = prepare(parsed, org, membership, year=year, round_no=round_no)
    if prepared.error or prepared.merge is None:
        messages.error(request, prepared.error)
        return redirect(back)
    seen = {key[5:]: str(value) for key, value in request.POST.items() if key.startswith("seen-")}
    report = parsed.report
    try:
        with transaction.atomic():
            plan, counts = apply_merge(
                prepared.merge,
                membership,
                request.user,
                title=report.title if report else "",
                intro=report.intro if report else "",
                create_departments=set(request.POST.getlist("department")) if membership.is_admin else (),
                use_file=set(request.POST.getlist("use_file")),
                seen=seen,
            )
            record.status = ImportStatus.COMMITTED
            record.committed_at = timezone.now()
            record.plan = plan
            record.fiscal_year = prepared.merge.fiscal_year
            record.round = prepared.round
            record.counts = counts.as_dict()
            record.session_key = ""
            record.parsed = {}  # the bytes stay; what was read of them served the preview only
            record.save()
    except IntegrityError:
        return _already(request, record)
    except ServiceError as err:
        messages.error(request, _("ไม่ได้บันทึกข้อมูลใด: %(why)s") % {"why": err.message})
        return redirect(back)
    messages.success(request, _summary(counts))
    return redirect(_plan_url(plan, org.slug))


# --- a department's Excel ----------------------------------------------------------------------------------


def _excel_form(membership: Membership, plan: Plan, data: Any = None) -> ExcelForm:
    limited = list(membership.departments.all()) if not membership.is_admin else []
    departments = limited or list(plan.organization.departments.all())
    return ExcelForm(data, departments=[(str(d.pk), d.name) for d in departments], everyone=not limited)


@login_required
@require_GET
def plan_excel(request: HttpRequest, plan_id: str) -> HttpResponse:
    plan, membership = plan_for(request.user, plan_id, write=True)
    context = org_context(membership, plan=plan, form=_excel_form(membership, plan), upload=UploadForm())
    return render(request, "imports/excel.html", context)


@login_required
@require_GET
def plan_excel_download(request: HttpRequest, plan_id: str) -> HttpResponse:
    plan, membership = plan_for(request.user, plan_id, write=True)
    form = _excel_form(membership, plan, request.GET)
    department_id = request.GET.get("department", "")
    department = department_for(membership, department_id) if department_id else None
    limited = {d.pk for d in membership.departments.all()} if not membership.is_admin else set()
    if limited and (department is None or department.pk not in limited):
        raise PermissionDenied(_("คุณดาวน์โหลดได้เฉพาะมาตรการของส่วนราชการที่ได้รับมอบหมาย"))
    if not form.is_valid():
        context = org_context(membership, plan=plan, form=form, upload=UploadForm())
        return render(request, "imports/excel.html", context, status=400)
    measures = Measure.objects.filter(plan=plan)
    if department is not None:
        measures = measures.filter(departments=department)
    chosen = list(measures.distinct().order_by("number").prefetch_related("progress"))
    round_no = form.cleaned_data["round"]
    content = excel_roundtrip.build_workbook(plan, round_no, chosen, department)
    response = HttpResponse(content, content_type=excel_roundtrip.CONTENT_TYPE)
    response["Content-Disposition"] = (
        content_disposition_header(True, excel_roundtrip.filename(plan, round_no, department)) or "attachment"
    )
    response["Cache-Control"] = "private, no-store"
    return response
