"""Copy-forward and the years it lists: the fiscal year moves on in the title and introduction by
itself; every other year is accepted or kept by the officer, one by one or all, audited, never blind."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.core.errors import ConflictError, NotAllowed, ServiceError
from prongsai.measures import services
from prongsai.measures.models import Measure, Plan
from prongsai.measures.year_review import review_rows

from .year_review_world import DEADLINE, RANGE_69, RANGE_70, RESPONSIBLE, TARGET, TITLE, YearWorld, build


@pytest.fixture
def w(db: Any) -> YearWorld:
    return build()


def measure_data(m: Measure, **changes: Any) -> services.MeasureData:
    values = {
        "title": m.title,
        "methods": list(m.methods),
        "department_ids": [d.pk for d in m.departments.all()],
        "responsible_text": m.responsible_text,
        "timeframe_text": m.timeframe_text,
        "months": [tuple(x) for x in m.months],
        "target": m.target,
    }
    return services.MeasureData(**(values | changes))


def test_copy_forward_moves_the_fiscal_year_in_the_title_and_introduction_only(w: YearWorld) -> None:
    assert w.old.title.endswith("ประจำปีงบประมาณ พ.ศ.๒๕๖๗")
    assert w.new.title == w.old.title.replace("๒๕๖๗", "๒๕๖๘")
    assert "๒๕๖๗" not in w.new.intro and w.new.intro.count("๒๕๖๘") == 3
    # Measures are copied word for word: their years are listed, not changed (the fiscal year in a
    # measure's title too).
    assert w.extra.title == TITLE and w.extra.methods == [RANGE_69, RANGE_70, DEADLINE]
    assert (w.extra.target, w.extra.responsible_text) == (TARGET, RESPONSIBLE)
    record = w.new.history.latest()
    assert "fiscal year moved on in the title (1) and introduction (3)" in record.history_change_reason
    assert record.history_user == w.somchai.user


def test_every_other_year_is_listed_with_its_place_and_words(w: YearWorld) -> None:
    items = w.new.year_review
    listed = [(i["field"], i["index"], i["found"], i["replacement"], i["kind"]) for i in items]
    assert listed == [
        ("title", None, "๒๕๖๗", "๒๕๖๘", "fiscal"),
        ("methods", 0, "๒๕๖๗ - ๒๕๖๙", "๒๕๖๘ - ๒๕๗๐", "range"),
        ("methods", 1, "๒๕๖๗ – ๒๕๗๐", "๒๕๖๘ – ๒๕๗๑", "range"),
        ("methods", 2, "๒๕๖๗", "๒๕๖๘", "date"),
        ("responsible_text", None, "2567", "2568", "year"),
        ("target", None, "๖๗", "๖๘", "year"),
    ]
    assert {i["measure"] for i in items} == {str(w.extra.pk)}
    date = items[3]
    assert date["before"].endswith("ภายใน ๓๑ มีนาคม ") and date["after"] == ""
    rows = review_rows(w.new, w.somchai)
    assert [(r.measure_number, r.field, r.item_number) for r in rows][:3] == [
        (9, "title", None),
        (9, "methods", 1),
        (9, "methods", 2),
    ]
    assert all(r.can_accept and not r.stale for r in rows)


def test_a_plan_without_years_gets_no_list_and_a_blank_title_stays_blank(w: YearWorld) -> None:
    plan = services.create_plan(w.somchai, w.somchai.user, fiscal_year=2570, title="", intro="")
    services.create_measure(plan, w.somchai, w.somchai.user, services.MeasureData(title="ประกาศ No Gift Policy"))
    copy = services.copy_plan_forward(plan, w.somchai, w.somchai.user)
    assert (copy.title, copy.intro, copy.year_review) == ("", "", [])
    assert review_rows(copy, w.somchai) == []


def test_the_plans_own_title_lists_a_range_and_moves_the_fiscal_year(w: YearWorld) -> None:
    plan = services.create_plan(
        w.somchai, w.somchai.user, fiscal_year=2570, title="แผน ๒๕๗๐ – ๒๕๗๒ ประจำปีงบประมาณ พ.ศ. ๒๕๗๐"
    )
    copy = services.copy_plan_forward(plan, w.somchai, w.somchai.user)
    assert copy.title == "แผน ๒๕๗๐ – ๒๕๗๒ ประจำปีงบประมาณ พ.ศ. ๒๕๗๑"
    [item] = copy.year_review
    assert (item["measure"], item["field"], item["found"]) == (None, "title", "๒๕๗๐ – ๒๕๗๒")
    services.accept_year(copy, w.somchai, w.somchai.user, str(item["id"]))
    copy.refresh_from_db()
    assert copy.title == "แผน ๒๕๗๑ – ๒๕๗๓ ประจำปีงบประมาณ พ.ศ. ๒๕๗๑" and copy.year_review == []
    assert "accepted plan title" in copy.history.latest().history_change_reason


def test_accepting_replaces_the_words_moves_the_version_on_and_is_audited(w: YearWorld) -> None:
    item = w.item("๒๕๖๗", "methods")
    result = services.accept_year(w.new, w.somchai, w.somchai.user, str(item["id"]))
    assert (result.accepted, result.found, result.replacement) == (1, "๒๕๖๗", "๒๕๖๘")
    m = w.extra
    assert m.methods[2] == "ประชุมคณะทำงานให้แล้วเสร็จภายใน ๓๑ มีนาคม ๒๕๖๘"
    assert m.methods[:2] == [RANGE_69, RANGE_70] and m.version == 2
    record = m.history.latest()
    assert record.history_user == w.somchai.user and "methods 3: ๒๕๖๗ -> ๒๕๖๘" in record.history_change_reason
    w.new.refresh_from_db()
    assert len(w.new.year_review) == 5 and item["id"] not in {i["id"] for i in w.new.year_review}
    assert w.new.history.latest().history_user == w.somchai.user
    # The neighbours on the same measure follow the new text and version: still acceptable.
    services.accept_year(w.new, w.somchai, w.somchai.user, str(w.item("๖๗")["id"]))
    assert w.extra.target == "บุคลากรร้อยละ ๘๐ เข้ารับการอบรมภายในปี ๖๘" and w.extra.version == 3


def test_an_edit_form_opened_before_an_accept_conflicts(w: YearWorld) -> None:
    seen = w.extra
    services.accept_year(w.new, w.somchai, w.somchai.user, str(w.item("๒๕๖๗ – ๒๕๗๐")["id"]))
    with pytest.raises(ConflictError):
        services.update_measure(seen, w.somchai, w.somchai.user, measure_data(seen), expected_version=seen.version)


def test_keeping_changes_no_text_and_is_audited(w: YearWorld) -> None:
    item = w.item("๒๕๖๗ – ๒๕๗๐")
    result = services.keep_year(w.new, w.somchai, w.somchai.user, str(item["id"]))
    assert (result.kept, result.accepted) == (1, 0)
    assert w.extra.methods[1] == RANGE_70 and w.extra.version == 1
    w.new.refresh_from_db()
    assert len(w.new.year_review) == 5
    record = w.new.history.latest()
    assert record.history_user == w.somchai.user
    assert "kept measure" in record.history_change_reason and "๒๕๖๗ – ๒๕๗๐" in record.history_change_reason


def test_a_text_edited_since_is_never_replaced_only_kept(w: YearWorld) -> None:
    m = w.extra
    edited = [RANGE_69, "จัดทำแผนป้องกันการทุจริต ๒๕๖๗ – ๒๕๗๐ (ทบทวนแล้ว)", DEADLINE]
    services.update_measure(m, w.somchai, w.somchai.user, measure_data(m, methods=edited), expected_version=1)
    item = w.item("๒๕๖๗ – ๒๕๗๐")
    with pytest.raises(ServiceError, match="ถูกแก้ไขหลังคัดลอก"):
        services.accept_year(w.new, w.somchai, w.somchai.user, str(item["id"]))
    assert w.extra.methods == edited
    row = next(r for r in review_rows(w.new, w.somchai) if r.id == str(item["id"]))
    assert row.stale and not row.can_accept and row.can_decide
    # The other items of the measure are untouched by the edit (methods 1 and 3 are the same words).
    services.accept_year(w.new, w.somchai, w.somchai.user, str(w.item("๒๕๖๗ - ๒๕๖๙")["id"]))
    services.keep_year(w.new, w.somchai, w.somchai.user, str(item["id"]))
    assert w.extra.methods == ["จัดทำแผนพัฒนาบุคลากรประจำปี ๒๕๖๘ - ๒๕๗๐", *edited[1:]]


def test_a_reorder_moves_the_version_but_the_words_are_the_same_so_accepting_works(w: YearWorld) -> None:
    extra = w.extra
    order = list(w.new.measures.order_by("-number").values_list("pk", flat=True))
    services.reorder_measures(w.new, w.somchai, w.somchai.user, order)
    extra.refresh_from_db()
    assert (extra.number, extra.version) == (1, 2)
    services.accept_year(w.new, w.somchai, w.somchai.user, str(w.item("๖๗")["id"]))
    extra.refresh_from_db()
    assert extra.target.endswith("ภายในปี ๖๘") and extra.version == 3
    assert review_rows(w.new, w.somchai)[0].measure_number == 1


def test_a_deleted_measure_leaves_stale_items(w: YearWorld) -> None:
    services.delete_measure(w.extra, w.somchai, w.somchai.user)
    item = w.item("๖๗")
    with pytest.raises(ServiceError, match="ถูกลบแล้ว"):
        services.accept_year(w.new, w.somchai, w.somchai.user, str(item["id"]))
    assert all(r.stale == "มาตรการนี้ถูกลบแล้ว" and r.measure_number is None for r in review_rows(w.new, w.somchai))
    assert services.keep_all_years(w.new, w.somchai, w.somchai.user).kept == 6


@pytest.mark.parametrize("item_id", ["999", "abc", "", " 1; DROP"])
def test_an_unknown_item_is_a_thai_message(w: YearWorld, item_id: str) -> None:
    for decide in (services.accept_year, services.keep_year):
        with pytest.raises(ServiceError, match="ไม่พบรายการปีนี้"):
            decide(w.new, w.somchai, w.somchai.user, item_id)


def test_an_item_decided_twice_is_a_thai_message_the_second_time(w: YearWorld) -> None:
    item_id = str(w.item("๖๗")["id"])
    services.keep_year(w.new, w.somchai, w.somchai.user, item_id)
    with pytest.raises(ServiceError, match="อาจมีผู้อื่นตรวจทานไปก่อน"):
        services.accept_year(w.new, w.somchai, w.somchai.user, item_id)


def test_accept_all_skips_stale_items_and_keep_all_empties_the_list(w: YearWorld) -> None:
    m = w.extra
    services.update_measure(m, w.somchai, w.somchai.user, measure_data(m, target="ร้อยละ ๙๐ ในปี ๖๗"), expected_version=1)
    result = services.accept_all_years(w.new, w.somchai, w.somchai.user)
    assert (result.accepted, result.stale) == (5, 1)
    m = w.extra
    assert m.methods == [
        "จัดทำแผนพัฒนาบุคลากรประจำปี ๒๕๖๘ - ๒๕๗๐",
        "จัดทำแผนป้องกันการทุจริตประจำปี ประจำปี ๒๕๖๘ – ๒๕๗๑ และรายงานผลในระบบ e-plan nacc",
        "ประชุมคณะทำงานให้แล้วเสร็จภายใน ๓๑ มีนาคม ๒๕๖๘",
    ]
    assert m.responsible_text == "คณะทำงานตามคำสั่งที่ 15/2568" and m.target == "ร้อยละ ๙๐ ในปี ๖๗"
    assert m.title == "ทบทวนแผนที่ใช้หลายปี ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    assert m.version == 3  # one edit, one save for the five accepted
    w.new.refresh_from_db()
    assert [i["found"] for i in w.new.year_review] == ["๖๗"]
    assert services.keep_all_years(w.new, w.somchai, w.somchai.user).kept == 1
    w.new.refresh_from_db()
    assert w.new.year_review == [] and review_rows(w.new, w.somchai) == []


def test_a_submitted_plan_keeps_but_does_not_accept(w: YearWorld) -> None:
    services.submit_plan(w.new, w.somchai, w.somchai.user)
    item_id = str(w.item("๖๗")["id"])
    with pytest.raises(ServiceError, match="ขอแก้ไขแผน"):
        services.accept_year(w.new, w.somchai, w.somchai.user, item_id)
    with pytest.raises(ServiceError, match="ขอแก้ไขแผน"):
        services.accept_all_years(w.new, w.somchai, w.somchai.user)
    services.keep_year(w.new, w.somchai, w.somchai.user, item_id)
    assert w.extra.target == TARGET


def test_roles_a_viewer_decides_nothing_and_a_limited_editor_only_their_departments(w: YearWorld) -> None:
    item_id = str(w.item("๖๗")["id"])
    for who in (w.prapa, w.malee):
        with pytest.raises(NotAllowed):
            services.accept_year(w.new, who, who.user, item_id)
        with pytest.raises(NotAllowed):
            services.keep_year(w.new, who, who.user, item_id)
    with pytest.raises(NotAllowed):
        services.keep_all_years(w.new, w.prapa, w.prapa.user)
    assert services.accept_all_years(w.new, w.malee, w.malee.user).not_allowed == 6
    assert all(not r.can_decide for r in review_rows(w.new, w.malee))
    with pytest.raises(NotAllowed):
        services.keep_all_years(w.new, w.prasert, w.prasert.user)
    assert len(Plan.objects.get(pk=w.new.pk).year_review) == 6
