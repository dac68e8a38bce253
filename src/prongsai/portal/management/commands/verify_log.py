"""prongsai verify-log [--since HEAD]: check the publication log's hash chain.

Exit 0 when intact (from the first entry, or from the entry whose hash starts with HEAD, to the
current head); exit 1 naming the first broken entry, or when HEAD is no longer in the chain.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from prongsai.portal import log


class Command(BaseCommand):
    help = "Check the publication log's hash chain (exit 0 intact, 1 broken)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", default="", help="a head hash noted earlier (at least 8 characters)")

    def handle(self, *args: Any, **opts: Any) -> None:
        result = log.verify(opts["since"] or None)
        if result.ok:
            self.stdout.write(f"ok: {result.checked} entries checked, head {result.head or log.GENESIS}")
            return
        where = (
            f"entry #{result.broken_seq}: "
            if result.broken_seq and f"#{result.broken_seq}" not in result.problem
            else ""
        )
        self.stderr.write(f"BROKEN: {where}{result.problem} ({result.checked} entries checked before it)")
        sys.exit(1)
