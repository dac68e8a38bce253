"""Who is calling: a bearer token (scripts) or the Django session (the browser on a logged-in page).

Failed tokens are counted per address (complaints.RateBucket, the database's sliding window): after
API_TOKEN_FAILURES in LOGIN_COOLOFF_MINUTES, every bearer call from that address gets 429 until the
window has passed, a right token included (guessing cannot be told apart from a lucky guess).

A token is a credential the browser never sends by itself, so token calls need no CSRF token. The
session is: a logged-in browser's unsafe calls (POST, PUT, DELETE) must carry Django's CSRF token
(`X-CSRFToken` header), or they get 403.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import JSONField, Subquery
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError, Throttled
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from prongsai.api.models import ApiToken
from prongsai.api.services import hash_token
from prongsai.complaints import ratelimit
from prongsai.complaints.models import RateBucket
from prongsai.core.addresses import counted_address

# last_used_at is written at most this often per token, so reads do not become writes.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenGuessing(Throttled):
    """Too many failed tokens from one address: 429 with a Thai detail and Retry-After."""

    def __init__(self, wait: int) -> None:
        super().__init__(wait)
        self.message = _("ส่งโทเค็นที่ไม่ถูกต้องจากที่อยู่นี้หลายครั้งเกินไป ลองใหม่ได้หลัง {minutes} นาที").format(
            minutes=max(1, round(wait / 60))
        )
        self.args = (self.message,)

    def __str__(self) -> str:
        return self.message


def _token_window() -> float:
    return float(settings.LOGIN_COOLOFF_MINUTES * 60)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: found by its hash; revoked tokens and inactive users fail.

    The address's failure bucket comes in the same query as the token (a subquery), so a good token
    still costs one query."""

    scope = "api-token"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        token = token.strip()
        if not token:
            return None
        address = counted_address(request)
        limit, window = settings.API_TOKEN_FAILURES, _token_window()
        failures = RateBucket.objects.filter(key=ratelimit.bucket_key(self.scope, address)).values("hits")[:1]
        api_token = (
            ApiToken.objects.active()
            .select_related("user")
            .filter(key_hash=hash_token(token))
            .annotate(address_failures=Subquery(failures, output_field=JSONField()))
            .first()
        )
        recent = ratelimit.count_recent(getattr(api_token, "address_failures", None), window)
        if api_token is not None and recent >= limit:
            raise TokenGuessing(int(window))
        if api_token is None or not api_token.user.is_active:
            if not ratelimit.hit(self.scope, address, limit, window):
                raise TokenGuessing(int(window))
            return None
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_RESOLUTION:
            # A plain UPDATE: no history row, no updated_at bump for a mere read.
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


class SessionAuth(APIKeyCookie):
    """The logged-in browser (django-ninja's `django_auth`, same scheme name in the OpenAPI document).

    Unlike `django_auth`, the CSRF check runs only once a session user is found: an anonymous call
    gets 401 ("log in"), not a CSRF 403, whatever its method.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
            raise HttpError(
                403, _("การตรวจสอบ CSRF ไม่ผ่าน: ส่งส่วนหัว X-CSRFToken มากับคำขอ หรือใช้ Authorization: Bearer <โทเค็น>")
            )
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


def caller(request: HttpRequest) -> Any:
    """The user the request authenticated as (token or session); set by django-ninja."""
    return getattr(request, "auth", None)


# Tokens first (no CSRF); then the session (CSRF checked for unsafe methods).
api_auth = [TokenAuth(), SessionAuth()]
