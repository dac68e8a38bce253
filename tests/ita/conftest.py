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
from prongsai.ita import services
from prongsai.ita.sheets import NationalRow
from prongsai.orgs.models import Organization
from prongsai.orgs.services import create_organization, system_user
from tests.measures.conftest import PASSWORD, World, build_world
from tests.measures.conftest import _shared_world as _shared_world
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


# --- a fictitious organisation for the analysis, traceability and checklist tests -----------------

PROVINCE = "ทดสอบ"  # a fictitious province: peers are อบต. of จังหวัดทดสอบ


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def town(db: Any) -> World:
    """อบต.ทุ่งทดสอบ, fictitious, with the personas of tests/measures in the same roles: somchai admin,
    malee editor limited to กองคลัง, wichai approver, prapa viewer; prasert admin of อบต.บ้านสมมุติ.
    A draft plan of FY2568 with two measures (สำนักปลัด's linked to indicator 10, กองคลัง's too)."""
    return build_world(
        ("องค์การบริหารส่วนตำบลทุ่งทดสอบ", "thung-test", "เมืองทดสอบ", PROVINCE),
        ("องค์การบริหารส่วนตำบลบ้านสมมุติ", "ban-sommut", PROVINCE),
    )


def record(who: Any, year: int, values: dict[int, Decimal] | list[str]) -> Any:
    """An assessment through the service; `values` a mapping, or the ten scores in order."""
    scores = values if isinstance(values, dict) else {n: v for n, v in enumerate(values, start=1)}
    return services.record_assessment(who, who.user, year, dict(scores))


def peers(root: Any, year: int, rows: list[list[str]], *, province: str = PROVINCE, kind: str = "sao") -> None:
    """Fictitious organisations of a kind and province, with their scores of `year` (a national sheet)."""
    start = Organization.objects.count()
    national = []
    for i, values in enumerate(rows, start=start):
        org = create_organization(
            system_user(), name=f"หน่วยงานสมมุติ {i}", slug=f"peer-{i}", kind=kind, province=province, departments=[]
        )
        national.append(NationalRow(i, "", org.name, province, dict(enumerate(values, start=1))))
    services.import_national_sheet(root, year, national)
