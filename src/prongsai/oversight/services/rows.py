"""Inserting many rows at once: COPY on PostgreSQL, bulk_create elsewhere — no signals, no history rows.

Django 5.2's bulk_create sends each column of a batch to PostgreSQL as one array (INSERT … SELECT
FROM UNNEST(…)); psycopg escapes every JSON document of that array character by character, which
made the plan approvals and report snapshots of the synthetic country take most of its time.
COPY … FROM STDIN sends the same values row by row. Values are what bulk_create would store:
created_at/updated_at (auto_now_add/auto_now) are set to one `now`, JSON is sent as jsonb, other
values as they are on the instance (psycopg adapts UUIDs, dates, Decimals and text itself).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone


def insert(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    db = connections[DEFAULT_DB_ALIAS]
    if db.vendor != "postgresql":
        model._default_manager.bulk_create(objs, batch_size=500)
        return
    from psycopg.types.json import Jsonb

    # A serial primary key is left to the database (COPY does not return it; nothing here needs it).
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField))]
    now = timezone.now()
    getters = [_getter(field, now, Jsonb) for field in fields]
    quote = db.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with db.cursor() as cursor, cursor.copy(statement) as copy:
        for obj in objs:
            copy.write_row([get(obj) for get in getters])


def _getter(field: Any, now: Any, jsonb: Any) -> Callable[[Any], Any]:
    """How to read one column's value off an instance, as bulk_create would store it."""
    attname = field.attname
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):

        def stamped(obj: Any) -> Any:
            setattr(obj, attname, now)
            return now

        return stamped
    if isinstance(field, models.FileField):
        return lambda obj: field.get_prep_value(getattr(obj, attname))
    if isinstance(field, models.JSONField):
        return lambda obj: None if getattr(obj, attname) is None else jsonb(getattr(obj, attname))
    return lambda obj: getattr(obj, attname)
