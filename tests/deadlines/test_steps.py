"""The year as a checklist: it moves as each step is done, says who it waits for, and offers the
button only to the person who may press it."""

from __future__ import annotations

from datetime import date

import pytest

from prongsai.deadlines import steps
from prongsai.documents import services as documents
from prongsai.measures import services as measures
from prongsai.measures.models import Plan
from prongsai.portal.services import documents as publishing
from tests.measures.conftest import World

pytestmark = pytest.mark.django_db

ORDER = [
    "plan-written",
    "plan-submitted",
    "plan-approved",
    "plan-published",
    "results-r1",
    "report-r1-made",
    "report-r1-approved",
    "report-r1-published",
    "results-r2",
    "report-r2-made",
    "report-r2-approved",
    "report-r2-published",
]


def year(world: World, who: object, plan: Plan | None = None) -> steps.Year:
    fresh = Plan.objects.get(pk=(plan or world.plan).pk)
    return steps.Year(world.org, 2568, fresh, who, today=date(2025, 4, 2))


def current(world: World, who: object) -> steps.Step:
    found = steps.next_step(year(world, who))
    assert found is not None
    return found


def record_all(world: World, round_no: int) -> None:
    for measure in world.plan.measures.all():
        measures.record_progress(
            measure,
            round_no,
            world.somchai,
            world.somchai.user,
            measures.ProgressData(results=["ดำเนินการแล้ว"], status="done"),
            expected_version=0,
        )


def test_the_steps_come_in_the_order_of_the_year_with_the_round_ends_as_deadlines(world: World) -> None:
    found = steps.for_year(year(world, world.somchai))
    assert [s.key for s in found] == ORDER
    due = {s.key: s.due.due for s in found if s.due}
    assert due["results-r1"] == due["report-r1-published"] == date(2025, 3, 31)
    assert due["results-r2"] == date(2025, 9, 30)
    assert "plan-submitted" not in due  # no date is invented for the plan
    late = {s.key: s.days for s in found if s.late}
    assert late["results-r1"] == 2 and "results-r2" not in late  # 2 April: two days past 31 March


def test_the_checklist_moves_as_each_step_is_done_and_names_who_it_waits_for(world: World) -> None:
    step = current(world, world.somchai)
    assert step.key == "plan-submitted"  # the fixture's plan already has two measures
    assert step.can_act and step.waits_for == "รอเจ้าหน้าที่เสนอแผน"
    measures.submit_plan(world.plan, world.somchai, world.somchai.user)
    step = current(world, world.somchai)
    assert (step.key, step.waits_for, step.can_act) == ("plan-approved", "รอผู้บริหารอนุมัติ", False)
    assert current(world, world.wichai).can_act  # the approver gets the button
    measures.approve_plan(world.plan, world.wichai, world.wichai.user)
    assert current(world, world.somchai).key == "plan-published"
    plan_doc = documents.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="plan")
    documents.approve_snapshot(plan_doc, world.wichai, world.wichai.user)
    publishing.publish(plan_doc, world.somchai, world.somchai.user, decisions={}, confirm_unchecked=True)
    step = current(world, world.somchai)
    assert step.key == "results-r1" and step.detail == "บันทึกแล้ว ๐ จาก ๒ มาตรการ"
    record_all(world, 1)
    assert current(world, world.somchai).key == "report-r1-made"
    report = documents.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=1)
    step = current(world, world.prapa)
    assert (step.key, step.can_act) == ("report-r1-approved", False)  # a viewer only reads
    assert step.url == f"/documents/{report.pk}/"
    documents.approve_snapshot(report, world.wichai, world.wichai.user)
    assert current(world, world.somchai).key == "report-r1-published"
    publishing.publish(report, world.somchai, world.somchai.user, decisions={}, confirm_unchecked=True)
    assert current(world, world.somchai).key == "results-r2"


def test_without_a_plan_the_first_step_is_to_write_one(world: World) -> None:
    found = steps.for_year(steps.Year(world.org, 2570, None, world.somchai, today=date(2027, 1, 1)))
    first = found[0]
    assert (first.key, first.current, first.can_act) == ("plan-written", True, True)
    assert first.url == f"/o/{world.org.slug}/plans/new/"
    assert not any(s.done for s in found)
    viewer_first = steps.for_year(steps.Year(world.org, 2570, None, world.prapa))[0]
    assert not viewer_first.can_act
