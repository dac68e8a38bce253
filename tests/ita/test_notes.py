"""ประเด็นที่ต้องแก้ไข/ปรับปรุง per indicator: written through the service, every change in the
history; editors write from the analysis page, viewers read."""

from __future__ import annotations

import pytest

from prongsai.core.errors import ConflictError, NotAllowed, ServiceError
from prongsai.ita import services
from prongsai.ita.models import Assessment, IndicatorNote

from .conftest import World, record


@pytest.fixture
def result(town: World) -> Assessment:
    return record(town.somchai, 2567, ["90"] * 6 + ["80"] + ["90"] * 3)


def test_a_note_is_saved_and_every_change_is_kept_with_who_and_when(town: World, result: Assessment) -> None:
    first = services.save_indicator_note(town.malee, town.malee.user, result, 7, "  เพิ่มช่องทางการสื่อสาร  ")
    assert (first.text, first.version, first.updated_by) == ("เพิ่มช่องทางการสื่อสาร", 1, town.malee.user)
    services.save_indicator_note(
        town.somchai, town.somchai.user, result, 7, "เพิ่มช่องทาง LINE OA และประกาศทางเว็บไซต์", expected_version=1
    )
    services.save_indicator_note(town.somchai, town.somchai.user, result, 7, "เพิ่มช่องทาง LINE OA และประกาศทางเว็บไซต์")
    note = IndicatorNote.objects.get(assessment=result, indicator=7)
    assert note.version == 2  # the same text again changes nothing
    history = list(note.history.order_by("history_date"))
    assert [(h.text, h.history_user) for h in history] == [
        ("เพิ่มช่องทางการสื่อสาร", town.malee.user),
        ("เพิ่มช่องทาง LINE OA และประกาศทางเว็บไซต์", town.somchai.user),
    ]
    assert history[0].history_change_reason == "write note on indicator 7 of ITA 2567"


def test_a_viewer_and_another_organisation_are_refused(town: World, result: Assessment) -> None:
    with pytest.raises(NotAllowed):
        services.save_indicator_note(town.prapa, town.prapa.user, result, 7, "x")
    with pytest.raises(NotAllowed):
        services.save_indicator_note(town.prasert, town.prasert.user, result, 7, "x")
    assert not IndicatorNote.objects.exists()


def test_a_bad_indicator_or_a_too_long_note_names_the_indicator_and_writes_nothing(
    town: World, result: Assessment
) -> None:
    with pytest.raises(ServiceError, match="๑ ถึง ๑๐"):
        services.save_indicator_note(town.somchai, town.somchai.user, result, 11, "x")
    with pytest.raises(ServiceError, match=r"ตัวชี้วัดที่ ๓: .* เกิน ๒,๐๐๐"):
        services.save_indicator_note(town.somchai, town.somchai.user, result, 3, "ก" * 2001)
    assert not IndicatorNote.objects.exists()


def test_a_save_over_a_newer_note_is_a_conflict(town: World, result: Assessment) -> None:
    services.save_indicator_note(town.somchai, town.somchai.user, result, 2, "ฉบับแรก")
    with pytest.raises(ConflictError) as err:
        services.save_indicator_note(town.malee, town.malee.user, result, 2, "ฉบับของมาลี", expected_version=0)
    assert err.value.current == {"text": "ฉบับแรก", "version": 1}
    assert IndicatorNote.objects.get().text == "ฉบับแรก"


def test_an_editor_writes_a_note_from_the_analysis_page(town: World, result: Assessment) -> None:
    client = town.client(town.malee)
    page = client.get(f"/o/{town.org.slug}/ita/2567/analysis/").content.decode()
    assert f'action="/o/{town.org.slug}/ita/2567/notes/7/"' in page
    r = client.post(f"/o/{town.org.slug}/ita/2567/notes/7/", {"text": "จัดอบรมการสื่อสาร", "version": "0"})
    assert r.status_code == 302 and r["Location"] == f"/o/{town.org.slug}/ita/2567/analysis/#indicator-7"
    page = client.get(f"/o/{town.org.slug}/ita/2567/analysis/").content.decode()
    assert "จัดอบรมการสื่อสาร" in page and "ประวัติ ๑ ครั้ง" in page


def test_the_note_page_shows_its_history_and_a_conflict_keeps_what_was_typed(town: World, result: Assessment) -> None:
    services.save_indicator_note(town.somchai, town.somchai.user, result, 7, "ฉบับของสมชาย")
    client = town.client(town.malee)
    r = client.post(f"/o/{town.org.slug}/ita/2567/notes/7/", {"text": "ฉบับของมาลี", "version": "0"})
    page = r.content.decode()
    assert r.status_code == 409 and "ฉบับของมาลี" in page and "ฉบับของสมชาย" in page
    assert IndicatorNote.objects.get().text == "ฉบับของสมชาย"
    page = client.get(f"/o/{town.org.slug}/ita/2567/notes/7/").content.decode()
    assert "ประวัติ" in page and "somchai test" in page


def test_a_too_long_note_from_the_form_is_shown_on_the_form(town: World, result: Assessment) -> None:
    r = town.client(town.somchai).post(f"/o/{town.org.slug}/ita/2567/notes/3/", {"text": "ก" * 2500, "version": "0"})
    assert r.status_code == 400 and "ตัวชี้วัดที่ ๓" in r.content.decode()
    assert not IndicatorNote.objects.exists()


def test_a_viewer_reads_the_notes_but_gets_403_on_writing(town: World, result: Assessment) -> None:
    services.save_indicator_note(town.somchai, town.somchai.user, result, 7, "ข้อความที่อ่านได้")
    client = town.client(town.prapa)
    assert "ข้อความที่อ่านได้" in client.get(f"/o/{town.org.slug}/ita/2567/analysis/").content.decode()
    for method in ("get", "post"):
        r = getattr(client, method)(f"/o/{town.org.slug}/ita/2567/notes/7/", {"text": "x", "version": "1"})
        assert r.status_code == 403
    assert IndicatorNote.objects.get().text == "ข้อความที่อ่านได้"
