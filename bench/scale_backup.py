"""Backup and restore of the country on PostgreSQL: `prongsai backup`, then `prongsai restore` into a spare database.

Run by `make bench BENCH=scale_backup`. It uses the cluster and the 7,852-organisation country of
bench/scale.py (var/bench-pg/, built there once and reused; built here if missing) and never writes
to that database. The two commands run as an operator runs them, each a `prongsai` process:

- `prongsai backup FILE`: pg_dump of the country plus MEDIA_ROOT (the bench's own, empty: the
  synthetic country has no evidence files) into one .tar.gz. Prints backup_s, backup_mib and, for
  scale, db_mib (pg_database_size of the country).
- `prongsai restore FILE` with DATABASE_URL pointing at a new empty database of the same cluster
  (RESTORE_DB, dropped before and after) and MEDIA_ROOT at a temporary folder. Prints restore_s.

Then every table of the public schema is compared between the country and the restored copy: its
row count and a checksum of its contents (md5 over the sorted md5s of its rows as text). Prints
restore_tables and restore_rows (compared), restore_mismatched_tables (must be 0: the script exits
with an error otherwise) and checksum_s (the time the comparison took, not part of restore_s).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg
from django.db import connection, connections
from psycopg import sql

# Importing scale starts the cluster of bench/scale.py and sets Django up on the country's database
# (its _setup, imported before DATABASE_URL was set, would use a throwaway SQLite instead).
from scale import PGDIR, _setup, build_country, cluster

RESTORE_DB = "prongsai_restore_check"
PRONGSAI = str(Path(sys.executable).with_name("prongsai"))


def run_prongsai(*args: str, env: dict[str, str]) -> float:
    """Run `prongsai ARGS` to completion; the seconds it took. Its output goes to the bench log."""
    start = time.perf_counter()
    result = subprocess.run([PRONGSAI, *args], env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    for line in (result.stdout + result.stderr).strip().splitlines():
        print(f"#   {line}", flush=True)
    if result.returncode != 0:
        raise SystemExit(f"prongsai {args[0]} failed (exit {result.returncode})")
    return elapsed


def drop_restore_db() -> None:
    assert RESTORE_DB != connection.settings_dict["NAME"]  # never the country itself
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [RESTORE_DB])
        exists = cursor.fetchone() is not None
    connections.close_all()
    if exists:
        cluster.psql(f"DROP DATABASE {RESTORE_DB}")


def contents(dbname: str) -> dict[str, tuple[int, str]]:
    """Every table of the public schema: (row count, md5 of its rows' md5s in order)."""
    db = connection.settings_dict
    params: dict[str, Any] = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "password": db["PASSWORD"]}
    found: dict[str, tuple[int, str]] = {}
    with psycopg.connect(dbname=dbname, **params) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
        for (table,) in tables:
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) FROM {} t"
            ).format(sql.Identifier(table))
            row = conn.execute(query).fetchone()
            assert row is not None
            found[table] = (int(row[0]), str(row[1]))
    return found


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="backup-check-", dir=PGDIR))
    try:
        build_country()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            _setup.report("db_mib", cursor.fetchone()[0] / 2**20, "MiB")
        connections.close_all()
        archive = work / "country.tar.gz"
        media = Path(os.environ["PRONGSAI_DATA_DIR"]) / "media"
        media.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "MEDIA_ROOT": str(media)}
        _setup.report("backup_s", run_prongsai("backup", str(archive), env=env), "s")
        _setup.report("backup_mib", archive.stat().st_size / 2**20, "MiB")

        drop_restore_db()  # left by an interrupted run
        cluster.psql(f"CREATE DATABASE {RESTORE_DB} OWNER prongsai")
        url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{RESTORE_DB}"
        env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(work / "restored-media")}
        _setup.report("restore_s", run_prongsai("restore", str(archive), env=env), "s")

        start = time.perf_counter()
        before, after = contents(connection.settings_dict["NAME"]), contents(RESTORE_DB)
        checked = time.perf_counter() - start
        mismatched = sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))
        for table in mismatched[:10]:
            print(f"# MISMATCH {table}: country {before.get(table)}, restored {after.get(table)}", flush=True)
        _setup.report("restore_tables", len(before), "tables")
        _setup.report("restore_rows", sum(n for n, _md5 in before.values()), "rows")
        _setup.report("restore_mismatched_tables", len(mismatched), "tables")
        _setup.report("checksum_s", checked, "s")
        if mismatched:
            raise SystemExit("the restored database differs from the country")
    finally:
        try:
            drop_restore_db()
        finally:
            shutil.rmtree(work, ignore_errors=True)
            cluster.stop()


if __name__ == "__main__":
    main()
