"""Every write to API tokens: create (the token is returned once) and revoke."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.api.models import ApiToken
from prongsai.core.audit import save_audited
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.orgs import grants
from prongsai.orgs.models import Membership, Oversight

PREFIX_LENGTH = 8


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_token(user: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`. The plain token is returned here and nowhere else, ever."""
    name = name.strip()
    if not name:
        raise ServiceError(_('กรุณาตั้งชื่อโทเค็น เช่น "สคริปต์รายงานประจำเดือน"'), "name")
    if len(name) > 100:
        raise ServiceError(_("ชื่อโทเค็นยาวเกิน 100 ตัวอักษร"), "name")
    if not getattr(user, "is_active", False):
        raise NotAllowed(_('บัญชี "%(u)s" ถูกปิดใช้งาน จึงสร้างโทเค็นไม่ได้') % {"u": user})
    token = secrets.token_urlsafe(32)
    api_token = ApiToken(user=user, name=name, key_hash=hash_token(token), prefix=token[:PREFIX_LENGTH])
    save_audited(api_token, user, "create api token")
    return api_token, token


@transaction.atomic
def revoke_token(token: ApiToken, actor: Any) -> ApiToken:
    """Stop a token working at once. The record stays, with who revoked it in its history."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.user_id != actor.pk and not getattr(actor, "is_superuser", False):
        raise NotAllowed(_("ยกเลิกได้เฉพาะโทเค็นของตัวเอง"))
    if token.is_revoked:
        raise ServiceError(_('โทเค็น "%(name)s" ถูกยกเลิกไปแล้ว') % {"name": token.name})
    token.revoked_at = timezone.now()
    save_audited(token, actor, "revoke api token")
    return token


def _end_api_tokens(member: Membership, actor: Any) -> None:
    """API tokens belong to the person, not one membership (orgs/grants.py): they are revoked when the
    membership that just ended was the last thing they could reach — no other active membership and no
    active Oversight. Otherwise they keep working, and only for what the person can still reach."""
    user_id = member.user_id
    if Membership.objects.active().filter(user_id=user_id).exclude(pk=member.pk).exists():
        return
    if Oversight.objects.active().filter(user_id=user_id).exists():
        return
    now = timezone.now()
    for token in ApiToken.objects.select_for_update().active().filter(user_id=user_id):
        token.revoked_at = now
        save_audited(token, actor, "membership ended: revoke api token")


grants.register("api tokens", _end_api_tokens)
