"""Every write to documents: make a version, render its files, approve it, attach the signed copy."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from prongsai.core import limits, thai
from prongsai.core.audit import save_audited
from prongsai.core.digits import digits
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.uploads import check_upload
from prongsai.documents.models import DocFormat, DocKind, RenderedFile, SignedCopy, Snapshot, SnapshotStatus
from prongsai.documents.renderers import get_renderer
from prongsai.documents.snapshots import build_data
from prongsai.measures.models import Plan, PlanStatus
from prongsai.orgs.models import Membership

SIGNATURE_KEYS = ("reporter", "reviewer", "approver")
SIGNATURE_LABELS = {"reporter": _lazy("ผู้รายงาน"), "reviewer": _lazy("ผู้ตรวจสอบ"), "approver": _lazy("ผู้อนุมัติ")}


def _require(membership: Membership, plan: Plan, *, edit: bool = False) -> None:
    if membership.organization_id != plan.organization_id:
        raise NotAllowed(_("รายการนี้ไม่ใช่ของหน่วยงานของคุณ"))
    if edit and not membership.can_edit:
        raise NotAllowed(_("บทบาทของคุณอ่านได้อย่างเดียว แก้ไขไม่ได้"))


@transaction.atomic
def make_snapshot(plan: Plan, membership: Membership, actor: Any, *, kind: str, round_no: int = 2) -> Snapshot:
    """Freeze the plan's rows (and the round's results) as the next numbered version of the document."""
    _require(membership, plan, edit=True)
    if kind not in DocKind.values:
        raise ServiceError(_("ชนิดเอกสารไม่ถูกต้อง"), "kind")
    if kind == DocKind.REPORT and round_no not in (1, 2):
        raise ServiceError(digits(_("รอบต้องเป็น ๑ (๖ เดือน) หรือ ๒ (๑๒ เดือน)")), "round")
    round_value = round_no if kind == DocKind.REPORT else 0
    plan = Plan.objects.select_for_update().select_related("organization").get(pk=plan.pk)
    version = (
        Snapshot.objects.filter(plan=plan, kind=kind, round=round_value).aggregate(n=Max("version"))["n"] or 0
    ) + 1
    identifier = uuid.uuid4()
    org = plan.organization
    emblem_bytes = b""
    if org.emblem:
        with org.emblem.open("rb") as fh:
            emblem_bytes = fh.read()
    data = build_data(
        plan,
        kind=kind,
        round_no=round_value,
        version=version,
        identifier=str(identifier),
        document_date=timezone.localdate(),
        emblem_sha256=hashlib.sha256(emblem_bytes).hexdigest() if emblem_bytes else "",
    )
    snapshot = Snapshot(
        id=identifier,
        plan=plan,
        organization=org,
        kind=kind,
        round=round_value,
        version=version,
        data=data,
        created_by=actor,
    )
    if emblem_bytes:
        snapshot.emblem.save(f"{identifier}", ContentFile(emblem_bytes), save=False)
    save_audited(snapshot, actor, "make document version")
    return snapshot


def _emblem(snapshot: Snapshot) -> bytes | None:
    if not snapshot.emblem:
        return None
    with snapshot.emblem.open("rb") as fh:
        return fh.read()


def render_file(snapshot: Snapshot, fmt: str) -> RenderedFile:
    """The stored file of a format, rendered on first request and kept (with its SHA-256) from then on."""
    if fmt not in DocFormat.values:
        raise ServiceError(_("รูปแบบไฟล์ไม่ถูกต้อง"), "format")
    existing = RenderedFile.objects.filter(snapshot=snapshot, format=fmt).first()
    if existing is not None:
        return existing
    rendered = get_renderer(fmt)(snapshot.data, _emblem(snapshot))
    with transaction.atomic():
        existing = RenderedFile.objects.select_for_update().filter(snapshot=snapshot, format=fmt).first()
        if existing is not None:
            return existing
        item = RenderedFile(
            snapshot=snapshot,
            format=fmt,
            filename=rendered.filename,
            content_type=rendered.content_type,
            sha256=hashlib.sha256(rendered.content).hexdigest(),
            size=len(rendered.content),
        )
        item.file.save(f"{snapshot.pk}-{rendered.filename}", ContentFile(rendered.content), save=False)
        item.save()
    return item


@transaction.atomic
def approve_snapshot(snapshot: Snapshot, membership: Membership, actor: Any) -> Snapshot:
    """The executive approves one version; from then on it never changes."""
    _require(membership, snapshot.plan)
    if not membership.can_approve:
        raise NotAllowed(_("เฉพาะผู้อนุมัติ (ผู้บริหาร) อนุมัติเอกสารได้"))
    snapshot = Snapshot.objects.select_for_update().select_related("plan").get(pk=snapshot.pk)
    if snapshot.is_approved:
        raise ServiceError(_("เอกสารฉบับนี้อนุมัติแล้ว"))
    if snapshot.plan.status != PlanStatus.APPROVED:
        raise ServiceError(_("ต้องอนุมัติแผนก่อน จึงจะอนุมัติเอกสารของแผนได้"))
    snapshot.status = SnapshotStatus.APPROVED
    snapshot.approved_by = actor
    snapshot.approved_at = timezone.now()
    save_audited(snapshot, actor, "approve document version")
    return snapshot


@transaction.atomic
def upload_signed_copy(snapshot: Snapshot, membership: Membership, actor: Any, upload: UploadedFile) -> SignedCopy:
    """The scan the executive signed by hand: a PDF or an image, linked to its approved version."""
    _require(membership, snapshot.plan)
    if not (membership.is_admin or membership.can_approve):
        raise NotAllowed(_("เฉพาะผู้ดูแลหน่วยงานหรือผู้อนุมัติแนบฉบับลงนามได้"))
    if not snapshot.is_approved:
        raise ServiceError(_("แนบฉบับลงนามได้เมื่อเอกสารฉบับนี้อนุมัติแล้ว"), "file")
    checked = check_upload(upload, upload.name or "signed", upload.size or 0, max_mb=settings.EVIDENCE_MAX_MB)
    if checked.extension not in ("pdf", "jpg", "jpeg", "png", "webp"):
        raise ServiceError(
            _('ฉบับลงนาม "%(name)s" ต้องเป็นไฟล์ PDF หรือรูปภาพ (JPG, PNG)') % {"name": checked.filename}, "file"
        )
    copy = SignedCopy(
        snapshot=snapshot,
        filename=checked.filename,
        content_type=checked.content_type,
        sha256=checked.sha256,
        size=checked.size,
        uploaded_by=actor,
    )
    copy.file.save(f"{snapshot.pk}-{checked.filename}", upload, save=False)
    save_audited(copy, actor, "upload signed copy")
    return copy


@transaction.atomic
def update_signatures(plan: Plan, membership: Membership, actor: Any, values: dict[str, dict[str, str]]) -> Plan:
    """The signature block (name, position, date) typed before approval; blanks are filled automatically."""
    _require(membership, plan, edit=True)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    cleaned: dict[str, dict[str, str]] = {}
    for key in SIGNATURE_KEYS:
        entry = values.get(key, {})
        raw_date = (entry.get("date") or "").strip()
        iso = ""
        if raw_date:
            try:
                iso = thai.parse_date(raw_date).isoformat()
            except thai.ThaiDateError as err:
                raise ServiceError(str(err), f"{key}_date") from None
        who = SIGNATURE_LABELS[key]
        cleaned[key] = {
            "name": limits.check_text(
                entry.get("name") or "", limits.SIGNATURE, f"{key}_name", _("%(who)s: ชื่อ") % {"who": who}
            ),
            "position": limits.check_text(
                entry.get("position") or "", limits.SIGNATURE, f"{key}_position", _("%(who)s: ตำแหน่ง") % {"who": who}
            ),
            "date": iso,
        }
    plan.signatures = cleaned
    save_audited(plan, actor, "edit signatures")
    return plan
