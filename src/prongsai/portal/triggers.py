"""Append-only in the database: triggers refuse UPDATE and DELETE on the audit, log and record tables.

Protected: every django-simple-history table (a table whose name has `_historical`, found by
looking at the database, so a history table added by any app is included) and the tables listed in
RECORD_TABLES below, the one place that names them. SQLite: `BEFORE UPDATE` / `BEFORE DELETE`
triggers that `RAISE(ABORT, ...)`. PostgreSQL: one plpgsql function, a `BEFORE UPDATE OR DELETE ...
FOR EACH ROW` trigger and a `BEFORE TRUNCATE` trigger per table.

When they are installed: by the migration portal/0002 (the tables that exist then), and again after
every `migrate` (a post_migrate hook, idempotent), so history tables of apps migrated later and a
table added to RECORD_TABLES get them too; tests/portal/test_append_only.py asserts that every
protected table has them and that each record table refuses UPDATE and DELETE.

What this rules out, on purpose: editing or deleting an audit row through the application, the
Django admin or a stray query. Known consequences, each handled in the open:
  * `flush` (used by the test suite's transactional tests to empty the whole database) is
    overridden by portal/management/commands/flush.py: it drops the triggers, flushes, and
    installs them again. A restore replaces the database wholesale (no UPDATE/DELETE).
  * `gen-demo --force` removes a generated (fictitious, `is_demo`) country with raw DELETEs, its
    plan approvals and any record rows added to it included: it runs them inside `suspended()`,
    which drops and re-creates the record tables' triggers within its own transaction (DDL is
    transactional on both vendors, so no other session ever sees the tables unprotected).
  * Deleting a user would make Django UPDATE history rows (history_user SET NULL): refused.
    Prongsai never deletes accounts (members are removed, their history stays).
  * A future migration that must rewrite history rows (on PostgreSQL e.g. a column turned NOT NULL
    with a default issues an UPDATE) has to call `drop(connection)` first; the post_migrate hook installs
    the triggers again. Only someone who can run DDL can do this, which no request can.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

LOG_TABLE = "portal_logentry"
# Tables whose rows the application only ever INSERTs. Checked for each: no service, view, command
# or signal UPDATEs or DELETEs its rows, and every foreign key that could cascade into it is PROTECT
# (an organisation, plan, snapshot, publication, case or user holding such rows cannot be deleted).
# Left out on purpose, because the application legitimately UPDATEs them: Evidence and
# PublishedEvidence (withdrawn), Publication (withdrawn), Snapshot (approved), CaseEvent (delivery
# state written after sending), Plan (status, approvals_count).
RECORD_TABLES: tuple[str, ...] = (
    LOG_TABLE,  # the publication log: hash-chained, one line per file published or withdrawn
    "complaints_caseaccesslog",  # who opened a confidential case (corruption report), when, and what they did
    "portal_publishedfile",  # a public file with its SHA-256; a withdrawal marks its Publication, not the file
    "documents_renderedfile",  # a snapshot's rendered file and its SHA-256, rendered once and kept
    "documents_signedcopy",  # the scan the executive signed by hand, linked to its approved version
    "measures_planapproval",  # each approval of a plan with the approved content frozen as it was
)
HISTORY_TABLE = re.compile(r"^[a-z0-9_]+_historical[a-z0-9_]*$")
PG_FUNCTION = "prongsai_append_only"


def protected_tables(connection: BaseDatabaseWrapper) -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return sorted(n for n in names if HISTORY_TABLE.match(n) or n in RECORD_TABLES)


def trigger_names(table: str) -> tuple[str, str]:
    """(row trigger, second trigger) names, within PostgreSQL's 63-character identifiers."""
    base = table if len(table) <= 48 else f"{table[:38]}_{hashlib.sha256(table.encode()).hexdigest()[:9]}"
    return f"{base}_append_only", f"{base}_append_only_2"


def _sqlite_install(cursor: Any, table: str) -> None:
    first, second = trigger_names(table)
    for name, event in ((first, "UPDATE"), (second, "DELETE")):
        message = f"append-only: {table} refuses {event}"
        cursor.execute(
            f'CREATE TRIGGER IF NOT EXISTS "{name}" BEFORE {event} ON "{table}" '
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


_PG_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'append-only: % refuses %', TG_TABLE_NAME, TG_OP USING ERRCODE = 'integrity_constraint_violation';
END
$$
"""


def _pg_install(cursor: Any, table: str) -> None:
    first, second = trigger_names(table)
    cursor.execute(
        f'CREATE OR REPLACE TRIGGER "{first}" BEFORE UPDATE OR DELETE ON "{table}" '
        f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"
    )
    cursor.execute(
        f'CREATE OR REPLACE TRIGGER "{second}" BEFORE TRUNCATE ON "{table}" '
        f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_FUNCTION}()"
    )


def install(connection: BaseDatabaseWrapper, tables: list[str] | None = None) -> list[str]:
    """Install the triggers (idempotent); returns the tables covered."""
    tables = protected_tables(connection) if tables is None else tables
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION_SQL)
            for table in tables:
                _pg_install(cursor, table)
        elif connection.vendor == "sqlite":
            for table in tables:
                _sqlite_install(cursor, table)
        else:  # settings allow only SQLite and PostgreSQL
            raise NotImplementedError(connection.vendor)
    return tables


def drop(connection: BaseDatabaseWrapper, tables: list[str] | None = None) -> list[str]:
    """Remove the triggers (for `flush` and for tests that tamper behind their back)."""
    tables = protected_tables(connection) if tables is None else tables
    with connection.cursor() as cursor:
        for table in tables:
            for name in trigger_names(table):
                if connection.vendor == "postgresql":
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')
                else:
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    return tables


def installed(connection: BaseDatabaseWrapper) -> dict[str, set[str]]:
    """table -> names of the triggers on it (for the test that every history table is covered)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal"
            )
        else:
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        rows = cursor.fetchall()
    found: dict[str, set[str]] = {}
    for table, name in rows:
        found.setdefault(table, set()).add(name)
    return found


def missing(connection: BaseDatabaseWrapper) -> list[str]:
    """Protected tables without both of their triggers."""
    found = installed(connection)
    return [t for t in protected_tables(connection) if not set(trigger_names(t)) <= found.get(t, set())]


@contextmanager
def suspended(connection: BaseDatabaseWrapper, tables: tuple[str, ...] = RECORD_TABLES) -> Iterator[None]:
    """Run the block with the triggers of `tables` dropped, inside one transaction (a savepoint when
    already in one) that re-creates them before it commits; on an error the rollback brings them back.
    For `gen-demo --force` only, removing a fictitious country; never called from a request."""
    with transaction.atomic(using=connection.alias):
        present = [t for t in protected_tables(connection) if t in tables]
        drop(connection, present)
        yield
        install(connection, present)


def install_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    from django.db import connections

    install(connections[using])


def install_forward(apps: Any, schema_editor: Any) -> None:
    install(schema_editor.connection)


def drop_backward(apps: Any, schema_editor: Any) -> None:
    drop(schema_editor.connection)
