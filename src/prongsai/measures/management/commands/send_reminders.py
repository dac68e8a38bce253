"""prongsai send-reminders [--date 2567-03-17]: run daily (cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from prongsai.core import thai
from prongsai.measures.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail the departments whose round is due and whose results are not recorded yet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="pretend today is this date (B.E. accepted, e.g. 17/3/2567)")

    def handle(self, *args: Any, **opts: Any) -> None:
        today = timezone.localdate()
        if opts["date"]:
            try:
                today = thai.parse_date(opts["date"])
            except thai.ThaiDateError as err:
                raise CommandError(str(err)) from None
        sent = send_reminders(today)
        self.stdout.write(f"ส่งอีเมลเตือน {sent} ฉบับ ({thai.format_date_long(today)})")
