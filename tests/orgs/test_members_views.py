"""The members page: list, invite by e-mail (tests/orgs/test_invitations.py for the link), change role, remove."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from prongsai.orgs.invitations import create_invitation
from prongsai.orgs.models import Invitation, Membership, Role
from prongsai.orgs.services import add_member, remove_member, system_user
from tests.orgs.conftest import World

User = get_user_model()


def members_url(world: World) -> str:
    return f"/o/{world.org.slug}/members/"


def edit_url(world: World, member: Membership) -> str:
    return f"/o/{world.org.slug}/members/{member.pk}/edit/"


def remove_url(world: World, member: Membership) -> str:
    return f"/o/{world.org.slug}/members/{member.pk}/remove/"


def invite(client: Client, world: World, **fields: Any) -> Any:
    data = {"full_name": "รัตนา แสงทอง", "email": "ratana@example.go.th", "role": Role.EDITOR, "position": ""}
    data.update(fields)
    return client.post(members_url(world), data)


# (method, url, data, what an admin gets)
LADDER: list[tuple[str, Callable[[World], str], dict[str, Any], int]] = [
    ("get", members_url, {}, 200),
    ("post", members_url, {"full_name": "รัตนา แสงทอง", "email": "ratana@example.go.th", "role": Role.VIEWER}, 302),
    ("get", lambda w: edit_url(w, w.wichai), {}, 200),
    ("post", lambda w: edit_url(w, w.wichai), {"role": Role.EDITOR, "position": "นักวิชาการ"}, 302),
    ("post", lambda w: remove_url(w, w.wichai), {"confirm": "on"}, 302),
]
LADDER_IDS = ["members-get", "invite", "edit-get", "edit-post", "remove"]


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
    before = Membership.history.count(), Invitation.objects.count()
    response = getattr(world.client(world.prasert), method)(url(world), data)
    assert response.status_code == 404
    assert (Membership.history.count(), Invitation.objects.count()) == before


@pytest.mark.parametrize("who", ["malee", "wichai", "boonchu"])
@pytest.mark.parametrize(("method", "url", "data", "admin_status"), LADDER, ids=LADDER_IDS)
def test_an_editor_viewer_or_approver_gets_403_and_changes_nothing(
    world: World, who: str, method: str, url: Any, data: Any, admin_status: int
) -> None:
    before = Membership.history.count(), Invitation.objects.count()
    response = getattr(world.client(getattr(world, who)), method)(url(world), data)
    assert response.status_code == 403
    assert (Membership.history.count(), Invitation.objects.count()) == before


@pytest.mark.parametrize(("method", "url", "data", "admin_status"), LADDER, ids=LADDER_IDS)
def test_the_admin_gets_the_page_or_is_redirected_after_a_write(
    world: World, method: str, url: Any, data: Any, admin_status: int
) -> None:
    response = getattr(world.client(world.somchai), method)(url(world), data)
    assert response.status_code == admin_status
    if admin_status == 302:
        assert response["Location"] == members_url(world)


def test_removing_answers_405_to_a_get(world: World) -> None:
    assert world.client(world.somchai).get(remove_url(world, world.wichai)).status_code == 405


@pytest.mark.parametrize("member_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_a_missing_or_malformed_member_id_is_404(world: World, member_id: str) -> None:
    client = world.client(world.somchai)
    assert client.get(f"/o/klaeng/members/{member_id}/edit/").status_code == 404
    assert client.post(f"/o/klaeng/members/{member_id}/remove/", {"confirm": "on"}).status_code == 404


def test_a_member_of_another_organisation_is_404_even_through_the_admins_own_slug(world: World) -> None:
    client = world.client(world.somchai)
    assert client.get(edit_url(world, world.prasert)).status_code == 404
    assert client.post(remove_url(world, world.prasert), {"confirm": "on"}).status_code == 404
    world.prasert.refresh_from_db()
    assert world.prasert.removed_at is None
    # and prasert cannot reach แกลง's members through his own organisation either
    other = world.client(world.prasert)
    assert other.get(f"/o/bankhai/members/{world.malee.pk}/edit/").status_code == 404


def test_the_members_page_lists_each_active_member_with_role_position_and_department_limit(world: World) -> None:
    response = world.client(world.somchai).get(members_url(world))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ["มาลี ศรีสุข", "malee", "ผู้บันทึกข้อมูล", "นักวิชาการเงินและบัญชี", "กองคลัง", "somchai@example.go.th"]:
        assert text in html
    assert "ผู้อนุมัติ (ผู้บริหาร)" in html
    assert "ประเสริฐ" not in html  # another organisation's admin


def test_the_role_choices_say_what_each_allows(world: World) -> None:
    html = world.client(world.somchai).get(members_url(world)).content.decode()
    assert "จัดการสมาชิกและส่วนราชการ" in html
    assert "บันทึกมาตรการ ผลการดำเนินการ และหลักฐาน จะจำกัดเฉพาะบางส่วนราชการก็ได้" in html
    assert "ปลัดหรือนายก: อนุมัติแผน" in html
    assert "อ่านข้อมูลได้อย่างเดียว" in html


def test_a_removed_member_is_listed_apart_with_the_buddhist_era_date_they_left(world: World) -> None:
    with time_machine.travel(datetime(2025, 3, 31, 9, 0, tzinfo=ZoneInfo("Asia/Bangkok")), tick=False):
        remove_member(world.somchai, world.somchai.user, world.wichai)
    html = world.client(world.somchai).get(members_url(world)).content.decode()
    active, _sep, removed = html.partition('data-testid="removed-members"')
    assert 'data-testid="member-wichai"' not in active
    assert 'data-testid="removed-wichai"' in removed
    assert "๓๑ มีนาคม ๒๕๖๘" in removed


def test_the_members_page_runs_the_same_number_of_queries_however_many_members(world: World) -> None:
    client = world.client(world.somchai)
    create_invitation(world.somchai, world.somchai.user, full_name="ผู้รับเชิญ", email="guest@example.go.th")
    with CaptureQueriesContext(connection) as few:
        client.get(members_url(world))
    finance = world.dept("กองคลัง")
    for n in range(5):
        member, _pw = add_member(
            None,
            system_user(),
            organization=world.org,
            username=f"extra{n}",
            role=Role.EDITOR,
            department_ids=[finance.pk],
        )
        if n % 2:
            remove_member(world.somchai, world.somchai.user, member)
        create_invitation(
            world.somchai,
            world.somchai.user,
            full_name=f"ผู้รับเชิญ {n}",
            email=f"guest{n}@example.go.th",
            role=Role.EDITOR,
            department_ids=[finance.pk],
        )
    with CaptureQueriesContext(connection) as many:
        client.get(members_url(world))
    assert len(many) == len(few)


def test_inviting_makes_a_pending_invitation_not_a_member(world: World) -> None:
    client = world.client(world.somchai)
    users_before = User.objects.count()
    response = invite(client, world)
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "ส่งคำเชิญถึง รัตนา แสงทอง (ratana@example.go.th) แล้ว" in html
    assert 'data-testid="invitation-ratana@example.go.th"' in html
    assert 'data-testid="member-ratana"' not in html
    assert User.objects.count() == users_before
    assert not Membership.objects.filter(organization=world.org, user__email="ratana@example.go.th").exists()


def test_the_invitation_email_carries_the_link_and_names_the_organisation(world: World) -> None:
    client = world.client(world.somchai)
    invite(client, world)
    html = client.get(members_url(world)).content.decode()
    link = re.search(r'value="(http[^"]+/accounts/invite/[^"]+/)"', html)
    assert link is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ratana@example.go.th"]
    assert "องค์การบริหารส่วนตำบลแกลง" in message.subject
    assert link.group(1) in message.body
    assert "ผู้บันทึกข้อมูล" in message.body


def test_an_invitation_leaves_a_history_record_with_the_admin_as_actor(world: World) -> None:
    invite(world.client(world.somchai), world)
    invitation = Invitation.objects.get(email="ratana@example.go.th")
    record = invitation.history.earliest("history_date")
    assert record.history_type == "+"
    assert record.history_user == world.somchai.user
    assert record.history_change_reason == "invite member"


@pytest.mark.parametrize(
    ("fields", "message"), [({"full_name": "   "}, "กรุณากรอกชื่อ-นามสกุล"), ({"email": ""}, "กรุณากรอกอีเมล")]
)
def test_inviting_without_a_name_or_email_names_the_field_and_writes_nothing(
    world: World, fields: dict[str, str], message: str
) -> None:
    users_before, invitations_before = User.objects.count(), Invitation.objects.count()
    response = invite(world.client(world.somchai), world, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (User.objects.count(), Invitation.objects.count()) == (users_before, invitations_before)


def test_inviting_with_a_department_of_another_organisation_names_the_field_and_writes_nothing(world: World) -> None:
    foreign = world.dept("กองคลัง", world.other)
    users_before, invitations_before = User.objects.count(), Invitation.objects.count()
    response = invite(world.client(world.somchai), world, departments=[str(foreign.pk)])
    assert response.status_code == 400
    assert "ส่วนราชการที่เลือกไม่ใช่ของหน่วยงานนี้" in response.content.decode()
    assert (User.objects.count(), Invitation.objects.count()) == (users_before, invitations_before)


def test_an_editors_department_limit_is_kept_and_other_roles_get_none(world: World) -> None:
    client = world.client(world.somchai)
    works = world.dept("กองช่าง")
    invite(client, world, email="ratana@example.go.th", role=Role.EDITOR, departments=[str(works.pk)])
    invite(client, world, email="pranee@example.go.th", role=Role.VIEWER, departments=[str(works.pk)])
    ratana = Invitation.objects.get(email="ratana@example.go.th")
    pranee = Invitation.objects.get(email="pranee@example.go.th")
    assert list(ratana.departments.all()) == [works]
    assert list(pranee.departments.all()) == []


def test_the_edit_page_shows_the_members_current_settings(world: World) -> None:
    html = world.client(world.somchai).get(edit_url(world, world.malee)).content.decode()
    finance = world.dept("กองคลัง")
    assert "มาลี ศรีสุข" in html
    assert re.search(rf'value="{finance.pk}"[^>]*checked', html)
    assert re.search(r'value="editor"[^>]*checked', html)
    assert "นำออกจากหน่วยงาน" in html


def test_an_admin_changes_a_members_role_position_and_limit_and_the_history_names_them(world: World) -> None:
    works = world.dept("กองช่าง")
    response = world.client(world.somchai).post(
        edit_url(world, world.wichai), {"role": Role.EDITOR, "position": "นายช่างโยธา", "departments": [str(works.pk)]}
    )
    assert response.status_code == 302
    world.wichai.refresh_from_db()
    assert world.wichai.role == Role.EDITOR
    assert world.wichai.position == "นายช่างโยธา"
    assert list(world.wichai.departments.all()) == [works]
    changed = world.wichai.history.filter(history_change_reason="change role").latest("history_date")
    assert changed.history_user == world.somchai.user
    assert changed.role == Role.EDITOR
    assert world.wichai.history.latest("history_date").history_user == world.somchai.user


def test_an_admin_cannot_demote_themselves(world: World) -> None:
    client = world.client(world.somchai)
    before = Membership.history.count()
    response = client.post(edit_url(world, world.somchai), {"role": Role.VIEWER, "position": ""})
    assert response.status_code == 400
    assert "คุณลดบทบาทผู้ดูแลของตัวเองไม่ได้" in response.content.decode()
    world.somchai.refresh_from_db()
    assert world.somchai.role == Role.ADMIN
    assert Membership.history.count() == before


def test_editing_with_a_department_of_another_organisation_is_refused_and_changes_nothing(world: World) -> None:
    foreign = world.dept("กองช่าง", world.other)
    before = Membership.history.count()
    response = world.client(world.somchai).post(
        edit_url(world, world.malee), {"role": Role.EDITOR, "position": "", "departments": [str(foreign.pk)]}
    )
    assert response.status_code == 400
    assert "ส่วนราชการที่เลือกไม่ใช่ของหน่วยงานนี้" in response.content.decode()
    world.malee.refresh_from_db()
    assert [d.name for d in world.malee.departments.all()] == ["กองคลัง"]
    assert world.malee.position == "นักวิชาการเงินและบัญชี"
    assert Membership.history.count() == before


def test_removing_needs_the_confirmation_box(world: World) -> None:
    response = world.client(world.somchai).post(remove_url(world, world.malee), {})
    assert response.status_code == 400
    assert "กรุณาติ๊กยืนยันก่อนนำสมาชิกออก" in response.content.decode()
    world.malee.refresh_from_db()
    assert world.malee.removed_at is None


def test_a_removed_member_loses_access_at_once_and_the_history_names_who_removed_them(world: World) -> None:
    malee = world.client(world.malee)
    assert malee.get("/o/klaeng/").status_code == 200
    response = world.client(world.somchai).post(remove_url(world, world.malee), {"confirm": "on"})
    assert response.status_code == 302
    assert malee.get("/o/klaeng/").status_code == 404
    world.malee.refresh_from_db()
    assert world.malee.removed_at is not None
    record = world.malee.history.latest("history_date")
    assert record.history_user == world.somchai.user
    assert record.history_change_reason == "membership ended: department limits"  # her limit ended with her
    removal = world.malee.history.get(history_change_reason="remove member")
    assert removal.history_user == world.somchai.user
    # the removed member's pages are gone too: editing them again is 404
    assert world.client(world.somchai).get(edit_url(world, world.malee)).status_code == 404


def test_an_admin_cannot_remove_themselves(world: World) -> None:
    client = world.client(world.somchai)
    assert "org-member-remove" not in client.get(edit_url(world, world.somchai)).content.decode()
    assert f"/members/{world.somchai.pk}/remove/" not in client.get(edit_url(world, world.somchai)).content.decode()
    response = client.post(remove_url(world, world.somchai), {"confirm": "on"})
    assert response.status_code == 400
    assert "คุณนำตัวเองออกจากหน่วยงานไม่ได้" in response.content.decode()
    world.somchai.refresh_from_db()
    assert world.somchai.removed_at is None


def test_the_admin_menu_links_to_members_and_departments(world: World) -> None:
    html = world.client(world.somchai).get(members_url(world)).content.decode()
    assert 'href="/o/klaeng/members/"' in html
    assert 'href="/o/klaeng/departments/"' in html
