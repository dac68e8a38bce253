"""The only way a view or an endpoint gets an object for a user.

Missing and foreign give the same 404 (nobody learns what exists elsewhere); an object the user may
read but not change gives 403 when `write=True`. Views and the API call these and nothing else.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404

from prongsai.orgs.models import Department, Membership, Organization


def as_uuid(value: Any) -> UUID:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except (ValueError, TypeError):
        raise Http404 from None


def membership_for(user: Any, org: Organization) -> Membership:
    """The user's active membership in `org`, or 404."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    membership = Membership.objects.active().select_related("organization").filter(user=user, organization=org).first()
    if membership is None:
        raise Http404
    return membership


def org_for(user: Any, slug: str, *, write: bool = False, admin: bool = False) -> Membership:
    """The membership through which `user` reaches the organisation `slug`.

    write: the user must be able to edit (editor or admin); admin: must be its admin.
    """
    if not getattr(user, "is_authenticated", False):
        raise Http404
    membership = (
        Membership.objects.active().select_related("organization").filter(user=user, organization__slug=slug).first()
    )
    if membership is None:
        raise Http404
    if admin and not membership.is_admin:
        raise PermissionDenied
    if write and not membership.can_edit:
        raise PermissionDenied
    return membership


def user_organizations(user: Any) -> list[Organization]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [m.organization for m in Membership.objects.active().filter(user=user).select_related("organization")]


def member_for(admin: Membership, member_id: Any) -> Membership:
    """An active member of the admin's organisation; a foreign, removed, missing or malformed id is 404."""
    member = (
        Membership.objects.active()
        .select_related("user", "organization")
        .filter(organization=admin.organization, pk=as_uuid(member_id))
        .first()
    )
    if member is None:
        raise Http404
    return member


def department_for(membership: Membership, department_id: Any) -> Department:
    """A department of the membership's organisation; foreign, missing or malformed is 404."""
    department = Department.objects.filter(organization=membership.organization, pk=as_uuid(department_id)).first()
    if department is None:
        raise Http404
    return department
