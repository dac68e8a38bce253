"""Append-only in the database: UPDATE and DELETE on the log and the history tables are refused by
triggers (SQLite and PostgreSQL), and every history table has them."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from prongsai.documents.models import Snapshot
from prongsai.orgs.models import Organization
from prongsai.portal import triggers
from prongsai.portal.models import LogEntry
from prongsai.portal.public import RESERVED_SLUGS
from prongsai.portal.services import documents as publishing

from .conftest import World


def refused(sql: str) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    except DatabaseError as err:
        return "append-only" in str(err)
    return False


def test_every_history_table_and_the_log_have_the_triggers(db: None) -> None:
    tables = triggers.protected_tables(connection)
    history = [t for t in connection.introspection.table_names() if "_historical" in t]
    assert len(history) >= 10 and set(history) <= set(tables)
    assert "portal_logentry" in tables
    assert triggers.missing(connection) == []


def test_update_and_delete_on_the_log_are_refused(world: World, report: Snapshot) -> None:
    publishing.publish(report, world.somchai, world.somchai.user, decisions={})
    assert refused("UPDATE portal_logentry SET reason = 'x'")
    assert refused("DELETE FROM portal_logentry")
    with pytest.raises(DatabaseError), transaction.atomic():
        LogEntry.objects.filter(seq=1).update(publisher="someone-else")
    assert LogEntry.objects.count() == 3


def test_update_and_delete_on_a_history_table_are_refused(world: World) -> None:
    assert refused("UPDATE orgs_historicalorganization SET name = 'x'")
    assert refused("DELETE FROM measures_historicalmeasure")
    assert refused("DELETE FROM orgs_historicalorganization")


def test_the_triggers_come_back_after_being_dropped(db: None) -> None:
    triggers.drop(connection, ["orgs_historicalorganization"])
    assert triggers.missing(connection) == ["orgs_historicalorganization"]
    triggers.install(connection)
    assert triggers.missing(connection) == []


def test_no_organisation_has_a_reserved_slug(world: World) -> None:
    slugs = set(Organization.objects.values_list("slug", flat=True))
    assert not slugs & RESERVED_SLUGS


def test_every_fixed_top_level_address_is_a_reserved_slug() -> None:
    from django.urls import URLResolver, get_resolver

    firsts: set[str] = set()

    def walk(patterns: list, prefix: str = "") -> None:  # type: ignore[type-arg]
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            else:
                firsts.add(route.lstrip("^").split("/")[0].split(".")[0])

    walk(get_resolver().url_patterns)
    fixed = {f for f in firsts if f and "<" not in f}
    assert fixed <= RESERVED_SLUGS, sorted(fixed - RESERVED_SLUGS)


def test_an_organisation_with_a_reserved_slug_cannot_publish(world: World, report: Snapshot) -> None:
    from prongsai.core.errors import ServiceError

    Organization.objects.filter(pk=world.org.pk).update(slug="verify")
    report.organization.refresh_from_db()
    world.somchai.organization.refresh_from_db()
    with pytest.raises(ServiceError, match="ชื่อย่อ"):
        publishing.publish(report, world.somchai, world.somchai.user, decisions={})
