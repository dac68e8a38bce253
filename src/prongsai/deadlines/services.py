"""Every write to the dates an administrator sets (models.SetDeadline): in a transaction, audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import limits, thai
from prongsai.core.audit import save_audited
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.deadlines.models import SetDeadline
from prongsai.orgs.models import Membership

TITLE = 300


def _require_admin(membership: Membership) -> None:
    if not membership.is_admin:
        raise NotAllowed(_("เฉพาะผู้ดูแลหน่วยงานกำหนดวันที่ได้"))


def _clean(title: str, due: date | None, note: str) -> tuple[str, date, str]:
    title = limits.check_text(title, TITLE, "title", _("เรื่อง"))
    if not title:
        raise ServiceError(_("กรอกเรื่องที่ครบกำหนด"), "title")
    if due is None:
        raise ServiceError(_("กรอกวันที่ครบกำหนด เช่น ๓๑/๓/๒๕๖๘"), "due")
    return title, due, limits.check_text(note, limits.PARAGRAPH, "note", _("หมายเหตุ"))


def _create(organization: Any, actor: Any, title: str, due: date | None, note: str, reason: str) -> SetDeadline:
    title, due_date, note = _clean(title, due, note)
    item = SetDeadline(
        organization=organization,
        fiscal_year=thai.fiscal_year(due_date),  # the fiscal year the date falls in
        title=title,
        due=due_date,
        note=note,
        created_by=actor,
    )
    save_audited(item, actor, reason)
    return item


@transaction.atomic
def set_deadline(membership: Membership, actor: Any, *, title: str, due: date | None, note: str = "") -> SetDeadline:
    """A date the organisation's admin sets, for the organisation."""
    _require_admin(membership)
    return _create(membership.organization, actor, title, due, note, "set deadline")


@transaction.atomic
def set_national_deadline(actor: Any, *, title: str, due: date | None, note: str = "") -> SetDeadline:
    """A date for every organisation (NACC's, the province's): set by a superuser from the command line."""
    if not getattr(actor, "is_superuser", False):
        raise NotAllowed(_("เฉพาะผู้ดูแลระบบกำหนดวันที่ของทุกหน่วยงานได้"))
    return _create(None, actor, title, due, note, "set national deadline")


@transaction.atomic
def remove_deadline(item: SetDeadline, membership: Membership, actor: Any) -> SetDeadline:
    """Withdraw a date the organisation set; the row and its history stay."""
    _require_admin(membership)
    item = SetDeadline.objects.select_for_update().get(pk=item.pk)
    if item.organization_id != membership.organization_id:
        raise NotAllowed(_("วันที่นี้กำหนดไว้สำหรับทุกหน่วยงาน ยกเลิกจากหน่วยงานไม่ได้"))
    if item.removed_at is None:
        item.removed_at = timezone.now()
        save_audited(item, actor, "remove deadline")
    return item
