"""Public pages are rendered once per change and then served from memory or the database.

Published pages change only when something is published or withdrawn (or an organisation's name or
an ITA catalogue changes): each of these sets a new random value in one row, `CacheGeneration`
(random rather than counted, so a restored or rolled-back database never meets a page cached for a
different state). A request answers
from this process's memory when the page was rendered for the current value, else from the
`PublicPage` table (shared by every worker, survives restarts), else renders the page and stores it.
The current value is read from the database at most once a second per process (GENERATION_TTL):
a cache hit then touches no database at all (on SQLite every new connection costs its PRAGMAs),
and a publication shows in the other workers within a second; the process that publishes forgets
its pages at once. (Browsers and proxies may keep a public page for max-age=60 anyway.)
Nothing on a cached page depends on who asks: public pages carry no user name, no CSRF token.
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse

from prongsai.portal.models import CacheGeneration, PublicPage

MEMORY_PAGES = 2000
GENERATION_TTL = 1.0  # seconds
_memory: OrderedDict[str, tuple[int, bytes, str]] = OrderedDict()
_seen: dict[str, float] = {"at": float("-inf"), "value": -1}


def generation() -> int:
    value = CacheGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    return int(value or 0)


def current_generation() -> int:
    """The generation, read from the database at most once per GENERATION_TTL in this process."""
    now = time.monotonic()
    if now - _seen["at"] >= GENERATION_TTL:
        _seen["value"], _seen["at"] = generation(), now
    return int(_seen["value"])


def bump() -> None:
    """Every public page is stale from now on (run inside the writing transaction)."""
    CacheGeneration.objects.update_or_create(pk=1, defaults={"value": secrets.randbits(62) + 1})
    PublicPage.objects.all().delete()
    clear_memory()


def bump_on_save(sender: Any, **kwargs: Any) -> None:
    transaction.on_commit(bump)


def clear_memory() -> None:
    """Forget this process's pages and generation (after a bump; in tests, between databases)."""
    _memory.clear()
    _seen["at"] = float("-inf")


def _response(body: bytes, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = "public, max-age=60"
    return response


def cached(request: HttpRequest, key: str, build: Callable[[], HttpResponse]) -> HttpResponse:
    """The page under `key` (per language) as of the current generation; `build` renders it."""
    full_key = f"{getattr(request, 'LANGUAGE_CODE', 'th')}:{key}"[:300]
    current = current_generation()
    hit = _memory.get(full_key)
    if hit is not None and hit[0] == current:
        _memory.move_to_end(full_key)
        return _response(hit[1], hit[2])
    stored = PublicPage.objects.filter(key=full_key, generation=current).first()
    if stored is not None:
        body, content_type = bytes(stored.body), stored.content_type
    else:
        response = build()
        if response.status_code != 200 or response.streaming:
            return response
        body, content_type = response.content, response["Content-Type"]
        if generation() == current:  # nothing was published while rendering
            PublicPage.objects.update_or_create(
                key=full_key, defaults={"generation": current, "content_type": content_type, "body": body}
            )
    _memory[full_key] = (current, body, content_type)
    _memory.move_to_end(full_key)
    while len(_memory) > MEMORY_PAGES:
        _memory.popitem(last=False)
    return _response(body, content_type)
