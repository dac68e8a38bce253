"""Personas for the ITA tests: those of tests/measures (somchai admin, malee editor, prapa viewer,
prasert of another organisation) and root, the installation's superuser, who alone changes catalogues.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from prongsai.ita import catalogue as files
from tests.measures.conftest import PASSWORD, World  # noqa: F401  (personas shared with measures)
from tests.measures.conftest import world as world


@pytest.fixture
def root(db: Any) -> Any:
    """The superuser who keeps the catalogues."""
    return get_user_model().objects.create_superuser("root", "root@example.go.th", PASSWORD)


def shipped(year: int) -> dict[str, Any]:
    content: dict[str, Any] = json.loads(files.shipped_text(year) or "")
    return content


def scores(*values: str | None) -> dict[int, Decimal]:
    """Indicators 1.. in order; None leaves one out."""
    return {n: Decimal(v) for n, v in enumerate(values, start=1) if v is not None}


def every(value: str) -> dict[int, Decimal]:
    return {n: Decimal(value) for n in range(1, 11)}
