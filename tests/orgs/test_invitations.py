"""Invitations, not enrolment: an admin invites by e-mail; only the person, through the link, joins."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.test import Client

from prongsai.core.errors import NotAllowed
from prongsai.orgs.invitations import create_invitation
from prongsai.orgs.models import Invitation, Membership, Role
from prongsai.orgs.services import add_member
from tests.orgs.conftest import World

User = get_user_model()
LINK_RE = re.compile(r'value="https?://[^"/]+(/accounts/invite/([^"/]+)/)"')
BANGKOK = ZoneInfo("Asia/Bangkok")
NEW_PASSWORD = "ลำดวน-บานเช้า-2568"


def invite(client: Client, **fields: Any) -> Any:
    data = {"full_name": "รัตนา แสงทอง", "email": "ratana@example.go.th", "role": Role.EDITOR, "position": ""}
    data.update(fields)
    return client.post("/o/klaeng/members/", data)


def the_link(world: World) -> str:
    """The link as the admin copies it from the members page (the one pending invitation)."""
    links = LINK_RE.findall(world.client(world.somchai).get("/o/klaeng/members/").content.decode())
    assert len(links) == 1
    return str(links[0][0])


def sign_up(link: str, username: str = "ratana", **fields: Any) -> Any:
    data = {"username": username, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, **fields}
    return Client().post(link, data)


def test_an_admin_cannot_attach_an_existing_account_of_another_organisation(world: World) -> None:
    prasert = world.prasert.user
    prasert.email = "prasert@bankhai.go.th"
    prasert.save()
    admin = world.client(world.somchai)
    # the old form's fields, or the person's e-mail: either way nobody becomes a member
    assert admin.post("/o/klaeng/members/", {"username": "prasert", "role": Role.VIEWER}).status_code == 400
    assert invite(admin, full_name="ประเสริฐ", email="prasert@bankhai.go.th", username="prasert").status_code == 302
    assert not Membership.objects.filter(user=prasert, organization=world.org).exists()
    assert world.client(world.prasert).get("/o/klaeng/").status_code == 404
    page = admin.get("/o/klaeng/members/").content.decode()
    assert 'data-testid="member-prasert"' not in page and ">prasert<" not in page
    with pytest.raises(NotAllowed):  # the set-up path is closed to an admin
        add_member(world.somchai, world.somchai.user, organization=world.org, username="prasert")


def _normalised(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    html = re.sub(r"/accounts/invite/[^\"/]+/", "/accounts/invite/TOKEN/", html)
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID", html)


def _invite_and_look(world: World, **fields: Any) -> tuple[int, str, str]:
    """One invitation, rolled back afterwards so the next starts from the same rows."""
    with transaction.atomic():
        admin = world.client(world.somchai)
        response = invite(admin, **fields)
        page = admin.get("/o/klaeng/members/").content.decode()
        transaction.set_rollback(True)
    return response.status_code, response.get("Location", ""), _normalised(page)


def test_the_members_page_answers_the_same_whether_the_username_or_email_exists_or_not(world: World) -> None:
    prasert = world.prasert.user
    prasert.email = "someone@example.go.th"
    prasert.save()
    existing = _invite_and_look(world, username="prasert", email="someone@example.go.th")
    unknown = _invite_and_look(world, username="nobody-at-all", email="someone@example.go.th")
    assert existing == unknown
    prasert.email = "elsewhere@example.go.th"
    prasert.save()
    assert _invite_and_look(world, username="prasert", email="someone@example.go.th") == existing
    status, location, page = existing
    assert (status, location) == (302, "/o/klaeng/members/")
    assert "ส่งคำเชิญถึง รัตนา แสงทอง (someone@example.go.th) แล้ว" in page


def test_the_invitation_is_listed_with_its_link_and_mailed_and_makes_no_account(world: World) -> None:
    users = User.objects.count()
    invite(world.client(world.somchai), role=Role.EDITOR, departments=[str(world.dept("กองช่าง").pk)])
    assert User.objects.count() == users
    page = world.client(world.somchai).get("/o/klaeng/members/").content.decode()
    assert 'data-testid="invitation-ratana@example.go.th"' in page
    assert "ยกเลิกคำเชิญ" in page and "กองช่าง" in page
    link = the_link(world)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ratana@example.go.th"]
    assert link in mail.outbox[0].body
    # only the token's hash is stored
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_a_failed_email_leaves_the_invitation_and_says_to_copy_the_link(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("no SMTP server here")

    monkeypatch.setattr("prongsai.orgs.views.send_mail", refuse)
    admin = world.client(world.somchai)
    response = invite(admin)
    assert response.status_code == 302
    page = admin.get("/o/klaeng/members/").content.decode()
    assert "ส่งอีเมลถึง ratana@example.go.th ไม่สำเร็จ: คัดลอกลิงก์" in page
    assert LINK_RE.search(page)


def test_accepting_with_a_new_account_joins_with_the_invited_role_position_and_departments(world: World) -> None:
    works = world.dept("กองช่าง")
    invite(world.client(world.somchai), role=Role.EDITOR, position="นายช่างโยธา", departments=[str(works.pk)])
    link = the_link(world)
    person = Client()
    page = person.get(link).content.decode()
    assert "คำเชิญเป็นสมาชิกของ องค์การบริหารส่วนตำบลแกลง" in page and "ผู้บันทึกข้อมูล" in page
    response = person.post(link, {"username": "ratana", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert (response.status_code, response["Location"]) == (302, "/o/klaeng/")
    assert person.get("/o/klaeng/").status_code == 200  # logged in
    member = Membership.objects.active().get(user__username="ratana", organization=world.org)
    assert (member.role, member.position, list(member.departments.all())) == (Role.EDITOR, "นายช่างโยธา", [works])
    assert (member.user.email, member.user.get_full_name()) == ("ratana@example.go.th", "รัตนา แสงทอง")
    assert member.user.check_password(NEW_PASSWORD)
    # the admin now sees the member, e-mail included, and the invitation is no longer pending
    members = world.client(world.somchai).get("/o/klaeng/members/").content.decode()
    assert 'data-testid="member-ratana"' in members and "ratana@example.go.th" in members
    assert 'data-testid="invitation-ratana@example.go.th"' not in members


def test_every_step_is_audited_with_its_actor(world: World) -> None:
    invite(world.client(world.somchai))
    link = the_link(world)
    sign_up(link)
    invitation = Invitation.objects.get(email="ratana@example.go.th")
    ratana = User.objects.get(username="ratana")
    reasons = [(h.history_change_reason, h.history_user) for h in invitation.history.order_by("history_date")]
    assert ("invite member", world.somchai.user) in reasons and ("accept invitation", ratana) in reasons
    member = Membership.objects.get(user=ratana)
    assert member.history.earliest("history_date").history_change_reason == "accept invitation"
    invite(world.client(world.somchai), email="other@example.go.th")
    other = Invitation.objects.get(email="other@example.go.th")
    world.client(world.somchai).post(f"/o/klaeng/members/invitations/{other.pk}/revoke/")
    record = other.history.latest("history_date")
    assert (record.history_change_reason, record.history_user) == ("revoke invitation", world.somchai.user)


def test_a_link_works_once(world: World) -> None:
    invite(world.client(world.somchai))
    link = the_link(world)
    assert sign_up(link).status_code == 302
    again = Client().get(link)
    assert again.status_code == 410
    assert "ลิงก์คำเชิญนี้ถูกใช้ไปแล้ว" in again.content.decode()
    assert sign_up(link, username="ratana2").status_code == 410
    assert not User.objects.filter(username="ratana2").exists()


def test_a_link_expires_after_seven_days(world: World) -> None:
    start = datetime(2025, 3, 1, 9, 0, tzinfo=BANGKOK)
    with time_machine.travel(start, tick=False):
        invite(world.client(world.somchai))
        link = the_link(world)
    with time_machine.travel(start + timedelta(days=6, hours=23), tick=False):
        assert Client().get(link).status_code == 200
    with time_machine.travel(start + timedelta(days=7, minutes=1), tick=False):
        response = sign_up(link)
        assert response.status_code == 410
        assert "ลิงก์คำเชิญนี้หมดอายุแล้ว" in response.content.decode()
        assert not User.objects.filter(username="ratana").exists()
        # no longer listed as pending: the admin invites again
        assert 'data-testid="invitation-' not in world.client(world.somchai).get("/o/klaeng/members/").content.decode()
        assert invite(world.client(world.somchai)).status_code == 302


def test_a_revoked_link_says_so_and_creates_nothing(world: World) -> None:
    invite(world.client(world.somchai))
    link = the_link(world)
    invitation = Invitation.objects.get()
    admin = world.client(world.somchai)
    response = admin.post(f"/o/klaeng/members/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 302
    assert "ยกเลิกคำเชิญของ รัตนา แสงทอง แล้ว" in admin.get("/o/klaeng/members/").content.decode()
    refused = sign_up(link)
    assert refused.status_code == 410
    assert "ผู้ดูแลหน่วยงานยกเลิกคำเชิญนี้แล้ว" in refused.content.decode()
    assert not User.objects.filter(username="ratana").exists()


@pytest.mark.parametrize("token", ["not-a-token", "A" * 43, ""])
def test_a_wrong_token_gets_a_clear_thai_page(world: World, token: str) -> None:
    invite(world.client(world.somchai))
    response = Client().get(f"/accounts/invite/{token}/")
    if token == "":
        assert response.status_code == 404
        return
    assert response.status_code == 404
    assert "ลิงก์คำเชิญนี้ไม่ถูกต้อง" in response.content.decode()
    assert sign_up(f"/accounts/invite/{token}/").status_code == 404
    assert not User.objects.filter(username="ratana").exists()


def test_a_new_account_must_pass_the_password_rules_and_a_free_username(world: World) -> None:
    invite(world.client(world.somchai))
    link = the_link(world)
    short = sign_up(link, password1="short", password2="short")
    assert short.status_code == 400
    mismatch = sign_up(link, password2="something-else-entirely")
    assert "รหัสผ่านสองช่องไม่ตรงกัน" in mismatch.content.decode()
    taken = sign_up(link, username="prasert")  # an account elsewhere: never attached from this form
    assert taken.status_code == 400
    assert "ชื่อผู้ใช้นี้มีผู้ใช้แล้ว" in taken.content.decode()
    spaced = sign_up(link, username="rat ana")
    assert "ห้ามเว้นวรรค" in spaced.content.decode()
    assert not Membership.objects.filter(user=world.prasert.user, organization=world.org).exists()
    assert Invitation.objects.pending().count() == 1  # still usable


def test_an_existing_account_accepts_only_when_logged_in_and_only_by_pressing_the_button(world: World) -> None:
    invite(world.client(world.somchai), full_name="ประเสริฐ ดีงาม", email="prasert@bankhai.go.th", role=Role.VIEWER)
    link = the_link(world)
    anonymous = Client().get(link).content.decode()
    assert "/accounts/login/?next=" in anonymous  # log in first to use an existing account
    prasert = world.client(world.prasert)
    page = prasert.get(link).content.decode()
    assert "รับคำเชิญเข้าบัญชีนี้" in page and "prasert" in page
    assert not Membership.objects.filter(user=world.prasert.user, organization=world.org).exists()
    assert prasert.post(link, {}).status_code == 400  # no explicit press, no membership
    assert not Membership.objects.filter(user=world.prasert.user, organization=world.org).exists()
    response = prasert.post(link, {"accept": "account"})
    assert (response.status_code, response["Location"]) == (302, "/o/klaeng/")
    member = Membership.objects.active().get(user=world.prasert.user, organization=world.org)
    assert member.role == Role.VIEWER
    assert Membership.objects.active().filter(user=world.prasert.user).count() == 2
    assert prasert.get("/o/klaeng/").status_code == 200


def test_an_active_member_accepting_again_is_told_and_the_link_stays_usable(world: World) -> None:
    invite(world.client(world.somchai), email="malee@example.go.th")
    link = the_link(world)
    response = world.client(world.malee).post(link, {"accept": "account"})
    assert response.status_code == 400
    assert "บัญชีของคุณเป็นสมาชิกของหน่วยงานนี้อยู่แล้ว" in response.content.decode()
    assert Invitation.objects.pending().count() == 1


def test_a_second_pending_invitation_to_the_same_email_is_refused(world: World) -> None:
    admin = world.client(world.somchai)
    invite(admin)
    response = invite(admin, email="RATANA@example.go.th")
    assert response.status_code == 400
    assert "มีคำเชิญที่ยังใช้ได้ส่งถึง" in response.content.decode()
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"full_name": " "}, "กรุณากรอกชื่อ-นามสกุล"), ({"email": ""}, "กรุณากรอกอีเมล"), ({"email": "x@"}, "อีเมลไม่ถูกต้อง")],
)
def test_an_invitation_without_a_name_or_a_valid_email_names_the_field(
    world: World, fields: dict[str, str], message: str
) -> None:
    response = invite(world.client(world.somchai), **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Invitation.objects.count() == 0


def test_revoking_follows_the_access_ladder(world: World) -> None:
    invitation, _token = create_invitation(world.somchai, world.somchai.user, full_name="ก", email="k@example.go.th")
    url = f"/o/klaeng/members/invitations/{invitation.pk}/revoke/"
    assert world.client(None).post(url)["Location"].startswith("/accounts/login/")
    assert world.client(world.prasert).post(url).status_code == 404
    assert (
        world.client(world.prasert).post(f"/o/bankhai/members/invitations/{invitation.pk}/revoke/").status_code == 404
    )
    for who in (world.malee, world.wichai, world.boonchu):
        assert world.client(who).post(url).status_code == 403
    assert world.client(world.somchai).get(url).status_code == 405
    assert Invitation.objects.pending().count() == 1
    assert world.client(world.somchai).post(url).status_code == 302
    assert Invitation.objects.pending().count() == 0


def test_an_accepted_invitation_cannot_be_revoked(world: World) -> None:
    invite(world.client(world.somchai))
    sign_up(the_link(world))
    invitation = Invitation.objects.get()
    admin = world.client(world.somchai)
    admin.post(f"/o/klaeng/members/invitations/{invitation.pk}/revoke/")
    assert "รับคำเชิญไปแล้ว" in admin.get("/o/klaeng/members/").content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_a_removed_member_invited_back_returns_on_a_new_record(world: World) -> None:
    admin = world.client(world.somchai)
    admin.post(f"/o/klaeng/members/{world.malee.pk}/remove/", {"confirm": "on"})
    invite(admin, full_name="มาลี ศรีสุข", email="malee@example.go.th", role=Role.VIEWER)
    malee = world.client(world.malee)
    assert malee.post(the_link(world), {"accept": "account"}).status_code == 302
    again = Membership.objects.active().get(user=world.malee.user, organization=world.org)
    assert again.pk != world.malee.pk
    assert (again.role, list(again.departments.all())) == (Role.VIEWER, [])
    assert malee.get("/o/klaeng/").status_code == 200
