"""The ITA pages: an organisation's scores by year; the form typed, pasted or uploaded; catalogues."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.ita import services
from prongsai.ita.models import Assessment, Catalogue, Source

from .conftest import World, shipped

SAMPLE = (Path(__file__).parent.parent / "fixtures" / "ita-scores-pasted-2564.txt").read_text(encoding="utf-8")
FULL = {f"indicator_{n}": v for n, v in enumerate(["90"] * 5 + ["80"] * 3 + ["95", "100"], start=1)}


def new_url(world: World) -> str:
    return f"/o/{world.org.slug}/ita/new/"


def test_the_list_shows_each_years_tools_shares_score_and_grade_in_thai_digits(world: World) -> None:
    services.record_assessment(world.somchai, world.somchai.user, 2566, {n: "90" for n in range(1, 11)})
    page = world.client(world.prapa).get(f"/o/{world.org.slug}/ita/").content.decode()
    assert 'data-testid="ita-2566"' in page
    assert "๒๕๖๖" in page and "๒๗.๐๐" in page and "๓๖.๐๐" in page and "๙๐.๐๐" in page
    assert "<strong>๙๐.๐๐</strong>" in page and ">A" in page
    assert "บันทึกผลการประเมิน" not in page  # a viewer is not offered the form


def test_the_list_takes_the_same_number_of_queries_for_one_year_or_three(world: World) -> None:
    client = world.client(world.somchai)
    url = f"/o/{world.org.slug}/ita/"
    services.record_assessment(world.somchai, world.somchai.user, 2566, {1: "90"})
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for year in (2567, 2568):
        services.record_assessment(world.somchai, world.somchai.user, year, {1: "90"})
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    assert len(three) == len(one)


def test_the_form_saves_a_years_scores_and_returns_to_the_list(world: World) -> None:
    r = world.client(world.malee).post(new_url(world), {"action": "save", "year": "2568", "source": "form", **FULL})
    assert r.status_code == 302 and r["Location"] == f"/o/{world.org.slug}/ita/"
    a = Assessment.objects.get(organization=world.org, year=2568)
    # 27 + 24 + 39 = 90.00
    assert (a.ita, a.grade, a.entered_by) == (Decimal("90.00"), "A", world.malee.user)


def test_an_out_of_range_value_is_shown_on_its_field_and_nothing_is_written(world: World) -> None:
    data = {"action": "save", "year": "2568", "source": "form", **FULL, "indicator_3": "104.5"}
    r = world.client(world.somchai).post(new_url(world), data)
    assert r.status_code == 400
    assert "ตัวชี้วัดที่ ๓: 104.5 เกิน ๑๐๐" in r.content.decode()
    assert not Assessment.objects.exists()


def test_pasted_text_fills_the_form_as_a_preview_then_saves_as_pasted(world: World) -> None:
    client = world.client(world.somchai)
    news = SAMPLE.split("# 2.")[1]
    r = client.post(new_url(world), {"action": "paste", "paste-year": "2568", "paste-text": news})
    page = r.content.decode()
    assert r.status_code == 200 and 'data-testid="ita-preview"' in page
    assert 'name="indicator_3" value="86.58"' in page and 'name="indicator_9" value="94.92"' in page
    assert 'name="source" value="pasted"' in page
    assert '<option value="2564" selected>' in page  # the year the text names
    assert "ไม่พบคะแนนของตัวชี้วัดที่ ๕, ๖, ๗, ๘" in page
    assert not Assessment.objects.exists()  # a preview writes nothing
    r = client.post(
        new_url(world),
        {"action": "save", "year": "2564", "source": "pasted", "indicator_1": "92.06", "indicator_9": "94.92"},
    )
    assert r.status_code == 302
    assert Assessment.objects.get(year=2564).source == Source.PASTED


def test_an_uploaded_sheet_is_recorded(world: World) -> None:
    text = "".join(f"{n},{v}\n" for n, v in enumerate(FULL.values(), start=1))
    upload = SimpleUploadedFile("ita.csv", text.encode("utf-8"), content_type="text/csv")
    r = world.client(world.somchai).post(
        new_url(world), {"action": "sheet", "sheet-year": "2567", "sheet-file": upload}
    )
    assert r.status_code == 302
    assert Assessment.objects.get(year=2567).source == Source.SHEET


def test_a_bad_sheet_is_refused_on_the_page(world: World) -> None:
    upload = SimpleUploadedFile("ita.csv", "ตัวชี้วัดที่ 3,104.5\n".encode(), content_type="text/csv")
    r = world.client(world.somchai).post(
        new_url(world), {"action": "sheet", "sheet-year": "2567", "sheet-file": upload}
    )
    assert r.status_code == 400 and "แถวที่ ๑ ตัวชี้วัดที่ ๓: 104.5 เกิน ๑๐๐" in r.content.decode()
    assert not Assessment.objects.exists()


def test_the_form_opens_with_the_years_saved_scores(world: World) -> None:
    services.record_assessment(world.somchai, world.somchai.user, 2566, {2: "77.5"})
    page = world.client(world.somchai).get(new_url(world) + "?year=2566").content.decode()
    assert 'name="indicator_2" value="77.50"' in page


def _json_upload(content: dict[str, Any], name: str = "2568.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json.dumps(content, ensure_ascii=False, indent=2).encode("utf-8"))


def test_a_superuser_uploads_a_corrected_catalogue_as_a_new_version(world: World, root: Any) -> None:
    client = world.client(None)
    client.force_login(root)
    content = shipped(2568)
    content["oit_items"][0]["contents"] = ["แผนผังโครงสร้าง", "หน้าที่และอำนาจ"]
    r = client.post("/ita/catalogues/upload/", {"file": _json_upload(content), "change": "เพิ่มองค์ประกอบ O1"})
    assert r.status_code == 302 and r["Location"] == "/ita/catalogues/2568/"
    page = client.get("/ita/catalogues/2568/").content.decode()
    assert "ฉบับที่ ๒" in page and "เพิ่มองค์ประกอบ O1" in page and "แผนผังโครงสร้าง" in page
    assert services.active_catalogue(2568).version == 2


def test_a_catalogue_with_an_error_is_refused_with_its_line_and_nothing_is_written(world: World, root: Any) -> None:
    client = world.client(None)
    client.force_login(root)
    bad = json.dumps(shipped(2568), ensure_ascii=False, indent=2).replace('"weight": 40', '"weight": 45')
    r = client.post("/ita/catalogues/upload/", {"file": SimpleUploadedFile("2568.json", bad.encode())})
    assert r.status_code == 400
    line = bad[: bad.index('"tools"')].count("\n") + 1
    assert f"2568.json บรรทัดที่ {line}: น้ำหนักของ IIT, EIT และ OIT รวมกันต้องเป็น 100 (ได้ 105)" in r.content.decode()
    assert not Catalogue.objects.filter(year=2568).exists()


def test_a_superuser_edits_one_item_as_a_new_version(world: World, root: Any) -> None:
    client = world.client(None)
    client.force_login(root)
    assert 'value="โครงสร้าง"' in client.get("/ita/catalogues/2566/items/o1/edit/").content.decode()
    data = {"title": "โครงสร้างหน่วยงาน", "indicator": "9", "topic": "structure", "contents": "แผนผัง\n\n",
            "covers_offset": "", "covers_round": "", "confirmed": "on", "note": "", "change": "แก้ชื่อ"}  # fmt: skip
    r = client.post("/ita/catalogues/2566/items/o1/edit/", data)
    assert r.status_code == 302
    active = services.active_catalogue(2566)
    assert active.version == 2 and active.change == "แก้ชื่อ"
    assert active.item("o1") == {**shipped(2566)["oit_items"][0], "title": "โครงสร้างหน่วยงาน", "contents": ["แผนผัง"]}


def test_a_catalogue_version_downloads_as_json(world: World) -> None:
    r = world.client(world.somchai).get("/ita/catalogues/2569/v1/download/")
    assert r["Content-Disposition"] == 'attachment; filename="ita-2569-v1.json"'
    assert json.loads(r.content)["assumed"] is True
