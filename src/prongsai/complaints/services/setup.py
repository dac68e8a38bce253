"""The organisation admin's set-up: kinds of cases, holidays, case officers, LINE and the privacy notice."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from prongsai.complaints.models import CaseKind, CaseOfficer, ComplaintSettings, Holiday
from prongsai.complaints.services.deadlines import recompute_open_deadlines
from prongsai.core.audit import save_audited
from prongsai.core.digits import digits
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.orgs import grants
from prongsai.orgs.models import Membership, Organization

# (name, working days, is_corruption): what a new organisation starts with; the admin edits them.
DEFAULT_KINDS: list[tuple[str, int, bool]] = [
    ("ร้องเรียน/ร้องทุกข์ทั่วไป", 15, False),
    ("แจ้งเบาะแสการทุจริตและประพฤติมิชอบ", 30, True),
    ("ขอข้อมูลข่าวสาร", 15, False),
    ("ขอรับความช่วยเหลือ", 15, False),
    ("แจ้งซ่อม", 7, False),
]


def _require_admin(membership: Membership) -> None:
    if not membership.is_admin:
        raise NotAllowed(_("เฉพาะผู้ดูแลหน่วยงานทำรายการนี้ได้"))


def settings_for(organization: Organization) -> ComplaintSettings:
    """The organisation's complaint settings; the first call also gives it the default kinds."""
    config = ComplaintSettings.objects.filter(organization=organization).first()
    if config is not None:
        return config
    try:
        with transaction.atomic():
            config = ComplaintSettings.objects.create(organization=organization)
            for order, (name, days, corruption) in enumerate(DEFAULT_KINDS, start=1):
                CaseKind.objects.create(
                    organization=organization, name=name, deadline_days=days, is_corruption=corruption, order=order
                )
    except IntegrityError:  # another request set it up at the same moment
        config = ComplaintSettings.objects.get(organization=organization)
    return config


def active_kinds(organization: Organization) -> list[CaseKind]:
    settings_for(organization)
    return list(CaseKind.objects.filter(organization=organization, active=True))


def _clean_kind(name: str, deadline_days: int) -> str:
    name = name.strip()
    if not name:
        raise ServiceError(_("กรุณากรอกชื่อประเภทเรื่อง"), "name")
    if not 1 <= deadline_days <= 365:
        raise ServiceError(digits(_("ระยะเวลาตอบกลับต้องอยู่ระหว่าง ๑ ถึง ๓๖๕ วันทำการ")), "deadline_days")
    return name


@transaction.atomic
def add_kind(membership: Membership, actor: Any, *, name: str, deadline_days: int, is_corruption: bool) -> CaseKind:
    _require_admin(membership)
    org = membership.organization
    settings_for(org)
    name = _clean_kind(name, deadline_days)
    if CaseKind.objects.filter(organization=org, name=name).exists():
        raise ServiceError(_('มีประเภทเรื่อง "%(name)s" อยู่แล้ว') % {"name": name}, "name")
    order = (CaseKind.objects.filter(organization=org).aggregate(n=Max("order"))["n"] or 0) + 1
    kind = CaseKind(organization=org, name=name, deadline_days=deadline_days, is_corruption=is_corruption, order=order)
    save_audited(kind, actor, "add case kind")
    return kind


@transaction.atomic
def update_kind(
    membership: Membership, actor: Any, kind: CaseKind, *, name: str, deadline_days: int, active: bool
) -> CaseKind:
    """Name, deadline (for cases filed from now on) and whether the form offers it. Whether a kind is
    confidential is fixed when it is made: changing it would expose reports filed in confidence."""
    _require_admin(membership)
    if kind.organization_id != membership.organization_id:
        raise NotAllowed(_("ประเภทเรื่องนี้ไม่ใช่ของหน่วยงานของคุณ"))
    name = _clean_kind(name, deadline_days)
    if CaseKind.objects.filter(organization=kind.organization, name=name).exclude(pk=kind.pk).exists():
        raise ServiceError(_('มีประเภทเรื่อง "%(name)s" อยู่แล้ว') % {"name": name}, "name")
    kind.name, kind.deadline_days, kind.active = name, deadline_days, active
    save_audited(kind, actor, "update case kind")
    return kind


@transaction.atomic
def add_holiday(membership: Membership, actor: Any, *, day: date, name: str) -> Holiday:
    _require_admin(membership)
    name = name.strip()
    if not name:
        raise ServiceError(_("กรุณากรอกชื่อวันหยุด"), "name")
    org = membership.organization
    if Holiday.objects.filter(organization=org, date=day).exists():
        raise ServiceError(_("วันนี้อยู่ในรายการวันหยุดแล้ว"), "day")
    holiday = Holiday.objects.create(organization=org, date=day, name=name)
    recompute_open_deadlines(org)
    return holiday


@transaction.atomic
def remove_holiday(membership: Membership, actor: Any, holiday: Holiday) -> None:
    _require_admin(membership)
    if holiday.organization_id != membership.organization_id:
        raise NotAllowed(_("วันหยุดนี้ไม่ใช่ของหน่วยงานของคุณ"))
    holiday.delete()
    recompute_open_deadlines(membership.organization)


def is_case_officer(membership: Membership | None) -> bool:
    """Holds the active, dedicated permission for corruption reports (an active membership is checked by the caller)."""
    if membership is None or membership.pk is None or membership.removed_at is not None:
        return False
    return CaseOfficer.objects.filter(membership=membership, active=True).exists()


@transaction.atomic
def set_case_officer(membership: Membership, actor: Any, member: Membership, *, active: bool) -> CaseOfficer:
    """Grant or withdraw the permission to see and handle corruption reports (kept in its history)."""
    _require_admin(membership)
    if member.organization_id != membership.organization_id or member.removed_at is not None:
        raise NotAllowed(_("สมาชิกนี้ไม่ใช่ของหน่วยงานของคุณ"))
    officer = CaseOfficer.objects.select_for_update().filter(membership=member).first()
    if officer is None:
        officer = CaseOfficer(membership=member)
    officer.active = active
    officer.changed_by = actor
    save_audited(officer, actor, "grant case officer" if active else "withdraw case officer")
    return officer


@transaction.atomic
def update_channel_settings(
    membership: Membership,
    actor: Any,
    *,
    privacy_notice: str,
    line_basic_id: str,
    line_channel_secret: str = "",
    line_access_token: str = "",
    clear_line: bool = False,
) -> ComplaintSettings:
    """Blank secrets keep the stored ones (they are never shown back); clear_line removes them."""
    _require_admin(membership)
    config = settings_for(membership.organization)
    config = ComplaintSettings.objects.select_for_update().get(pk=config.pk)
    config.privacy_notice = privacy_notice.strip()
    config.line_basic_id = line_basic_id.strip()
    if clear_line:
        config.line_channel_secret = ""
        config.line_access_token = ""
    else:
        if line_channel_secret.strip():
            config.line_channel_secret = line_channel_secret.strip()
        if line_access_token.strip():
            config.line_access_token = line_access_token.strip()
    config.save()
    return config


def _end_case_officer(member: Membership, actor: Any) -> None:
    """The case-officer permission ends with the membership (orgs/grants.py): withdrawn, in its history."""
    officer = CaseOfficer.objects.select_for_update().filter(membership=member, active=True).first()
    if officer is None:
        return
    officer.active = False
    officer.changed_by = actor
    save_audited(officer, actor, "membership ended: withdraw case officer")


grants.register("case officer", _end_case_officer)
