"""Backup and restore: the database and the media files in one tar.gz, with a manifest.

Archive layout: `database.sqlite3` (SQLite's online backup API) or `database.pgdump`
(`pg_dump --format=custom`), `media/<path>` for every file under MEDIA_ROOT, and `manifest.json`
last (format version, creation time, engine, applied migrations per app, sha256 of every file).
Restoring extracts and verifies everything into a staging folder before the database is touched.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import prongsai

FORMAT = "prongsai-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DB_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
_CHUNK = 1024 * 1024
# OPTIONS of a PostgreSQL DATABASES entry that libpq tools read from PG<OPTION> variables.
_PG_OPTIONS = ("sslmode", "sslrootcert", "sslcert", "sslkey", "passfile", "service", "connect_timeout")


class BackupError(Exception):
    """A refused or failed backup/restore; the message is Thai, then English."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    engine: str
    file_count: int
    size: int
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StagedArchive:
    """An archive extracted into `folder` (its database file and media folder) and verified."""

    folder: Path
    manifest: dict[str, Any]
    database: Path
    media: Path


def engine_name(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in DB_MEMBERS:
        raise BackupError(f"ไม่รองรับฐานข้อมูลชนิด {vendor} — unsupported database engine {vendor}")
    return vendor


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def applied_migrations(alias: str = "default") -> dict[str, list[str]]:
    recorder = MigrationRecorder(connections[alias])
    if not recorder.has_table():
        return {}
    state: dict[str, list[str]] = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        state.setdefault(app_label, []).append(name)
    return state


# --- backup -----------------------------------------------------------------------------------


def _pg_command(tool: str, alias: str, *, dbname: bool = True) -> tuple[list[str], dict[str, str]]:
    """The tool's path (and `--dbname`), and an environment holding host, user and password."""
    path = shutil.which(tool)
    if path is None:
        raise BackupError(f"ไม่พบโปรแกรม {tool} (ติดตั้ง postgresql-client) — {tool} not found")
    db = connections[alias].settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    for option in _PG_OPTIONS:
        if db.get("OPTIONS", {}).get(option):
            env[f"PG{option.upper()}"] = str(db["OPTIONS"][option])
    env["PGAPPNAME"] = f"prongsai {tool}"
    command = [path, "--no-password"]
    if dbname and db.get("NAME"):
        command += ["--dbname", str(db["NAME"])]
    return command, env


def _run(command: list[str], env: dict[str, str], what: str) -> str:
    result = subprocess.run(  # noqa: S603 - no shell; the password is in PGPASSWORD, not in argv
        command, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-2000:]
        raise BackupError(f"{what} ไม่สำเร็จ — {what} failed (exit {result.returncode}): {detail}")
    return result.stdout


def dump_database(alias: str, destination: Path) -> None:
    if engine_name(alias) == "sqlite":
        connection = connections[alias]
        connection.ensure_connection()
        with closing(sqlite3.connect(destination)) as target:
            # The live connection: a file in production, the in-memory database under pytest.
            connection.connection.backup(target)
    else:
        command, env = _pg_command("pg_dump", alias)
        _run([*command, "--format=custom", "--file", str(destination)], env, "pg_dump")


class _HashingReader:
    """Hashes what tarfile reads, so the manifest states the bytes actually archived."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        return data


def _add_media(tar: tarfile.TarFile, media_root: Path) -> tuple[dict[str, str], list[str]]:
    hashes: dict[str, str] = {}
    skipped: list[str] = []
    for folder, dirnames, filenames in os.walk(media_root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(folder) / name
            relative = path.relative_to(media_root).as_posix()
            if path.is_symlink() or not path.is_file():
                skipped.append(relative)
                continue
            with path.open("rb") as f:
                reader = _HashingReader(f)
                tar.addfile(_normalise(tar.gettarinfo(str(path), f"{MEDIA}/{relative}")), reader)
            hashes[relative] = reader.digest.hexdigest()
    return hashes, skipped


def create_backup(target: Path, *, media_root: Path, alias: str = "default", overwrite: bool = False) -> BackupSummary:
    """Write the archive to a hidden partial file next to `target`, then rename it into place."""
    target = target.absolute()
    if target.exists() and not overwrite:
        raise BackupError(f"มีไฟล์ {target} อยู่แล้ว — {target} already exists")
    if not target.parent.is_dir():
        raise BackupError(f"ไม่พบโฟลเดอร์ {target.parent} — folder {target.parent} does not exist")
    engine = engine_name(alias)
    fd, partial_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    partial = Path(partial_name)
    work = Path(tempfile.mkdtemp(prefix=".prongsai-backup-", dir=target.parent))
    try:
        db_file = work / DB_MEMBERS[engine]
        dump_database(alias, db_file)
        with os.fdopen(fd, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
                tar.add(str(db_file), arcname=db_file.name, filter=_normalise)
                hashes, skipped = _add_media(tar, media_root)
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "created_at": timezone.localtime().isoformat(),
                    "prongsai_version": prongsai.__version__,
                    "database": {"engine": engine, "sha256": sha256_file(db_file)},
                    "migrations": applied_migrations(alias),
                    "file_count": len(hashes),
                    "files": hashes,
                }
                _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BackupSummary(target, engine, len(hashes), target.stat().st_size, skipped)


def _normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o644, int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


# --- restore ----------------------------------------------------------------------------------


def _extract(archive: Path, folder: Path) -> dict[str, str]:
    """Extract regular files only, as the current user; return the sha256 of each."""
    hashes: dict[str, str] = {}
    allowed = {MANIFEST, *DB_MEMBERS.values()}
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if member.isdir():
                    continue
                path = PurePosixPath(member.name)
                safe = not path.is_absolute() and ".." not in path.parts
                known = path.as_posix() in allowed or (path.parts[:1] == (MEDIA,) and len(path.parts) > 1)
                if not (member.isfile() and safe and known):
                    raise BackupError(f"ไฟล์สำรองมีรายการที่ไม่รู้จัก — unexpected entry in archive: {member.name!r}")
                if path.as_posix() in hashes:
                    raise BackupError(f"ไฟล์สำรองมีรายการซ้ำ — duplicate entry in archive: {member.name!r}")
                destination = folder.joinpath(*path.parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                assert source is not None
                digest = hashlib.sha256()
                with destination.open("wb") as out:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                hashes[path.as_posix()] = digest.hexdigest()
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        if isinstance(exc, BackupError):
            raise
        raise BackupError(
            f"อ่านไฟล์สำรอง {archive} ไม่ได้ (ไฟล์เสียหายหรือไม่ใช่ไฟล์ .tar.gz) — "
            f"cannot read {archive} (damaged or not a .tar.gz): {exc}"
        ) from exc
    return hashes


def _check_manifest(archive: Path, hashes: dict[str, str], folder: Path, alias: str) -> dict[str, Any]:
    if MANIFEST not in hashes:
        raise BackupError(
            f"{archive} ไม่มี {MANIFEST} จึงไม่ใช่ไฟล์สำรองของโปร่งใส — {archive} has no {MANIFEST}: not a Prongsai backup"
        )
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        engine = manifest["database"]["engine"]
        files: dict[str, str] = manifest["files"]
        version = int(manifest["format_version"])
        if manifest.get("format") != FORMAT or not isinstance(files, dict):
            raise ValueError(manifest.get("format"))
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{MANIFEST} อ่านไม่ได้ — {MANIFEST} is not a Prongsai manifest: {exc}") from exc
    if version > FORMAT_VERSION:
        raise BackupError(
            f"ไฟล์สำรองรุ่น {version} ใหม่กว่าโปรแกรมนี้ (รุ่น {FORMAT_VERSION}) กรุณาอัปเดตโปร่งใสก่อน — "
            f"backup format {version} is newer than this program's ({FORMAT_VERSION}): upgrade first"
        )
    current = engine_name(alias)
    if engine != current:
        raise BackupError(
            f"ไฟล์สำรองนี้มาจากฐานข้อมูล {engine} แต่ระบบนี้ใช้ {current} กู้คืนข้ามชนิดไม่ได้ — "
            f"this backup is of a {engine} database but DATABASE_URL points to {current}"
        )
    expected = {f"{MEDIA}/{name}": digest for name, digest in files.items()}
    expected[DB_MEMBERS[engine]] = manifest["database"]["sha256"]
    actual = {name: digest for name, digest in hashes.items() if name != MANIFEST}
    bad = sorted(name for name in expected.keys() | actual.keys() if expected.get(name) != actual.get(name))
    if bad:
        raise BackupError(
            f"ไฟล์ในไฟล์สำรองไม่ตรงกับ manifest ({len(bad)} ไฟล์) — "
            f"{len(bad)} file(s) missing or not matching their sha256: {', '.join(bad[:5])}"
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(
        f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names if (app, name) not in known
    )
    if unknown:
        raise BackupError(
            "ไฟล์สำรองมาจากโปร่งใสรุ่นที่ใหม่กว่า กรุณาอัปเดตโปรแกรมก่อนกู้คืน — the backup has migrations "
            f"this version does not know: {', '.join(unknown[:5])}"
        )
    return manifest


@contextmanager
def staged_archive(archive: Path, *, media_root: Path, alias: str = "default") -> Iterator[StagedArchive]:
    """Extract and verify the archive next to MEDIA_ROOT (so media can be swapped by renaming)."""
    if not archive.is_file():
        raise BackupError(f"ไม่พบไฟล์ {archive} — {archive} not found")
    parent = media_root.absolute().parent
    base = parent if parent.is_dir() and os.access(parent, os.W_OK) else None
    folder = Path(tempfile.mkdtemp(prefix=".prongsai-restore-", dir=base))
    try:
        hashes = _extract(archive, folder)
        manifest = _check_manifest(archive, hashes, folder, alias)
        (folder / MEDIA).mkdir(exist_ok=True)
        db_file = folder / DB_MEMBERS[manifest["database"]["engine"]]
        yield StagedArchive(folder, manifest, db_file, folder / MEDIA)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _pg_tables_in_dump(dump: Path, alias: str) -> set[str]:
    command, env = _pg_command("pg_restore", alias, dbname=False)
    listing = _run([*command, "--list", str(dump)], env, "pg_restore --list")
    # TOC lines look like "215; 1259 16390 TABLE public orgs_organization prongsai".
    rows = [line.split() for line in listing.splitlines() if not line.startswith(";")]
    return {row[5] for row in rows if len(row) > 5 and row[3] == "TABLE"}


def restore_database(staged: StagedArchive, alias: str = "default") -> None:
    connection = connections[alias]
    if connection.in_atomic_block:
        raise BackupError("กู้คืนภายใน transaction ไม่ได้ — cannot restore inside a transaction")
    if staged.manifest["database"]["engine"] == "sqlite":
        with closing(sqlite3.connect(staged.database)) as source:
            check = source.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise BackupError(f"ฐานข้อมูลในไฟล์สำรองเสียหาย — the archived database is damaged: {check}")
            connection.ensure_connection()
            # Into the live connection: replaces the file in production, the memory database in tests.
            source.backup(connection.connection)
    else:
        keep = _pg_tables_in_dump(staged.database, alias)
        connection.close()
        command, env = _pg_command("pg_restore", alias)
        flags = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
        _run([*command, *flags, str(staged.database)], env, "pg_restore")
        # Tables of migrations newer than the archive would block a later `migrate`.
        with connection.cursor() as cursor:
            for table in sorted(set(connection.introspection.table_names(cursor)) - keep if keep else []):
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
    connection.close()
    ContentType.objects.clear_cache()


def replace_media(staged: StagedArchive, media_root: Path) -> None:
    """Swap MEDIA_ROOT for the archive's files (a rename when possible, else a move of its entries)."""
    media_root = media_root.absolute()
    new = staged.media
    if os.geteuid() == 0 and media_root.is_dir():  # keep the web server's user as the owner
        owner = media_root.stat()
        for path in [new, *new.rglob("*")]:
            os.chown(path, owner.st_uid, owner.st_gid)
    if not media_root.exists():
        media_root.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(new), str(media_root))
        return
    old = staged.folder / "media-before"
    try:
        os.rename(media_root, old)
    except OSError:  # a mount point or another file system: replace the entries inside it
        for entry in list(media_root.iterdir()):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        for entry in list(new.iterdir()):
            shutil.move(str(entry), str(media_root / entry.name))
        return
    try:
        os.rename(new, media_root)
    except OSError:
        os.rename(old, media_root)
        raise


def verify_media(manifest: dict[str, Any], media_root: Path) -> list[str]:
    """Files under MEDIA_ROOT whose sha256 differs from the manifest (or that are missing)."""
    return sorted(
        name
        for name, digest in manifest["files"].items()
        if not (media_root / name).is_file() or sha256_file(media_root / name) != digest
    )
