"""The measures services: the rules a user meets whatever screen or script they use."""

from __future__ import annotations

import pytest

from prongsai.core.errors import ConflictError, NotAllowed, ServiceError
from prongsai.measures import services
from prongsai.measures.models import Measure, PlanApproval, PlanStatus, Progress, ProgressStatus

from .conftest import World, measure_data


def test_creating_a_measure_numbers_it_and_opens_both_rounds(world: World) -> None:
    m = services.create_measure(world.plan, world.somchai, world.somchai.user, measure_data(world.plan, []))
    assert m.number == 3
    assert sorted(Progress.objects.filter(measure=m).values_list("round", flat=True)) == [1, 2]
    assert m.history.first().history_user == world.somchai.user


def test_a_missing_title_is_refused_naming_the_field_and_writes_nothing(world: World) -> None:
    before = Measure.objects.count()
    with pytest.raises(ServiceError) as err:
        services.create_measure(world.plan, world.somchai, world.somchai.user, measure_data(world.plan, [], title=" "))
    assert err.value.field == "title"
    assert "ชื่อมาตรการ" in err.value.message
    assert Measure.objects.count() == before


def test_a_timeframe_outside_the_fiscal_year_is_refused(world: World) -> None:
    data = measure_data(world.plan, [], months=[], timeframe_text="ตุลาคม ๒๕๖๘")  # FY2569, not 2568
    with pytest.raises(ServiceError) as err:
        services.create_measure(world.plan, world.somchai, world.somchai.user, data)
    assert err.value.field == "timeframe_text"
    assert "นอกปีงบประมาณ ๒๕๖๘" in err.value.message


def test_a_timeframe_phrase_is_read_into_months_and_kept(world: World) -> None:
    data = measure_data(world.plan, [], months=[], timeframe_text="ต.ค. ๖๗ – ธ.ค. ๖๗")
    m = services.create_measure(world.plan, world.somchai, world.somchai.user, data)
    assert m.timeframe_text == "ต.ค. ๖๗ – ธ.ค. ๖๗"
    assert m.months == [[2567, 10], [2567, 11], [2567, 12]]


def test_an_editor_limited_to_a_department_cannot_edit_another_departments_measure(world: World) -> None:
    m = world.palad_measure
    with pytest.raises(NotAllowed):
        services.update_measure(m, world.malee, world.malee.user, measure_data(world.plan, []), expected_version=1)
    services.update_measure(
        world.finance_measure,
        world.malee,
        world.malee.user,
        measure_data(world.plan, [world.dept("กองคลัง")], title="แก้โดยกองคลัง"),
        expected_version=1,
    )
    assert Measure.objects.get(pk=world.finance_measure.pk).title == "แก้โดยกองคลัง"


def test_a_viewer_cannot_write(world: World) -> None:
    with pytest.raises(NotAllowed):
        services.create_measure(world.plan, world.prapa, world.prapa.user, measure_data(world.plan, []))


def test_the_second_of_two_simultaneous_edits_gets_both_versions_and_loses_nothing(world: World) -> None:
    m = world.palad_measure
    services.update_measure(
        m,
        world.somchai,
        world.somchai.user,
        measure_data(world.plan, [], title="ฉบับของสมชาย"),
        expected_version=1,
    )
    with pytest.raises(ConflictError) as err:
        services.update_measure(
            m,
            world.somchai,
            world.somchai.user,
            measure_data(world.plan, [], title="ฉบับที่สอง"),
            expected_version=1,
        )
    assert err.value.current["title"] == "ฉบับของสมชาย"
    assert err.value.submitted["title"] == "ฉบับที่สอง"
    assert Measure.objects.get(pk=m.pk).title == "ฉบับของสมชาย"


def test_progress_uses_optimistic_locking_too(world: World) -> None:
    m = world.palad_measure
    data = services.ProgressData(results=["ทำแล้ว"], status=ProgressStatus.IN_PROGRESS)
    services.record_progress(m, 1, world.somchai, world.somchai.user, data, expected_version=0)
    with pytest.raises(ConflictError) as err:
        services.record_progress(m, 1, world.somchai, world.somchai.user, data, expected_version=0)
    assert err.value.current["results"] == ["ทำแล้ว"]


