"""A person changes their own password; the home page leads them to their organisation."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.test import Client

from prongsai.orgs.models import Role
from prongsai.orgs.services import add_member, create_organization, system_user


def test_a_user_changes_their_own_password(db: Any) -> None:
    user = get_user_model().objects.create_user("somchai", password="old-password-123")
    client = Client()
    client.force_login(user)
    r = client.post(
        "/accounts/password/",
        {
            "old_password": "old-password-123",
            "new_password1": "new-password-456!",
            "new_password2": "new-password-456!",
        },
    )
    assert r.status_code == 302
    assert Client().login(request=HttpRequest(), username="somchai", password="new-password-456!")


def test_a_wrong_old_password_is_refused_and_changes_nothing(db: Any) -> None:
    user = get_user_model().objects.create_user("somchai", password="old-password-123")
    client = Client()
    client.force_login(user)
    r = client.post("/accounts/password/", {"old_password": "nope", "new_password1": "x", "new_password2": "x"})
    assert r.status_code == 200 and 'class="errorlist' in r.content.decode()
    assert Client().login(request=HttpRequest(), username="somchai", password="old-password-123")


def test_home_leads_a_member_of_one_organisation_to_it(db: Any) -> None:
    org = create_organization(system_user(), name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng")
    member, _pw = add_member(None, system_user(), organization=org, username="malee", role=Role.VIEWER)
    client = Client()
    assert client.get("/")["Location"] == "/accounts/login/"
    client.force_login(member.user)
    assert client.get("/")["Location"] == "/o/klaeng/"
