"""`prongsai backup` / `prongsai restore`: a round trip gives back the same rows and the same bytes.

Runs on whatever DATABASE_URL says: SQLite (the in-memory test database, through the live
connection) or PostgreSQL (pg_dump/pg_restore on the test database; `make test-pg`).
"""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from prongsai.core import backup
from prongsai.orgs.models import Organization
from prongsai.orgs.services import create_organization

pytestmark = pytest.mark.django_db(transaction=True)

MEDIA_FILES = {
    "evidence/org/2568/รายงานผล.pdf": b"%PDF-1.7\n\xe0\xb8\x94\x00\xff binary",
    "evidence/org/2568/photo": bytes(range(256)) * 40,
    "top.txt": "โปร่งใส\n".encode(),
}


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def write_media(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def read_media(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every project model (history and m2m tables included) and of the users."""
    models = [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("prongsai.")
        for model in config.get_models(include_auto_created=True)
    ]
    models.append(get_user_model())
    return {
        model._meta.label: json.loads(serializers.serialize("json", model._base_manager.order_by("pk")))
        for model in models
    }


def make_data(media: Path) -> None:
    User = get_user_model()
    user = User.objects.create_user("somchai", email="somchai@example.go.th", password="long-enough-pw")
    create_organization(user, name="องค์การบริหารส่วนตำบลทดสอบ", slug="test-sao", province="ระยอง")
    create_organization(None, name="เทศบาลตำบลทดสอบ", slug="test-muni", kind="tambon")
    write_media(media, MEDIA_FILES)


def wipe(media: Path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(media.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()


def test_round_trip_gives_identical_rows_and_files(media: Path, tmp_path: Path, capsys: Any) -> None:
    make_data(media)
    before = snapshot()
    assert before["orgs.Organization"] and before["orgs.HistoricalOrganization"]
    archive = tmp_path / "out" / "prongsai.tar.gz"
    archive.parent.mkdir()

    call_command("backup", str(archive))
    assert "สำรองข้อมูลแล้ว" in capsys.readouterr().out
    assert [p.name for p in archive.parent.iterdir()] == ["prongsai.tar.gz"]  # no partial files left
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert manifest["file_count"] == len(MEDIA_FILES)
    assert manifest["database"]["engine"] in ("sqlite", "postgresql")
    assert "0001_initial" in manifest["migrations"]["orgs"]

    wipe(media)
    assert not Organization.objects.exists()
    assert read_media(media) == {}

    call_command("restore", str(archive))
    assert "กู้คืนแล้ว" in capsys.readouterr().out
    assert snapshot() == before
    assert read_media(media) == MEDIA_FILES
    assert not list(archive.parent.glob("*before-restore*"))  # empty database: no --force backup


def test_restore_refuses_a_database_with_data_unless_forced(media: Path, tmp_path: Path, capsys: Any) -> None:
    make_data(media)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    archived = snapshot()
    create_organization(None, name="หน่วยงานหลังสำรอง", slug="after-backup")
    write_media(media, {"later.txt": b"added after the backup"})
    current = snapshot()

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive))
    assert snapshot() == current  # nothing changed

    call_command("restore", str(archive), "--force")
    out = capsys.readouterr().out
    assert "ก่อนกู้คืน" in out and "กู้คืนแล้ว" in out
    assert snapshot() == archived
    assert read_media(media) == MEDIA_FILES
    (before_restore,) = tmp_path.glob("backup.tar.gz.before-restore-*.tar.gz")
    assert str(before_restore) in out

    # The pre-restore backup holds the state that was replaced: restoring it brings that back.
    chosen = tmp_path / "chosen.tar.gz"
    call_command("restore", str(before_restore), "--force", "--backup-first", str(chosen))
    assert chosen.is_file()
    assert snapshot() == current
    assert read_media(media) == {**MEDIA_FILES, "later.txt": b"added after the backup"}


def test_restore_removes_tables_the_archive_does_not_have(media: Path, tmp_path: Path) -> None:
    """As after a rolled-back upgrade: tables of newer migrations would block the next `migrate`."""
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE newer_feature (id integer PRIMARY KEY)")
        cursor.execute("INSERT INTO newer_feature VALUES (1)")
    assert "newer_feature" in connection.introspection.table_names()

    call_command("restore", str(archive))
    assert "newer_feature" not in connection.introspection.table_names()


def rewrite_archive(source: Path, target: Path, change: Any) -> None:
    """Copy an archive, passing each (name, bytes) through change(name, data) -> bytes | None."""
    with tarfile.open(source) as src, tarfile.open(target, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            new = change(member.name, data)
            if new is None:
                continue
            member.size = len(new)
            dst.addfile(member, io.BytesIO(new))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda name, data: None if name == "manifest.json" else data, "manifest.json"),
        (
            lambda name, data: (
                data.replace(b'"engine": "sqlite"', b'"engine": "mysql"').replace(
                    b'"engine": "postgresql"', b'"engine": "mysql"'
                )
                if name == "manifest.json"
                else data
            ),
            "mysql",
        ),
        (lambda name, data: b"tampered" if name == "media/top.txt" else data, "sha256"),
    ],
    ids=["no-manifest", "other-engine", "tampered-file"],
)
def test_bad_archives_are_refused_before_anything_changes(
    media: Path, tmp_path: Path, change: Any, message: str
) -> None:
    make_data(media)
    good = tmp_path / "good.tar.gz"
    call_command("backup", str(good))
    bad = tmp_path / "bad.tar.gz"
    rewrite_archive(good, bad, change)
    wipe(media)
    empty = snapshot()

    with pytest.raises(CommandError, match=message):
        call_command("restore", str(bad), "--force")
    assert snapshot() == empty
    assert read_media(media) == {}
    assert not list(tmp_path.glob("*before-restore*"))


def test_not_an_archive(media: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar file")
    with pytest.raises(CommandError, match="อ่านไฟล์สำรอง"):
        call_command("restore", str(junk))
    with pytest.raises(CommandError, match="ไม่พบไฟล์"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))


def test_a_failed_backup_leaves_no_file(media: Path, tmp_path: Path, monkeypatch: Any) -> None:
    make_data(media)

    def broken(*args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(backup, "_add_media", broken)
    target = tmp_path / "b.tar.gz"
    with pytest.raises(CommandError, match="disk full"):
        call_command("backup", str(target))
    assert list(tmp_path.iterdir()) == [media]


def test_backup_does_not_overwrite(media: Path, tmp_path: Path) -> None:
    target = tmp_path / "b.tar.gz"
    target.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(target))
    assert target.read_bytes() == b"keep me"
    call_command("backup", str(target), "--overwrite")
    assert tarfile.is_tarfile(target)
