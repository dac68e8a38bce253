"""The publication log is a hash chain: verify-log passes, and finds an entry changed behind the
triggers' back (the test drops them, edits, and puts them back), naming it, with exit 1."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import connection

from prongsai.documents.models import Snapshot
from prongsai.portal import log, triggers
from prongsai.portal.models import LogEntry
from prongsai.portal.services import documents as publishing

from .conftest import World


@pytest.fixture
def published(world: World, report: Snapshot) -> None:
    publishing.publish(report, world.somchai, world.somchai.user, decisions={})


@contextmanager
def triggers_dropped(table: str = "portal_logentry") -> Iterator[None]:
    triggers.drop(connection, [table])
    try:
        yield
    finally:
        triggers.install(connection, [table])


def verify_log(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_log", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


def test_each_entry_carries_the_hash_of_the_one_before(published: None) -> None:
    entries = list(LogEntry.objects.order_by("seq"))
    assert entries[0].prev_hash == log.GENESIS
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.entry_hash
    assert all(log.compute_hash(e) == e.entry_hash for e in entries)


def test_verify_log_passes_on_an_intact_chain(published: None) -> None:
    code, output = verify_log()
    assert code == 0 and "ok: 3 entries" in output
    head = log.head()
    assert head is not None
    assert verify_log("--since", head.entry_hash[:12])[0] == 0


def test_an_entry_changed_behind_the_triggers_back_is_found(published: None) -> None:
    with triggers_dropped():
        LogEntry.objects.filter(seq=2).update(sha256="0" * 64)
    code, output = verify_log()
    assert code == 1
    assert "entry #2 was changed" in output
    assert triggers.missing(connection) == []


def test_a_removed_entry_leaves_a_gap_that_is_found(published: None) -> None:
    with triggers_dropped():
        LogEntry.objects.filter(seq=2).delete()
    code, output = verify_log()
    assert code == 1 and "#2 is missing" in output


def test_a_noted_head_that_is_no_longer_in_the_chain_fails(published: None) -> None:
    head = log.head()
    assert head is not None
    with triggers_dropped():
        LogEntry.objects.filter(seq=head.seq).update(entry_hash="f" * 64)
    code, output = verify_log("--since", head.entry_hash[:16])
    assert code == 1 and "not in the chain" in output


def test_the_log_is_public_as_a_page_and_as_json(world: World, published: None) -> None:
    client = world.client(None)
    data = client.get("/log.json").json()
    head = log.head()
    assert head is not None
    assert data["head"] == head.entry_hash and len(data["entries"]) == 3
    entry = data["entries"][0]
    recomputed = log.canonical({k: v for k, v in entry.items() if k != "entry_hash"})
    import hashlib

    assert hashlib.sha256(recomputed).hexdigest() == entry["entry_hash"]
    assert head.entry_hash in client.get("/log/").content.decode()


def test_the_log_names_the_publisher_and_the_document_in_thai_never_a_login(world: World, published: None) -> None:
    page = world.client(None).get("/log/").content.decode()
    somchai = world.somchai.user
    assert LogEntry.objects.filter(publisher__startswith=somchai.get_full_name()).count() == 3
    assert f"โดย {somchai.get_full_name()}" in page
    assert somchai.get_full_name() != somchai.username and f"โดย {somchai.username}<" not in page
    assert "รายงานผลการดำเนินการตามมาตรการฯ รอบ ๑๒ เดือน ฉบับที่ ๑" in page
    assert " r2" not in page and " v1" not in page


def test_an_entry_written_with_a_login_is_shown_with_the_persons_name(world: World, published: None) -> None:
    """Entries made before the log named people keep their login (the log is append-only); the page
    shows the person instead."""
    old = LogEntry.objects.order_by("seq").first()
    assert old is not None
    from django.db import transaction

    with transaction.atomic():
        log.append(
            **{f: getattr(old, f) for f in log.FIELDS if f not in ("seq", "at", "publisher", "prev_hash")},
            publisher=world.somchai.user.username,
        )
    page = world.client(None).get("/log/").content.decode()
    assert page.count(f"โดย {world.somchai.user.get_full_name()}") == 4
