"""Data built once per test module and shared by its tests, none of whose writes leak.

`module_transaction()` opens a transaction around a module's shared data and rolls it back when the
module ends. Each test's own `db` fixture then runs inside it as a savepoint (pytest-django skips
TestCase's class-level set-up for exactly this), so a test sees the shared rows as built and its
writes vanish at its end. Objects handed to a test are read afresh from the database (`fresh()`),
so one test's in-memory changes never reach the next. Not for `transaction=True` tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import models, transaction

M = TypeVar("M", bound=models.Model)


@contextmanager
def module_transaction(django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


def fresh(obj: M) -> M:
    """The same row, read again."""
    return type(obj)._default_manager.get(pk=obj.pk)
