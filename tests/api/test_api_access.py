"""Who may read what: the access ladder on every route, and the two ways in (token, session)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from prongsai.api.models import ApiToken
from prongsai.api.services import create_token, hash_token, revoke_token

ROUTES = ["orgs", "org", "departments", "plans", "plan", "plan_measures", "measure", "measure_history"]
# Routes that name an object, and how to point them at one that does not exist / is not an id.
MISSING = {
    "org": "/api/orgs/no-such-org",
    "departments": "/api/orgs/no-such-org/departments",
    "plans": "/api/orgs/no-such-org/plans",
    "plan": "/api/plans/{id}",
    "plan_measures": "/api/plans/{id}/measures",
    "measure": "/api/measures/{id}",
    "measure_history": "/api/measures/{id}/history",
}
MALFORMED = [
    "/api/plans/not-a-uuid",
    "/api/plans/12345/measures",
    "/api/measures/abc",
    "/api/measures/%20/history",
]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("route", ROUTES)
def test_anonymous_gets_401_json(client, world, route):
    response = client.get(world.urls()[route])
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "detail" in response.json()


@pytest.mark.parametrize("route", [r for r in ROUTES if r != "orgs"])
def test_a_member_of_another_organisation_gets_404(client, world, route):
    client.force_login(world.prasert)
    response = client.get(world.urls()[route])
    assert response.status_code == 404
    assert response.json() == {"detail": "ไม่พบ"}


def test_a_member_of_another_organisation_sees_only_their_own_in_the_list(client, world):
    client.force_login(world.prasert)
    assert [org["slug"] for org in client.get("/api/orgs").json()] == ["bangkaja"]


@pytest.mark.parametrize("route", list(MISSING))
def test_a_missing_object_gets_the_same_404(client, world, route, missing_id):
    client.force_login(world.somchai)
    response = client.get(MISSING[route].format(id=missing_id))
    assert response.status_code == 404
    assert response.json() == {"detail": "ไม่พบ"}


@pytest.mark.parametrize("url", MALFORMED)
def test_a_malformed_id_is_404_not_422(client, world, url):
    client.force_login(world.somchai)
    response = client.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "ไม่พบ"}


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("persona", ["somchai", "malee"])
def test_members_of_the_organisation_read_every_route(client, world, route, persona):
    client.force_login(getattr(world, persona))
    response = client.get(world.urls()[route])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_a_removed_member_gets_404(client, world):
    from prongsai.orgs.access import org_for
    from prongsai.orgs.services import remove_member

    admin = org_for(world.somchai, "klaeng")
    remove_member(admin, world.somchai, org_for(world.malee, "klaeng"))
    client.force_login(world.malee)
    assert client.get(world.urls()["plan"]).status_code == 404
    assert client.get("/api/orgs").json() == []


@pytest.mark.parametrize("route", ROUTES)
def test_a_token_reads_every_route(client, world, route):
    _api_token, token = create_token(world.malee, "สคริปต์รายงาน")
    assert client.get(world.urls()[route], headers=bearer(token)).status_code == 200


def test_a_token_does_not_reach_another_organisation(client, world):
    _api_token, token = create_token(world.prasert, "script")
    assert client.get(world.urls()["measure"], headers=bearer(token)).status_code == 404


def test_a_revoked_token_gets_401(client, world):
    api_token, token = create_token(world.malee, "script")
    revoke_token(api_token, world.malee)
    response = client.get(world.urls()["plan"], headers=bearer(token))
    assert response.status_code == 401


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer ", "Token abc", "Basic bWFsZWU6eA=="])
def test_a_wrong_or_unknown_token_gets_401(client, world, header):
    assert client.get("/api/orgs", headers={"Authorization": header}).status_code == 401


def test_a_token_of_a_deactivated_user_gets_401(client, world):
    _api_token, token = create_token(world.malee, "script")
    world.malee.is_active = False
    world.malee.save()
    assert client.get("/api/orgs", headers=bearer(token)).status_code == 401


def test_only_the_hash_of_a_token_is_stored(world):
    api_token, token = create_token(world.malee, "script")
    api_token.refresh_from_db()
    assert api_token.key_hash == hash_token(token)
    assert api_token.prefix == token[:8]
    assert token not in [str(v) for v in ApiToken.objects.values_list("name", "key_hash", "prefix").get()]


def test_revoking_records_who_did_it(world):
    api_token, _token = create_token(world.malee, "script")
    revoke_token(api_token, world.malee)
    latest = api_token.history.latest()
    assert latest.history_user == world.malee
    assert latest.revoked_at is not None
    assert latest.history_change_reason == "revoke api token"


def test_last_used_is_written_at_most_once_a_minute(client, world):
    api_token, token = create_token(world.malee, "script")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/api/orgs", headers=bearer(token))
    api_token.refresh_from_db()
    assert api_token.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        client.get("/api/orgs", headers=bearer(token))
    api_token.refresh_from_db()
    assert api_token.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        client.get("/api/orgs", headers=bearer(token))
    api_token.refresh_from_db()
    assert api_token.last_used_at == start + timedelta(seconds=61)


def test_create_token_command_prints_a_working_token_once(client, world):
    out, err = StringIO(), StringIO()
    call_command("create_token", "malee", "--name", "รายงานประจำเดือน", stdout=out, stderr=err)
    token = out.getvalue().strip()
    assert ApiToken.objects.get().key_hash == hash_token(token)
    assert token not in err.getvalue()
    assert client.get("/api/orgs", headers=bearer(token)).json()[0]["slug"] == "klaeng"


def test_create_token_command_names_an_unknown_user(world):
    with pytest.raises(CommandError, match="nobody"):
        call_command("create_token", "nobody", "--name", "x", stdout=StringIO(), stderr=StringIO())
