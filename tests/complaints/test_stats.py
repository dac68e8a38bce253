"""Statistics per fiscal year: equal to the cases filed and registered, month by month, across 1 October."""

from __future__ import annotations

import json
from datetime import datetime
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client

from prongsai.complaints import services
from prongsai.complaints.models import CaseStatus
from prongsai.core.thai import BANGKOK

from .conftest import CORRUPTION, World


def at(*args: int) -> Any:
    return time_machine.travel(datetime(*args, tzinfo=BANGKOK), tick=False)


def register(world: World, channel: str) -> Any:
    data = services.IntakeData(kind_id=world.kind("แจ้งซ่อม").pk, subject="ท่อประปาแตก", details="น้ำไหลทั้งคืน")
    return services.register_case(world.nid, world.nid.user, data, channel=channel)


@pytest.fixture
def year_of_cases(world: World) -> World:
    """FY 2568 (1 Oct 2024 - 30 Sep 2025) plus one case each side of it."""
    with at(2024, 9, 30, 23, 30):
        world.file()  # FY 2567: not counted
    with at(2024, 10, 1, 0, 30):
        done = world.file()
        register(world, "phone")
    with at(2024, 12, 31, 23, 0):
        world.file(CORRUPTION)
    with at(2025, 1, 15, 9, 0):
        rejected = world.file()
        services.move(rejected, world.nid, world.nid.user, to=CaseStatus.REJECTED, reason="ซ้ำ")
    with at(2025, 4, 2, 9, 0):
        register(world, "letter")
    with at(2025, 9, 30, 23, 59):
        world.file()
    with at(2025, 10, 1, 0, 0):
        world.file()  # FY 2569: not counted
    services.move(done, world.nid, world.nid.user, to=CaseStatus.IN_PROGRESS)
    services.move(done, world.nid, world.nid.user, to=CaseStatus.DONE)
    return world


def stats_json(year: int) -> dict[str, Any]:
    out = StringIO()
    call_command("complaint_stats", "--org", "klaeng", "--year", str(year), "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_command_counts_each_month_of_the_fiscal_year(year_of_cases: World) -> None:
    stats = stats_json(2568)
    assert (stats["total"], stats["completed"], stats["in_progress"], stats["rejected"]) == (6, 1, 4, 1)
    assert list(stats["by_month"]) == [
        "2567-10", "2567-11", "2567-12", "2568-01", "2568-02", "2568-03",
        "2568-04", "2568-05", "2568-06", "2568-07", "2568-08", "2568-09",
    ]  # fmt: skip
    totals = {k: v["total"] for k, v in stats["by_month"].items() if v["total"]}
    assert totals == {"2567-10": 2, "2567-12": 1, "2568-01": 1, "2568-04": 1, "2568-09": 1}
    assert stats["by_month"]["2567-10"]["completed"] == 1
    assert {q: v["total"] for q, v in stats["by_quarter"].items()} == {"1": 3, "2": 1, "3": 1, "4": 1}
    assert {h: v["total"] for h, v in stats["by_half"].items()} == {"1": 4, "2": 2}
    assert stats["by_kind"][CORRUPTION]["total"] == 1
    assert stats["by_kind"]["แจ้งซ่อม"]["total"] == 2
    assert {c: v["total"] for c, v in stats["by_channel"].items()} == {"web": 4, "phone": 1, "letter": 1}
    assert sum(v["total"] for v in stats["by_month"].values()) == stats["total"]


def test_the_years_either_side_hold_their_own_cases(year_of_cases: World) -> None:
    assert stats_json(2567)["total"] == 1 and stats_json(2569)["total"] == 1


def test_the_public_page_shows_the_table_with_no_personal_data(year_of_cases: World) -> None:
    r = Client().get("/c/klaeng/stats/2568/")
    page = r.content.decode()
    assert r.status_code == 200
    assert "ตุลาคม ๒๕๖๗" in page and "กันยายน ๒๕๖๘" in page and "ไตรมาสที่ ๔" in page
    assert 'data-testid="stats-total">๖<' in page
    for private in ("นางสมศรี", "0812345678", "somsri@example.com", "ท่อประปาแตก", "ไฟฟ้าส่องสว่างดับ"):
        assert private not in page


def test_a_year_without_cases_says_there_were_none(world: World) -> None:
    page = Client().get("/c/klaeng/stats/2560/").content.decode()
    assert "ไม่มีเรื่องร้องเรียน" in page
    out = StringIO()
    call_command("complaint_stats", "--org", "klaeng", "--year", "2560", stdout=out)
    assert "ไม่มีเรื่องร้องเรียน" in out.getvalue()
    assert stats_json(2560)["total"] == 0


def test_the_command_refuses_an_unknown_organisation_and_an_ad_year(world: World) -> None:
    with pytest.raises(CommandError, match="ไม่พบหน่วยงาน"):
        call_command("complaint_stats", "--org", "nowhere", "--year", "2568")
    with pytest.raises(CommandError, match=r"พ\.ศ\."):
        call_command("complaint_stats", "--org", "klaeng", "--year", "2025")
