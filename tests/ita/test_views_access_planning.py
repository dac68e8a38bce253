"""The access ladder of the analysis, notes, documents, suggestions and checklist pages: anonymous ->
log in; another organisation -> 404; a viewer reads and gets 403 on every write; editors write."""

from __future__ import annotations

import pytest

from prongsai.ita.models import IndicatorNote
from prongsai.measures.models import Measure

from .conftest import World, record


@pytest.fixture
def town_2567(town: World) -> World:
    record(town.somchai, 2567, ["90"] * 6 + ["80"] + ["90"] * 3)
    return town


def reads(w: World) -> list[str]:
    o = f"/o/{w.org.slug}/ita/2567"
    return [
        f"{o}/analysis/",
        f"{o}/analysis/pdf/",
        f"{o}/analysis/docx/",
        f"{o}/analysis/xlsx/",
        f"{o}/checklist/",
        f"/plans/{w.plan.pk}/ita/suggestions/",
    ]


def writes(w: World, indicator: int = 7) -> list[tuple[str, str, dict[str, str]]]:
    note = f"/o/{w.org.slug}/ita/2567/notes/{indicator}/"
    return [
        ("get", note, {}),
        ("post", note, {"text": "ประเด็น", "version": "0"}),
        ("post", f"/plans/{w.plan.pk}/ita/suggestions/adopt/", {"source": "library", "key": "seed-1"}),
    ]


def test_anonymous_is_sent_to_log_in_everywhere(town_2567: World) -> None:
    client = town_2567.client(None)
    for method, url, data in [*(("get", u, {}) for u in reads(town_2567)), *writes(town_2567)]:
        r = getattr(client, method)(url, data)
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/"), url


def test_another_organisations_member_gets_404_everywhere(town_2567: World) -> None:
    client = town_2567.client(town_2567.prasert)
    for method, url, data in [*(("get", u, {}) for u in reads(town_2567)), *writes(town_2567)]:
        assert getattr(client, method)(url, data).status_code == 404, url


def test_a_viewer_reads_everything_and_gets_403_on_every_write(town_2567: World) -> None:
    client = town_2567.client(town_2567.prapa)
    for url in reads(town_2567):
        assert client.get(url).status_code == 200, url
    for method, url, data in writes(town_2567):
        assert getattr(client, method)(url, data).status_code == 403, url
    assert not IndicatorNote.objects.exists() and Measure.objects.count() == 2


def test_an_approver_reads_but_does_not_write(town_2567: World) -> None:
    client = town_2567.client(town_2567.wichai)
    assert client.get(reads(town_2567)[0]).status_code == 200
    for method, url, data in writes(town_2567):
        assert getattr(client, method)(url, data).status_code == 403, url


def test_an_editor_and_an_admin_write(town_2567: World) -> None:
    for indicator, who in ((7, town_2567.malee), (8, town_2567.somchai)):
        client = town_2567.client(who)
        done = [getattr(client, method)(url, data).status_code for method, url, data in writes(town_2567, indicator)]
        assert done == [200, 302, 302]
    assert list(IndicatorNote.objects.values_list("indicator", "text")) == [(7, "ประเด็น"), (8, "ประเด็น")]
    assert Measure.objects.count() == 3  # the second click on the same suggestion adds nothing


def test_a_year_without_a_result_or_an_unknown_indicator_is_404(town_2567: World) -> None:
    client = town_2567.client(town_2567.somchai)
    o = f"/o/{town_2567.org.slug}/ita"
    for url in (f"{o}/2566/analysis/", f"{o}/2566/notes/1/", f"{o}/2567/notes/11/", f"{o}/2567/notes/0/"):
        assert client.get(url).status_code == 404, url
    assert client.get("/plans/not-a-uuid/ita/suggestions/").status_code == 404
