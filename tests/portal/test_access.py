"""The access ladder of the publishing views: anonymous → log in, another organisation → 404,
editor/approver/viewer → 403 where admin is needed, admin → ok; lists are for every member."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.documents.models import Snapshot
from prongsai.measures import services as measures
from prongsai.portal.services import documents as publishing

from .conftest import World


@pytest.fixture
def setup(world: World, report: Snapshot) -> dict[str, Any]:
    evidence = measures.add_evidence(
        world.palad_measure,
        2,
        world.somchai,
        world.somchai.user,
        title="ประกาศ",
        upload=SimpleUploadedFile("a.txt", b"ok"),
    )
    publication = publishing.publish(report, world.somchai, world.somchai.user, decisions={})
    return {"snapshot": report, "evidence": evidence, "publication": publication}


def admin_gets(setup: dict[str, Any]) -> list[str]:
    s, e, p = setup["snapshot"], setup["evidence"], setup["publication"]
    return [
        f"/o/klaeng/publish/evidence/{e.pk}/",
        f"/o/klaeng/publish/document/{s.pk}/request.pdf",
        f"/o/klaeng/publish/{p.pk}/request.docx",
    ]


def admin_posts(setup: dict[str, Any]) -> list[str]:
    s, e, p = setup["snapshot"], setup["evidence"], setup["publication"]
    return [
        f"/o/klaeng/publish/document/{s.pk}/",
        f"/o/klaeng/publish/evidence/{e.pk}/",
        f"/o/klaeng/publish/{p.pk}/withdraw/",
    ]


MEMBER_PAGES = ["/o/klaeng/publish/", "/o/klaeng/publish/links/", "/o/klaeng/publish/links.csv"]


def test_anonymous_is_sent_to_log_in(world: World, setup: dict[str, Any]) -> None:
    client = world.client(None)
    for url in MEMBER_PAGES + admin_gets(setup):
        assert client.get(url)["Location"].startswith("/accounts/login/"), url
    for url in admin_posts(setup):
        assert client.post(url)["Location"].startswith("/accounts/login/"), url


def test_another_organisations_admin_gets_404(world: World, setup: dict[str, Any]) -> None:
    client = world.client(world.prasert)
    for url in MEMBER_PAGES + admin_gets(setup):
        assert client.get(url).status_code == 404, url
    for url in admin_posts(setup):
        assert client.post(url).status_code == 404, url
    # Their own organisation's address with our ids: still nothing.
    s = setup["snapshot"]
    assert client.get(f"/o/bankhai/publish/document/{s.pk}/").status_code == 404


@pytest.mark.parametrize("who", ["malee", "wichai", "prapa"])
def test_members_who_are_not_the_admin_read_the_lists_but_may_not_publish(
    world: World, setup: dict[str, Any], who: str
) -> None:
    client = world.client(getattr(world, who))
    for url in MEMBER_PAGES:
        assert client.get(url).status_code == 200, url
    for url in admin_gets(setup):
        assert client.get(url).status_code == 403, url
    for url in admin_posts(setup):
        assert client.post(url, {"reason": "x"}).status_code == 403, url


def test_the_admin_may_do_everything(world: World, setup: dict[str, Any]) -> None:
    client = world.client(world.somchai)
    evidence_page, request_preview, request_form = admin_gets(setup)
    for url in [*MEMBER_PAGES, evidence_page, request_form]:
        assert client.get(url).status_code == 200, url
    # The version is published already: its confirmation page and form preview say so.
    assert client.get(request_preview).status_code == 400
    assert client.get(f"/o/klaeng/publish/document/{setup['snapshot'].pk}/").status_code == 400
    response = client.post(f"/o/klaeng/publish/{setup['publication'].pk}/withdraw/", {"reason": "ผิดฉบับ"})
    assert response.status_code == 302


def test_malformed_and_missing_ids_are_404(world: World, setup: dict[str, Any]) -> None:
    client = world.client(world.somchai)
    assert client.get("/o/klaeng/publish/document/nope/").status_code == 404
    assert client.get("/o/klaeng/publish/document/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.post("/o/klaeng/publish/nope/withdraw/").status_code == 404
