"""Small helpers the services share: audited saves and role checks."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from prongsai.core.audit import delete_audited, save_audited
from prongsai.core.errors import NotAllowed
from prongsai.orgs.models import Membership


def require_editor(membership: Membership) -> None:
    if not membership.can_edit:
        raise NotAllowed(_("บทบาทของคุณอ่านได้อย่างเดียว แก้ไขไม่ได้"))


def require_same_org(membership: Membership, organization_id: Any) -> None:
    if membership.organization_id != organization_id:
        raise NotAllowed(_("รายการนี้ไม่ใช่ของหน่วยงานของคุณ"))


__all__ = ["delete_audited", "require_editor", "require_same_org", "save_audited"]
