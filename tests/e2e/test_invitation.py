"""Inviting a member in a real browser: the admin invites, copies the link, the person accepts on
their phone, and the copied link then works no more."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from prongsai.orgs.models import Membership, Role
from prongsai.orgs.services import add_member, create_organization, system_user

from .conftest import log_in

PASSWORD = "a-long-test-password"


def test_an_admin_invites_copies_the_link_and_the_person_accepts_it_once(transactional_db: Any, new_page: Any) -> None:
    system = system_user()
    org = create_organization(system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", province="ระยอง")
    add_member(None, system, organization=org, username="somchai", role=Role.ADMIN, password=PASSWORD)

    admin = new_page()
    admin.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(admin, "somchai", PASSWORD)
    admin.goto("/o/klaeng/members/")
    admin.fill("#id_full_name", "มานี ใจดี")
    admin.fill("#id_email", "manee@example.go.th")
    admin.check(f"#id_role input[value={Role.EDITOR.value}]")
    admin.click("#invite-title ~ form button[type=submit]")
    row = admin.locator('[data-testid="invitation-manee@example.go.th"]')
    expect(row).to_be_visible()
    link = row.locator('[data-testid="invitation-link"]').input_value()
    assert "/accounts/invite/" in link
    row.locator("[data-copy]").click()
    expect(row.locator("[data-copy]")).to_have_text("คัดลอกแล้ว")
    assert admin.evaluate("navigator.clipboard.readText()") == link

    phone = new_page(width=390)
    phone.goto(link)
    expect(phone.locator('[data-testid="invitation-accept"]')).to_contain_text("มานี ใจดี")
    phone.fill("#id_username", "manee")
    phone.fill("#id_password1", "manee-long-password-2568")
    phone.fill("#id_password2", "manee-long-password-2568")
    phone.click('[data-testid="invitation-accept"] button[type=submit]')
    phone.wait_for_url("**/o/klaeng/")
    membership = Membership.objects.active().get(organization=org, user__username="manee")
    assert membership.role == Role.EDITOR

    again = new_page(width=390)
    response = again.goto(link)
    assert response is not None and response.status == 410
    expect(again.locator('[data-testid="invitation-unusable"]')).to_have_attribute("data-reason", "used")
    expect(again.locator("[role=alert]")).to_contain_text("ลิงก์หนึ่งใช้ได้ครั้งเดียว")
