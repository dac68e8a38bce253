"""Reminder e-mails go to the departments whose round is due, and only while results are missing."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

from django.core import mail
from django.core.management import call_command

from prongsai.measures import services
from prongsai.measures.reminders import due_round

from .conftest import World


def approve(world: World) -> None:
    for who in (world.somchai, world.malee, world.wichai):
        who.user.email = f"{who.user.username}@klaeng.go.th"
        who.user.save()
    services.submit_plan(world.plan, world.somchai, world.somchai.user)
    services.approve_plan(world.plan, world.wichai, world.wichai.user)


def test_reminders_fall_before_each_rounds_end_and_on_mondays_after() -> None:
    assert due_round(date(2025, 3, 17)) == (2568, 1, date(2025, 3, 31))  # 14 days before round 1 ends
    assert due_round(date(2025, 3, 18)) is None
    assert due_round(date(2025, 9, 29)) == (2568, 2, date(2025, 9, 30))
    assert due_round(date(2025, 4, 7)) == (2568, 1, date(2025, 3, 31))  # a Monday, one week late
    assert due_round(date(2025, 4, 8)) is None


def test_the_command_mails_each_department_its_unrecorded_measures(world: World) -> None:
    approve(world)
    out = StringIO()
    call_command("send_reminders", "--date", "17/3/2568", stdout=out)
    by_rcpt = {m.to[0]: m for m in mail.outbox}
    # malee is limited to กองคลัง: she hears only of กองคลัง's measure; the admin hears of both.
    assert "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง" in by_rcpt["malee@klaeng.go.th"].body
    assert "No Gift" not in by_rcpt["malee@klaeng.go.th"].body
    assert "No Gift" in by_rcpt["somchai@klaeng.go.th"].body
    assert "wichai@klaeng.go.th" not in by_rcpt  # the approver records nothing
    assert "๓๑ มีนาคม ๒๕๖๘" in by_rcpt["somchai@klaeng.go.th"].subject
    assert "ส่งอีเมลเตือน 2 ฉบับ" in out.getvalue()


def test_no_reminder_once_results_are_recorded(world: World, settings: Any) -> None:
    approve(world)
    for m in (world.palad_measure, world.finance_measure):
        services.record_progress(
            m,
            1,
            world.somchai,
            world.somchai.user,
            services.ProgressData(results=["ทำแล้ว"]),
            expected_version=0,
        )
    call_command("send_reminders", "--date", "17/3/2568", stdout=StringIO())
    assert mail.outbox == []


def test_an_organisation_with_arabic_digits_gets_its_reminder_in_arabic_digits(world: World) -> None:
    from prongsai.orgs.models import Organization

    Organization.objects.filter(pk=world.org.pk).update(thai_digits=False)
    approve(world)
    call_command("send_reminders", "--date", "17/3/2568", stdout=StringIO())
    message = {m.to[0]: m for m in mail.outbox}["somchai@klaeng.go.th"]
    assert "31 มีนาคม 2568" in message.subject and "6 เดือน" in message.subject
    assert "\n  1. " in message.body and "\n  2. " in message.body
    assert not any("๐" <= ch <= "๙" for ch in message.subject + message.body)
