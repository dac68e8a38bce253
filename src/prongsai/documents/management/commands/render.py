"""prongsai render --org SLUG --year 2567 [--round 2] --doc report|plan --format pdf|docx|xlsx|csv -o FILE"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.errors import ServiceError
from prongsai.documents import services
from prongsai.documents.models import DocFormat, DocKind, Snapshot
from prongsai.measures.models import Plan
from prongsai.orgs.models import Organization
from prongsai.orgs.services import system_membership


class Command(BaseCommand):
    help = "Render the latest version of a plan's document (making one if there is none) to a file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="organisation slug")
        parser.add_argument("--year", type=int, required=True, help="fiscal year B.E.")
        parser.add_argument("--round", type=int, default=2, choices=[1, 2], help="report round (default 2)")
        parser.add_argument("--doc", choices=DocKind.values, default=DocKind.REPORT)
        parser.add_argument("--format", choices=DocFormat.values, default=DocFormat.PDF)
        parser.add_argument("-o", "--output", required=True, help="file to write")

    def handle(self, *args: Any, **opts: Any) -> None:
        org = Organization.objects.filter(slug=opts["org"]).first()
        if org is None:
            raise CommandError(f'ไม่พบหน่วยงาน "{opts["org"]}"')
        plan = Plan.objects.filter(organization=org, fiscal_year=opts["year"]).first()
        if plan is None:
            raise CommandError(f"{org.name} ไม่มีแผนปีงบประมาณ {opts['year']}")
        round_value = opts["round"] if opts["doc"] == DocKind.REPORT else 0
        snapshot = Snapshot.objects.filter(plan=plan, kind=opts["doc"], round=round_value).order_by("-version").first()
        if snapshot is None:
            membership = system_membership(org)
            try:
                snapshot = services.make_snapshot(
                    plan, membership, membership.user, kind=opts["doc"], round_no=opts["round"]
                )
            except ServiceError as err:
                raise CommandError(err.message) from None
        item = services.render_file(snapshot, opts["format"])
        out = Path(opts["output"])
        with item.file.open("rb") as fh:
            out.write_bytes(fh.read())
        self.stdout.write(f"{out}: {snapshot} ({item.size} bytes, sha256 {item.sha256})")
