"""prongsai import-report FILE [--org SLUG --year YEAR --round N --as USERNAME] [--dry-run --json]

prongsai import-report DIR --org SLUG [--round N --as USERNAME --create-departments] [--dry-run --json]: every
supported file under DIR (recursively, in name order), each in its own transaction (imports/batch.py): a file
already imported (same SHA-256) is skipped, a bad file is reported and the rest go on. A progress bar on stderr,
a summary table (file, year, measures, status) at the end; the exit status is 1 when a file failed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.errors import ServiceError
from prongsai.imports.folder import run as run_folder
from prongsai.imports.readers import read_document
from prongsai.imports.seed import ImportFormatError, report_to_json
from prongsai.imports.services import import_report_file
from prongsai.orgs.models import Membership, Organization
from prongsai.orgs.services import system_membership


class Command(BaseCommand):
    help = "Import a measures report (Word, PDF, Excel, CSV, text), or every report in a folder, into a plan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a report file, or a folder of them")
        parser.add_argument("--org", help="organisation slug (not needed with --dry-run)")
        parser.add_argument("--year", type=int, help="fiscal year B.E. (default: the document's)")
        parser.add_argument(
            "--round",
            type=int,
            choices=[1, 2],
            help="1 = 6 months, 2 = 12 months (default 2; a folder: the round a document names, else 2)",
        )
        parser.add_argument("--as", dest="as_user", help="username recorded as the actor")
        parser.add_argument("--dry-run", action="store_true", help="parse and print; write nothing")
        parser.add_argument("--json", action="store_true", help="print the parsed report as JSON")
        parser.add_argument(
            "--create-departments", action="store_true", help="folder: create departments the organisation lacks"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["file"])
        if path.is_dir():
            run_folder(self, path, opts)
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"อ่านไฟล์ {path} ไม่ได้: {exc.strerror}") from None
        try:
            report = read_document(data, filename=path.name)
        except ImportFormatError as err:
            raise CommandError(f"{path}: {err}") from None
        if opts["dry_run"]:
            if opts["json"]:
                self.stdout.write(json.dumps(report_to_json(report), ensure_ascii=False, indent=2))
            else:
                self._summary(report.organization, report.fiscal_year, len(report.measures), report.warnings)
            return
        membership = self.acting_membership(opts)
        org = membership.organization
        try:
            result = import_report_file(
                data,
                path.name,
                report,
                membership,
                membership.user,
                fiscal_year=opts["year"],
                round_no=opts["round"] or 2,
            )
        except ImportFormatError as err:
            raise CommandError(f"{path}: {err} — ไม่ได้บันทึกข้อมูลใด") from None
        except ServiceError as err:
            raise CommandError(f"{path}: {err.message}") from None
        if opts["json"]:
            payload = {"plan": str(result.plan.pk), "measures": result.measures, "warnings": result.warnings}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            self._summary(org.name, result.plan.fiscal_year, result.measures, result.warnings)

    def acting_membership(self, opts: dict[str, Any]) -> Membership:
        """The membership that imports into --org: --as USERNAME's, or the system account's."""
        if not opts["org"]:
            raise CommandError("ระบุหน่วยงานด้วย --org SLUG (หรือใช้ --dry-run เพื่อตรวจอย่างเดียว)")
        org = Organization.objects.filter(slug=opts["org"]).first()
        if org is None:
            raise CommandError(f'ไม่พบหน่วยงาน "{opts["org"]}"')
        return self.membership(org, opts["as_user"])

    def membership(self, org: Organization, username: str | None) -> Membership:
        if not username:
            return system_membership(org)
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f'ไม่พบผู้ใช้ "{username}"')
        membership = Membership.objects.active().filter(user=user, organization=org).first()
        if membership is None or not membership.can_edit:
            raise CommandError(f'ผู้ใช้ "{username}" ไม่มีสิทธิ์บันทึกข้อมูลของ {org.name}')
        return membership

    def _summary(self, org: str, year: int, count: int, warnings: list[str]) -> None:
        self.stdout.write(f"{org} ปีงบประมาณ {year}: {count} มาตรการ")
        for warning in warnings:
            self.stdout.write(f"  คำเตือน: {warning}")
