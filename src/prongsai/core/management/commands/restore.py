"""prongsai restore FILE [--force] [--backup-first PATH]: put a `prongsai backup` archive back."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from prongsai.core.backup import (
    BackupError,
    create_backup,
    replace_media,
    restore_database,
    staged_archive,
    verify_media,
)
from prongsai.core.management.commands.backup import describe


def nonempty_tables(alias: str = "default") -> list[str]:
    """Labels of the project's models (and the user model) that hold at least one row."""
    connection = connections[alias]
    existing = set(connection.introspection.table_names())
    models = [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("prongsai.")
        for model in config.get_models(include_auto_created=True)
    ]
    models.append(get_user_model())
    found: list[str] = []
    seen: set[str] = set()
    for model in models:
        table = model._meta.db_table
        if table in seen or table not in existing or model._meta.proxy:
            continue
        seen.add(table)
        if model._base_manager.using(alias).exists():
            found.append(model._meta.label)
    return found


def default_backup_first(archive: Path) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return archive.absolute().with_name(f"{archive.name}.before-restore-{stamp}.tar.gz")


class Command(BaseCommand):
    help = (
        "Restore the database and MEDIA_ROOT from a `prongsai backup` archive. Refuses a database "
        "that already holds data unless --force, which first backs the current state up."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="an archive written by `prongsai backup`")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that holds data (backing it up first)"
        )
        parser.add_argument(
            "--backup-first",
            metavar="PATH",
            help="where the current state is backed up (default: FILE.before-restore-<time>.tar.gz)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            self._restore(Path(opts["file"]), opts["force"], opts["backup_first"])
        except BackupError as err:
            raise CommandError(str(err)) from None
        except (OSError, DatabaseError, sqlite3.Error) as exc:
            # e.g. "database is locked": stop the web server (and its timers) during a restore.
            raise CommandError(f"กู้คืนไม่สำเร็จ — restore failed: {exc}") from None

    def _restore(self, archive: Path, force: bool, backup_first: str | None) -> None:
        media_root = Path(settings.MEDIA_ROOT)
        # Everything is extracted and checked against the manifest before anything is changed.
        with staged_archive(archive, media_root=media_root) as staged:
            occupied = nonempty_tables()
            if occupied and not force:
                raise CommandError(
                    f"ฐานข้อมูลปัจจุบันมีข้อมูลอยู่แล้ว ({', '.join(occupied[:4])}) จึงไม่กู้คืนทับ "
                    "ถ้าต้องการแทนที่ ให้สั่งใหม่พร้อม --force (ระบบจะสำรองข้อมูลปัจจุบันไว้ก่อน) — "
                    "the database already holds data; run again with --force to replace it "
                    "(the current state is backed up first)"
                )
            if force or backup_first:
                before = Path(backup_first) if backup_first else default_backup_first(archive)
                if before.absolute() == archive.absolute():
                    raise CommandError("--backup-first ต้องไม่ใช่ไฟล์ที่กำลังกู้คืน — must differ from FILE")
                summary = create_backup(before, media_root=media_root)
                self.stdout.write(f"ก่อนกู้คืน: {describe(summary)}")
            restore_database(staged)
            replace_media(staged, media_root)
            manifest = staged.manifest
        bad = verify_media(manifest, media_root)
        if bad:
            raise CommandError(
                f"ไฟล์แนบหลังกู้คืนไม่ตรงกับ manifest — media files not matching the manifest: {', '.join(bad[:5])}"
            )
        self.stdout.write(
            f"กู้คืนแล้ว: ฐานข้อมูล {manifest['database']['engine']} และไฟล์แนบ {manifest['file_count']} ไฟล์ "
            f"จาก {archive} (สำรองเมื่อ {manifest['created_at']}) — restored the database and "
            f"{manifest['file_count']} media files from {archive}"
        )
        self._hint_migrate(manifest)

    def _hint_migrate(self, manifest: dict[str, Any]) -> None:
        applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
        if set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations) - applied:
            self.stdout.write(
                "ไฟล์สำรองเก่ากว่าโปรแกรมรุ่นนี้ กรุณาสั่ง `prongsai migrate` — "
                "the backup predates this version: run `prongsai migrate`"
            )
