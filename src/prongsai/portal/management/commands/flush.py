"""`flush` (empty the whole database; the test suite's transactional tests run it after each test).

The append-only triggers (portal/triggers.py) would refuse flush's DELETE/TRUNCATE of the history
and log tables, so this drops them, flushes, and installs them again whatever happens. Emptying the
whole database is a deliberate act of someone who can run DDL; no request can reach it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from prongsai.portal import triggers


class Command(FlushCommand):
    help = str(FlushCommand.help) + " (Prongsai: the append-only triggers are dropped and re-installed around it.)"

    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        tables = triggers.drop(connection)
        try:
            super().handle(**options)
        finally:
            triggers.install(connection, tables)
