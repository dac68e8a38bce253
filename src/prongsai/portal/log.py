"""The publication log: a hash chain anyone can check.

Each entry's hash is SHA-256 over the canonical JSON (keys sorted, no spaces, UTF-8) of all its
fields, `prev_hash` (the previous entry's hash; 64 zeros for the first) included. Changing any past
entry changes its hash, so the next entry's `prev_hash` no longer matches; removing one leaves a gap
in `seq`. The head (the last entry's hash) is shown on every public page: whoever notes it can later
run `prongsai verify-log --since HEAD` (or compare /log.json) and see it is still in the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from prongsai.portal.models import LogEntry

GENESIS = "0" * 64
FIELDS = (
    "seq",
    "at",
    "action",
    "organization",
    "organization_name",
    "document",
    "fiscal_year",
    "round",
    "version",
    "format",
    "title",
    "filename",
    "sha256",
    "size",
    "publisher",
    "reason",
    "subject",
    "prev_hash",
)


def entry_dict(entry: LogEntry) -> dict[str, Any]:
    """The hashed fields of an entry, as plain JSON values (times in UTC, ISO 8601 with microseconds)."""
    values: dict[str, Any] = {}
    for name in FIELDS:
        value = getattr(entry, name)
        if name == "at":
            value = value.astimezone(UTC).isoformat(timespec="microseconds")
        values[name] = value
    return values


def canonical(values: dict[str, Any]) -> bytes:
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def compute_hash(entry: LogEntry) -> str:
    return hashlib.sha256(canonical(entry_dict(entry))).hexdigest()


def public_dict(entry: LogEntry) -> dict[str, Any]:
    return {**entry_dict(entry), "entry_hash": entry.entry_hash}


def head() -> LogEntry | None:
    return LogEntry.objects.order_by("-seq").first()


def append(**fields: Any) -> LogEntry:
    """Add one entry at the end of the chain. Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("log.append must run inside a transaction")
    if connection.vendor == "postgresql":
        # One writer at a time: the next entry needs the previous one's hash.
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {LogEntry._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    last = head()  # SQLite: the IMMEDIATE transaction already holds the write lock
    entry = LogEntry(
        seq=(last.seq + 1) if last else 1,
        at=timezone.now(),
        prev_hash=last.entry_hash if last else GENESIS,
        **fields,
    )
    entry.entry_hash = compute_hash(entry)
    entry.save(force_insert=True)
    return entry


@dataclass
class ChainCheck:
    ok: bool
    checked: int
    head: str
    broken_seq: int | None = None
    problem: str = ""


def check_entries(entries: Iterable[LogEntry], *, prev_hash: str | None, prev_seq: int | None) -> ChainCheck:
    """Walk entries in seq order; the first one that does not fit the chain is reported."""
    checked = 0
    current = prev_hash or ""
    for entry in entries:
        if prev_seq is not None and entry.seq != prev_seq + 1:
            return ChainCheck(
                False, checked, current, prev_seq + 1, f"entry #{prev_seq + 1} is missing (next is #{entry.seq})"
            )
        if prev_hash is not None and entry.prev_hash != prev_hash:
            return ChainCheck(
                False, checked, current, entry.seq, f"entry #{entry.seq}: prev_hash does not match entry #{prev_seq}"
            )
        recomputed = compute_hash(entry)
        if recomputed != entry.entry_hash:
            return ChainCheck(
                False,
                checked,
                current,
                entry.seq,
                f"entry #{entry.seq} was changed: its content hashes to {recomputed[:16]}…, "
                f"the chain says {entry.entry_hash[:16]}…",
            )
        prev_hash, prev_seq, current = entry.entry_hash, entry.seq, entry.entry_hash
        checked += 1
    return ChainCheck(True, checked, current)


def verify(since: str | None = None) -> ChainCheck:
    """Check the whole chain, or from the entry whose hash starts with `since` to the head."""
    entries = LogEntry.objects.order_by("seq")
    if since:
        since = since.strip().lower()
        if len(since) < 8:
            return ChainCheck(False, 0, "", None, "give at least the first 8 characters of the head's hash")
        start = LogEntry.objects.filter(entry_hash__startswith=since).order_by("seq").first()
        if start is None:
            return ChainCheck(False, 0, "", None, f"{since} is not in the chain (changed or removed)")
        result = check_entries([start], prev_hash=None, prev_seq=None)
        if not result.ok:
            return result
        rest = check_entries(
            entries.filter(seq__gt=start.seq).iterator(), prev_hash=start.entry_hash, prev_seq=start.seq
        )
        rest.checked += 1
        return rest
    return check_entries(entries.iterator(), prev_hash=GENESIS, prev_seq=0)
