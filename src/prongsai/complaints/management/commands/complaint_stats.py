"""`prongsai complaint-stats --org SLUG --year YEAR [--json]`: one organisation's statistics for a fiscal year.

JSON keys: total, completed, in_progress, rejected, forwarded, by_month ("2567-10" … "2568-09", B.E.
year and calendar month), by_quarter ("1".."4" of the fiscal year), by_half, by_kind, by_channel;
each bucket holds the same five counts. See complaints/stats.py for how cases are counted.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.complaints.stats import COLUMNS, table_rows, year_stats
from prongsai.orgs.models import Organization


class Command(BaseCommand):
    help = "Complaint statistics of one organisation for one fiscal year (B.E.)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="the organisation's slug, e.g. klaeng")
        parser.add_argument("--year", required=True, type=int, help="fiscal year, B.E., e.g. 2568")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def handle(self, *args: Any, **options: Any) -> None:
        org = Organization.objects.filter(slug=options["org"]).first()
        if org is None:
            raise CommandError(f"ไม่พบหน่วยงาน {options['org']!r}")
        year = options["year"]
        if not 2400 <= year <= 2800:
            raise CommandError(f"ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2568 ไม่ใช่ {year}")
        stats = year_stats(org, year)
        if options["json"]:
            self.stdout.write(json.dumps(stats, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{org.name} ปีงบประมาณ {year}")
        if not stats["total"]:
            self.stdout.write("ไม่มีเรื่องร้องเรียน")
            return
        self.stdout.write("\t".join(["", *COLUMNS]))
        for label, row in table_rows(stats)["months"]:
            self.stdout.write("\t".join([label, *(str(row[c]) for c in COLUMNS)]))
        self.stdout.write("\t".join(["รวม", *(str(stats[c]) for c in COLUMNS)]))
