"""`prongsai publish`: the same checks as the web; stops on unresolved findings, listing them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from prongsai.documents.models import Snapshot
from prongsai.portal.models import Publication

from .conftest import CITIZEN_ID, World


def publish(*args: str) -> str:
    out = io.StringIO()
    call_command("publish", *args, stdout=out)
    return out.getvalue()


def test_it_publishes_the_latest_approved_version_and_writes_the_pdf(
    world: World, report: Snapshot, tmp_path: Path
) -> None:
    target = tmp_path / "public.pdf"
    output = publish("--org", "klaeng", "--year", "2568", "--doc", "report", "--as", "somchai", "-o", str(target))
    publication = Publication.objects.get()
    assert publication.snapshot_id == report.pk and publication.published_by == world.somchai.user
    assert target.read_bytes().startswith(b"%PDF")
    assert publication.files.get(role="pdf").sha256 in output


def test_it_stops_on_unresolved_privacy_findings_listing_them(world: World, private_report: Snapshot) -> None:
    with pytest.raises(CommandError) as err:
        publish("--org", "klaeng", "--year", "2568", "--as", "somchai")
    assert CITIZEN_ID in str(err.value) and "มาตรการที่ 1" in str(err.value)
    assert not Publication.objects.exists()
    publish("--org", "klaeng", "--year", "2568", "--as", "somchai", "--mask-all")
    assert CITIZEN_ID not in str(Publication.objects.get().public_data)


def test_it_refuses_someone_who_is_not_the_admin(world: World, report: Snapshot) -> None:
    with pytest.raises(CommandError, match="ผู้ดูแลหน่วยงาน"):
        publish("--org", "klaeng", "--year", "2568", "--as", "wichai")
    with pytest.raises(CommandError, match="ไม่ใช่สมาชิก"):
        publish("--org", "klaeng", "--year", "2568", "--as", "prasert")


def test_it_needs_an_approved_version(world: World) -> None:
    with pytest.raises(CommandError, match="อนุมัติแล้ว"):
        publish("--org", "klaeng", "--year", "2568", "--doc", "plan")
