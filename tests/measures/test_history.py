"""A measure's history as the officer reads it: names, Thai labels and phrases, never a code."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest
from django.db import models

from prongsai.core.audit import save_audited
from prongsai.measures import services
from prongsai.measures.history import HIDDEN, LABELS
from prongsai.measures.models import Evidence, Measure, Progress
from prongsai.orgs.models import Organization
from prongsai.orgs.services import add_department, delete_department, rename_department

from .conftest import World, measure_data

UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.IGNORECASE)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def text_of(response: Any) -> str:
    assert response.status_code == 200
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def field_names() -> set[str]:
    return {f.name for model in (Measure, Progress, Evidence) for f in model._meta.get_fields() if len(f.name) >= 3}


def a_year_of_changes(world: World) -> Measure:
    """The สำนักปลัด measure edited the way a year goes: departments added, one later renamed and one
    deleted, months, indicators, methods and OIT items changed, a round reported, evidence withdrawn."""
    who, user, plan = world.somchai, world.somchai.user, world.plan
    health = add_department(who, user, name="งานป้องกันภัย")
    temporary = add_department(who, user, name="งานเฉพาะกิจ")
    palad = world.dept("สำนักปลัด")
    m = world.palad_measure
    m = services.update_measure(
        m,
        who,
        user,
        measure_data(
            plan,
            [palad, health, temporary],
            title="ประกาศเจตนารมณ์ 2 ฉบับ",  # typed with Arabic digits: shown as typed
            methods=["จัดทำประกาศ", "เผยแพร่ทางเว็บไซต์", "รายงานผู้บริหาร"],
            months=[(2567, 10), (2567, 11), (2567, 12), (2568, 1), (2568, 2), (2568, 3)],
            indicators=[3, 9],
            oit_topics=["no-gift", "measures-report"],
        ),
        expected_version=1,
    )
    m = services.update_measure(
        m,
        who,
        user,
        measure_data(plan, [palad, health], title=m.title, months=[(2568, 4), (2568, 6)]),
        expected_version=2,
    )
    delete_department(who, user, temporary)
    rename_department(who, user, health, name="งานป้องกันและบรรเทาสาธารณภัย")
    services.record_progress(
        m, 1, who, user, services.ProgressData(results=["ประกาศแล้ว", "เผยแพร่แล้ว"], status="done"), expected_version=0
    )
    evidence = services.add_evidence(
        m,
        1,
        who,
        user,
        title="ประกาศ ฉบับลงนาม",
        url="https://klaeng.go.th/no-gift",
        period_start=date(2024, 10, 1),
        period_end=date(2025, 3, 31),
    )
    services.withdraw_evidence(evidence, who, user, reason="แนบผิดฉบับ")
    return m


def test_the_history_reads_in_words_with_no_code_and_no_uuid(world: World) -> None:
    m = a_year_of_changes(world)
    text = text_of(world.client(world.prapa).get(f"/measures/{m.pk}/history/"))
    # departments by name: renamed (with the name of the time), deleted (the name it had), unchanged
    assert "ส่วนราชการที่รับผิดชอบ: สำนักปลัด →" in text
    assert "ส่วนราชการที่รับผิดชอบ: — →" not in text  # set while creating: part of the creation
    assert text.count("แก้ไข มาตรการ") == 2  # each edit once, its departments with its fields
    assert "งานป้องกันและบรรเทาสาธารณภัย (ขณะนั้นชื่อ งานป้องกันภัย)" in text
    assert "งานเฉพาะกิจ (ถูกลบแล้ว)" in text
    # months, indicators, OIT items, methods, status, round and evidence fields in Thai
    assert "เดือนที่ดำเนินการ: ต.ค. ๒๕๖๗ – พ.ย. ๒๕๖๗ → ต.ค. ๒๕๖๗ – มี.ค. ๒๕๖๘" in text
    assert "เม.ย. ๒๕๖๘, มิ.ย. ๒๕๖๘" in text
    assert "ตัวชี้วัด ITA ที่เกี่ยวข้อง: ๑๐ การป้องกันการทุจริต → ๓ การใช้อำนาจ, ๙ การเปิดเผยข้อมูล" in text
    assert "O21 · ITA ๒๕๖๘" in text and "O26 · ITA ๒๕๖๙" in text
    assert "รายงานผู้บริหาร" in text and " | " not in text
    assert "แก้ไข ผลการดำเนินการ รอบ ๖ เดือน (ต.ค.–มี.ค.)" in text
    assert "สถานะ: ยังไม่ดำเนินการ → ดำเนินการแล้วเสร็จ" in text
    assert 'หลักฐาน "ประกาศ ฉบับลงนาม" ของรอบ ๖ เดือน' in text
    assert "ผู้ถอน: — → somchai test" in text and "เหตุผลที่ถอน: — → แนบผิดฉบับ" in text
    assert "ถอนเมื่อ: — → " in text
    assert "มาตรการหรือกิจกรรม: จัดทำประกาศเจตนารมณ์ No Gift Policy → ประกาศเจตนารมณ์ 2 ฉบับ" in text
    # no identifier, no code name of a field
    assert not UUID.search(text), UUID.search(text)
    words = set(re.findall(r"[a-z_]{3,}", text))
    assert not words & field_names(), words & field_names()


def test_the_history_lists_items_and_sits_on_the_measure_page(world: World) -> None:
    m = a_year_of_changes(world)
    body = world.client(world.prapa).get(f"/measures/{m.pk}/").content.decode()
    history = body[body.index('data-testid="history"') :]
    assert '<ol class="items"><li>จัดทำประกาศ</li><li>เผยแพร่ทางเว็บไซต์และเพจ</li></ol>' in history
    assert "<li>รายงานผู้บริหาร</li>" in history
    section = text_of(world.client(world.prapa).get(f"/measures/{m.pk}/"))
    section = section[section.index("ประวัติการแก้ไข") :]
    assert not UUID.search(section)


def test_an_organisation_with_arabic_digits_gets_arabic_digits_but_typed_text_stays(world: World) -> None:
    Organization.objects.filter(pk=world.org.pk).update(thai_digits=False)
    m = services.update_measure(
        world.palad_measure,
        world.somchai,
        world.somchai.user,
        measure_data(world.plan, [world.dept("สำนักปลัด")], title="ประกาศ ๒ ฉบับ", indicators=[3], months=[(2568, 1)]),
        expected_version=1,
    )
    text = text_of(world.client(world.prapa).get(f"/measures/{m.pk}/history/"))
    assert "10 การป้องกันการทุจริต → 3 การใช้อำนาจ" in text
    assert "ต.ค. 2567 – พ.ย. 2567 → ม.ค. 2568" in text
    assert "→ ประกาศ ๒ ฉบับ" in text  # typed with Thai digits: kept
    assert not re.search(r"[๐-๙]{2}:[๐-๙]{2}", text)  # the times in Arabic digits too


def test_every_field_a_person_can_change_has_a_thai_label() -> None:
    for model in (Measure, Progress, Evidence):
        names = {f.name for f in model._meta.get_fields() if isinstance(f, models.Field)}
        missing = names - HIDDEN - set(LABELS[model])
        assert not missing, (model.__name__, missing)
        assert all(not str(label).isascii() for label in LABELS[model].values())


def test_the_history_costs_the_same_queries_for_one_change_or_many(
    world: World, django_assert_max_num_queries: Any
) -> None:
    m = a_year_of_changes(world)
    client = world.client(world.prapa)
    with django_assert_max_num_queries(30) as few:
        client.get(f"/measures/{m.pk}/history/")
    for n in range(5):
        m = services.update_measure(
            m,
            world.somchai,
            world.somchai.user,
            measure_data(world.plan, [world.dept("กองคลัง")], title=f"ชื่อ {n}"),
            expected_version=m.version,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/measures/{m.pk}/history/")


def test_a_flag_reads_yes_or_no_and_a_move_reads_as_the_new_number(world: World) -> None:
    m = world.palad_measure
    m.timeframe_needs_review = True
    save_audited(m, world.somchai.user, "copy plan forward")  # as a copied measure starts
    m = services.update_measure(
        m, world.somchai, world.somchai.user, measure_data(world.plan, [world.dept("สำนักปลัด")]), expected_version=1
    )
    services.reorder_measures(world.plan, world.somchai, world.somchai.user, [world.finance_measure.pk, m.pk])
    text = text_of(world.client(world.prapa).get(f"/measures/{m.pk}/history/"))
    assert "ระยะเวลาต้องตรวจทาน: ไม่ใช่ → ใช่" in text and "ระยะเวลาต้องตรวจทาน: ใช่ → ไม่ใช่" in text
    assert "ลำดับ: ๑ → ๒" in text
