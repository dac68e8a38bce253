"""Append-only in the database: UPDATE and DELETE on the log, the history tables and the record tables
(triggers.RECORD_TABLES: case access log, published files, rendered files, signed copies, plan
approvals) are refused by triggers (SQLite and PostgreSQL), and every such table has them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction

from prongsai.complaints import access as case_access
from prongsai.complaints import services as complaints
from prongsai.complaints.models import CaseAccessLog, CaseKind
from prongsai.documents import services as documents
from prongsai.documents.models import RenderedFile, SignedCopy, Snapshot
from prongsai.measures.models import PlanApproval
from prongsai.orgs.models import Organization
from prongsai.portal import triggers
from prongsai.portal.models import LogEntry, PublishedFile
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


SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_record_tables_are_protected(db: None) -> None:
    tables = triggers.protected_tables(connection)
    for table in triggers.RECORD_TABLES:
        assert table in tables, table
    assert {
        "complaints_caseaccesslog",
        "portal_publishedfile",
        "documents_renderedfile",
        "documents_signedcopy",
        "measures_planapproval",
    } <= set(triggers.RECORD_TABLES)
    assert triggers.missing(connection) == []


def test_update_and_delete_on_every_record_table_are_refused(world: World, report: Snapshot) -> None:
    """Each row made the way the app makes it, then changed and removed behind its back: refused."""
    publishing.publish(report, world.somchai, world.somchai.user, decisions={})
    documents.render_file(report, "csv")
    documents.upload_signed_copy(report, world.wichai, world.wichai.user, SimpleUploadedFile("signed.pdf", SCAN))
    complaints.settings_for(world.org)
    complaints.set_case_officer(world.somchai, world.somchai.user, world.malee, active=True)
    kind = CaseKind.objects.get(organization=world.org, is_corruption=True)
    data = complaints.IntakeData(kind_id=kind.pk, subject="รับเงินใต้โต๊ะ", details="ทุกวันศุกร์", consent=True)
    case = complaints.file_case(world.org, data)
    case_access.case_for(world.malee.user, case.pk)
    rows = {
        "complaints_caseaccesslog": CaseAccessLog.objects.filter(case=case).count(),
        "portal_publishedfile": PublishedFile.objects.count(),
        "documents_renderedfile": RenderedFile.objects.count(),
        "documents_signedcopy": SignedCopy.objects.count(),
        "measures_planapproval": PlanApproval.objects.count(),
    }
    assert all(rows.values()), rows
    for table, column in (
        ("complaints_caseaccesslog", "action"),
        ("portal_publishedfile", "sha256"),
        ("documents_renderedfile", "sha256"),
        ("documents_signedcopy", "sha256"),
        ("measures_planapproval", "number"),
    ):
        assert refused(f"UPDATE {table} SET {column} = {column}"), table  # noqa: S608 - fixed names above
        assert refused(f"DELETE FROM {table}"), table  # noqa: S608 - fixed names above
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanApproval.objects.filter(plan=world.plan).update(content={})
    with pytest.raises(DatabaseError), transaction.atomic():
        CaseAccessLog.objects.filter(case=case).delete()
    assert rows == {
        "complaints_caseaccesslog": CaseAccessLog.objects.filter(case=case).count(),
        "portal_publishedfile": PublishedFile.objects.count(),
        "documents_renderedfile": RenderedFile.objects.count(),
        "documents_signedcopy": SignedCopy.objects.count(),
        "measures_planapproval": PlanApproval.objects.count(),
    }


def test_suspended_lifts_the_record_triggers_only_inside_its_block(world: World, report: Snapshot) -> None:
    """What gen-demo --force uses to remove a fictitious country: afterwards the triggers are back."""
    with triggers.suspended(connection):
        assert set(triggers.missing(connection)) == set(triggers.RECORD_TABLES)
        PlanApproval.objects.filter(plan=world.plan).update(number=7)
    assert triggers.missing(connection) == []
    assert refused("UPDATE measures_planapproval SET number = 8")
    assert list(PlanApproval.objects.values_list("number", flat=True)) == [7]


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
