"""The services behind the admin's pages: who may call them, what they refuse, and the history they leave."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.measures.services import MeasureData, create_measure, create_plan
from prongsai.orgs.invitations import create_invitation, revoke_invitation
from prongsai.orgs.models import Department, Invitation, Membership, Role
from prongsai.orgs.services import (
    add_department,
    add_member,
    delete_department,
    remove_member,
    rename_department,
    system_user,
    update_member,
)
from tests.orgs.conftest import World

User = get_user_model()


def test_a_set_up_command_gives_a_new_account_a_first_password(world: World) -> None:
    member, password = add_member(
        None,
        system_user(),
        organization=world.org,
        username="ratana",
        full_name="รัตนา แสงทอง",
        email=" ratana@example.go.th ",
        role=Role.EDITOR,
        position=" นักวิชาการ ",
    )
    assert password is not None
    assert len(password) >= 16
    assert member.user.check_password(password)
    assert (member.user.first_name, member.user.last_name, member.user.email) == (
        "รัตนา",
        "แสงทอง",
        "ratana@example.go.th",
    )
    assert member.position == "นักวิชาการ"
    assert member.organization == world.org


def test_a_set_up_command_reuses_an_existing_account_without_a_new_password(world: World) -> None:
    member, password = add_member(None, system_user(), organization=world.org, username="prasert", role=Role.VIEWER)
    assert password is None
    assert member.user == world.prasert.user


@pytest.mark.parametrize("who", ["somchai", "malee", "wichai", "boonchu"])
def test_no_member_adds_people_directly_not_even_an_admin(world: World, who: str) -> None:
    with pytest.raises(NotAllowed):
        add_member(getattr(world, who), getattr(world, who).user, organization=world.org, username="ratana")
    assert not User.objects.filter(username="ratana").exists()


def test_adding_an_active_member_again_is_refused_on_the_username(world: World) -> None:
    with pytest.raises(ServiceError) as err:
        add_member(None, system_user(), organization=world.org, username="malee", role=Role.ADMIN)
    assert err.value.field == "username"
    assert "เป็นสมาชิกของหน่วยงานนี้อยู่แล้ว" in err.value.message
    world.malee.refresh_from_db()
    assert world.malee.role == Role.EDITOR


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "other-org"])
def test_a_foreign_missing_or_malformed_department_creates_no_account(world: World, bad_id: str) -> None:
    if bad_id == "other-org":
        bad_id = str(world.dept("กองคลัง", world.other).pk)
    with pytest.raises(ServiceError) as err:
        add_member(
            None,
            system_user(),
            organization=world.org,
            username="ratana",
            role=Role.EDITOR,
            department_ids=[bad_id],
        )
    assert err.value.field == "departments"
    assert err.value.message == "ส่วนราชการที่เลือกไม่ใช่ของหน่วยงานนี้"
    assert not User.objects.filter(username="ratana").exists()
    with pytest.raises(ServiceError):
        create_invitation(
            world.somchai, world.somchai.user, full_name="ร", email="r@example.go.th", department_ids=[bad_id]
        )
    assert not Invitation.objects.exists()


def test_the_same_department_given_twice_counts_once(world: World) -> None:
    finance = world.dept("กองคลัง")
    member, _pw = add_member(
        None,
        system_user(),
        organization=world.org,
        username="ratana",
        role=Role.EDITOR,
        department_ids=[finance.pk, str(finance.pk)],
    )
    assert list(member.departments.all()) == [finance]


def test_a_disabled_account_cannot_be_added(world: World) -> None:
    with pytest.raises(ServiceError) as err:
        add_member(None, system_user(), organization=world.org, username=system_user().get_username())
    assert err.value.field == "username"
    assert "ถูกปิดใช้งาน" in err.value.message


@pytest.mark.parametrize("who", ["malee", "wichai", "boonchu"])
def test_only_an_admin_may_invite_or_revoke(world: World, who: str) -> None:
    membership = getattr(world, who)
    with pytest.raises(NotAllowed):
        create_invitation(membership, membership.user, full_name="ร", email="r@example.go.th")
    invitation, _token = create_invitation(world.somchai, world.somchai.user, full_name="ร", email="r@example.go.th")
    with pytest.raises(NotAllowed):
        revoke_invitation(membership, membership.user, invitation)
    with pytest.raises(NotAllowed):  # another organisation's admin
        revoke_invitation(world.prasert, world.prasert.user, invitation)
    assert Invitation.objects.pending().count() == 1


def test_an_invitation_goes_to_the_admins_own_organisation(world: World) -> None:
    invitation, _token = create_invitation(world.prasert, world.prasert.user, full_name="ร", email="r@example.go.th")
    assert invitation.organization == world.other


def test_a_removed_member_added_again_comes_back_on_a_new_record(world: World) -> None:
    remove_member(world.somchai, world.somchai.user, world.wichai)
    member, password = add_member(None, system_user(), organization=world.org, username="wichai", role=Role.EDITOR)
    assert member.pk != world.wichai.pk
    assert member.removed_at is None
    assert member.role == Role.EDITOR
    assert password is None
    assert Membership.objects.get(pk=world.wichai.pk).removed_at is not None  # the old record stays


def test_an_update_records_the_actor_and_the_reason(world: World) -> None:
    works = world.dept("กองช่าง")
    update_member(
        world.somchai, world.somchai.user, world.wichai, role=Role.EDITOR, position="นายช่าง", department_ids=[works.pk]
    )
    records = list(world.wichai.history.filter(history_change_reason="change role"))
    assert records  # the row and its department limit (simple-history records the m2m change too)
    assert {r.history_user for r in records} == {world.somchai.user}
    assert records[0].role == Role.EDITOR


def test_an_admin_cannot_demote_themselves(world: World) -> None:
    with pytest.raises(ServiceError) as err:
        update_member(
            world.somchai, world.somchai.user, world.somchai, role=Role.EDITOR, position="", department_ids=[]
        )
    assert err.value.field == "role"
    world.somchai.refresh_from_db()
    assert world.somchai.role == Role.ADMIN


def test_an_admin_may_demote_another_admin(world: World) -> None:
    second, _pw = add_member(None, system_user(), organization=world.org, username="second", role=Role.ADMIN)
    update_member(world.somchai, world.somchai.user, second, role=Role.VIEWER, position="", department_ids=[])
    second.refresh_from_db()
    assert second.role == Role.VIEWER


def test_members_of_another_organisation_cannot_be_changed_or_removed(world: World) -> None:
    with pytest.raises(NotAllowed):
        update_member(
            world.somchai, world.somchai.user, world.prasert, role=Role.VIEWER, position="", department_ids=[]
        )
    with pytest.raises(NotAllowed):
        remove_member(world.somchai, world.somchai.user, world.prasert)
    world.prasert.refresh_from_db()
    assert (world.prasert.role, world.prasert.removed_at) == (Role.ADMIN, None)


def test_a_department_of_another_organisation_is_refused_and_the_limit_is_unchanged(world: World) -> None:
    with pytest.raises(ServiceError) as err:
        update_member(
            world.somchai,
            world.somchai.user,
            world.malee,
            role=Role.VIEWER,
            position="",
            department_ids=[world.dept("กองช่าง", world.other).pk],
        )
    assert err.value.field == "departments"
    world.malee.refresh_from_db()
    assert world.malee.role == Role.EDITOR
    assert [d.name for d in world.malee.departments.all()] == ["กองคลัง"]


def test_removing_keeps_the_record_and_records_the_actor(world: World) -> None:
    remove_member(world.somchai, world.somchai.user, world.malee)
    member = Membership.objects.get(pk=world.malee.pk)
    assert member.removed_at is not None
    assert not Membership.objects.active().filter(pk=member.pk).exists()
    record = member.history.get(history_change_reason="remove member")
    assert record.history_user == world.somchai.user
    assert record.removed_at is not None


def test_removing_yourself_or_someone_already_gone_is_refused(world: World) -> None:
    with pytest.raises(ServiceError):
        remove_member(world.somchai, world.somchai.user, world.somchai)
    remove_member(world.somchai, world.somchai.user, world.wichai)
    with pytest.raises(ServiceError):
        remove_member(world.somchai, world.somchai.user, world.wichai)
    with pytest.raises(ServiceError):
        update_member(world.somchai, world.somchai.user, world.wichai, role=Role.EDITOR, position="", department_ids=[])


@pytest.mark.parametrize("who", ["malee", "wichai", "boonchu"])
def test_only_an_admin_may_change_departments(world: World, who: str) -> None:
    membership = getattr(world, who)
    works = world.dept("กองช่าง")
    with pytest.raises(NotAllowed):
        add_department(membership, membership.user, name="กองใหม่")
    with pytest.raises(NotAllowed):
        rename_department(membership, membership.user, works, name="กองช่างโยธา")
    with pytest.raises(NotAllowed):
        delete_department(membership, membership.user, works)
    with pytest.raises(NotAllowed):
        update_member(membership, membership.user, world.wichai, role=Role.ADMIN, position="", department_ids=[])
    with pytest.raises(NotAllowed):
        remove_member(membership, membership.user, world.wichai)


def test_a_new_department_goes_last_and_records_the_actor(world: World) -> None:
    department = add_department(world.somchai, world.somchai.user, name=" กองยุทธศาสตร์และงบประมาณ ")
    assert department.name == "กองยุทธศาสตร์และงบประมาณ"
    assert list(world.org.departments.all())[-1] == department
    assert department.history.get().history_user == world.somchai.user


@pytest.mark.parametrize(("name", "message"), [("  ", "กรุณากรอกชื่อส่วนราชการ"), ("กองคลัง", "มีส่วนราชการชื่อ")])
def test_an_empty_or_taken_department_name_is_refused_on_the_name(world: World, name: str, message: str) -> None:
    before = Department.objects.count()
    with pytest.raises(ServiceError) as err:
        add_department(world.somchai, world.somchai.user, name=name)
    assert err.value.field == "name"
    assert message in err.value.message
    with pytest.raises(ServiceError):
        rename_department(world.somchai, world.somchai.user, world.dept("กองช่าง"), name=name)
    assert Department.objects.count() == before
    assert world.dept("กองช่าง").name == "กองช่าง"


def test_the_same_name_in_another_organisation_is_fine(world: World) -> None:
    add_department(world.prasert, world.prasert.user, name="กองยุทธศาสตร์และงบประมาณ")
    add_department(world.somchai, world.somchai.user, name="กองยุทธศาสตร์และงบประมาณ")
    assert Department.objects.filter(name="กองยุทธศาสตร์และงบประมาณ").count() == 2


def test_another_organisations_department_cannot_be_renamed_or_deleted(world: World) -> None:
    foreign = world.dept("กองช่าง", world.other)
    with pytest.raises(NotAllowed):
        rename_department(world.somchai, world.somchai.user, foreign, name="ของแกลง")
    with pytest.raises(NotAllowed):
        delete_department(world.somchai, world.somchai.user, foreign)
    assert Department.objects.filter(pk=foreign.pk, name="กองช่าง").exists()


def test_renaming_records_the_actor_and_the_old_name(world: World) -> None:
    works = world.dept("กองช่าง")
    rename_department(world.somchai, world.somchai.user, works, name="กองช่างโยธา")
    record = works.history.latest("history_date")
    assert (record.history_user, record.name, record.prev_record.name) == (world.somchai.user, "กองช่างโยธา", "กองช่าง")


def test_a_department_carrying_measures_cannot_be_deleted(world: World) -> None:
    works = world.dept("กองช่าง")
    plan = create_plan(world.somchai, world.somchai.user, fiscal_year=2568)
    create_measure(
        plan, world.somchai, world.somchai.user, MeasureData(title="ตรวจรับงานจ้าง", department_ids=[works.pk])
    )
    with pytest.raises(ServiceError) as err:
        delete_department(world.somchai, world.somchai.user, works)
    assert err.value.message == 'ส่วนราชการ "กองช่าง" ยังรับผิดชอบมาตรการอยู่ จึงลบไม่ได้'
    assert Department.objects.filter(pk=works.pk).exists()


def test_the_only_department_of_a_limited_editor_cannot_be_deleted(world: World) -> None:
    finance = world.dept("กองคลัง")
    with pytest.raises(ServiceError) as err:
        delete_department(world.somchai, world.somchai.user, finance)
    assert "มาลี ศรีสุข" in err.value.message
    assert Department.objects.filter(pk=finance.pk).exists()
    # once malee's limit moves elsewhere (or she leaves), it can go
    remove_member(world.somchai, world.somchai.user, world.malee)
    delete_department(world.somchai, world.somchai.user, finance)
    assert not Department.objects.filter(pk=finance.pk).exists()


def test_deleting_records_the_actor(world: World) -> None:
    welfare = world.dept("กองสวัสดิการสังคม")
    welfare_id = welfare.pk
    delete_department(world.somchai, world.somchai.user, welfare)
    record = Department.history.filter(id=welfare_id).latest("history_date")
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "-",
        world.somchai.user,
        "delete department",
    )


def test_a_reserved_slug_is_refused_because_its_public_page_could_never_be_reached(db) -> None:
    import pytest

    from prongsai.core.errors import ServiceError
    from prongsai.orgs.services import create_organization, system_user

    with pytest.raises(ServiceError) as err:
        create_organization(system_user(), name="อบต.ทดสอบ", slug="verify")
    assert err.value.field == "slug" and "สงวนไว้" in err.value.message
