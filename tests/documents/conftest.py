from __future__ import annotations

from typing import Any

import pytest

from tests.measures.conftest import World, measure_data  # noqa: F401  (personas shared with measures)
from tests.measures.conftest import _shared_world as _shared_world
from tests.measures.conftest import world as world


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
