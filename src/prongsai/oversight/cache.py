"""The dashboard's figures, kept per scope and year until the data they count changes.

The key holds a *change marker*: the newest audit record among everything the dashboard counts —
the history rows (django-simple-history, `history_date` is indexed) of organisations, plans,
measures, progress, report snapshots, ITA assessments and complaints, plus the batch records of
bulk writes that keep no per-row history (ita.ImportBatch, oversight.GenerationBatch) — read in
one query of index look-ups, and today's date (lateness depends on it). Any audited write
anywhere changes the marker, so the next request computes afresh; until then every request of
that scope and year is served from the cache (Django's cache: per process by default). Entries
also expire after CACHE_SECONDS, a bound on anything that changes without an audit record.

Computing afresh runs with PostgreSQL's JIT off (SET LOCAL, this transaction only): compiling the
big GROUP BYs costs far more than it saves (0.5 s measured on the national page).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from prongsai.complaints.models import Case
from prongsai.documents.models import Snapshot
from prongsai.ita.models import Assessment, ImportBatch
from prongsai.measures.models import Measure, Plan, Progress
from prongsai.orgs.models import Organization
from prongsai.oversight.models import GenerationBatch

CACHE_SECONDS = 600
T = TypeVar("T")
_AUDITED = [Organization, Plan, Measure, Progress, Snapshot, Assessment, Case]
_BATCHES = [ImportBatch, GenerationBatch]


def _marker_sql() -> str:
    quote = connection.ops.quote_name
    sources = [(cast(Any, model).history.model._meta.db_table, "history_date") for model in _AUDITED]
    sources += [(model._meta.db_table, "created_at") for model in _BATCHES]
    # Table and column names come from the models, never from a request.
    parts = [f"(SELECT MAX({quote(column)}) FROM {quote(table)})" for table, column in sources]  # noqa: S608
    return "SELECT " + ", ".join(parts)


def change_marker() -> str:
    """The newest audit record of the counted data, as text (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(_marker_sql())
        row = cursor.fetchone() or ()
    return "|".join(str(v) for v in row)


def _key(parts: tuple[Any, ...], marker: str, today: date) -> str:
    raw = repr((*parts, marker, today.isoformat()))
    return "oversight:v1:" + hashlib.sha256(raw.encode()).hexdigest()


def fresh(compute: Callable[[], T]) -> T:
    """Run the dashboard's queries in one transaction, with PostgreSQL's JIT off."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        return compute()


def remembered(parts: tuple[Any, ...], marker: str, compute: Callable[[], T], *, heavy: bool = True) -> T:
    """`compute()` for these key parts as of `marker`, from the cache when it was computed already.

    heavy: run it through `fresh` (one transaction, JIT off); a single light query needs neither.
    """
    key = _key(parts, marker, timezone.localdate())
    found = cache.get(key)
    if found is not None:
        return cast(T, found)
    value = fresh(compute) if heavy else compute()
    cache.set(key, value, CACHE_SECONDS)
    return value
