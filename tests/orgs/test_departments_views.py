"""The departments page: list, add, rename, delete (refused while a department carries measures)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from prongsai.measures.services import MeasureData, create_measure, create_plan
from prongsai.orgs.models import Department
from tests.orgs.conftest import World


def departments_url(world: World) -> str:
    return f"/o/{world.org.slug}/departments/"


def edit_url(world: World, department: Department) -> str:
    return f"/o/{world.org.slug}/departments/{department.pk}/edit/"


def delete_url(world: World, department: Department) -> str:
    return f"/o/{world.org.slug}/departments/{department.pk}/delete/"


def give_a_measure(world: World, department: Department) -> None:
    plan = create_plan(world.somchai, world.somchai.user, fiscal_year=2568)
    create_measure(
        plan,
        world.somchai,
        world.somchai.user,
        MeasureData(title="จัดทำประกาศเจตนารมณ์ No Gift Policy", department_ids=[department.pk]),
    )


# (method, url, data, what an admin gets)
LADDER: list[tuple[str, Callable[[World], str], dict[str, Any], int]] = [
    ("get", departments_url, {}, 200),
    ("post", departments_url, {"name": "กองยุทธศาสตร์และงบประมาณ"}, 302),
    ("get", lambda w: edit_url(w, w.dept("กองช่าง")), {}, 200),
    ("post", lambda w: edit_url(w, w.dept("กองช่าง")), {"rename-name": "กองช่างโยธา"}, 302),
    ("post", lambda w: delete_url(w, w.dept("กองสวัสดิการสังคม")), {}, 302),
]
LADDER_IDS = ["list", "add", "edit-get", "rename", "delete"]


@pytest.mark.parametrize(("method", "url", "data", "admin_status"), LADDER, ids=LADDER_IDS)
def test_an_anonymous_visitor_is_sent_to_log_in(
    world: World, method: str, url: Any, data: Any, admin_status: int
) -> None:
    response = getattr(world.client(None), method)(url(world), data)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize(("method", "url", "data", "admin_status"), LADDER, ids=LADDER_IDS)
def test_another_organisations_admin_gets_404_and_changes_nothing(
    world: World, method: str, url: Any, data: Any, admin_status: int
) -> None:
    before = Department.history.count()
    response = getattr(world.client(world.prasert), method)(url(world), data)
    assert response.status_code == 404
    assert Department.history.count() == before


@pytest.mark.parametrize("who", ["malee", "wichai", "boonchu"])
@pytest.mark.parametrize(("method", "url", "data", "admin_status"), LADDER, ids=LADDER_IDS)
def test_an_editor_viewer_or_approver_gets_403_and_changes_nothing(
    world: World, who: str, method: str, url: Any, data: Any, admin_status: int
) -> None:
    before = Department.history.count()
    response = getattr(world.client(getattr(world, who)), method)(url(world), data)
    assert response.status_code == 403
    assert Department.history.count() == before


@pytest.mark.parametrize(("method", "url", "data", "admin_status"), LADDER, ids=LADDER_IDS)
def test_the_admin_gets_the_page_or_is_redirected_after_a_write(
    world: World, method: str, url: Any, data: Any, admin_status: int
) -> None:
    response = getattr(world.client(world.somchai), method)(url(world), data)
    assert response.status_code == admin_status
    if admin_status == 302:
        assert response["Location"] == departments_url(world)


def test_deleting_answers_405_to_a_get(world: World) -> None:
    assert world.client(world.somchai).get(delete_url(world, world.dept("กองช่าง"))).status_code == 405


@pytest.mark.parametrize("department_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_a_missing_or_malformed_department_id_is_404(world: World, department_id: str) -> None:
    client = world.client(world.somchai)
    assert client.get(f"/o/klaeng/departments/{department_id}/edit/").status_code == 404
    assert client.post(f"/o/klaeng/departments/{department_id}/delete/").status_code == 404


def test_another_organisations_department_is_404_through_the_admins_own_slug(world: World) -> None:
    foreign = world.dept("กองช่าง", world.other)
    client = world.client(world.somchai)
    assert client.get(edit_url(world, foreign)).status_code == 404
    assert client.post(edit_url(world, foreign), {"rename-name": "ของแกลง"}).status_code == 404
    assert client.post(delete_url(world, foreign)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name == "กองช่าง"


def test_the_page_lists_the_organisations_departments_with_their_measures_and_limited_editors(world: World) -> None:
    give_a_measure(world, world.dept("กองคลัง"))
    response = world.client(world.somchai).get(departments_url(world))
    html = response.content.decode()
    assert response.status_code == 200
    for name in ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองสวัสดิการสังคม"]:
        assert name in html
    finance_row = html.split(f'data-testid="department-{world.dept("กองคลัง").pk}"')[1].split("</tr>")[0]
    assert "ลบไม่ได้: ยังรับผิดชอบมาตรการอยู่" in finance_row
    assert finance_row.count("๑") == 2  # one measure, one limited editor (malee)


def test_an_admin_adds_a_department_and_the_history_names_them(world: World) -> None:
    response = world.client(world.somchai).post(departments_url(world), {"name": "  กองยุทธศาสตร์และงบประมาณ "})
    assert response.status_code == 302
    department = world.dept("กองยุทธศาสตร์และงบประมาณ")
    record = department.history.get()
    assert record.history_type == "+"
    assert record.history_user == world.somchai.user
    assert record.history_change_reason == "add department"


def test_adding_an_empty_name_names_the_field_and_writes_nothing(world: World) -> None:
    before = Department.objects.count(), Department.history.count()
    response = world.client(world.somchai).post(departments_url(world), {"name": "   "})
    assert response.status_code == 400
    assert "กรุณากรอกชื่อส่วนราชการ" in response.content.decode()
    assert (Department.objects.count(), Department.history.count()) == before


def test_adding_a_name_already_taken_is_refused_in_thai(world: World) -> None:
    before = Department.history.count()
    response = world.client(world.somchai).post(departments_url(world), {"name": "กองคลัง"})
    assert response.status_code == 400
    assert "มีส่วนราชการชื่อ &quot;กองคลัง&quot; อยู่แล้ว" in response.content.decode()
    assert Department.history.count() == before


def test_the_rename_page_shows_the_current_name_in_a_form(world: World) -> None:
    works = world.dept("กองช่าง")
    html = world.client(world.somchai).get(edit_url(world, works)).content.decode()
    assert 'name="rename-name"' in html
    assert 'value="กองช่าง"' in html


def test_an_admin_renames_a_department_and_the_history_names_them(world: World) -> None:
    works = world.dept("กองช่าง")
    response = world.client(world.somchai).post(edit_url(world, works), {"rename-name": "กองช่างโยธา"})
    assert response.status_code == 302
    works.refresh_from_db()
    assert works.name == "กองช่างโยธา"
    record = works.history.latest("history_date")
    assert record.history_user == world.somchai.user
    assert record.history_change_reason == "rename department"
    assert record.prev_record.name == "กองช่าง"


def test_renaming_to_an_empty_or_taken_name_is_refused_and_changes_nothing(world: World) -> None:
    works = world.dept("กองช่าง")
    client = world.client(world.somchai)
    before = Department.history.count()
    empty = client.post(edit_url(world, works), {"rename-name": ""})
    taken = client.post(edit_url(world, works), {"rename-name": "กองคลัง"})
    assert empty.status_code == 400
    assert "กรุณากรอกชื่อส่วนราชการ" in empty.content.decode()
    assert taken.status_code == 400
    assert "มีส่วนราชการชื่อ &quot;กองคลัง&quot; อยู่แล้ว" in taken.content.decode()
    works.refresh_from_db()
    assert works.name == "กองช่าง"
    assert Department.history.count() == before


def test_an_admin_deletes_an_unused_department_and_the_history_names_them(world: World) -> None:
    welfare = world.dept("กองสวัสดิการสังคม")
    client = world.client(world.somchai)
    response = client.post(delete_url(world, welfare))
    assert response.status_code == 302
    assert not Department.objects.filter(pk=welfare.pk).exists()
    record = Department.history.filter(id=welfare.pk).latest("history_date")
    assert record.history_type == "-"
    assert record.history_user == world.somchai.user
    assert "ลบ กองสวัสดิการสังคม แล้ว" in client.get(response["Location"]).content.decode()


def test_deleting_a_department_that_carries_measures_is_refused_with_the_services_thai_message(world: World) -> None:
    finance = world.dept("กองคลัง")
    give_a_measure(world, finance)
    client = world.client(world.somchai)
    before = Department.history.count()
    response = client.post(delete_url(world, finance))
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "ส่วนราชการ &quot;กองคลัง&quot; ยังรับผิดชอบมาตรการอยู่ จึงลบไม่ได้" in html
    assert Department.objects.filter(pk=finance.pk).exists()
    assert Department.history.count() == before


def test_deleting_the_department_a_limited_editor_works_in_is_refused_naming_them(world: World) -> None:
    finance = world.dept("กองคลัง")
    client = world.client(world.somchai)
    response = client.post(delete_url(world, finance))
    html = client.get(response["Location"]).content.decode()
    assert "เป็นขอบเขตงานของผู้บันทึกข้อมูล มาลี ศรีสุข" in html
    assert Department.objects.filter(pk=finance.pk).exists()
