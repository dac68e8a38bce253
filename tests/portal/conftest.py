"""Personas (tests/measures/conftest.py: somchai admin, malee editor, wichai approver, prapa viewer,
prasert admin elsewhere) and an approved FY2568 report ready to publish."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from prongsai.documents import services as documents
from prongsai.documents.models import Snapshot
from prongsai.measures import services as measures
from prongsai.portal import cache
from tests.measures.conftest import World, measure_data  # noqa: F401  (personas shared with measures)
from tests.measures.conftest import _shared_world as _shared_world
from tests.measures.conftest import world as world

# A real-looking Thai national ID (valid check digit) and a phone number, to be found and masked.
CITIZEN_ID = "1-1037-00248-66-8"
PHONE = "081-234-5678"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "https://ita.example.go.th"
    cache.clear_memory()  # each test's database starts again; so must this process's page memory
    yield
    cache.clear_memory()


def record(world: World, measure: Any, results: list[str], status: str = "done") -> None:
    current = measure.progress.filter(round=2).first()
    measures.record_progress(
        measure,
        2,
        world.somchai,
        world.somchai.user,
        measures.ProgressData(results=results, status=status),
        expected_version=current.version if current else 0,
    )


def approve_plan(world: World) -> None:
    measures.submit_plan(world.plan, world.somchai, world.somchai.user)
    measures.approve_plan(world.plan, world.wichai, world.wichai.user)


def approved_report(world: World) -> Snapshot:
    snapshot = documents.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=2)
    return documents.approve_snapshot(snapshot, world.wichai, world.wichai.user)


@pytest.fixture
def report(world: World) -> Snapshot:
    """The FY2568 round-2 report, approved; measure 1 carries results, nothing personal."""
    approve_plan(world)
    record(world, world.palad_measure, ["ลงนามประกาศแล้ว", "เผยแพร่ทางเว็บไซต์แล้ว"])
    return approved_report(world)


@pytest.fixture
def private_report(world: World) -> Snapshot:
    """An approved report whose results hold a citizen's ID number and a phone number."""
    approve_plan(world)
    record(world, world.palad_measure, [f"ผู้ร้อง นายสมศักดิ์ เลขประจำตัวประชาชน {CITIZEN_ID}", f"ติดต่อ {PHONE}"])
    return approved_report(world)
