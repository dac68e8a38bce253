"""Checks shared by every publication: who may publish, and the privacy decisions."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.orgs.models import Membership, Organization
from prongsai.portal.privacy import Finding
from prongsai.portal.public import RESERVED_SLUGS

MASK = "mask"
PUBLIC = "public"


def require_admin(membership: Membership, org: Organization) -> None:
    if membership.organization_id != org.pk:
        raise NotAllowed(_("รายการนี้ไม่ใช่ของหน่วยงานของคุณ"))
    if not membership.is_admin:
        raise NotAllowed(_("เฉพาะผู้ดูแลหน่วยงานเผยแพร่หรือถอนการเผยแพร่ได้"))
    if org.slug in RESERVED_SLUGS:
        raise ServiceError(
            _('ชื่อย่อ "%(slug)s" ของหน่วยงานซ้ำกับที่อยู่ของระบบ หน้าเว็บสาธารณะจึงเปิดไม่ได้: เปลี่ยนชื่อย่อก่อน') % {"slug": org.slug}
        )


def publisher_line(org: Organization, actor: Any) -> str:
    """How the publication log names who published: name and position, as they sign — never the login
    (unless the account has no name). A person who left and came back: the latest membership."""
    name = actor.get_full_name() or actor.get_username()
    latest_first = models.F("removed_at").desc(nulls_first=True)
    membership = Membership.objects.filter(organization=org, user=actor).order_by(latest_first).first()
    position = membership.position if membership is not None else ""
    return (f"{name} ({position})" if position else name)[:150]


def describe(findings: list[Finding]) -> str:
    return "; ".join(f"{f.kind_label} {f.value} ({f.place})" for f in findings)


def unresolved(findings: list[Finding], decisions: dict[str, str], *, can_mask: bool = True) -> list[Finding]:
    allowed = (MASK, PUBLIC) if can_mask else (PUBLIC,)
    return [f for f in findings if decisions.get(f.id) not in allowed]


def require_resolved(findings: list[Finding], decisions: dict[str, str], *, can_mask: bool = True) -> None:
    left = unresolved(findings, decisions, can_mask=can_mask)
    if left:
        if can_mask:
            message = _("ยังมีข้อมูลส่วนบุคคลที่ต้องปิดบังหรือยืนยันว่าเปิดเผยได้: %(list)s")
        else:
            message = _(
                "ไฟล์หลักฐานปิดบังข้อมูลไม่ได้ (ต้องเผยแพร่ตามที่แนบไว้): ยืนยันว่าเปิดเผยได้ หรือถอนหลักฐานแล้วแนบฉบับที่ปิดบังแล้ว: %(list)s"
            )
        raise ServiceError(message % {"list": describe(left)}, "privacy")


def require_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ServiceError(_("กรุณาระบุเหตุผลที่ถอนการเผยแพร่"), "reason")
    return reason[:2000]


W = TypeVar("W", bound=models.Model)


def mark_withdrawn(record: W, membership: Membership, actor: Any, reason: str) -> tuple[W, str]:
    """A publication or published evidence, locked and marked withdrawn by `actor` (an admin) with a
    reason; refused when it already is. Returns the row and the checked reason, for the log."""
    require_admin(membership, record.organization)  # type: ignore[attr-defined]
    reason = require_reason(reason)
    record = type(record)._default_manager.select_for_update().select_related("organization").get(pk=record.pk)
    if record.is_withdrawn:  # type: ignore[attr-defined]
        raise ServiceError(_("ถอนการเผยแพร่ไปแล้ว"))
    record.withdrawn_at = timezone.now()  # type: ignore[attr-defined]
    record.withdrawn_by = actor  # type: ignore[attr-defined]
    record.withdrawn_reason = reason  # type: ignore[attr-defined]
    record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason", "updated_at"])
    return record, reason
