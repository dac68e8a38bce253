"""A sliding-window rate limit counted in the database (the client's address: core/addresses.py).

Why the database: gunicorn runs several worker processes and the project needs no cache service;
one row per client key (RateBucket) holds the times of its recent hits. The row is locked while it
is read and written (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions serialise
writers), so N concurrent requests never let more than the limit through. Keys are keyed hashes
(HMAC with SECRET_KEY): the table never holds an address or a tracking code.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from prongsai.complaints.models import RateBucket
from prongsai.core.addresses import counted_address

WINDOW_SECONDS = 60.0


def bucket_key(scope: str, value: str) -> str:
    """The RateBucket key of `value` in `scope` (a keyed hash: the table never holds the value)."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{value}".encode(), hashlib.sha256)
    return digest.hexdigest()[:64]


def count_recent(hits: list[float] | None, window: float = WINDOW_SECONDS, now: float | None = None) -> int:
    """How many of a bucket's hits fall in the last `window` seconds."""
    now = time.time() if now is None else now
    return sum(1 for t in hits or [] if now - float(t) < window)


def hit(scope: str, value: str, limit: int, window: float = WINDOW_SECONDS) -> bool:
    """Count one hit of `value` in `scope`; False (and nothing counted) when `limit` hits in the
    last `window` seconds (a minute unless told) already happened."""
    now = time.time()
    key = bucket_key(scope, value)
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


def intake_allowed(request: HttpRequest) -> bool:
    return hit("intake", counted_address(request), settings.COMPLAINT_RATE_LIMIT_PER_MINUTE)


def tracking_allowed(request: HttpRequest, code: str) -> bool:
    """Both the address (guessing codes) and the code (a leaked code hammered) are limited."""
    limit = settings.COMPLAINT_TRACK_RATE_PER_MINUTE
    return hit("track-ip", counted_address(request), limit) and hit("track-code", code, limit)
