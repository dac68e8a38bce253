"""The access ladder of the ITA pages: anonymous -> log in; another organisation -> 404; a viewer ->
403 on writes; catalogues: everyone signed in reads, an organisation admin gets 403 on every change."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.ita.models import Assessment, Catalogue

from .conftest import World


def org_reads(world: World) -> list[str]:
    return [f"/o/{world.org.slug}/ita/"]


def org_writes(world: World) -> list[tuple[str, str]]:
    url = f"/o/{world.org.slug}/ita/new/"
    return [("get", url), ("post", url)]


CATALOGUE_READS = ["/ita/catalogues/", "/ita/catalogues/2566/", "/ita/catalogues/2566/v1/download/"]
CATALOGUE_WRITES = [
    ("get", "/ita/catalogues/upload/"),
    ("post", "/ita/catalogues/upload/"),
    ("get", "/ita/catalogues/2566/items/o1/edit/"),
    ("post", "/ita/catalogues/2566/items/o1/edit/"),
]


def test_anonymous_is_sent_to_log_in_everywhere(world: World) -> None:
    client = world.client(None)
    for method, url in [
        *(("get", u) for u in [*org_reads(world), *CATALOGUE_READS]),
        *org_writes(world),
        *CATALOGUE_WRITES,
    ]:
        r = getattr(client, method)(url)
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/"), url


def test_another_organisations_member_gets_404(world: World) -> None:
    client = world.client(world.prasert)
    for url in org_reads(world):
        assert client.get(url).status_code == 404, url
    for method, url in org_writes(world):
        assert getattr(client, method)(url).status_code == 404, url


def test_a_viewer_reads_but_gets_403_on_writes(world: World) -> None:
    client = world.client(world.prapa)
    for url in org_reads(world):
        assert client.get(url).status_code == 200, url
    for method, url in org_writes(world):
        assert getattr(client, method)(url, {"action": "save", "year": "2566", "indicator_1": "90"}).status_code == 403
    assert not Assessment.objects.exists()


def test_an_editor_and_an_admin_may_open_the_form(world: World) -> None:
    for who in (world.malee, world.somchai):
        assert world.client(who).get(f"/o/{world.org.slug}/ita/new/").status_code == 200


def test_an_organisation_admin_reads_catalogues_but_gets_403_on_every_change(world: World) -> None:
    client = world.client(world.somchai)
    for url in CATALOGUE_READS:
        assert client.get(url).status_code == 200, url
    for method, url in CATALOGUE_WRITES:
        data = {"file": SimpleUploadedFile("2566.json", b"{}"), "title": "x"} if method == "post" else None
        assert getattr(client, method)(url, data).status_code == 403, url
    assert Catalogue.objects.filter(year=2566).count() == 1


def test_unknown_years_versions_and_items_are_404(world: World, root: Any) -> None:
    client = world.client(None)
    client.force_login(root)
    for url in ["/ita/catalogues/2500/", "/ita/catalogues/2566/v9/download/", "/ita/catalogues/2566/items/o99/edit/"]:
        assert client.get(url).status_code == 404, url
