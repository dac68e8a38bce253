"""The changes since the last approval, field by field (measures/approval_diff.py)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from prongsai.core import digits
from prongsai.measures import services
from prongsai.measures.approval_diff import ADDED, CHANGED, REMOVED, compare, since_last_approval

from .conftest import World, measure_data


def measure(number: int, title: str, **fields: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": f"id-{title}",
        "number": number,
        "title": title,
        "methods": ["จัดทำประกาศ"],
        "departments": ["สำนักปลัด"],
        "responsible_text": "",
        "timeframe_text": "ต.ค. - ธ.ค. ๖๗",
        "months": [[2567, 10], [2567, 11], [2567, 12]],
        "indicators": [10],
        "oit_topics": [],
        "target": "",
        "version": 1,
    }
    values.update(fields)
    return values


BEFORE = {
    "fiscal_year": 2568,
    "title": "มาตรการส่งเสริมคุณธรรม ปี ๒๕๖๘",
    "intro": "",
    "measures": [measure(1, "ประกาศ No Gift"), measure(2, "เปิดเผยข้อมูล")],
}


def after(**changes: Any) -> dict[str, Any]:
    content = copy.deepcopy(BEFORE)
    content.update(changes)
    return content


def test_nothing_changed() -> None:
    diff = compare(BEFORE, copy.deepcopy(BEFORE))
    assert not diff.has_changes and diff.unchanged == 2 and diff.measures == []


def test_the_plans_title_and_introduction_with_their_labels() -> None:
    diff = compare(BEFORE, after(title="มาตรการฯ ฉบับแก้ไข", intro="บทนำใหม่"))
    assert [(c.label, c.before, c.after) for c in diff.plan] == [
        ("ชื่อแผน", "มาตรการส่งเสริมคุณธรรม ปี ๒๕๖๘", "มาตรการฯ ฉบับแก้ไข"),
        ("บทนำ", "—", "บทนำใหม่"),
    ]


def test_a_changed_measure_lists_each_changed_field_in_words() -> None:
    changed = measure(
        1,
        "ประกาศเจตนารมณ์ No Gift",
        id="id-ประกาศ No Gift",
        methods=["จัดทำประกาศ", "เผยแพร่ทางเว็บไซต์"],
        departments=["กองคลัง", "สำนักปลัด"],
        months=[[2567, 10], [2568, 1]],
        indicators=[9, 10],
    )
    diff = compare(BEFORE, after(measures=[changed, measure(2, "เปิดเผยข้อมูล")]))
    assert diff.unchanged == 1 and diff.count_changed == 1
    (m,) = diff.measures
    assert (m.kind, m.number, m.title) == (CHANGED, "๑", "ประกาศเจตนารมณ์ No Gift")
    found = {c.field: c for c in m.changes}
    assert list(found) == ["title", "methods", "departments", "months", "indicators"]
    assert (found["title"].label, found["title"].before, found["title"].after) == (
        "มาตรการหรือกิจกรรม",
        "ประกาศ No Gift",
        "ประกาศเจตนารมณ์ No Gift",
    )
    assert found["methods"].is_list and found["methods"].after == ["จัดทำประกาศ", "เผยแพร่ทางเว็บไซต์"]
    assert (found["departments"].before, found["departments"].after) == ("สำนักปลัด", "กองคลัง, สำนักปลัด")
    assert found["months"].label == "เดือนที่ดำเนินการ"
    assert (found["months"].before, found["months"].after) == ("ต.ค. ๒๕๖๗ – ธ.ค. ๒๕๖๗", "ต.ค. ๒๕๖๗, ม.ค. ๒๕๖๘")
    assert found["indicators"].after == "๙ การเปิดเผยข้อมูล, ๑๐ การป้องกันการทุจริต"


def test_added_and_removed_measures() -> None:
    new = measure(2, "อบรมคุณธรรม", target="บุคลากรทุกคน", methods=[])
    diff = compare(BEFORE, after(measures=[measure(1, "ประกาศ No Gift"), new]))
    assert [(m.kind, m.title) for m in diff.measures] == [(ADDED, "อบรมคุณธรรม"), (REMOVED, "เปิดเผยข้อมูล")]
    added = {c.field: c.after for c in diff.measures[0].changes}
    assert added["target"] == "บุคลากรทุกคน" and "methods" not in added  # empty fields are left out
    assert diff.measures[1].changes == []


def test_older_approvals_without_ids_pair_by_title_then_by_number() -> None:
    old = {**BEFORE, "measures": [{k: v for k, v in m.items() if k != "id"} for m in BEFORE["measures"]]}
    now = [measure(1, "ประกาศ No Gift (แก้)", id="y"), measure(2, "อบรม", id="z"), measure(3, "เปิดเผยข้อมูล", id="x")]
    diff = compare(old, after(measures=now))
    kinds = {(m.kind, m.title): [c.field for c in m.changes][:2] for m in diff.measures}
    # "เปิดเผยข้อมูล" is the same measure (same title), renumbered; "ประกาศ" pairs by its number.
    assert kinds == {
        (CHANGED, "ประกาศ No Gift (แก้)"): ["title"],
        (ADDED, "อบรม"): ["number", "title"],
        (CHANGED, "เปิดเผยข้อมูล"): ["number"],
    }


def test_never_approved_shows_every_measure_as_submitted() -> None:
    diff = compare(None, copy.deepcopy(BEFORE))
    assert diff.approval is None and [m.kind for m in diff.measures] == [ADDED, ADDED]
    fields = [c.label for c in diff.measures[0].changes]
    assert fields[:3] == ["ลำดับ", "มาตรการหรือกิจกรรม", "วิธีการดำเนินการ"]


def test_numbers_follow_the_digit_style() -> None:
    with digits.style(False):
        diff = compare(BEFORE, after(measures=[measure(1, "ประกาศ No Gift"), measure(3, "เปิดเผยข้อมูล")]))
    (m,) = diff.measures
    assert (m.number, m.changes[0].before, m.changes[0].after) == ("3", "2", "3")
    assert compare(None, BEFORE, topics={}).measures[0].changes[-1].after == "๑๐ การป้องกันการทุจริต"


@pytest.mark.django_db
def test_since_last_approval_compares_the_plan_with_its_latest_approval(world: World) -> None:
    never = since_last_approval(world.plan)
    assert never.approval is None and never.count_added == 2
    services.submit_plan(world.plan, world.somchai, world.somchai.user)
    services.approve_plan(world.plan, world.wichai, world.wichai.user)
    assert not since_last_approval(world.plan).has_changes
    services.amend_plan(world.plan, world.somchai, world.somchai.user, reason="แก้ชื่อ")
    services.update_measure(
        world.finance_measure,
        world.somchai,
        world.somchai.user,
        measure_data(world.plan, [world.dept("กองคลัง")], title="เปิดเผยข้อมูลการจัดซื้อจัดจ้างทุกไตรมาส"),
        expected_version=1,
    )
    diff = since_last_approval(world.plan)
    assert diff.approval is not None and diff.approval.number == 1
    (m,) = diff.measures
    assert [(c.field, c.before, c.after) for c in m.changes] == [
        ("title", "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง", "เปิดเผยข้อมูลการจัดซื้อจัดจ้างทุกไตรมาส")
    ]
