"""Access helpers for document versions and signed copies (rules as in orgs/access.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from prongsai.documents.models import SignedCopy, Snapshot
from prongsai.orgs.access import as_uuid, membership_for
from prongsai.orgs.models import Membership


def snapshot_for(user: Any, snapshot_id: Any, *, write: bool = False) -> tuple[Snapshot, Membership]:
    snapshot = (
        Snapshot.objects.select_related("plan__organization", "created_by", "approved_by")
        .filter(pk=as_uuid(snapshot_id))
        .first()
    )
    if snapshot is None:
        raise Http404
    membership = membership_for(user, snapshot.plan.organization)
    if write and not membership.can_edit:
        raise PermissionDenied
    return snapshot, membership


def signed_copy_for(user: Any, copy_id: Any) -> tuple[SignedCopy, Membership]:
    copy = SignedCopy.objects.select_related("snapshot__plan__organization").filter(pk=as_uuid(copy_id)).first()
    if copy is None:
        raise Http404
    return copy, membership_for(user, copy.snapshot.plan.organization)