def test_round_two_starts_from_round_one(world: World) -> None:
    m = world.palad_measure
    data = services.ProgressData(results=["ประชุมแล้ว"], status=ProgressStatus.DONE, suggestions="ควรทำต่อ")
    services.record_progress(m, 1, world.somchai, world.somchai.user, data, expected_version=0)
    round2 = Progress.objects.get(measure=m, round=2)
    pre = services.measures.prefilled_progress(round2)
    assert pre.results == ["ประชุมแล้ว"] and pre.suggestions == "ควรทำต่อ"


def test_the_submitter_cannot_approve_and_an_approver_can(world: World) -> None:
    services.submit_plan(world.plan, world.somchai, world.somchai.user)
    with pytest.raises(NotAllowed):
        services.approve_plan(world.plan, world.somchai, world.somchai.user)
    plan = services.approve_plan(world.plan, world.wichai, world.wichai.user)
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == world.wichai.user
    approval = PlanApproval.objects.get(plan=plan)
    assert [m["title"] for m in approval.content["measures"]] == [
        world.palad_measure.title,
        world.finance_measure.title,
    ]


def test_an_approver_who_submitted_cannot_approve_their_own_plan(world: World) -> None:
    world.wichai.role = "admin"
    services.submit_plan(world.plan, world.wichai, world.wichai.user)
    world.wichai.role = "approver"
    with pytest.raises(NotAllowed):
        services.approve_plan(world.plan, world.wichai, world.wichai.user)


def test_amending_reopens_approval_and_keeps_the_approved_version(world: World) -> None:
    services.submit_plan(world.plan, world.somchai, world.somchai.user)
    services.approve_plan(world.plan, world.wichai, world.wichai.user)
    with pytest.raises(NotAllowed):
        services.update_measure(
            world.palad_measure,
            world.somchai,
            world.somchai.user,
            measure_data(world.plan, []),
            expected_version=1,
        )
    plan = services.amend_plan(world.plan, world.somchai, world.somchai.user, reason="เพิ่มมาตรการ")
    assert plan.status == PlanStatus.DRAFT
    services.update_measure(
        world.palad_measure,
        world.somchai,
        world.somchai.user,
        measure_data(world.plan, [], title="ใหม่"),
        expected_version=1,
    )
    assert PlanApproval.objects.get(plan=plan).content["measures"][0]["title"] == "จัดทำประกาศเจตนารมณ์ No Gift Policy"
    with pytest.raises(NotAllowed):
        services.delete_measure(world.palad_measure, world.somchai, world.somchai.user)
    assert Measure.objects.filter(pk=world.palad_measure.pk).exists()


def test_deleting_and_reordering_renumber_the_measures(world: World) -> None:
    third = services.create_measure(world.plan, world.somchai, world.somchai.user, measure_data(world.plan, []))
    services.reorder_measures(
        world.plan,
        world.somchai,
        world.somchai.user,
        [third.pk, world.palad_measure.pk, world.finance_measure.pk],
    )
    assert list(world.plan.measures.order_by("number").values_list("pk", flat=True)) == [
        third.pk,
        world.palad_measure.pk,
        world.finance_measure.pk,
    ]
    services.delete_measure(third, world.somchai, world.somchai.user)
    assert list(world.plan.measures.order_by("number").values_list("number", flat=True)) == [1, 2]
    assert Measure.history.filter(id=third.pk, history_type="-").get().history_user == world.somchai.user


def test_submitting_an_empty_plan_is_refused(world: World) -> None:
    plan = services.create_plan(world.somchai, world.somchai.user, fiscal_year=2569)
    with pytest.raises(ServiceError):
        services.submit_plan(plan, world.somchai, world.somchai.user)
    assert plan.status == PlanStatus.DRAFT


def test_one_plan_per_year(world: World) -> None:
    with pytest.raises(ServiceError) as err:
        services.create_plan(world.somchai, world.somchai.user, fiscal_year=2568)
    assert err.value.field == "fiscal_year"
