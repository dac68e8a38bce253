"""Grants end with the membership (orgs/grants.py): nothing a leaver held survives, nothing comes back.

Personas are the complaints ones (tests/complaints/conftest.py): korn is the case officer, malee an
editor limited to กองช่าง, somchai the admin (no case officer himself).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from prongsai.api.models import ApiToken
from prongsai.api.services import create_token
from prongsai.complaints import services as complaint_services
from prongsai.complaints.models import Case, CaseOfficer
from prongsai.imports.models import ImportRecord, ImportStatus
from prongsai.orgs import grants
from prongsai.orgs.invitations import create_invitation
from prongsai.orgs.models import Membership, OversightLevel, Role
from prongsai.orgs.services import add_member, add_oversight, remove_member, system_user
from tests.complaints.conftest import CORRUPTION, World, build_world
from tests.shared_db import shared_fixtures

_shared_cworld, cworld = shared_fixtures("cworld", build_world)

LINK_RE = re.compile(r'value="https?://[^"/]+(/accounts/invite/[^"/]+/)"')
REPORTER = "นางลับ แจ้งเหตุ"
REPORTER_EMAIL = "whistle@example.com"


def corruption_report(world: World) -> Case:
    return world.file(CORRUPTION, subject="ผู้รับเหมาจ่ายเงินใต้โต๊ะ", contact_name=REPORTER, contact_email=REPORTER_EMAIL)


def remove_on_the_web(world: World, member: Membership) -> None:
    response = world.client(world.somchai).post(f"/o/klaeng/members/{member.pk}/remove/", {"confirm": "on"})
    assert response.status_code == 302


def invite_on_the_web(world: World, email: str, role: str, **extra: Any) -> str:
    """The admin invites on the members page; returns the link's path, copied from that page."""
    admin = world.client(world.somchai)
    data = {"full_name": "กร ทดสอบ", "email": email, "role": role, "position": "", **extra}
    assert admin.post("/o/klaeng/members/", data).status_code == 302
    links = LINK_RE.findall(admin.get("/o/klaeng/members/").content.decode())
    assert len(links) == 1
    return links[0]


def test_every_grant_tied_to_a_membership_is_registered_with_the_hook() -> None:
    assert set(grants.registered()) >= {
        "department limits",
        "case officer",
        "pending uploads",
        "pending evidence files",
        "api tokens",
        "invitations sent",
    }


def test_a_case_officer_removed_and_invited_back_as_a_viewer_never_sees_the_corruption_report_again(
    cworld: World,
) -> None:
    case = corruption_report(cworld)
    korn = cworld.client(cworld.korn)
    assert REPORTER in korn.get(f"/complaints/{case.pk}/").content.decode()  # while a case officer

    remove_on_the_web(cworld, cworld.korn)
    cworld.korn.user.email = "korn@example.go.th"
    cworld.korn.user.save()
    link = invite_on_the_web(cworld, "korn@example.go.th", Role.VIEWER)
    assert korn.post(link, {"accept": "account"}).status_code == 302
    assert korn.get("/o/klaeng/").status_code == 200  # a member again, as a viewer

    assert korn.get(f"/complaints/{case.pk}/").status_code == 404
    for url in (
        "/o/klaeng/",
        "/o/klaeng/complaints/",
        f"/o/klaeng/complaints/?q={case.tracking_code}",
        "/o/klaeng/complaints/export.csv",
        f"/complaints/{case.pk}/",
        f"/complaints/{case.pk}/receipt/",
        f"/track/{case.tracking_code}/",
    ):
        body = korn.get(url).content.decode("utf-8-sig")
        assert REPORTER not in body and REPORTER_EMAIL not in body, url
        assert "ผู้รับเหมาจ่ายเงินใต้โต๊ะ" not in body, url


def test_removing_a_case_officer_withdraws_the_permission_in_its_history(cworld: World) -> None:
    remove_member(cworld.somchai, cworld.somchai.user, cworld.korn)
    officer = CaseOfficer.objects.get(membership=cworld.korn)
    assert officer.active is False
    record = officer.history.latest("history_date")
    assert (record.history_user, record.history_change_reason) == (
        cworld.somchai.user,
        "membership ended: withdraw case officer",
    )
    # the officers page no longer counts him
    officers = cworld.client(cworld.somchai).get("/o/klaeng/complaints/officers/").content.decode()
    assert "korn ทดสอบ" not in officers


