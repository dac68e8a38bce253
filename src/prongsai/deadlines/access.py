"""The only way a view gets a date an administrator set (see orgs/access.py for the rules)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from prongsai.deadlines.models import SetDeadline
from prongsai.orgs.access import as_uuid


def deadline_for(membership: Any, deadline_id: Any, *, write: bool = False) -> SetDeadline:
    """The organisation's own date, or one set for every organisation (read only); else 404."""
    scope = Q(organization__isnull=True) | Q(organization_id=membership.organization_id)
    item = SetDeadline.objects.filter(scope, pk=as_uuid(deadline_id), removed_at__isnull=True).first()
    if item is None:
        raise Http404
    if write and (item.organization_id is None or not membership.is_admin):
        raise PermissionDenied(_("วันที่นี้แก้ไขจากหน่วยงานไม่ได้") if membership.is_admin else _("เฉพาะผู้ดูแลหน่วยงาน"))
    return item
