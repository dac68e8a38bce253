"""Evidence: files or links behind a measure's results. Withdrawn, never erased."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import limits
from prongsai.core.digits import digits
from prongsai.core.errors import ServiceError
from prongsai.core.uploads import check_upload
from prongsai.measures.models import Evidence, Measure, Round
from prongsai.measures.services._audit import require_editor, save_audited
from prongsai.measures.services.measures import _locked_measure
from prongsai.orgs.models import Membership


@transaction.atomic
def add_evidence(
    measure: Measure,
    round_no: int,
    membership: Membership,
    actor: Any,
    *,
    title: str,
    upload: File | None = None,
    url: str = "",
    period_start: date | None = None,
    period_end: date | None = None,
) -> Evidence:
    require_editor(membership)
    measure = _locked_measure(measure, membership)
    if round_no not in Round.values:
        raise ServiceError(digits(_("รอบต้องเป็น ๑ หรือ ๒")), "round")
    title = limits.check_text(title, limits.EVIDENCE_TITLE, "title", _("ชื่อหลักฐาน"))
    url = limits.check_text(url, limits.EVIDENCE_URL, "url", _("ลิงก์"))
    if upload is None and not url:
        raise ServiceError(_("แนบไฟล์หรือใส่ลิงก์ของหลักฐานอย่างน้อยหนึ่งอย่าง"), "file")
    if upload is not None and url:
        raise ServiceError(_("หลักฐานหนึ่งรายการเป็นไฟล์หรือลิงก์อย่างใดอย่างหนึ่ง"), "url")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ServiceError(_('ลิงก์ "%(url)s" ไม่ถูกต้อง: ต้องขึ้นต้นด้วย https://') % {"url": url}, "url") from None
    if period_start and period_end and period_end < period_start:
        raise ServiceError(_("วันสิ้นสุดของช่วงเวลาต้องไม่ก่อนวันเริ่มต้น"), "period_end")
    evidence = Evidence(
        measure=measure,
        round=round_no,
        title=title or ((upload.name or "") if upload is not None else url)[:300],
        url=url,
        period_start=period_start,
        period_end=period_end,
        added_by=actor,
    )
    if upload is not None:
        checked = check_upload(upload, upload.name or "file", upload.size or 0, max_mb=settings.EVIDENCE_MAX_MB)
        evidence.filename = checked.filename
        evidence.content_type = checked.content_type
        evidence.size = checked.size
        evidence.sha256 = checked.sha256
        evidence.file.save(checked.filename, upload, save=False)
    save_audited(evidence, actor, "add evidence")
    return evidence


@transaction.atomic
def withdraw_evidence(evidence: Evidence, membership: Membership, actor: Any, *, reason: str) -> Evidence:
    require_editor(membership)
    _locked_measure(evidence.measure, membership)
    evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if evidence.is_withdrawn:
        raise ServiceError(_("หลักฐานนี้ถูกถอนไปแล้ว"))
    reason = limits.check_text(reason, limits.REASON, "reason", _("เหตุผล"))
    if not reason:
        raise ServiceError(_("กรุณาระบุเหตุผลที่ถอนหลักฐาน"), "reason")
    evidence.withdrawn_at = timezone.now()
    evidence.withdrawn_by = actor
    evidence.withdrawn_reason = reason
    save_audited(evidence, actor, "withdraw evidence")
    return evidence
