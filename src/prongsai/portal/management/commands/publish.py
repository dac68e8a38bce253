"""prongsai publish --org SLUG --year YEAR [--round 2] --doc report|plan [--as USERNAME] [-o FILE]

Publishes the latest APPROVED version of the document through the same checks as the web page:
the actor must be the organisation's admin (--as; default the system account), every privacy
finding must be resolved (--mask-all or --confirm-public; otherwise it stops and lists them), a
signed copy goes out only with --with-signed (and --confirm-unchecked when it is a scan).
-o writes the published PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.errors import ServiceError
from prongsai.documents.models import Snapshot, SnapshotStatus
from prongsai.orgs.models import Membership, Organization
from prongsai.orgs.services import system_membership
from prongsai.portal.services import documents as services
from prongsai.portal.services.common import MASK, PUBLIC, describe


class Command(BaseCommand):
    help = "Publish the latest approved version of a plan's document on the public page."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="organisation slug")
        parser.add_argument("--year", type=int, required=True, help="fiscal year B.E.")
        parser.add_argument("--round", type=int, default=2, choices=[1, 2], help="report round (default 2)")
        parser.add_argument("--doc", choices=["report", "plan"], default="report")
        parser.add_argument("--as", dest="username", default="", help="the admin who publishes")
        parser.add_argument("--mask-all", action="store_true", help="mask every privacy finding in the public copy")
        parser.add_argument("--confirm-public", action="store_true", help="confirm every finding is meant to be public")
        parser.add_argument("--with-signed", action="store_true", help="publish the signed copy too")
        parser.add_argument("--confirm-unchecked", action="store_true", help="the signed scan was checked by hand")
        parser.add_argument("-o", "--output", default="", help="write the published PDF here")

    def _membership(self, org: Organization, username: str) -> Membership:
        if not username:
            return system_membership(org)
        user = get_user_model().objects.filter(username=username).first()
        membership = (
            Membership.objects.active().filter(user=user, organization=org).select_related("organization").first()
        )
        if membership is None:
            raise CommandError(f'"{username}" ไม่ใช่สมาชิกของ {org.name}')
        return membership

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["mask_all"] and opts["confirm_public"]:
            raise CommandError("--mask-all และ --confirm-public ใช้พร้อมกันไม่ได้")
        org = Organization.objects.filter(slug=opts["org"]).first()
        if org is None:
            raise CommandError(f'ไม่พบหน่วยงาน "{opts["org"]}"')
        round_value = opts["round"] if opts["doc"] == "report" else 0
        snapshot = (
            Snapshot.objects.filter(
                organization=org,
                plan__fiscal_year=opts["year"],
                kind=opts["doc"],
                round=round_value,
                status=SnapshotStatus.APPROVED,
            )
            .select_related("plan", "organization")
            .order_by("-version")
            .first()
        )
        if snapshot is None:
            raise CommandError(f"{org.name} ไม่มีเอกสารฉบับที่อนุมัติแล้วของปีงบประมาณ {opts['year']}")
        membership = self._membership(org, opts["username"])
        try:
            preview = services.preview(snapshot, membership, decisions={}, include_signed=opts["with_signed"])
            choice = MASK if opts["mask_all"] else PUBLIC if opts["confirm_public"] else ""
            decisions = {f.id: choice for f in preview.findings} if choice else {}
            decisions.update({f.id: PUBLIC for f in preview.signed_findings if opts["confirm_public"]})
            left = [f for f in preview.findings + preview.signed_findings if f.id not in decisions]
            if left:
                raise CommandError(
                    "พบข้อมูลส่วนบุคคลที่ยังไม่ได้ตัดสินใจ (unresolved privacy findings): "
                    + describe(left)
                    + " — ใช้ --mask-all หรือ --confirm-public"
                )
            publication = services.publish(
                snapshot,
                membership,
                membership.user,
                decisions=decisions,
                include_signed=opts["with_signed"],
                confirm_unchecked=opts["confirm_unchecked"],
            )
        except ServiceError as err:
            raise CommandError(err.message) from None
        for item in publication.files.all():
            self.stdout.write(f"{item.role}: {item.public_name} sha256 {item.sha256}")
        if opts["output"]:
            pdf = publication.files.get(role="pdf")
            with pdf.file.open("rb") as fh:
                Path(opts["output"]).write_bytes(fh.read())
            self.stdout.write(f"{opts['output']}: {pdf.size} bytes")
        self.stdout.write(
            self.style.SUCCESS(f"เผยแพร่แล้ว (published): /{org.slug}/{publication.fiscal_year}/{publication.doc_key}/")
        )
