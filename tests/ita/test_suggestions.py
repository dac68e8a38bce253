"""Measures suggested for a weak indicator (the shipped library and the organisation's own past
measures), and one click that adds one to the draft plan through measures.services."""

from __future__ import annotations

from prongsai.ita.library import LIBRARY, OWN, library, suggestions
from prongsai.measures import services as measures
from prongsai.measures.models import Measure, PlanStatus

from .conftest import World, record

WEAK_7_AND_10 = ["90"] * 6 + ["80", "90", "90", "70"]


def url(world: World) -> str:
    return f"/plans/{world.plan.pk}/ita/suggestions/"


def test_the_library_holds_the_seeds_eight_measures_keyed_to_indicators() -> None:
    links = {s.key: s.indicators for s in library()}
    assert list(links) == [f"seed-{n}" for n in range(1, 9)]
    assert links["seed-5"] == (10,) and links["seed-6"] == (10,)  # No Gift; the anti-corruption plan
    assert links["seed-4"] == (6, 7, 8) and links["seed-7"] == (9,)  # service steps; participation
    assert links["seed-8"] == (5, 10)  # internal measures
    assert {i for k in ("seed-1", "seed-2", "seed-3") for i in links[k]} == {1, 2, 3, 4}  # personnel
    assert dict((s.key, s.oit_topics) for s in library())["seed-5"] == ("no-gift",)


def test_suggestions_for_an_indicator_put_the_organisations_past_measures_first(town: World) -> None:
    old = measures.create_plan(town.somchai, town.somchai.user, fiscal_year=2567)
    mine = measures.create_measure(
        old,
        town.somchai,
        town.somchai.user,
        measures.MeasureData(title="ตั้งกล่องรับเรื่องร้องเรียนหน้าที่ทำการ", methods=["ติดตั้งกล่อง"], indicators=[10]),
    )
    measures.create_measure(old, town.somchai, town.somchai.user, measures.MeasureData(title="ไม่โยงตัวชี้วัด"))
    found = suggestions(town.plan, 10)
    assert [(s.source, s.key) for s in found[:1]] == [(OWN, str(mine.pk))]
    assert found[0].origin == "แผนปี ๒๕๖๗ มาตรการที่ ๑"
    assert [s.key for s in found[1:]] == ["seed-5", "seed-6", "seed-8"]
    assert all(10 in s.indicators for s in found)
    # The current plan's own measures are no suggestion; every one of the plan's titles is marked.
    assert str(town.palad_measure.pk) not in [s.key for s in found]
    assert len(suggestions(town.plan)) == 9


def test_one_click_creates_the_measure_in_the_draft_plan(town: World) -> None:
    record(town.somchai, 2567, WEAK_7_AND_10)
    client = town.client(town.somchai)
    page = client.get(url(town) + "?indicator=7").content.decode()
    assert 'data-testid="suggestion-seed-4"' in page and 'value="seed-4"' in page
    r = client.post(url(town) + "adopt/", {"source": LIBRARY, "key": "seed-4", "indicator": "7"})
    assert r.status_code == 302 and r["Location"] == url(town) + "?indicator=7"
    measure = Measure.objects.get(plan=town.plan, number=3)
    seed = next(s for s in library() if s.key == "seed-4")
    assert measure.title == seed.title and measure.methods == list(seed.methods)
    assert measure.indicators == [6, 7, 8] and measure.oit_topics == ["e-service", "service-manual"]
    assert measure.progress.count() == 2  # made by measures.services.create_measure
    history = measure.history.get()
    assert (history.history_user, history.history_change_reason) == (town.somchai.user, "create measure")
    # The plan page no longer lists 7 as unaddressed.
    plan_page = client.get(f"/o/{town.org.slug}/?year=2568").content.decode()
    assert 'data-indicator="7"' not in plan_page and 'data-indicator="10"' not in plan_page


