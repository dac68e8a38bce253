"""The pages as the officer uses them: the plan page, the forms, conflicts, Thai dates."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.imports.seed import parse_report_text
from prongsai.imports.services import import_report
from prongsai.measures import services
from prongsai.measures.models import Evidence, Measure, Progress

from .conftest import World

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "klaeng-2567-measures-report.txt"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def page_text(response: Any) -> str:
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_plan_page_shows_every_cell_of_the_imported_seed(world: World) -> None:
    import_report(parse_report_text(SEED.read_text(encoding="utf-8")), world.somchai, world.somchai.user)
    text = page_text(world.client(world.prapa).get("/o/klaeng/?year=2567"))
    for line in SEED.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 6 or cells[0].startswith("มาตรการหรือ"):
            continue
        title = re.sub(r"^[๐-๙]+\.\s*", "", cells[0])
        assert squash(title) in text
        for cell in (cells[1], cells[4]):  # items: the text between the numbers is shown as written
            for item in re.split(r"(?:^|\s)[๐-๙]\.\s*", cell):
                assert squash(item) in text, item
        for cell in (cells[2], cells[3], cells[5]):
            assert squash(cell) in text, cell


# The plan page's queries: 16 for the plan itself, + 2 for the menu's complaint badges (case-officer
# standing and the counts, complaints/templatetags), + 5 for the year's checklist (deadlines/steps.py:
# the plan's measures counted, its results per round, the dates of the year read once, its documents,
# its publications), + 1 for the plan's life cycle (reasons and amendments, measures/plan_events.py),
# - 1 now that the departments are read once. None of them depends on the number of measures.
PLAN_PAGE_QUERIES = 16 + 2 + 5 + 1 - 1


def test_the_plan_page_has_a_fixed_number_of_queries(world: World, django_assert_max_num_queries: Any) -> None:
    client = world.client(world.prapa)
    with django_assert_max_num_queries(PLAN_PAGE_QUERIES):
        client.get("/o/klaeng/")
    for n in range(10):
        services.create_measure(
            world.plan, world.somchai, world.somchai.user, services.MeasureData(title=f"มาตรการเพิ่ม {n}")
        )
    with django_assert_max_num_queries(PLAN_PAGE_QUERIES):
        assert client.get("/o/klaeng/").status_code == 200
    # An editor limited to a department: still a fixed number (the limit is read once, not per measure).
    editor = world.client(world.malee)
    with django_assert_max_num_queries(PLAN_PAGE_QUERIES + 1):
        assert editor.get("/o/klaeng/").status_code == 200


def test_the_progress_bar_follows_the_recorded_results(world: World) -> None:
    client = world.client(world.somchai)
    assert "แล้วเสร็จ ๐ จาก ๒ มาตรการ (๐%)" in page_text(client.get("/o/klaeng/"))
    r = client.post(
        f"/measures/{world.palad_measure.pk}/progress/1/",
        {"results": ["ประชุมแล้ว", "ติดประกาศแล้ว"], "status": "done", "version": "0"},
    )
    assert r.status_code == 302
    text = page_text(client.get("/o/klaeng/"))
    assert "แล้วเสร็จ ๑ จาก ๒ มาตรการ (๕๐%)" in text


def test_adding_a_measure_through_the_form(world: World) -> None:
    r = world.client(world.somchai).post(
        f"/plans/{world.plan.pk}/measures/new/",
        {
            "title": "ประชาสัมพันธ์ช่องทางร้องเรียน",
            "methods": ["ติดป้ายประกาศ", "", "แจ้งในที่ประชุมหมู่บ้าน"],
            "departments": [str(world.dept("สำนักปลัด").pk)],
            "month_from": "2567-10",
            "month_to": "2567-12",
            "indicators": ["9", "10"],
        },
    )
    assert r.status_code == 302
    m = Measure.objects.get(title="ประชาสัมพันธ์ช่องทางร้องเรียน")
    assert m.methods == ["ติดป้ายประกาศ", "แจ้งในที่ประชุมหมู่บ้าน"]
    assert m.months == [[2567, 10], [2567, 11], [2567, 12]]
    assert m.timeframe_text == "ตุลาคม - ธันวาคม ๒๕๖๗"
    assert m.indicators == [9, 10]


def test_a_form_error_names_the_field_and_keeps_what_was_typed(world: World) -> None:
    r = world.client(world.somchai).post(
        f"/plans/{world.plan.pk}/measures/new/",
        {"title": "มาตรการใหม่", "methods": ["ข้อหนึ่ง"], "timeframe_text": "มีนาคม ๒๕๗๐"},
    )
    assert r.status_code == 400
    text = page_text(r)
    assert "อยู่นอกปีงบประมาณ ๒๕๖๘" in text
    assert "ข้อหนึ่ง" in r.content.decode() and "มาตรการใหม่" in r.content.decode()
    assert not Measure.objects.filter(title="มาตรการใหม่").exists()


def test_a_stale_edit_gets_409_with_both_versions_and_nothing_is_lost(world: World) -> None:
    m = world.palad_measure
    first, second = world.client(world.somchai), world.client(world.somchai)
    form = {"title": "ฉบับแรก", "methods": ["ก"], "version": "1"}
    assert first.post(f"/measures/{m.pk}/edit/", form).status_code == 302
    r = second.post(f"/measures/{m.pk}/edit/", form | {"title": "ฉบับที่สอง"})
    assert r.status_code == 409
    body = r.content.decode()
    assert "ฉบับแรก" in body and "ฉบับที่สอง" in body
    assert 'name="version" value="2"' in body
    assert Measure.objects.get(pk=m.pk).title == "ฉบับแรก"
    # Saving again from the conflict page is a deliberate overwrite of version 2.
    assert second.post(f"/measures/{m.pk}/edit/", form | {"title": "ฉบับที่สอง", "version": "2"}).status_code == 302
    assert Measure.objects.get(pk=m.pk).title == "ฉบับที่สอง"


def test_evidence_form_accepts_thai_dates_and_refuses_ones_that_do_not_exist(world: World) -> None:
    client = world.client(world.somchai)
    url = f"/measures/{world.palad_measure.pk}/evidence/new/"
    pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF\n")
    r = client.post(url, {"round": "1", "title": "ผิด", "file": pdf, "period_start": "๓๑ ก.พ. ๖๗"})
    assert r.status_code == 400 and "ไม่มีอยู่จริง" in page_text(r)
    assert not Evidence.objects.exists()
    pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF\n")
    r = client.post(
        url,
        {"round": "1", "title": "รายงาน", "file": pdf, "period_start": "๑/๑๐/๖๗", "period_end": "31/03/2568"},
    )
    assert r.status_code == 302
    e = Evidence.objects.get()
    assert (e.period_start.isoformat(), e.period_end.isoformat()) == ("2024-10-01", "2025-03-31")
    assert "๑ ต.ค. ๖๗" in page_text(client.get(f"/measures/{world.palad_measure.pk}/"))


def test_the_history_shows_who_changed_which_field_before_and_after(world: World) -> None:
    client = world.client(world.somchai)
    m = world.palad_measure
    client.post(f"/measures/{m.pk}/edit/", {"title": "ชื่อใหม่", "methods": ["ก"], "version": "1"})
    text = page_text(client.get(f"/measures/{m.pk}/history/"))
    assert "somchai test" in text
    assert "มาตรการหรือกิจกรรม: จัดทำประกาศเจตนารมณ์ No Gift Policy → ชื่อใหม่" in text


def test_round_two_form_starts_from_round_one(world: World) -> None:
    m = world.palad_measure
    data = services.ProgressData(results=["ผลรอบแรก"], status="in_progress")
    services.record_progress(m, 1, world.somchai, world.somchai.user, data, expected_version=0)
    body = world.client(world.somchai).get(f"/measures/{m.pk}/progress/2/").content.decode()
    assert "ผลรอบแรก" in body and "เริ่มจากผลของรอบ ๖ เดือน" in body
    assert Progress.objects.get(measure=m, round=2).version == 0
