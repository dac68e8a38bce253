"""The measure form's OIT items: exactly those that assess the plan's fiscal year, grouped by ITA
year in catalogue order; topics the measure holds from another year kept and marked; a message
when no catalogue in the system assesses the year."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace
from typing import Any

import pytest

from prongsai.core import digits
from prongsai.ita import catalogue as files
from prongsai.ita import years
from prongsai.ita.years import covered_fiscal_year, topic_choices
from prongsai.measures import services as measures
from prongsai.measures.models import Measure, Plan

from .conftest import World, shipped


def expected(fiscal_year: int) -> list[tuple[int, list[str]]]:
    """From the shipped files alone: (ITA year, [topic, ...]) of the items whose coverage is `fiscal_year`."""
    groups = []
    for year in sorted(files.shipped_years()):
        topics = [i["topic"] for i in shipped(year)["oit_items"] if covered_fiscal_year(year, i) == fiscal_year]
        if topics:
            groups.append((year, topics))
    return groups


def plan_of(world: World, year: int) -> Plan:
    return measures.create_plan(world.somchai, world.somchai.user, fiscal_year=year)


def form_page(world: World, url: str) -> str:
    response = world.client(world.somchai).get(url)
    assert response.status_code == 200
    return response.content.decode()


def oit_section(page: str) -> str:
    start = page.index('data-testid="oit-topics"')
    return page[start : page.index('name="target"', start)]  # the field after it


def test_a_2567_plan_is_offered_exactly_the_items_whose_coverage_is_2567(db: None) -> None:
    # ITA 2567's catalogue lists no items and ITA 2566 looks at 2566 and 2565: only ITA 2568's
    # yearly reports of FY2567 assess it.
    assert expected(2567) == [(2568, ["procurement-report", "hr-report"])]
    assert topic_choices(2567) == [
        (
            "เกณฑ์ ITA ปี ๒๕๖๘",
            [
                ("procurement-report", "O13 · ITA ๒๕๖๘ รายงานผลการจัดซื้อจัดจ้างประจำปี"),
                ("hr-report", "O15 · ITA ๒๕๖๘ รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี"),
            ],
        )
    ]


@pytest.mark.parametrize("fiscal_year", [2565, 2566, 2567, 2568, 2569])
def test_the_choices_are_the_items_covering_the_year_grouped_by_ita_year_in_catalogue_order(
    db: None, fiscal_year: int
) -> None:
    choices = topic_choices(fiscal_year)
    wanted = expected(fiscal_year)
    assert [heading for heading, _options in choices] == [f"เกณฑ์ ITA ปี {digits.num(y)}" for y, _t in wanted]
    assert [[topic for topic, _label in options] for _heading, options in choices] == [t for _y, t in wanted]
    for (year, _topics), (_heading, options) in zip(wanted, choices, strict=True):
        assert all(f" · ITA {digits.num(year)} " in label for _topic, label in options)


def test_standing_items_count_for_their_own_ita_year_only(db: None) -> None:
    heading, options = topic_choices(2568)[0]
    assert heading == "เกณฑ์ ITA ปี ๒๕๖๘" and dict(options)["no-gift"].startswith("O21 · ITA ๒๕๖๘")
    offered_2567 = {topic for _heading, options in topic_choices(2567) for topic, _label in options}
    assert "no-gift" not in offered_2567 and "structure" not in offered_2567
    offered_2568 = {topic for _heading, options in topic_choices(2568) for topic, _label in options}
    assert "measures" not in offered_2568  # ITA 2569's O25 looks at the FY2569 plan
    assert "measures-report" in offered_2568  # ITA 2569's O26: the FY2568 report


def test_the_form_shows_the_groups_and_says_what_is_missing(town: World) -> None:
    plan = plan_of(town, 2567)
    section = oit_section(form_page(town, f"/plans/{plan.pk}/measures/new/"))
    assert "<legend>เกณฑ์ ITA ปี ๒๕๖๘</legend>" in section
    assert re.findall(r'name="oit_topics" value="([a-z0-9-]+)"', section) == ["procurement-report", "hr-report"]
    assert "เกณฑ์ ITA ปี ๒๕๖๗ ยังไม่มีรายการข้อ OIT ในระบบ" in section
    assert "ITA ๒๕๖๖" not in section and "ITA ๒๕๖๙" not in section


def test_a_topic_from_another_year_stays_checked_and_marked(town: World) -> None:
    plan = plan_of(town, 2567)
    measure = measures.create_measure(
        plan, town.somchai, town.somchai.user, measures.MeasureData(title="ประกาศ No Gift", oit_topics=["no-gift"])
    )
    section = oit_section(form_page(town, f"/measures/{measure.pk}/edit/"))
    kept = section[section.index("<legend>ข้อที่เลือกไว้เดิม</legend>") :]
    assert re.search(r'<input[^>]*value="no-gift"[^>]*checked', kept)
    assert "O21 · ITA ๒๕๖๘ ประกาศเจตนารมณ์และการสร้างวัฒนธรรมตามนโยบาย No Gift Policy" in html.unescape(kept)
    assert "ไม่อยู่ในเกณฑ์ปี ๒๕๖๘ ที่ประเมินปีงบประมาณนี้" in kept
    data = {"title": "ประกาศ No Gift", "oit_topics": ["no-gift", "hr-report"], "version": "1"}
    assert town.client(town.somchai).post(f"/measures/{measure.pk}/edit/", data).status_code == 302
    assert Measure.objects.get(pk=measure.pk).oit_topics == ["hr-report", "no-gift"]


def test_without_a_catalogue_for_the_year_the_form_says_so(town: World) -> None:
    plan = plan_of(town, 2575)
    assert topic_choices(2575) == []
    section = oit_section(form_page(town, f"/plans/{plan.pk}/measures/new/"))
    assert "ยังไม่มีเกณฑ์ OIT ที่ประเมินปีงบประมาณ ๒๕๗๕ ในระบบ" in section
    assert 'name="oit_topics"' not in section


def test_a_topic_two_years_ask_for_appears_once_naming_both(monkeypatch: Any) -> None:
    def item(code: str, topic: str, offset: int | None) -> dict[str, Any]:
        covers = None if offset is None else {"fiscal_year_offset": offset, "round": None}
        return {"code": code, "title": f"ข้อ {code}", "topic": topic, "covers": covers}

    content = {
        2580: [item("O1", "structure", None), item("O2", "report", 0), item("O3", "older", -1)],
        2581: [item("O9", "report", -1), item("O1", "structure", None)],
        2582: [item("O5", "far", -2)],
    }
    monkeypatch.setattr(years, "catalogue_years", lambda: sorted(content))
    monkeypatch.setattr(years, "active_catalogue", lambda y: SimpleNamespace(year=y, content={"oit_items": content[y]}))
    assert topic_choices(2580) == [
        (
            "เกณฑ์ ITA ปี ๒๕๘๐",
            [("structure", "O1 · ITA ๒๕๘๐ ข้อ O1"), ("report", "O2 · ITA ๒๕๘๐ ข้อ O2 · และ O9 · ITA ๒๕๘๑")],
        ),
        ("เกณฑ์ ITA ปี ๒๕๘๒", [("far", "O5 · ITA ๒๕๘๒ ข้อ O5")]),
    ]
    with digits.style(False):
        assert topic_choices(2579) == [("เกณฑ์ ITA ปี 2580", [("older", "O3 · ITA 2580 ข้อ O3")])]
