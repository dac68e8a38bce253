"""prongsai ita-import-national FILE --year YEAR [--as USERNAME] [--batch-size N]

Imports a national or provincial sheet (CSV or XLSX; one row per organisation: code and/or name +
province, indicators 1-10). Progress goes to stderr; the summary, with every organisation not
found, to stdout. A bad cell stops the import before anything is written.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.core.digits import num
from prongsai.core.errors import ServiceError
from prongsai.ita.services import import_national_sheet
from prongsai.ita.sheets import read_national_sheet
from prongsai.orgs.services import system_user

BAR = 30


class Command(BaseCommand):
    help = "Import ITA scores of many organisations from a national or provincial sheet (CSV or XLSX)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--year", type=int, required=True, help="ITA year B.E., e.g. 2568")
        parser.add_argument("--as", dest="as_user", help="a superuser's username recorded as the actor")
        parser.add_argument("--batch-size", type=int, default=1000, help="rows per batch (one audit record each)")

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(_("อ่านไฟล์ %(path)s ไม่ได้: %(why)s") % {"path": path, "why": exc.strerror}) from None
        actor = self._actor(opts["as_user"])
        started = time.perf_counter()
        try:
            rows = read_national_sheet(data, path.name)
            result = import_national_sheet(
                actor,
                opts["year"],
                rows,
                progress=self._progress,
                source_name=path.name,
                sha256=hashlib.sha256(data).hexdigest(),
                batch_size=max(1, opts["batch_size"]),
            )
        except ServiceError as err:
            raise CommandError(f"{path.name}: {err.message}") from None
        self.stderr.write("")
        seconds = time.perf_counter() - started
        summary = _(
            "ITA %(year)s: %(rows)s แถว — สร้างใหม่ %(created)s, ปรับปรุง %(updated)s, ไม่พบหน่วยงาน %(unknown)s "
            "(%(batches)s ชุด, %(seconds).1f วินาที, รหัสการนำเข้า %(run)s)"
        )
        self.stdout.write(
            summary
            % {
                "year": opts["year"],
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unknown": len(result.unknown),
                "batches": len(result.batches),
                "seconds": seconds,
                "run": result.run,
            }
        )
        for row in result.unknown:
            why = _("พบหลายหน่วยงาน") if row.ambiguous else _("ไม่พบหน่วยงาน")
            line = _("  แถวที่ %(row)s: %(why)s รหัส %(code)s %(name)s จังหวัด %(province)s")
            self.stdout.write(
                line
                % {
                    "row": num(row.row),
                    "why": why,
                    "code": row.code or "-",
                    "name": row.name or "-",
                    "province": row.province or "-",
                }
            )

    def _progress(self, done: int, total: int) -> None:
        filled = BAR if total == 0 else BAR * done // total
        self.stderr.write(f"\r[{'#' * filled}{'.' * (BAR - filled)}] {done}/{total}", ending="")
        self.stderr.flush()

    def _actor(self, username: str | None) -> Any:
        if not username:
            return system_user()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None or not user.is_superuser:
            raise CommandError(_('"%(u)s" ไม่ใช่ผู้ดูแลระบบ (superuser) ที่ใช้งานอยู่') % {"u": username})
        return user
