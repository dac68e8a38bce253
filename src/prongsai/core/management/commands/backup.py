"""prongsai backup FILE [--overwrite]: the database and the media files in one .tar.gz."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from prongsai.core.backup import BackupError, BackupSummary, create_backup


def describe(summary: BackupSummary) -> str:
    kb = summary.size / 1024
    size = f"{kb:.0f} KB" if kb < 1024 else f"{kb / 1024:.1f} MB"
    return (
        f"สำรองข้อมูลแล้ว: ฐานข้อมูล {summary.engine} และไฟล์แนบ {summary.file_count} ไฟล์ "
        f"ที่ {summary.path} ({size}) — backup of the {summary.engine} database and "
        f"{summary.file_count} media files written to {summary.path}"
    )


class Command(BaseCommand):
    help = "Back up the database and MEDIA_ROOT into one .tar.gz archive (with a manifest of sha256s)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the archive to write, e.g. prongsai-2568-01-31.tar.gz")
        parser.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            summary = create_backup(
                Path(opts["file"]), media_root=Path(settings.MEDIA_ROOT), overwrite=opts["overwrite"]
            )
        except BackupError as err:
            raise CommandError(str(err)) from None
        except (OSError, DatabaseError, sqlite3.Error) as exc:
            # e.g. "database is locked": stop the web server (and its timers) during a restore.
            raise CommandError(f"สำรองข้อมูลไม่สำเร็จ — backup failed: {exc}") from None
        for name in summary.skipped:
            self.stderr.write(f"ข้ามไฟล์ที่ไม่ใช่ไฟล์ปกติ — skipped (not a regular file): {name}")
        self.stdout.write(describe(summary))
