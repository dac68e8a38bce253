"""prongsai verify FILE [FILE …]: is this file a published document?

Prints which organisation, document, version and date, from the publication log. Exit 0 when every
file is published and still public; 1 when one is not a published document, or was published and
then withdrawn (then it says when and why).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from prongsai.portal.verification import lookup, sha256_stream


class Command(BaseCommand):
    help = "Check files against the publication log (exit 0 published, 1 not)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help="files to check")

    def handle(self, *args: Any, **opts: Any) -> None:
        all_published = True
        for name in opts["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: ไม่พบไฟล์ (no such file)")
            with path.open("rb") as fh:
                digest = sha256_stream(fh)
            matches = lookup(digest)
            if not matches:
                all_published = False
                self.stdout.write(f"{name}: NOT PUBLISHED — ไม่ใช่เอกสารที่เผยแพร่ (sha256 {digest})")
                continue
            for m in matches:
                e = m.published
                what = f"{e.organization_name} ({e.organization}) · {e.title} · FY {e.fiscal_year}"
                what += f" r{e.round}" if e.round else ""
                what += f" v{e.version}" if e.version else ""
                when = timezone.localtime(e.at).isoformat(timespec="seconds")
                if m.withdrawn:
                    all_published = False
                    gone = timezone.localtime(m.withdrawn.at).isoformat(timespec="seconds")
                    self.stdout.write(
                        f"{name}: WITHDRAWN — {what} · {e.format} · published {when} by {e.publisher}; "
                        f"ถอนการเผยแพร่เมื่อ {gone}: {m.withdrawn.reason} (log #{e.seq})"
                    )
                else:
                    self.stdout.write(
                        f"{name}: PUBLISHED — {what} · {e.format} · {when} by {e.publisher} "
                        f"(log #{e.seq} {e.entry_hash[:16]})"
                    )
        if not all_published:
            sys.exit(1)
