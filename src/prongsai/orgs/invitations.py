"""Every write to invitations: an admin invites by e-mail; the person accepts the link and only then joins.

The link carries a token made from the invitation's id and the server's secret key (HMAC-SHA256,
salted for this use only), so only this server can make one, and the admin can copy it again from
the members page while it is pending. The database holds only the token's SHA-256. A link works
once, until `expires_at` (INVITATION_DAYS after it is made), and not after the admin revokes it.

Nothing here ever looks up an existing account by username or e-mail for the admin: the admin's
form names a person, and an account is attached only by that person, logged in, pressing "accept"
(`accept_into_account`), or made by them on the accept page (`accept_with_new_account`).
"""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from prongsai.core.audit import save_audited
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.orgs import grants
from prongsai.orgs.models import MEMBER_ROLES, Invitation, Membership, Organization, Role
from prongsai.orgs.services import _check_departments, _require_admin, join

INVITATION_DAYS = 7
_SALT = "prongsai.orgs.invitation"


class InvitationUnusable(ServiceError):
    """The link cannot be used: `reason` is "unknown", "expired", "used" or "revoked"."""

    def __init__(self, reason: str) -> None:
        messages = {
            "unknown": _("ลิงก์คำเชิญนี้ไม่ถูกต้อง: ตรวจว่าคัดลอกมาครบทั้งลิงก์ หรือขอลิงก์ใหม่จากผู้ดูแลหน่วยงาน"),
            "expired": _("ลิงก์คำเชิญนี้หมดอายุแล้ว: ขอให้ผู้ดูแลหน่วยงานส่งคำเชิญใหม่"),
            "used": _("ลิงก์คำเชิญนี้ถูกใช้ไปแล้ว: ลิงก์หนึ่งใช้ได้ครั้งเดียว ถ้ารับคำเชิญแล้วให้เข้าสู่ระบบตามปกติ"),
            "revoked": _("ผู้ดูแลหน่วยงานยกเลิกคำเชิญนี้แล้ว: ถ้ายังต้องการเข้าร่วม ขอคำเชิญใหม่จากผู้ดูแล"),
        }
        super().__init__(messages[reason])
        self.reason = reason


