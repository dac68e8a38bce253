"""Personas of tests/measures/conftest.py (somchai admin, malee editor, wichai approver, prapa viewer)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from prongsai.portal import cache
from tests.measures.conftest import World, measure_data  # noqa: F401
from tests.measures.conftest import _shared_world as _shared_world
from tests.measures.conftest import world as world


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path
    cache.clear_memory()
    yield
    cache.clear_memory()
