"""Text limits (core/limits.py) on measures, results, plans and signatures: a 200,000-character title is
refused through the web form, the API and an import, naming the field, and nothing is written; a title
exactly at the limit is accepted."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from prongsai.core import limits
from prongsai.core.errors import ServiceError
from prongsai.documents.services import update_signatures
from prongsai.imports.seed import ImportFormatError, parse_report_text
from prongsai.imports.services import import_report
from prongsai.measures import services
from prongsai.measures.models import Measure, Plan, Progress

from .conftest import World, measure_data

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "klaeng-2567-measures-report.txt"
HUGE = "ก" * 200_000
# In an imported file: over the title's limit, under the readers' own cell limit (imports/limits.py),
# so the file is read and the write is what refuses it.
LONG_CELL = "ก" * 5_000
FIRST_SEED_TITLE = "การจัดทำข้อตกลงระหว่างผู้บังคับบัญชา"


def measure_form(world: World, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"title": "มาตรการใหม่", "methods": ["ประชุม"], "version": ""}
    data.update(overrides)
    return data


def count_measures(world: World) -> int:
    return Measure.objects.filter(plan=world.plan).count()


def test_a_200000_character_title_through_the_web_form_is_refused_naming_the_field(world: World) -> None:
    before = count_measures(world)
    response = world.client(world.somchai).post(
        f"/plans/{world.plan.pk}/measures/new/", measure_form(world, title=HUGE)
    )
    assert response.status_code == 400  # the form again, with the message
    errors = response.context["form"].errors
    assert "title" in errors and "มาตรการหรือกิจกรรม ยาวเกินที่รับได้ ๑,๐๐๐ ตัวอักษร" in errors["title"][0]
    assert count_measures(world) == before


def test_the_form_tells_the_browser_the_limit(world: World) -> None:
    page = world.client(world.somchai).get(f"/plans/{world.plan.pk}/measures/new/").content.decode()
    assert re.search(r'<textarea name="title"[^>]*maxlength="1000"', page)
    assert 'maxlength="2000"' in page  # each method item


def test_a_title_exactly_at_the_limit_is_accepted_through_the_web_form(world: World) -> None:
    title = "ข" * limits.MEASURE_TITLE
    response = world.client(world.somchai).post(
        f"/plans/{world.plan.pk}/measures/new/", measure_form(world, title=title)
    )
    assert response.status_code == 302
    assert Measure.objects.filter(plan=world.plan, title=title).exists()


def test_a_method_item_over_the_limit_is_refused_naming_the_item(world: World) -> None:
    before = count_measures(world)
    methods = ["ประชุม", "ค" * (limits.ITEM + 1)]
    response = world.client(world.somchai).post(
        f"/plans/{world.plan.pk}/measures/new/", measure_form(world, methods=methods)
    )
    assert "วิธีการดำเนินการ ข้อที่ ๒ ยาว ๒,๐๐๑ ตัวอักษร" in response.context["form"].errors["methods"][0]
    assert count_measures(world) == before


def test_the_service_refuses_whatever_calls_it_and_never_cuts_text_short(world: World) -> None:
    palad = world.dept("สำนักปลัด")
    with pytest.raises(ServiceError) as refused:
        services.create_measure(
            world.plan, world.somchai, world.somchai.user, measure_data(world.plan, [palad], title=HUGE)
        )
    assert refused.value.field == "title" and "มาตรการหรือกิจกรรม" in refused.value.message
    with pytest.raises(ServiceError) as refused:
        services.create_measure(
            world.plan, world.somchai, world.somchai.user, measure_data(world.plan, [palad], methods=["ก"] * 51)
        )
    assert refused.value.field == "methods" and "๕๑ ข้อ" in refused.value.message
    # Every field within its limit, but the measure as a whole too long.
    long_methods = ["ก" * limits.ITEM] * 10
    with pytest.raises(ServiceError) as refused:
        services.create_measure(
            world.plan,
            world.somchai,
            world.somchai.user,
            measure_data(world.plan, [palad], methods=long_methods, target="ข" * limits.TARGET),
        )
    assert "ข้อความทั้งหมดของมาตรการนี้" in refused.value.message


def test_results_over_the_limit_are_refused_naming_the_field(world: World) -> None:
    measure = world.palad_measure
    version = Progress.objects.get(measure=measure, round=1).version
    response = world.client(world.somchai).post(
        f"/measures/{measure.pk}/progress/1/",
        {"results": ["ประชุมแล้ว"], "status": "done", "outcome": HUGE, "version": str(version)},
    )
    assert "ผลลัพธ์ ยาวเกินที่รับได้ ๕,๐๐๐ ตัวอักษร" in response.context["form"].errors["outcome"][0]
    data = services.ProgressData(results=["ร" * (limits.ITEM + 1)], status="done")
    with pytest.raises(ServiceError) as refused:
        services.record_progress(measure, 1, world.somchai, world.somchai.user, data, expected_version=version)
    assert refused.value.field == "results" and "ผลการดำเนินการ ข้อที่ ๑" in refused.value.message
    assert Progress.objects.get(measure=measure, round=1).version == version


def test_a_200000_character_title_through_the_api_is_refused_naming_the_field(world: World) -> None:
    client = world.client(world.somchai)
    before = count_measures(world)
    url = f"/api/plans/{world.plan.pk}/measures"
    response = client.post(url, data=json.dumps({"title": HUGE}), content_type="application/json")
    assert response.status_code == 422
    assert any(err["loc"][-1] == "title" for err in response.json()["detail"])
    assert count_measures(world) == before
    at_limit = client.post(url, data=json.dumps({"title": "ข" * limits.MEASURE_TITLE}), content_type="application/json")
    assert at_limit.status_code == 201


def test_the_api_documents_the_limits(world: World) -> None:
    schema = world.client(None).get("/api/openapi.json").json()["components"]["schemas"]
    measure = schema["MeasureIn"]["properties"]
    assert measure["title"]["maxLength"] == limits.MEASURE_TITLE
    assert measure["methods"]["maxItems"] == limits.ITEMS
    assert measure["methods"]["items"]["maxLength"] == limits.ITEM


def test_a_title_over_the_limit_in_an_imported_report_is_refused_naming_the_line_and_field(world: World) -> None:
    text = SEED.read_text(encoding="utf-8").replace(FIRST_SEED_TITLE, LONG_CELL, 1)
    report = parse_report_text(text)
    with pytest.raises(ImportFormatError) as refused:
        import_report(report, world.somchai, world.somchai.user)
    assert "มาตรการหรือกิจกรรม ยาว ๕," in str(refused.value) and "เกินที่รับได้ ๑,๐๐๐" in str(refused.value)
    assert "บรรทัดที่" in str(refused.value)
    assert not Plan.objects.filter(organization=world.org, fiscal_year=2567).exists()


def test_a_plan_introduction_over_the_limit_is_refused(world: World) -> None:
    with pytest.raises(ServiceError) as refused:
        services.update_plan(world.plan, world.somchai, world.somchai.user, title="แผน", intro="ก" * 10_001)
    assert refused.value.field == "intro" and "บทนำ" in refused.value.message
    world.plan.refresh_from_db()
    assert world.plan.intro == ""


def test_a_signature_over_the_limit_is_refused_not_cut_short(world: World) -> None:
    values = {"reporter": {"name": "ก" * 201, "position": "", "date": ""}}
    with pytest.raises(ServiceError) as refused:
        update_signatures(world.plan, world.somchai, world.somchai.user, values)
    assert refused.value.field == "reporter_name" and "ผู้รายงาน: ชื่อ" in refused.value.message
    world.plan.refresh_from_db()
    assert not world.plan.signatures


def test_a_title_over_the_limit_through_the_web_import_is_refused_and_nothing_is_written(world: World) -> None:
    from tests.imports.conftest import draft_of, preview_and_confirm, upload

    client = world.client(world.somchai)
    text = SEED.read_text(encoding="utf-8").replace(FIRST_SEED_TITLE, LONG_CELL, 1)
    record = draft_of(upload(client, "klaeng", text.encode(), "seed.txt"))
    _page, response = preview_and_confirm(client, record)
    assert response.status_code == 302
    shown = " ".join(str(m) for m in client.get(response["Location"]).context["messages"])
    assert "มาตรการหรือกิจกรรม ยาว ๕," in shown and "เกินที่รับได้ ๑,๐๐๐" in shown, shown
    assert not Plan.objects.filter(organization=world.org, fiscal_year=2567).exists()


def test_a_200000_character_title_in_an_imported_report_is_refused_and_nothing_is_written(world: World) -> None:
    text = SEED.read_text(encoding="utf-8").replace(FIRST_SEED_TITLE, HUGE, 1)
    with pytest.raises(ImportFormatError) as refused:  # by the reader's cell limit, or else by the write
        import_report(parse_report_text(text), world.somchai, world.somchai.user)
    assert "ตัวอักษร" in str(refused.value)
    assert not Plan.objects.filter(organization=world.org, fiscal_year=2567).exists()
