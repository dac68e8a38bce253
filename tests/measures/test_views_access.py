"""The access ladder, for every view of the measures app.

anonymous → login; another organisation's member → 404 (as if missing); viewer → 403 on writes;
an editor limited to กองคลัง → 403 on สำนักปลัด's measure; the submitter → 403 approving their own plan.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.measures import services

from .conftest import World


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def evidence(world: World) -> Any:
    f = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    return services.add_evidence(world.palad_measure, 1, world.somchai, world.somchai.user, title="x", upload=f)


def reads(world: World, evidence: Any) -> list[str]:
    m = world.palad_measure
    return [
        f"/o/{world.org.slug}/",
        f"/measures/{m.pk}/",
        f"/measures/{m.pk}/history/",
        f"/evidence/{evidence.pk}/download/",
    ]


def writes(world: World, evidence: Any) -> list[tuple[str, str]]:
    """(method, url) of every write, on สำนักปลัด's measure (outside malee's departments)."""
    m, p = world.palad_measure, world.plan
    return [
        ("get", f"/o/{world.org.slug}/plans/new/"),
        ("post", f"/o/{world.org.slug}/plans/new/"),
        ("get", f"/plans/{p.pk}/edit/"),
        ("post", f"/plans/{p.pk}/edit/"),
        ("get", f"/plans/{p.pk}/submit/"),
        ("post", f"/plans/{p.pk}/submit/"),
        ("get", f"/plans/{p.pk}/withdraw/"),
        ("post", f"/plans/{p.pk}/withdraw/"),
        ("get", f"/plans/{p.pk}/amend/"),
        ("post", f"/plans/{p.pk}/amend/"),
        ("get", f"/plans/{p.pk}/copy/"),
        ("post", f"/plans/{p.pk}/copy/"),
        ("get", f"/plans/{p.pk}/measures/new/"),
        ("post", f"/plans/{p.pk}/measures/new/"),
        ("get", f"/measures/{m.pk}/edit/"),
        ("post", f"/measures/{m.pk}/edit/"),
        ("post", f"/measures/{m.pk}/delete/"),
        ("post", f"/measures/{m.pk}/move/down/"),
        ("get", f"/measures/{m.pk}/progress/1/"),
        ("post", f"/measures/{m.pk}/progress/1/"),
        ("get", f"/measures/{m.pk}/evidence/new/"),
        ("post", f"/measures/{m.pk}/evidence/new/"),
        ("post", f"/evidence/{evidence.pk}/withdraw/"),
        ("get", f"/plans/{p.pk}/approve/"),
        ("post", f"/plans/{p.pk}/approve/"),
        ("get", f"/plans/{p.pk}/return/"),
        ("post", f"/plans/{p.pk}/return/"),
    ]


def test_anonymous_is_sent_to_log_in_everywhere(world: World, evidence: Any) -> None:
    client = world.client(None)
    for url in reads(world, evidence):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/"), url
    for method, url in writes(world, evidence):
        r = getattr(client, method)(url)
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/"), url


def test_another_organisations_member_gets_404_everywhere(world: World, evidence: Any) -> None:
    client = world.client(world.prasert)
    for url in reads(world, evidence):
        assert client.get(url).status_code == 404, url
    for method, url in writes(world, evidence):
        assert getattr(client, method)(url).status_code == 404, (method, url)


def test_missing_and_malformed_ids_are_404(world: World) -> None:
    client = world.client(world.somchai)
    for url in [
        f"/measures/{uuid.uuid4()}/",
        "/measures/not-a-uuid/",
        f"/plans/{uuid.uuid4()}/edit/",
        "/o/nowhere/",
    ]:
        assert client.get(url).status_code == 404, url


def test_a_viewer_reads_everything_and_gets_403_on_every_write(world: World, evidence: Any) -> None:
    client = world.client(world.prapa)
    for url in reads(world, evidence):
        assert client.get(url).status_code == 200, url
    for method, url in writes(world, evidence):
        assert getattr(client, method)(url).status_code == 403, (method, url)


def test_an_editor_limited_to_a_department_gets_403_on_another_departments_measure(world: World, evidence: Any) -> None:
    client = world.client(world.malee)
    m = world.palad_measure
    for method, url in [
        ("get", f"/measures/{m.pk}/edit/"),
        ("post", f"/measures/{m.pk}/edit/"),
        ("post", f"/measures/{m.pk}/delete/"),
        ("get", f"/measures/{m.pk}/progress/1/"),
        ("post", f"/measures/{m.pk}/progress/2/"),
        ("get", f"/measures/{m.pk}/evidence/new/"),
        ("post", f"/evidence/{evidence.pk}/withdraw/"),
    ]:
        assert getattr(client, method)(url).status_code == 403, (method, url)
    assert client.get(f"/measures/{world.finance_measure.pk}/edit/").status_code == 200
    assert client.get(f"/measures/{m.pk}/").status_code == 200


def test_the_submitter_gets_403_approving_their_own_plan_and_the_approver_approves(world: World) -> None:
    somchai = world.client(world.somchai)
    assert somchai.post(f"/plans/{world.plan.pk}/submit/").status_code == 302
    assert somchai.post(f"/plans/{world.plan.pk}/approve/").status_code == 403
    assert world.client(world.wichai).post(f"/plans/{world.plan.pk}/approve/").status_code == 302
    world.plan.refresh_from_db()
    assert world.plan.status == "approved"


def test_an_approver_cannot_edit_measures(world: World) -> None:
    client = world.client(world.wichai)
    assert client.get(f"/measures/{world.palad_measure.pk}/edit/").status_code == 403
