"""core/limits.py: the checks refuse (never cut) naming the field; `prongsai check-lengths` lists the saved
rows over a limit (written before the limits, or straight into the database)."""

from __future__ import annotations

import io

import pytest
from django import forms
from django.core.management import call_command

from prongsai.core import limits
from prongsai.core.errors import ServiceError
from prongsai.measures.models import Measure, Progress
from tests.measures.conftest import World
from tests.measures.conftest import _shared_world as _shared_world
from tests.measures.conftest import world as world


def check_lengths() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("check_lengths", stdout=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_a_text_at_the_limit_passes_and_one_more_character_is_refused_naming_the_field() -> None:
    assert limits.check_text("  " + "ก" * 10 + "  ", 10, "title", "ชื่อ") == "ก" * 10
    with pytest.raises(ServiceError) as refused:
        limits.check_text("ก" * 11, 10, "title", "ชื่อ")
    assert refused.value.field == "title"
    assert refused.value.message.startswith("ชื่อ ยาว ๑๑ ตัวอักษร เกินที่รับได้ ๑๐ ตัวอักษร")


def test_items_are_limited_in_number_and_each_in_length() -> None:
    assert limits.check_items(["ก", " ", "ข"], "methods", "วิธี") == ["ก", "ข"]
    with pytest.raises(ServiceError, match="วิธี ข้อที่ ๒ ยาว"):
        limits.check_items(["ก", "ข" * (limits.ITEM + 1)], "methods", "วิธี")
    with pytest.raises(ServiceError, match="เกินที่รับได้ ๕๐ ข้อ"):
        limits.check_items(["ก"] * (limits.ITEMS + 1), "methods", "วิธี")


def test_a_form_field_with_a_limit_tells_the_browser_and_names_the_field_in_thai() -> None:
    class F(forms.Form):
        title = forms.CharField(**limits.form_limit("ชื่อแผน", 5))

    form = F({"title": "กขคงจฉ"})
    assert not form.is_valid()
    assert form.errors["title"] == ["ชื่อแผน ยาวเกินที่รับได้ ๕ ตัวอักษร: ย่อข้อความแล้วบันทึกอีกครั้ง"]
    assert 'maxlength="5"' in str(form["title"])


def test_the_command_says_none_when_every_text_is_within_its_limit(world: World) -> None:
    code, output = check_lengths()
    assert code == 0 and "ไม่พบ" in output


def test_the_command_lists_a_row_over_its_limit_written_straight_into_the_database(world: World) -> None:
    Measure.objects.filter(pk=world.finance_measure.pk).update(title="ก" * 200_000)
    Progress.objects.filter(measure=world.palad_measure, round=1).update(results=["ข" * 3_000])
    code, output = check_lengths()
    assert code == 1
    lines = output.splitlines()
    assert "klaeng\t2568\tมาตรการที่ 2\ttitle\t200000\t1000" in lines
    assert "klaeng\t2568\tมาตรการที่ 1 รอบ 1\tresults[1]\t3000\t2000" in lines
    assert Measure.objects.get(pk=world.finance_measure.pk).title == "ก" * 200_000  # listed, left as it is


def test_the_command_lists_an_overlong_case_note_by_its_length_never_its_text(world: World) -> None:
    from prongsai.complaints.models import Case, CaseEvent, EventKind
    from prongsai.complaints.services import IntakeData, file_case
    from prongsai.complaints.services.setup import active_kinds

    kind = next(k for k in active_kinds(world.org) if not k.is_corruption)
    case = file_case(world.org, IntakeData(kind_id=kind.pk, subject="ถนนชำรุด", details="หน้าบ้าน", consent=True))
    CaseEvent.objects.create(case=case, kind=EventKind.NOTE, text="ลับ" * 2_000)  # 6,000 > 5,000
    code, output = check_lengths()
    case = Case.objects.get(pk=case.pk)
    assert code == 1
    assert f"klaeng\t{case.fiscal_year}\tเรื่องเลขรับ {case.registry_no}\tnote.text\t6000\t5000" in output.splitlines()
    assert "ลับลับ" not in output
