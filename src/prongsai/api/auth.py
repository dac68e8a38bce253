"""Who is calling: a bearer token (scripts) or the Django session (the browser on a logged-in page)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from prongsai.api.models import ApiToken
from prongsai.api.services import hash_token

# last_used_at is written at most this often per token, so reads do not become writes.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: found by its hash; revoked tokens and inactive users fail."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        token = token.strip()
        if not token:
            return None
        api_token = ApiToken.objects.active().select_related("user").filter(key_hash=hash_token(token)).first()
        if api_token is None or not api_token.user.is_active:
            return None
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_RESOLUTION:
            # A plain UPDATE: no history row, no updated_at bump for a mere read.
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


def caller(request: HttpRequest) -> Any:
    """The user the request authenticated as (token or session); set by django-ninja."""
    return getattr(request, "auth", None)


# Tokens first; then the session (its CSRF check applies to unsafe methods only).
api_auth = [TokenAuth(), django_auth]