def invitation_token(invitation: Invitation) -> str:
    """The secret part of the invitation's link (URL-safe, 43 characters)."""
    digest = salted_hmac(_SALT, str(invitation.pk), algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _usable(invitation: Invitation | None) -> Invitation:
    if invitation is None:
        raise InvitationUnusable("unknown")
    if invitation.accepted_at is not None:
        raise InvitationUnusable("used")
    if invitation.revoked_at is not None:
        raise InvitationUnusable("revoked")
    if invitation.is_expired:
        raise InvitationUnusable("expired")
    return invitation


def invitation_for_token(token: str) -> Invitation:
    """The pending invitation this link names, or InvitationUnusable saying why not."""
    found = Invitation.objects.select_related("organization").filter(token_hash=token_hash(token)).first()
    return _usable(found)


@transaction.atomic
def create_invitation(
    membership: Membership,
    actor: Any,
    *,
    full_name: str,
    email: str,
    role: str = Role.VIEWER,
    position: str = "",
    department_ids: list[Any] | None = None,
) -> tuple[Invitation, str]:
    """An invitation to the admin's organisation; returns it with its link's token."""
    _require_admin(membership)
    org: Organization = membership.organization
    full_name, email = full_name.strip(), email.strip()
    if not full_name:
        raise ServiceError(_("กรุณากรอกชื่อ-นามสกุลของผู้ที่จะเชิญ"), "full_name")
    try:
        validate_email(email)
    except ValidationError:
        raise ServiceError(_("อีเมลไม่ถูกต้อง เช่น name@example.go.th"), "email") from None
    if role not in MEMBER_ROLES:
        raise ServiceError(_("บทบาทไม่ถูกต้อง"), "role")
    departments = _check_departments(org, department_ids or [])
    if Invitation.objects.pending().filter(organization=org, email__iexact=email).exists():
        raise ServiceError(
            _("มีคำเชิญที่ยังใช้ได้ส่งถึง %(email)s อยู่แล้ว: คัดลอกลิงก์เดิมจากรายการคำเชิญ หรือยกเลิกก่อนเชิญใหม่") % {"email": email},
            "email",
        )
    invitation = Invitation(
        organization=org,
        full_name=full_name,
        email=email,
        role=role,
        position=position.strip(),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    token = invitation_token(invitation)
    invitation.token_hash = token_hash(token)
    save_audited(invitation, actor, "invite member")
    if departments:
        invitation.departments.set(departments)
    return invitation, token


@transaction.atomic
def revoke_invitation(membership: Membership, actor: Any, invitation: Invitation) -> Invitation:
    """The link stops working at once; the record stays with who revoked it in its history."""
    _require_admin(membership)
    if invitation.organization_id != membership.organization_id:
        raise NotAllowed(_("คำเชิญนี้ไม่ใช่ของหน่วยงานของคุณ"))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ServiceError(_("%(name)s รับคำเชิญไปแล้ว: นำออกจากหน่วยงานได้ที่หน้าแก้ไขสมาชิก") % {"name": invitation.full_name})
    if invitation.revoked_at is not None:
        raise ServiceError(_("คำเชิญนี้ถูกยกเลิกไปแล้ว"))
    invitation.revoked_at = timezone.now()
    save_audited(invitation, actor, "revoke invitation")
    return invitation


def _locked(token: str) -> Invitation:
    found = Invitation.objects.select_for_update().filter(token_hash=token_hash(token)).first()
    return _usable(found)


def _accept(invitation: Invitation, user: Any) -> Membership:
    member = join(
        user,
        invitation.organization,
        user,
        role=invitation.role,
        position=invitation.position,
        departments=list(invitation.departments.all()) if invitation.role == Role.EDITOR else [],
        reason="accept invitation",
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.membership = member
    save_audited(invitation, user, "accept invitation")
    return member


@transaction.atomic
def accept_into_account(token: str, user: Any) -> Membership:
    """The logged-in person pressed "accept into my account": their account joins with the invited role."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise NotAllowed(_("เข้าสู่ระบบก่อนจึงรับคำเชิญเข้าบัญชีของคุณได้"))
    invitation = _locked(token)
    if Membership.objects.active().filter(user=user, organization=invitation.organization_id).exists():
        raise ServiceError(_("บัญชีของคุณเป็นสมาชิกของหน่วยงานนี้อยู่แล้ว"))
    return _accept(invitation, user)


@transaction.atomic
def accept_with_new_account(token: str, *, username: str, password: str, full_name: str = "") -> Membership:
    """A person without an account chooses a username and password; the account joins at once."""
    invitation = _locked(token)
    username = username.strip()
    if not username:
        raise ServiceError(_("กรุณาตั้งชื่อผู้ใช้"), "username")
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise ServiceError(_("ชื่อผู้ใช้ใช้ได้เฉพาะตัวอักษร ตัวเลข และ @ . + - _ (ห้ามเว้นวรรค)"), "username") from None
    User = get_user_model()
    if len(username) > 150:
        raise ServiceError(_("ชื่อผู้ใช้ยาวเกิน 150 ตัวอักษร"), "username")
    if User.objects.filter(username__iexact=username).exists():
        raise ServiceError(_("ชื่อผู้ใช้นี้มีผู้ใช้แล้ว: เลือกชื่ออื่น"), "username")
    first, _sep, last = (full_name.strip() or invitation.full_name).partition(" ")
    user = User(username=username, email=invitation.email, first_name=first[:150], last_name=last.strip()[:150])
    try:
        password_validation.validate_password(password, user)
    except ValidationError as err:
        raise ServiceError(" ".join(err.messages), "password1") from None
    user.set_password(password)
    user.save()
    return _accept(invitation, user)


def _end_invitations_sent(member: Membership, actor: Any) -> None:
    """A leaver's pending invitations stop working (orgs/grants.py): one they sent to a second address of
    their own would otherwise bring them back. Another admin invites again whoever is still wanted."""
    now = timezone.now()
    pending = Invitation.objects.select_for_update().pending()
    for invitation in pending.filter(organization_id=member.organization_id, invited_by_id=member.user_id):
        invitation.revoked_at = now
        save_audited(invitation, actor, "membership ended: revoke invitation")


grants.register("invitations sent", _end_invitations_sent)
