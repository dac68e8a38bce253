"""Registry numbers (เลขรับ) per organisation per fiscal year, and deadlines in working days."""

from __future__ import annotations

import threading
from datetime import date, datetime
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client

from prongsai.complaints import services
from prongsai.complaints.models import Case
from prongsai.complaints.services.deadlines import add_working_days
from prongsai.core.thai import BANGKOK

from .conftest import World


def at(*args: int) -> Any:
    return time_machine.travel(datetime(*args, tzinfo=BANGKOK), tick=False)


def test_numbers_run_per_fiscal_year_and_start_again_on_1_october(world: World) -> None:
    with at(2025, 9, 30, 16, 0):
        first, second = world.file(), world.file()
    with at(2025, 9, 30, 23, 59):
        third = world.file()
    with at(2025, 10, 1, 0, 1):
        new_year = world.file()
        next_one = world.file()
    assert [(c.fiscal_year, c.registry_no) for c in (first, second, third)] == [(2568, 1), (2568, 2), (2568, 3)]
    assert [(c.fiscal_year, c.registry_no) for c in (new_year, next_one)] == [(2569, 1), (2569, 2)]
    assert third.registry_display == "๓/๒๕๖๘" and new_year.registry_display == "๑/๒๕๖๙"


def test_each_organisation_keeps_its_own_register(world: World) -> None:
    mine = world.file()
    theirs = services.file_case(
        world.other,
        services.IntakeData(kind_id=world.kind(org=world.other).pk, subject="ก", details="ข", consent=True),
    )
    assert mine.registry_no == 1 and theirs.registry_no == 1


def test_staff_registrations_and_web_filings_share_one_register(world: World) -> None:
    web = world.file()
    walk_in = services.register_case(
        world.nid,
        world.nid.user,
        services.IntakeData(kind_id=world.kind().pk, subject="ขอถังขยะ", details="ถังขยะไม่พอ"),
        channel="walk_in",
    )
    assert (web.registry_no, walk_in.registry_no) == (1, 2)


@pytest.mark.django_db(transaction=True)
def test_concurrent_filings_get_numbers_without_gaps_or_duplicates(world: World) -> None:
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(5):
                world.file()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(Case.objects.values_list("registry_no", flat=True)) == list(range(1, 31))


def test_working_days_skip_weekends_and_holidays() -> None:
    friday = date(2025, 4, 11)
    assert add_working_days(friday, 1, []) == date(2025, 4, 14)  # Monday
    songkran = [date(2025, 4, 14), date(2025, 4, 15), date(2025, 4, 16)]
    assert add_working_days(friday, 1, songkran) == date(2025, 4, 17)
    assert add_working_days(friday, 15, songkran) == date(2025, 5, 7)
    assert add_working_days(date(2025, 4, 12), 0, []) == date(2025, 4, 12)


def test_the_due_date_counts_the_kinds_working_days_with_the_organisations_holidays(world: World) -> None:
    services.add_holiday(world.somchai, world.somchai.user, day=date(2025, 4, 14), name="วันสงกรานต์")
    services.add_holiday(world.somchai, world.somchai.user, day=date(2025, 4, 15), name="วันสงกรานต์")
    with at(2025, 4, 11, 10, 0):  # Friday; แจ้งซ่อม: 7 working days
        case = world.file("แจ้งซ่อม")
    assert case.due_date == date(2025, 4, 24)


def test_a_holiday_added_later_moves_the_due_date_of_open_cases(world: World) -> None:
    with at(2025, 4, 11, 10, 0):
        case = world.file("แจ้งซ่อม")
    assert case.due_date == date(2025, 4, 22)
    services.add_holiday(world.somchai, world.somchai.user, day=date(2025, 4, 16), name="หยุดชดเชย")
    case.refresh_from_db()
    assert case.due_date == date(2025, 4, 23)


def test_overdue_cases_are_flagged_in_the_inbox_and_filtered(world: World) -> None:
    with at(2025, 4, 1, 10, 0):
        late = world.file("แจ้งซ่อม", subject="ท่อแตก")
    with at(2025, 4, 20, 10, 0):
        fresh = world.file("แจ้งซ่อม", subject="ไฟกิ่งดับ")
        assert late.is_overdue(date(2025, 4, 20)) and not fresh.is_overdue(date(2025, 4, 20))
        client = world.client(world.nid)
        page = client.get("/o/klaeng/complaints/").content.decode()
        assert "เกินกำหนด" in page
        only = client.get("/o/klaeng/complaints/?overdue=on").content.decode()
        assert "ท่อแตก" in only and "ไฟกิ่งดับ" not in only


@at(2025, 3, 1, 9, 0)
def test_the_admin_keeps_the_holiday_table_through_the_page(world: World) -> None:
    client = world.client(world.somchai)
    r = client.post("/o/klaeng/complaints/holidays/", {"day": "๑๓/๔/๖๘", "name": "วันสงกรานต์"})
    assert r.status_code == 302
    assert "๑๓ เมษายน ๒๕๖๘" in client.get("/o/klaeng/complaints/holidays/").content.decode()
    r = client.post("/o/klaeng/complaints/holidays/", {"day": "๑๓/๔/๖๘", "name": "ซ้ำ"})
    assert r.status_code == 400 and "อยู่ในรายการวันหยุดแล้ว" in r.content.decode()
    assert Client().get("/o/klaeng/complaints/holidays/").status_code == 302
