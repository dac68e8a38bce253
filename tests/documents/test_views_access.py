"""The access ladder for the document pages: anonymous → login, foreign → 404, viewer → 403 on writes."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.documents import services
from prongsai.measures import services as measure_services

from .conftest import World

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def approved(world: World) -> Any:
    measure_services.submit_plan(world.plan, world.somchai, world.somchai.user)
    measure_services.approve_plan(world.plan, world.wichai, world.wichai.user)
    s = services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=2)
    s = services.approve_snapshot(s, world.wichai, world.wichai.user)
    copy = services.upload_signed_copy(s, world.wichai, world.wichai.user, SimpleUploadedFile("s.pdf", PDF))
    return s, copy


def reads(world: World, approved: Any) -> list[str]:
    s, copy = approved
    return [f"/plans/{world.plan.pk}/documents/", f"/documents/{s.pk}/", f"/signed/{copy.pk}/download/"]


def writes(world: World, approved: Any) -> list[str]:
    s, _copy = approved
    return [
        f"/plans/{world.plan.pk}/documents/",
        f"/plans/{world.plan.pk}/signatures/",
        f"/documents/{s.pk}/approve/",
        f"/documents/{s.pk}/signed/",
    ]


def test_anonymous_is_sent_to_log_in(world: World, approved: Any) -> None:
    client = world.client(None)
    for url in reads(world, approved):
        assert client.get(url)["Location"].startswith("/accounts/login/"), url
    for url in writes(world, approved):
        assert client.post(url)["Location"].startswith("/accounts/login/"), url


def test_another_organisations_member_gets_404(world: World, approved: Any) -> None:
    client = world.client(world.prasert)
    for url in reads(world, approved):
        assert client.get(url).status_code == 404, url
    for url in writes(world, approved):
        assert client.post(url).status_code == 404, url
    assert client.get(f"/documents/{uuid.uuid4()}/").status_code == 404
    assert client.get("/documents/nope/").status_code == 404


def test_a_viewer_reads_and_gets_403_on_writes(world: World, approved: Any) -> None:
    client = world.client(world.prapa)
    for url in reads(world, approved):
        assert client.get(url).status_code == 200, url
    for url in writes(world, approved):
        assert client.post(url, {"kind": "plan", "round": "2"}).status_code == 403, url


def test_an_editor_makes_documents_but_cannot_approve_them(world: World) -> None:
    client = world.client(world.malee)
    r = client.post(f"/plans/{world.plan.pk}/documents/", {"kind": "plan", "round": "2"})
    assert r.status_code == 302
    s = world.plan.snapshots.get()
    assert client.post(f"/documents/{s.pk}/approve/").status_code == 403


def test_the_preview_shows_the_frozen_rows_and_the_signed_copy_is_served_as_an_attachment(
    world: World, approved: Any
) -> None:
    s, copy = approved
    client = world.client(world.prapa)
    body = client.get(f"/documents/{s.pk}/").content.decode()
    assert "๑. จัดทำประกาศเจตนารมณ์ No Gift Policy" in body
    assert "ผลลัพธ์หรือความสำเร็จของการดำเนินการ" in body
    assert copy.sha256 in body
    r = client.get(f"/signed/{copy.pk}/download/")
    assert r["Content-Disposition"].startswith("attachment") and r["X-Content-Type-Options"] == "nosniff"
