"""The only way a view or an endpoint gets an object for a user.

Missing and foreign give the same 404 (nobody learns what exists elsewhere); an object the user may
read but not change gives 403 when `write=True`. Views and the API call these and nothing else.

Resolving the request's organisation here also sets the request's digit style to the organisation's
(core/digits.py): every page and message of that organisation then writes its numbers alike.
"""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404

from prongsai.core import digits
from prongsai.orgs.models import Department, Invitation, Membership, Organization, Oversight, Role


def as_uuid(value: Any) -> UUID:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except (ValueError, TypeError):
        raise Http404 from None


class _NoDepartments:
    """Stands for `Membership.departments` of an overseer: no department limit."""

    def all(self) -> Any:
        return Department.objects.none()

    def exists(self) -> bool:
        return False


class OverseerStanding:
    """The read-only standing of an overseer in an organisation of their scope; never stored.

    It answers like a viewer's membership with no department limit. It is not a member: it holds no
    case-officer permission (pk is None), so it sees nothing of corruption reports, and writes nothing.
    """

    pk = None
    id = None
    removed_at = None
    position = ""
    role = Role.OVERSEER
    is_admin = False
    can_edit = False
    can_approve = False
    is_overseer = True

    def __init__(self, user: Any, organization: Organization) -> None:
        self.user = user
        self.user_id = user.pk
        self.organization = organization
        self.organization_id = organization.pk
        self.departments = _NoDepartments()

    def get_role_display(self) -> str:
        return str(Role.OVERSEER.label)


def oversight_covers(user: Any, org: Organization) -> bool:
    return any(o.covers(org) for o in Oversight.objects.active().filter(user=user))


def _standing(user: Any, org: Organization) -> Membership:
    """A member's membership, else an overseer's read-only standing, else 404."""
    membership = Membership.objects.active().select_related("organization").filter(user=user, organization=org).first()
    if membership is not None:
        return membership
    if oversight_covers(user, org):
        return cast(Membership, OverseerStanding(user, org))
    raise Http404


def membership_for(user: Any, org: Organization) -> Membership:
    """The user's active membership in `org` (or an overseer's read-only standing), or 404."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    membership = _standing(user, org)
    digits.use(membership.organization)
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
    if membership is None:  # not a member: perhaps an overseer of this organisation
        org = Organization.objects.filter(slug=slug).first()
        if org is None or not oversight_covers(user, org):
            raise Http404
        membership = cast(Membership, OverseerStanding(user, org))
    digits.use(membership.organization)
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


def invitation_for(admin: Membership, invitation_id: Any) -> Invitation:
    """An invitation of the admin's organisation; foreign, missing or malformed is 404."""
    invitation = Invitation.objects.filter(organization=admin.organization, pk=as_uuid(invitation_id)).first()
    if invitation is None:
        raise Http404
    return invitation
