"""Filing a case: the public form and API (no account), and staff registering the other channels.

Every case gets, in the same transaction, a registry number (เลขรับ) from its organisation's
counter for the fiscal year of the day it is received — the counter row is locked, so numbers
have neither gaps nor duplicates — and a random tracking code.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.complaints.models import (
    Case,
    CaseAttachment,
    CaseEvent,
    CaseKind,
    Channel,
    EventKind,
    RegistryCounter,
)
from prongsai.complaints.services.deadlines import due_date
from prongsai.complaints.services.notify import email_filed
from prongsai.complaints.services.setup import is_case_officer, settings_for
from prongsai.core import limits, thai
from prongsai.core.digits import num
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.uploads import CheckedFile, check_upload
from prongsai.orgs.access import as_uuid
from prongsai.orgs.models import Membership, Organization

# No 0/O, no 1/I: a code read over the phone or copied from paper is still right.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
# What a citizen may attach: documents and photos (no spreadsheets or presentations).
ATTACHMENT_TYPES = ("pdf", "jpg", "jpeg", "png", "webp", "gif", "docx", "doc", "odt", "txt")


@dataclass
class IntakeData:
    kind_id: Any
    subject: str
    details: str
    place: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    contact_line: str = ""
    consent: bool = False


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What the citizen typed, as a code: upper case, spaces and dashes dropped ("" if it cannot be one)."""
    code = re.sub(r"[\s\-]", "", text or "").upper()
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return ""
    return code


