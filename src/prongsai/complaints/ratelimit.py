"""A sliding-window rate limit counted in the database, and the client address behind trusted proxies.

Why the database: gunicorn runs several worker processes and the project needs no cache service;
one row per client key (RateBucket) holds the times of its recent hits. The row is locked while it
is read and written (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions serialise
writers), so N concurrent requests never let more than the limit through. Keys are keyed hashes
(HMAC with SECRET_KEY): the table never holds an address or a tracking code.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import random
import time
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from prongsai.complaints.models import RateBucket

WINDOW_SECONDS = 60.0


@lru_cache(maxsize=8)
def _trusted_networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or — when that peer is a trusted proxy — the first untrusted address of
    X-Forwarded-For read from the right (the one the nearest trusted proxy saw)."""
    peer = request.META.get("REMOTE_ADDR", "") or "unknown"
    if not is_trusted_proxy(peer):
        return peer
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    for address in reversed(forwarded):
        if not is_trusted_proxy(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return peer  # a forged or broken header: count it against the proxy itself
    return forwarded[0] if forwarded else peer


def throttle_address(request: HttpRequest) -> str | None:
    """The address a client is counted by: client_ip, except that an IPv6 client counts by its /64
    (one subscriber gets a whole /64 and may pick any address in it), written as the network's first
    address ("2001:db8:1:2::"). None when there is no usable address (a request built in code).
    Also django-axes' AXES_CLIENT_IP_CALLABLE: login failures are counted by the same address."""
    try:
        ip = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False).network_address)
    return str(ip)


def _key(scope: str, value: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{value}".encode(), hashlib.sha256)
    return digest.hexdigest()[:64]


def bucket_key(scope: str, value: str) -> str:
    """The RateBucket key of `value` in `scope` (a keyed hash)."""
    return _key(scope, value)


def count_recent(hits: list[float] | None, window: float = WINDOW_SECONDS, now: float | None = None) -> int:
    """How many of a bucket's hits fall in the last `window` seconds."""
    now = time.time() if now is None else now
    return sum(1 for t in hits or [] if now - float(t) < window)


def hit(scope: str, value: str, limit: int, window: float = WINDOW_SECONDS) -> bool:
    """Count one hit of `value` in `scope`; False (and nothing counted) when `limit` hits in the
    last `window` seconds (a minute unless told) already happened."""
    now = time.time()
    key = _key(scope, value)
    with transaction.atomic():
        bucket, _created = RateBucket.objects.select_for_update().get_or_create(key=key)
        recent = [t for t in bucket.hits if now - float(t) < window]
        allowed = len(recent) < limit
        if allowed:
            recent.append(round(now, 3))
        bucket.hits = recent
        bucket.save(update_fields=["hits", "updated_at"])
    if random.random() < 0.01:  # noqa: S311 - housekeeping, not security
        forget_old()
    return allowed


def forget_old() -> int:
    """Drop the buckets of clients not seen for a day."""
    deleted, _ = RateBucket.objects.filter(updated_at__lt=timezone.now() - timedelta(days=1)).delete()
    return deleted


def _address(request: HttpRequest) -> str:
    return throttle_address(request) or client_ip(request)


def intake_allowed(request: HttpRequest) -> bool:
    return hit("intake", _address(request), settings.COMPLAINT_RATE_LIMIT_PER_MINUTE)


def tracking_allowed(request: HttpRequest, code: str) -> bool:
    """Both the address (guessing codes) and the code (a leaked code hammered) are limited."""
    limit = settings.COMPLAINT_TRACK_RATE_PER_MINUTE
    return hit("track-ip", _address(request), limit) and hit("track-code", code, limit)
