"""Measures traced to indicators and OIT items: the plan page's section (weak indicators no measure
addresses, measures that address no indicator), the measure form's OIT items, copy forward."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.core.errors import ServiceError
from prongsai.ita.traceability import plan_trace
from prongsai.ita.years import covered_fiscal_year, plan_ita_years, topic_choices
from prongsai.measures import services as measures
from prongsai.measures.models import Measure

from .conftest import World, record

# ITA 2567: 2 (84.00), 7 (80.00) and 9 (70.00) below 85; the plan's two measures link to 10 only.
WEAK_2567 = ["90", "84", "90", "90", "90", "90", "80", "90", "70", "95"]


def plan_page(world: World) -> str:
    return world.client(world.prapa).get(f"/o/{world.org.slug}/?year=2568").content.decode()


def test_the_plan_page_shows_the_weak_indicators_no_measure_addresses(town: World) -> None:
    record(town.somchai, 2567, WEAK_2567)
    measures.update_measure(
        town.finance_measure,
        town.somchai,
        town.somchai.user,
        measures.MeasureData(title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง", indicators=[2, 9]),
        expected_version=1,
    )
    page = plan_page(town)
    trace = page[page.index('data-testid="plan-trace"') :]
    assert "ผลการประเมิน ITA ปี ๒๕๖๗" in trace
    unaddressed = trace[trace.index('data-testid="trace-unaddressed"') : trace.index("</ul>")]
    assert re.findall(r'data-indicator="(\d+)"', unaddressed) == ["7"]
    assert "๗ ประสิทธิภาพการสื่อสาร (๘๐.๐๐)" in unaddressed
    assert f"/plans/{town.plan.pk}/ita/suggestions/?indicator=7" in unaddressed
    assert "มีมาตรการแล้ว: ๙ (๒) · ๒ (๒)" in trace  # lowest first, with the measures' numbers


def test_the_plan_page_shows_the_measures_that_address_no_indicator(town: World) -> None:
    record(town.somchai, 2567, WEAK_2567)
    measures.create_measure(town.plan, town.somchai, town.somchai.user, measures.MeasureData(title="ปลูกต้นไม้"))
    page = plan_page(town)
    unlinked = page[page.index('data-testid="trace-unlinked"') :]
    unlinked = unlinked[: unlinked.index("</ul>")]
    assert "๓. ปลูกต้นไม้" in unlinked and "No Gift" not in unlinked


def test_the_baseline_is_the_latest_result_before_the_plans_year(town: World) -> None:
    record(town.somchai, 2566, ["50"] * 10)
    record(town.somchai, 2567, WEAK_2567)
    record(town.somchai, 2568, ["60"] * 10)  # the plan's own year: assessed during it, not its baseline
    trace = plan_trace(town.plan)
    assert trace.baseline is not None and trace.baseline.year == 2567
    assert [(w.number, w.score) for w in trace.weak] == [
        (9, Decimal("70.00")),
        (7, Decimal("80.00")),
        (2, Decimal("84.00")),
    ]
    assert trace.ita_years == [2568, 2569]


def test_without_an_earlier_result_the_page_says_so(town: World) -> None:
    page = plan_page(town)
    assert "ยังไม่มีผลการประเมิน ITA ของปีก่อนปีงบประมาณ ๒๕๖๘ ให้เทียบ" in page
    assert "ทุกมาตรการโยงกับตัวชี้วัดแล้ว" in page


def test_the_section_costs_the_same_queries_for_two_measures_or_eight(town: World) -> None:
    record(town.somchai, 2567, WEAK_2567)
    client = town.client(town.somchai)
    with CaptureQueriesContext(connection) as two:
        client.get(f"/o/{town.org.slug}/?year=2568")
    for n in range(6):
        measures.create_measure(
            town.plan, town.somchai, town.somchai.user, measures.MeasureData(title=f"มาตรการ {n}", indicators=[n + 1])
        )
    with CaptureQueriesContext(connection) as eight:
        client.get(f"/o/{town.org.slug}/?year=2568")
    assert len(two) == len(eight)


def test_a_plan_of_fiscal_year_n_is_looked_at_by_ita_n_and_its_yearly_reports_by_ita_n_plus_1() -> None:
    assert plan_ita_years(2568) == (2568, 2569)
    # ITA 2569's O26 holds the FY2568 yearly report; its O25 (the measures) the FY2569 plan.
    assert covered_fiscal_year(2569, {"covers": {"fiscal_year_offset": -1, "round": 2}}) == 2568
    assert covered_fiscal_year(2569, {"covers": {"fiscal_year_offset": 0, "round": None}}) == 2569
    assert covered_fiscal_year(2569, {"covers": None}) == 2569


def test_the_measure_form_offers_the_oit_items_that_look_at_the_plans_year(town: World) -> None:
    groups = dict(topic_choices(2568))
    assert list(groups) == ["เกณฑ์ ITA ปี ๒๕๖๘", "เกณฑ์ ITA ปี ๒๕๖๙"]
    assert dict(groups["เกณฑ์ ITA ปี ๒๕๖๘"])["no-gift"].startswith("O21 · ITA ๒๕๖๘")  # a standing item of ITA 2568
    ita_2569 = dict(groups["เกณฑ์ ITA ปี ๒๕๖๙"])
    assert ita_2569["measures-report"].startswith("O26 · ITA ๒๕๖๙")  # the FY2568 report, in ITA 2569
    assert "measures" not in ita_2569  # O25 looks at the FY2569 plan: not offered to FY2568
    page = town.client(town.somchai).get(f"/plans/{town.plan.pk}/measures/new/").content.decode()
    assert 'name="oit_topics" value="no-gift"' in page and "O26 · ITA ๒๕๖๙" in page


def test_a_plan_year_without_items_of_its_own_is_offered_only_what_assesses_it(db: None) -> None:
    # ITA 2567 lists no items; ITA 2566's (which look at 2566 and 2565) no longer stand in.
    choices = {topic: label for _heading, options in topic_choices(2567) for topic, label in options}
    assert "measures" not in choices
    assert choices["hr-report"].startswith("O15 · ITA ๒๕๖๘")  # the FY2567 yearly report, in ITA 2568


def test_the_form_saves_the_oit_topics_and_keeps_one_from_another_year(town: World) -> None:
    client = town.client(town.somchai)
    data = {
        "title": "ประกาศ No Gift Policy",
        "oit_topics": ["no-gift", "measures-report"],
        "indicators": ["10"],
    }
    assert client.post(f"/plans/{town.plan.pk}/measures/new/", data).status_code == 302
    measure = Measure.objects.get(title="ประกาศ No Gift Policy")
    assert measure.oit_topics == ["measures-report", "no-gift"]
    Measure.objects.filter(pk=measure.pk).update(oit_topics=["no-gift", "o99-retired"])
    page = client.get(f"/measures/{measure.pk}/edit/").content.decode()
    assert 'name="oit_topics" value="o99-retired"' in page  # not in this year's items, still offered
    r = client.post(f"/measures/{measure.pk}/edit/", {**data, "oit_topics": ["o99-retired"], "version": "1"})
    assert r.status_code == 302
    measure.refresh_from_db()
    assert measure.oit_topics == ["o99-retired"]


def test_a_malformed_topic_is_refused_by_the_service(town: World) -> None:
    with pytest.raises(ServiceError, match="หัวข้อของข้อ OIT"):
        measures.create_measure(
            town.plan, town.somchai, town.somchai.user, measures.MeasureData(title="x", oit_topics=["No Gift!"])
        )


def test_copying_a_plan_forward_carries_the_oit_topics(town: World) -> None:
    measures.update_measure(
        town.palad_measure,
        town.somchai,
        town.somchai.user,
        measures.MeasureData(title="ประกาศ No Gift", indicators=[10], oit_topics=["no-gift"]),
        expected_version=1,
    )
    new_plan = measures.copy_plan_forward(town.plan, town.somchai, town.somchai.user)
    copied = new_plan.measures.get(number=1)
    assert copied.oit_topics == ["no-gift"] and copied.to_dict()["oit_topics"] == ["no-gift"]
