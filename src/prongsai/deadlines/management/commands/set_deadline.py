"""prongsai set-deadline "TITLE" DATE --by SUPERUSER [--note TEXT] — a date for every organisation."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core import thai
from prongsai.core.errors import ServiceError
from prongsai.deadlines.services import set_national_deadline


class Command(BaseCommand):
    help = "Set a date every organisation sees in its year (e.g. NACC's assessment window), as a superuser."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("title")
        parser.add_argument("date", help="e.g. 31/03/2568 or ๓๑ มี.ค. ๖๘")
        parser.add_argument("--by", required=True, help="the superuser recorded as having set it")
        parser.add_argument("--note", default="")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            due = thai.parse_date(opts["date"])
        except thai.ThaiDateError as err:
            raise CommandError(f"วันที่ “{opts['date']}”: {err.message}") from None
        actor = get_user_model().objects.filter(username=opts["by"], is_active=True).first()
        if actor is None:
            raise CommandError(f"ไม่พบผู้ใช้ “{opts['by']}”")
        try:
            item = set_national_deadline(actor, title=opts["title"], due=due, note=opts["note"])
        except ServiceError as err:
            raise CommandError(err.message) from None
        self.stdout.write(f"{thai.format_date_long(item.due)} · {item.title} (ปีงบประมาณ {item.fiscal_year})")
