"""ประเด็นที่ต้องแก้ไข/ปรับปรุง: the officer's note against an indicator of a year's result."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.audit import save_audited
from prongsai.core.digits import digits, num
from prongsai.core.errors import ConflictError, NotAllowed, ServiceError
from prongsai.ita.models import INDICATORS, Assessment, IndicatorNote
from prongsai.orgs.models import Membership

MAX_NOTE = 2000


@transaction.atomic
def save_indicator_note(
    membership: Membership,
    actor: Any,
    assessment: Assessment,
    indicator: Any,
    text: str,
    *,
    expected_version: int | None = None,
) -> IndicatorNote:
    """Write (or rewrite) the note of one indicator; each save is a new history record.

    `expected_version` (the version the user edited, 0 for a new note) refuses a save over a newer
    one; None skips the check. A blank text is kept as a blank note (its history stays).
    """
    if membership.organization_id != assessment.organization_id:
        raise NotAllowed(_("รายการนี้ไม่ใช่ของหน่วยงานของคุณ"))
    if not membership.can_edit:
        raise NotAllowed(_("บทบาทของคุณอ่านได้อย่างเดียว แก้ไขไม่ได้"))
    try:
        number = int(indicator)
    except (TypeError, ValueError):
        number = 0
    if number not in INDICATORS:
        raise ServiceError(digits(_("ตัวชี้วัดต้องเป็นเลข ๑ ถึง ๑๐")), "indicator")
    cleaned = "\n".join(line.rstrip() for line in (text or "").strip().splitlines())
    if len(cleaned) > MAX_NOTE:
        raise ServiceError(
            _("ตัวชี้วัดที่ %(n)s: ประเด็นที่ต้องแก้ไขยาว %(len)s ตัวอักษร เกิน %(max)s")
            % {"n": num(number), "len": num(len(cleaned), grouping=True), "max": num(MAX_NOTE, grouping=True)},
            "text",
        )
    note = IndicatorNote.objects.select_for_update().filter(assessment=assessment, indicator=number).first()
    current = note.version if note is not None else 0
    if expected_version is not None and expected_version != current:
        raise ConflictError(
            _("มีผู้อื่นบันทึกประเด็นของตัวชี้วัดที่ %(n)s ก่อนคุณ ข้อความของคุณยังอยู่ด้านล่าง: ตรวจแล้วบันทึกอีกครั้ง") % {"n": number},
            current={"text": note.text if note is not None else "", "version": current},
            submitted={"text": cleaned},
        )
    if note is None:
        note = IndicatorNote(assessment=assessment, indicator=number, text=cleaned, updated_by=actor)
        save_audited(note, actor, f"write note on indicator {number} of ITA {assessment.year}")
        return note
    if note.text == cleaned:
        return note
    note.text = cleaned
    note.updated_by = actor
    note.version += 1
    save_audited(note, actor, f"edit note on indicator {number} of ITA {assessment.year}")
    return note
