"""Rows built once per test module and shared by its tests, none of whose writes leak.

`shared_rows()` opens a transaction around a module's shared rows and rolls it back when the
module ends (`shared_fixtures()` makes the pair of fixtures a conftest needs). Each test's own `db`
fixture then runs inside it as a savepoint (pytest-django skips
TestCase's class-level set-up for exactly this), so every test sees the rows as built and its
writes vanish at its end. Objects handed to a test are read afresh (`refreshed()`), so one test's
in-memory changes never reach the next. A module holding a `transaction=True` test shares nothing:
its tests get rows of their own (`shared_rows` yields None there).
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import pytest
from django.db import models, transaction

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)


def _transactional_module(request: pytest.FixtureRequest) -> bool:
    for item in request.session.items:
        if getattr(item, "module", None) is not request.module:
            continue
        marker = item.get_closest_marker("django_db")
        if "transactional_db" in getattr(item, "fixturenames", ()) or (marker and marker.kwargs.get("transaction")):
            return True
    return False


@contextmanager
def module_transaction(django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


@contextmanager
def shared_rows(request: pytest.FixtureRequest, django_db_blocker: Any, build: Callable[[], T]) -> Iterator[T | None]:
    """For a module-scoped fixture: `build()` inside the module's transaction, or None (see above)."""
    if _transactional_module(request):
        yield None
        return
    with module_transaction(django_db_blocker):
        yield build()


def fresh(obj: M) -> M:
    """The same row, read again."""
    return type(obj)._default_manager.get(pk=obj.pk)


def refreshed(data: T) -> T:
    """A dataclass of shared rows with every model instance read again (other fields kept)."""
    changes = {
        f.name: fresh(value)
        for f in dataclasses.fields(data)  # type: ignore[arg-type]
        if isinstance(value := getattr(data, f.name), models.Model)
    }
    return dataclasses.replace(data, **changes)  # type: ignore[type-var]


def shared_fixtures(name: str, build: Callable[[], T]) -> tuple[Any, Any]:
    """Two fixtures: `_shared_<name>` (module scope: `build()` once, see above) and `<name>` (per
    test: those rows read afresh; rows of its own for a test of a module that shares nothing).

        _shared_world, world = shared_fixtures("world", build_world)

    The per-test fixture names the module one as a parameter, so that pytest sets the module's
    transaction up before the test's savepoint.
    """
    shared_name = f"_shared_{name}"

    @pytest.fixture(scope="module", name=shared_name)
    def module_rows(request: pytest.FixtureRequest, django_db_setup: Any, django_db_blocker: Any) -> Iterator[T | None]:
        with shared_rows(request, django_db_blocker, build) as shared:
            yield shared

    def test_rows(db: Any, **shared: T | None) -> T:
        rows = shared[shared_name]
        return refreshed(rows) if rows is not None else build()

    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    test_rows.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("db", kind), inspect.Parameter(shared_name, kind)]
    )
    return module_rows, pytest.fixture(name=name)(test_rows)