def next_registry_number(organization: Organization, fiscal_year: int) -> int:
    """Take the next number of the organisation's register for the year; call inside a transaction."""
    counter, _created = RegistryCounter.objects.select_for_update().get_or_create(
        organization=organization, fiscal_year=fiscal_year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


_limited = limits.check_text


def _clean(data: IntakeData) -> IntakeData:
    subject = _limited(data.subject, limits.COMPLAINT_SUBJECT, "subject", _("เรื่อง"))
    details = _limited(data.details, limits.COMPLAINT_DETAILS, "details", _("รายละเอียด"))
    if not subject:
        raise ServiceError(_("กรุณากรอกเรื่องที่ต้องการแจ้ง"), "subject")
    if not details:
        raise ServiceError(_("กรุณากรอกรายละเอียดของเรื่อง"), "details")
    email = _limited(data.contact_email, limits.CONTACT_EMAIL, "contact_email", _("อีเมล"))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ServiceError(_('อีเมล "%(e)s" ไม่ถูกต้อง') % {"e": email}, "contact_email") from None
    return IntakeData(
        kind_id=data.kind_id,
        subject=subject,
        details=details,
        place=_limited(data.place, limits.COMPLAINT_PLACE, "place", _("สถานที่")),
        contact_name=_limited(data.contact_name, limits.CONTACT_NAME, "contact_name", _("ชื่อผู้แจ้ง")),
        contact_phone=_limited(data.contact_phone, limits.CONTACT_PHONE, "contact_phone", _("โทรศัพท์")),
        contact_email=email,
        contact_line=_limited(data.contact_line, limits.CONTACT_LINE, "contact_line", _("LINE ID")),
        consent=data.consent,
    )


def _kind(organization: Organization, kind_id: Any) -> CaseKind:
    settings_for(organization)
    try:
        pk = as_uuid(kind_id)
    except Exception:
        pk = None
    kind = CaseKind.objects.filter(organization=organization, pk=pk, active=True).first() if pk else None
    if kind is None:
        raise ServiceError(_("กรุณาเลือกประเภทเรื่อง"), "kind")
    return kind


def check_attachments(uploads: Sequence[UploadedFile]) -> list[CheckedFile]:
    """Every file checked before anything is written: count, size, and bytes that match the name."""
    limit = settings.COMPLAINT_MAX_ATTACHMENTS
    if len(uploads) > limit:
        raise ServiceError(_("แนบไฟล์ได้ไม่เกิน %(n)s ไฟล์") % {"n": num(limit)}, "attachments")
    checked = []
    for upload in uploads:
        name = upload.name or "file"
        result = check_upload(
            upload, name, upload.size or 0, max_mb=settings.COMPLAINT_ATTACHMENT_MAX_MB, field="attachments"
        )
        if result.extension not in ATTACHMENT_TYPES:
            raise ServiceError(
                _('ไม่รับไฟล์ "%(name)s": รับเฉพาะ PDF รูปภาพ (JPG, PNG, WEBP, GIF) Word, ODT และข้อความ')
                % {"name": result.filename},
                "attachments",
            )
        checked.append(result)
    return checked


def _create(
    organization: Organization,
    data: IntakeData,
    *,
    channel: str,
    actor: Any,
    uploads: Sequence[UploadedFile],
    kind: CaseKind,
) -> Case:
    checked = check_attachments(uploads)
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        fiscal_year = thai.fiscal_year(today)
        case = Case(
            organization=organization,
            kind=kind,
            confidential=kind.is_corruption,
            channel=channel,
            fiscal_year=fiscal_year,
            registry_no=next_registry_number(organization, fiscal_year),
            tracking_code=new_tracking_code(),
            subject=data.subject,
            details=data.details,
            place=data.place,
            contact_name=data.contact_name,
            contact_phone=data.contact_phone,
            contact_email=data.contact_email,
            contact_line=data.contact_line,
            consent_at=now if data.consent else None,
            received_at=now,
            due_date=due_date(organization, today, kind.deadline_days),
            registered_by=actor,
        )
        while Case.objects.filter(tracking_code=case.tracking_code).exists():
            case.tracking_code = new_tracking_code()
        case._history_user = actor  # type: ignore[attr-defined]
        case._change_reason = f"filed via {channel}"  # type: ignore[attr-defined]
        case.save()
        CaseEvent.objects.create(case=case, kind=EventKind.RECEIVED, actor=actor, status=case.status, public=True)
        for upload, info in zip(uploads, checked, strict=True):
            attachment = CaseAttachment(
                case=case,
                filename=info.filename,
                content_type=info.content_type,
                size=info.size,
                sha256=info.sha256,
                added_by=actor,
            )
            attachment.file.save(f"{info.sha256[:16]}.{info.extension}", upload, save=False)
            attachment.save()
    # After the write: a mail server that is down never loses a case.
    error = email_filed(case)
    if error:
        CaseEvent.objects.filter(case=case, kind=EventKind.RECEIVED).update(delivery_error=error)
    return case


def file_case(organization: Organization, data: IntakeData, uploads: Sequence[UploadedFile] = ()) -> Case:
    """A citizen's own filing (the form or the API): no account, consent to the privacy notice required."""
    data = _clean(data)
    kind = _kind(organization, data.kind_id)
    if not data.consent:
        raise ServiceError(_("กรุณายินยอมตามประกาศความเป็นส่วนตัวก่อนส่งเรื่อง"), "consent")
    return _create(organization, data, channel=Channel.WEB, actor=None, uploads=uploads, kind=kind)


def register_case(
    membership: Membership, actor: Any, data: IntakeData, *, channel: str, uploads: Sequence[UploadedFile] = ()
) -> Case:
    """Staff register a case that came another way (walk-in, phone, letter, Facebook, LINE, forwarded).

    Only a case officer may register a corruption report: whoever takes it down must be allowed to see it.
    """
    if not membership.can_edit and not is_case_officer(membership):
        raise NotAllowed(_("บทบาทของคุณอ่านได้อย่างเดียว แก้ไขไม่ได้"))
    if channel not in Channel.values or channel == Channel.WEB:
        raise ServiceError(_("กรุณาเลือกช่องทางที่รับเรื่อง"), "channel")
    data = _clean(data)
    kind = _kind(membership.organization, data.kind_id)
    if kind.is_corruption and not is_case_officer(membership):
        raise ServiceError(
            _("เรื่องแจ้งเบาะแสการทุจริตรับได้เฉพาะผู้ได้รับมอบหมาย: ส่งต่อให้ผู้ได้รับมอบหมายรับเรื่องนี้"),
            "kind",
        )
    return _create(membership.organization, data, channel=channel, actor=actor, uploads=uploads, kind=kind)