def test_a_second_click_does_not_add_the_same_measure_again(town: World) -> None:
    client = town.client(town.somchai)
    client.post(url(town) + "adopt/", {"source": LIBRARY, "key": "seed-7"})
    r = client.post(url(town) + "adopt/", {"source": LIBRARY, "key": "seed-7"}, follow=True)
    assert "อยู่แล้ว" in r.content.decode()
    assert Measure.objects.filter(plan=town.plan).count() == 3
    assert "มีในแผนแล้ว" in client.get(url(town) + "?indicator=9").content.decode()


def test_a_past_measure_comes_with_its_departments_and_topics(town: World) -> None:
    old = measures.create_plan(town.somchai, town.somchai.user, fiscal_year=2566)
    finance = town.dept("กองคลัง")
    past = measures.create_measure(
        old,
        town.somchai,
        town.somchai.user,
        measures.MeasureData(
            title="เผยแพร่รายงานการจัดซื้อ", department_ids=[finance.pk], indicators=[9], oit_topics=["procurement-report"]
        ),
    )
    town.client(town.malee).post(url(town) + "adopt/", {"source": OWN, "key": str(past.pk)})
    made = Measure.objects.get(plan=town.plan, title="เผยแพร่รายงานการจัดซื้อ")
    assert [d.name for d in made.departments.all()] == ["กองคลัง"] and made.oit_topics == ["procurement-report"]


def test_an_editor_limited_to_a_department_gets_it_on_a_library_measure(town: World) -> None:
    r = town.client(town.malee).post(url(town) + "adopt/", {"source": LIBRARY, "key": "seed-6"})
    assert r.status_code == 302
    made = Measure.objects.get(plan=town.plan, number=3)
    assert [d.name for d in made.departments.all()] == ["กองคลัง"]


def test_an_unknown_or_foreign_suggestion_adds_nothing(town: World) -> None:
    other_plan = measures.create_plan(town.prasert, town.prasert.user, fiscal_year=2567)
    foreign = measures.create_measure(
        other_plan, town.prasert, town.prasert.user, measures.MeasureData(title="ของหน่วยงานอื่น", indicators=[1])
    )
    client = town.client(town.somchai)
    for data in (
        {"source": OWN, "key": str(foreign.pk)},
        {"source": OWN, "key": "not-a-uuid"},
        {"source": LIBRARY, "key": "seed-99"},
        {"source": "x", "key": "seed-1"},
    ):
        r = client.post(url(town) + "adopt/", data, follow=True)
        assert "ไม่พบมาตรการที่แนะนำนี้" in r.content.decode(), data
    assert Measure.objects.filter(plan=town.plan).count() == 2


def test_a_submitted_plan_takes_no_suggestion(town: World) -> None:
    measures.submit_plan(town.plan, town.somchai, town.somchai.user)
    client = town.client(town.somchai)
    assert "เพิ่มเข้าแผน" not in client.get(url(town)).content.decode()
    r = client.post(url(town) + "adopt/", {"source": LIBRARY, "key": "seed-1"}, follow=True)
    assert "เสนออนุมัติหรืออนุมัติแล้ว" in r.content.decode()
    town.plan.refresh_from_db()
    assert town.plan.status == PlanStatus.SUBMITTED and town.plan.measures.count() == 2


def test_the_access_ladder(town: World) -> None:
    adopt = url(town) + "adopt/"
    data = {"source": LIBRARY, "key": "seed-1"}
    anonymous = town.client(None)
    for r in (anonymous.get(url(town)), anonymous.post(adopt, data)):
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    foreign = town.client(town.prasert)
    assert foreign.get(url(town)).status_code == 404 and foreign.post(adopt, data).status_code == 404
    viewer = town.client(town.prapa)
    page = viewer.get(url(town))
    assert page.status_code == 200 and "เพิ่มเข้าแผน" not in page.content.decode()
    assert viewer.post(adopt, data).status_code == 403
    approver = town.client(town.wichai)
    assert approver.post(adopt, data).status_code == 403
    assert town.client(town.somchai).get(adopt).status_code == 405
    assert Measure.objects.filter(plan=town.plan).count() == 2