def test_joining_again_makes_a_new_membership_with_no_old_department_limit_nor_case_officer(cworld: World) -> None:
    remove_member(cworld.somchai, cworld.somchai.user, cworld.malee)
    old = Membership.objects.get(pk=cworld.malee.pk)
    assert list(old.departments.all()) == []
    cleared = old.history.filter(history_change_reason="membership ended: department limits").get()
    assert cleared.history_user == cworld.somchai.user
    before = old.history.filter(history_change_reason="add member").latest("history_date")
    assert [d.department.name for d in before.departments.all()] == ["กองช่าง"]  # the old limit, in history

    cworld.malee.user.email = "malee@example.go.th"
    cworld.malee.user.save()
    link = invite_on_the_web(cworld, "malee@example.go.th", Role.EDITOR)
    assert cworld.client(cworld.malee).post(link, {"accept": "account"}).status_code == 302
    new = Membership.objects.active().get(user=cworld.malee.user, organization=cworld.org)
    assert new.pk != old.pk
    assert (new.role, list(new.departments.all())) == (Role.EDITOR, [])  # every department: what was invited
    assert not CaseOfficer.objects.filter(membership=new).exists()


def test_a_set_up_command_adding_a_former_member_also_starts_from_nothing(cworld: World) -> None:
    remove_member(cworld.somchai, cworld.somchai.user, cworld.korn)
    again, _pw = add_member(None, system_user(), organization=cworld.org, username="korn", role=Role.VIEWER)
    assert again.pk != cworld.korn.pk
    assert complaint_services.is_case_officer(again) is False
    assert Membership.objects.filter(user=cworld.korn.user, organization=cworld.org).count() == 2


def _draft(world: World, membership: Membership, org: Any, status: str = ImportStatus.DRAFT) -> ImportRecord:
    return ImportRecord.objects.create(
        organization=org,
        sha256=f"{membership.pk.hex}{org.pk.hex}{status}"[:64],
        status=status,
        created_by=membership.user,
    )


def test_a_leavers_pending_uploads_in_that_organisation_are_deleted_and_nothing_else(cworld: World) -> None:
    mine = _draft(cworld, cworld.malee, cworld.org)
    committed = _draft(cworld, cworld.malee, cworld.org, ImportStatus.COMMITTED)
    elsewhere = _draft(cworld, cworld.malee, cworld.other)
    someone_elses = _draft(cworld, cworld.nid, cworld.org)
    remove_member(cworld.somchai, cworld.somchai.user, cworld.malee)
    left = set(ImportRecord.objects.values_list("pk", flat=True))
    assert mine.pk not in left
    assert {committed.pk, elsewhere.pk, someone_elses.pk} <= left


def _api_orgs(token: str) -> int:
    return Client().get("/api/orgs", headers={"Authorization": f"Bearer {token}"}).status_code


def test_api_tokens_are_revoked_when_the_last_membership_ends(cworld: World) -> None:
    token, plain = create_token(cworld.korn.user, "สคริปต์")
    assert _api_orgs(plain) == 200
    remove_member(cworld.somchai, cworld.somchai.user, cworld.korn)
    token.refresh_from_db()
    assert token.is_revoked
    record = token.history.latest("history_date")
    assert (record.history_user, record.history_change_reason) == (
        cworld.somchai.user,
        "membership ended: revoke api token",
    )
    assert _api_orgs(plain) == 401


@pytest.mark.parametrize("still", ["another membership", "an oversight"])
def test_api_tokens_stay_while_another_membership_or_an_oversight_is_active(cworld: World, still: str) -> None:
    token, plain = create_token(cworld.korn.user, "สคริปต์")
    if still == "an oversight":
        add_oversight(system_user(), username="korn", level=OversightLevel.PROVINCE, province="ระยอง")
    else:
        add_member(None, system_user(), organization=cworld.other, username="korn", role=Role.VIEWER)
    remove_member(cworld.somchai, cworld.somchai.user, cworld.korn)
    assert ApiToken.objects.get(pk=token.pk).is_revoked is False
    assert _api_orgs(plain) == 200


def test_a_leaving_admins_pending_invitations_stop_working(cworld: World) -> None:
    second, _pw = add_member(None, system_user(), organization=cworld.org, username="second", role=Role.ADMIN)
    invitation, token = create_invitation(
        second, second.user, full_name="บัญชีสำรอง", email="second-again@example.go.th", role=Role.ADMIN
    )
    remove_member(cworld.somchai, cworld.somchai.user, second)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    response = Client().get(f"/accounts/invite/{token}/")
    assert response.status_code == 410
    assert "ยกเลิกคำเชิญนี้แล้ว" in response.content.decode()


def test_a_failing_grant_ender_rolls_the_removal_back(cworld: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(member: Membership, actor: Any) -> None:
        raise RuntimeError("ender failed")

    monkeypatch.setitem(grants._enders, "broken for this test", broken)
    with pytest.raises(RuntimeError):
        remove_member(cworld.somchai, cworld.somchai.user, cworld.korn)
    assert Membership.objects.get(pk=cworld.korn.pk).removed_at is None
    assert CaseOfficer.objects.get(membership=cworld.korn).active is True
