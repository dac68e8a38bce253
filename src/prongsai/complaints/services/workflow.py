"""Handling a case: assign it to a department, move it through its states, notes and replies.

States: รับเรื่อง → อยู่ระหว่างดำเนินการ → ดำเนินการแล้วเสร็จ, or ไม่รับเรื่อง (with the reason) /
ส่งต่อหน่วยงานอื่น (with where). Any other move is refused (models.TRANSITIONS).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.complaints.models import Case, CaseEvent, CaseStatus, EventKind
from prongsai.complaints.services import notify
from prongsai.complaints.services.setup import is_case_officer, settings_for
from prongsai.core import limits
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.orgs.models import Department, Membership


def can_handle(membership: Membership, case: Case) -> bool:
    """Confidential cases: case officers only. Others: editors and admins; an editor limited to
    departments handles only the cases assigned to one of them."""
    if case.organization_id != membership.organization_id or membership.removed_at is not None:
        return False
    if case.confidential:
        return is_case_officer(membership)
    if membership.is_admin:
        return True
    if not membership.can_edit:
        return False
    allowed = {d.pk for d in membership.departments.all()}
    return not allowed or case.department_id in allowed


def _require_handler(membership: Membership, case: Case) -> None:
    if not can_handle(membership, case):
        raise NotAllowed(_("คุณไม่มีสิทธิ์ดำเนินการกับเรื่องนี้"))


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("organization", "kind").get(pk=case.pk)


def _save(case: Case, actor: Any, reason: str) -> None:
    case._history_user = actor  # type: ignore[attr-defined]
    case._change_reason = reason  # type: ignore[attr-defined]
    case.save()


@transaction.atomic
def assign_department(case: Case, membership: Membership, actor: Any, department: Department | None) -> Case:
    _require_handler(membership, case)
    case = _locked(case)
    if case.confidential:
        raise ServiceError(_("เรื่องแจ้งเบาะแสการทุจริตไม่ส่งให้ส่วนราชการ: ผู้ได้รับมอบหมายดำเนินการเอง"), "department")
    if membership.departments.exists() and not membership.is_admin:
        raise NotAllowed(_("ผู้บันทึกข้อมูลที่จำกัดส่วนราชการมอบหมายเรื่องไม่ได้"))
    if not case.is_open:
        raise ServiceError(_("เรื่องนี้ปิดแล้ว มอบหมายใหม่ไม่ได้"), "department")
    if department is not None and department.organization_id != case.organization_id:
        raise ServiceError(_("ส่วนราชการที่เลือกไม่ใช่ของหน่วยงานนี้"), "department")
    case.department = department
    _save(case, actor, "assign department")
    CaseEvent.objects.create(case=case, kind=EventKind.ASSIGNED, actor=actor, department=department)
    return case


def move(
    case: Case,
    membership: Membership,
    actor: Any,
    *,
    to: str,
    reason: str = "",
    forwarded_to: str = "",
    reply: str = "",
) -> Case:
    """Change the state; `reply` (optional) is sent to the citizen with it, as a public reply."""
    with transaction.atomic():
        _require_handler(membership, case)
        case = _locked(case)
        if to not in case.allowed_moves():
            raise ServiceError(
                _('เปลี่ยนสถานะจาก "%(a)s" เป็น "%(b)s" ไม่ได้')
                % {"a": case.get_status_display(), "b": CaseStatus(to).label if to in CaseStatus.values else to},
                "status",
            )
        reason = limits.check_text(reason, limits.REASON, "reason", _("เหตุผลที่ไม่รับเรื่อง"))
        forwarded_to = limits.check_text(forwarded_to, limits.CASE_FORWARDED_TO, "forwarded_to", _("ส่งต่อไปยังหน่วยงาน"))
        now = timezone.now()
        if to == CaseStatus.REJECTED:
            if not reason:
                raise ServiceError(_("กรุณาระบุเหตุผลที่ไม่รับเรื่อง"), "reason")
            case.status_reason = reason
        if to == CaseStatus.FORWARDED:
            if not forwarded_to:
                raise ServiceError(_("กรุณาระบุหน่วยงานที่ส่งต่อ"), "forwarded_to")
            case.forwarded_to = forwarded_to
        if to == CaseStatus.IN_PROGRESS:
            case.started_at = now
        else:
            case.closed_at = now
        case.status = to
        _save(case, actor, f"status {to}")
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.STATUS,
            actor=actor,
            status=to,
            text=reason or forwarded_to,
            public=True,
        )
    if reply.strip():
        send_reply(case, membership, actor, reply)
    return case


@transaction.atomic
def add_note(case: Case, membership: Membership, actor: Any, text: str) -> CaseEvent:
    """An internal note: never shown to the citizen."""
    _require_handler(membership, case)
    text = limits.check_text(text, limits.CASE_NOTE, "text", _("บันทึกภายใน"))
    if not text:
        raise ServiceError(_("กรุณากรอกบันทึก"), "text")
    return CaseEvent.objects.create(case=case, kind=EventKind.NOTE, actor=actor, text=text)


def send_reply(
    case: Case, membership: Membership, actor: Any, text: str, *, by_email: bool = True, by_line: bool = True
) -> CaseEvent:
    """A public reply: on the tracking page, and sent by e-mail and LINE where the citizen gave them."""
    text = limits.check_text(text, limits.CASE_REPLY, "text", _("ข้อความตอบผู้ร้อง"))
    if not text:
        raise ServiceError(_("กรุณากรอกข้อความตอบผู้ร้อง"), "text")
    with transaction.atomic():
        _require_handler(membership, case)
        event = CaseEvent.objects.create(case=case, kind=EventKind.REPLY, actor=actor, text=text, public=True)
    errors = []
    updates: dict[str, Any] = {}
    if by_email and case.contact_email:
        error = notify.email_reply(case, text)
        if error:
            errors.append(error)
        else:
            updates["email_sent_at"] = timezone.now()
    config = settings_for(case.organization)
    if by_line and case.line_user_id and config.line_ready:
        error = notify.line_push(config, case.line_user_id, notify.reply_text(case, text))
        if error:
            errors.append(error)
        else:
            updates["line_sent_at"] = timezone.now()
    if errors:
        updates["delivery_error"] = "; ".join(errors)[:300]
    if updates:
        CaseEvent.objects.filter(pk=event.pk).update(**updates)
        for field, value in updates.items():
            setattr(event, field, value)
    return event
