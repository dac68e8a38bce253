"""Writing measures through the API: the access ladder on every write, CSRF, optimistic locking, the services'
refusals, delete and reorder.

Every write goes through the same services and access helpers as the web pages; these tests check the
status codes (401 anonymous, 404 foreign/missing/malformed, 403 read-only or not allowed, 400 refused
with the field, 409 stale with both versions, 422 not fitting the schema) and that nothing is written
when a write is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from prongsai.api.services import create_token
from prongsai.measures.models import Evidence, Measure, Progress
from prongsai.measures.services import add_evidence
from prongsai.orgs.access import org_for
from tests.api._helpers import as_user, measure_body, send
from tests.api.conftest import World


@dataclass
class Route:
    """One write: how to call it on a measure (or its plan/evidence), and the status it answers on success."""

    method: str
    url: Callable[[World, Measure], str]
    body: Callable[[World, Measure], Any]
    ok: int


def _evidence_of(world: World, measure: Measure) -> Evidence:
    membership = org_for(world.somchai, world.org.slug)
    return add_evidence(measure, 1, membership, world.somchai, title="ลิงก์", url="https://klaeng.go.th/x")


ROUTES: dict[str, Route] = {
    "create": Route(
        "POST", lambda w, m: f"/api/plans/{m.plan_id}/measures", lambda w, m: measure_body(w, departments=[]), 201
    ),
    "update": Route(
        "PUT", lambda w, m: f"/api/measures/{m.pk}", lambda w, m: {"title": "ชื่อใหม่", "version": m.version}, 200
    ),
    "delete": Route("DELETE", lambda w, m: f"/api/measures/{m.pk}", lambda w, m: None, 204),
    "reorder": Route(
        "POST",
        lambda w, m: f"/api/plans/{m.plan_id}/measures/order",
        lambda w, m: {"order": [str(w.second_measure.pk), str(w.measure.pk)]},
        200,
    ),
    "progress": Route(
        "PUT",
        lambda w, m: f"/api/measures/{m.pk}/progress/2",
        lambda w, m: {"version": 0, "status": "in_progress", "results": ["เริ่มแล้ว"]},
        200,
    ),
    "evidence": Route(
        "POST",
        lambda w, m: f"/api/measures/{m.pk}/evidence",
        lambda w, m: {"round": 2, "title": "ประกาศ", "url": "https://klaeng.go.th/news/2"},
        201,
    ),
    "withdraw": Route(
        "POST", lambda w, m: f"/api/evidence/{_evidence_of(w, m).pk}/withdraw", lambda w, m: {"reason": "ผิดรอบ"}, 200
    ),
    "submit": Route("POST", lambda w, m: f"/api/plans/{m.plan_id}/submit", lambda w, m: None, 200),
}


def call(route: str, world: World, measure: Measure, client: Client) -> Any:
    r = ROUTES[route]
    return send(client, r.method, r.url(world, measure), r.body(world, measure))


# The access ladder -------------------------------------------------------------------------------


@pytest.mark.parametrize("route", ROUTES)
def test_anonymous_gets_401(world, route):
    response = call(route, world, world.second_measure, Client())
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("route", ROUTES)
def test_a_member_of_another_organisation_gets_404(world, route):
    response = call(route, world, world.second_measure, as_user(world.prasert))
    assert response.status_code == 404
    assert response.json() == {"detail": "ไม่พบ"}


@pytest.mark.parametrize("route", ROUTES)
def test_a_viewer_gets_403(world, route):
    r = ROUTES[route]
    url, body = r.url(world, world.second_measure), r.body(world, world.second_measure)
    before = Measure.objects.count(), Evidence.objects.count(), Progress.objects.filter(version__gt=0).count()
    response = send(as_user(world.malee), r.method, url, body)
    assert response.status_code == 403, response.content
    assert "detail" in response.json()
    assert (Measure.objects.count(), Evidence.objects.count(), Progress.objects.filter(version__gt=0).count()) == before


@pytest.mark.parametrize("route", [r for r in ROUTES if r not in ("submit",)])
def test_an_editor_limited_to_a_department_gets_403_on_another_departments_measure(world, crew, route):
    # second_measure belongs to กองช่าง; niran edits กองคลัง's only.
    body = ROUTES[route].body(world, world.second_measure)
    if route == "create":
        body = measure_body(world, departments=[str(world.org.departments.get(name="กองช่าง").pk)])
    r = ROUTES[route]
    response = send(as_user(crew.niran), r.method, r.url(world, world.second_measure), body)
    assert response.status_code == 403, response.content


def test_an_editor_limited_to_a_department_edits_their_departments_measure(world, crew):
    client = as_user(crew.niran)
    response = send(client, "PUT", f"/api/measures/{world.measure.pk}", {"title": "ใหม่", "version": 2})
    assert response.status_code == 200, response.content
    response = send(client, "POST", f"/api/plans/{world.plan.pk}/measures", measure_body(world))
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("persona", ["somchai", "nid"])
def test_admins_and_editors_write(world, crew, route, persona):
    user = world.somchai if persona == "somchai" else crew.nid
    response = call(route, world, world.second_measure, as_user(user))
    assert response.status_code == ROUTES[route].ok, response.content
    if response.status_code != 204:
        assert response["Content-Type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize("route", ROUTES)
def test_a_token_writes_without_csrf(world, route):
    _api_token, token = create_token(world.somchai, "สคริปต์")
    client = Client(enforce_csrf_checks=True)
    r = ROUTES[route]
    response = send(
        client,
        r.method,
        r.url(world, world.second_measure),
        r.body(world, world.second_measure),
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == r.ok, response.content


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("POST", "/api/plans/not-a-uuid/measures", {"title": "x"}),
        ("POST", "/api/plans/{missing}/submit", None),
        ("PUT", "/api/measures/abc/progress/1", {"version": 0}),
        ("PUT", "/api/measures/{missing}", {"title": "x", "version": 1}),
        ("POST", "/api/measures/{missing}/evidence", {"url": "https://klaeng.go.th/"}),
        ("POST", "/api/evidence/12345/withdraw", {"reason": "x"}),
        ("POST", "/api/evidence/{missing}/withdraw", {"reason": "x"}),
    ],
)
def test_a_missing_or_malformed_id_is_404(world, method, url, body, missing_id):
    response = send(as_user(world.somchai), method, url.format(missing=missing_id), body)
    assert response.status_code == 404
    assert response.json() == {"detail": "ไม่พบ"}


# CSRF with the session ---------------------------------------------------------------------------


def test_a_session_write_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.somchai)
    url = f"/api/measures/{world.measure.pk}"
    refused = send(client, "PUT", url, {"title": "ใหม่", "version": 2})
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert Measure.objects.get(pk=world.measure.pk).version == 2

    client.get("/api/docs")  # any page that renders the token sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = send(client, "PUT", url, {"title": "ใหม่", "version": 2}, headers={"X-CSRFToken": token})
    assert accepted.status_code == 200, accepted.content


def test_a_session_read_needs_no_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.somchai)
    assert client.get(f"/api/measures/{world.measure.pk}").status_code == 200


def test_anonymous_unsafe_calls_are_401_not_a_csrf_403(world):
    response = Client(enforce_csrf_checks=True).delete(f"/api/measures/{world.second_measure.pk}")
    assert response.status_code == 401


# Optimistic locking ------------------------------------------------------------------------------


def _stored(measure: Measure) -> tuple[Any, ...]:
    m = Measure.objects.get(pk=measure.pk)
    return m.title, m.version, m.updated_at, list(m.methods), m.history.count()


def test_a_stale_measure_version_is_409_with_both_versions_and_nothing_lost(world):
    before = _stored(world.measure)
    body = measure_body(world, title="ชื่อที่แก้จากฉบับเก่า", version=1)
    response = send(as_user(world.somchai), "PUT", f"/api/measures/{world.measure.pk}", body)
    assert response.status_code == 409
    conflict = response.json()
    assert set(conflict) == {"detail", "current", "submitted"}
    assert "มีผู้อื่นบันทึก" in conflict["detail"]
    assert conflict["current"]["version"] == 2
    assert conflict["current"]["title"] == "เผยแพร่ประมวลจริยธรรมแก่บุคลากร"
    assert conflict["submitted"]["title"] == "ชื่อที่แก้จากฉบับเก่า"
    assert conflict["submitted"]["departments"] == ["กองคลัง"]
    assert _stored(world.measure) == before


def test_two_editors_on_one_version_the_second_gets_409_and_the_first_is_kept(world, crew):
    url = f"/api/measures/{world.measure.pk}"
    version = as_user(world.somchai).get(url).json()["version"]
    first = send(as_user(world.somchai), "PUT", url, {"title": "ฉบับของสมชาย", "version": version})
    assert first.status_code == 200
    assert first.json()["version"] == version + 1
    second = send(as_user(crew.nid), "PUT", url, {"title": "ฉบับของนิด", "version": version})
    assert second.status_code == 409
    assert second.json()["current"]["title"] == "ฉบับของสมชาย"
    assert second.json()["submitted"]["title"] == "ฉบับของนิด"
    assert Measure.objects.get(pk=world.measure.pk).title == "ฉบับของสมชาย"


def test_a_stale_progress_version_is_409_with_both_versions_and_nothing_lost(world):
    stored = Progress.objects.get(measure=world.measure, round=1)
    body = {"version": 0, "status": "cancelled", "results": ["ไม่ได้ทำ"]}
    response = send(as_user(world.somchai), "PUT", f"/api/measures/{world.measure.pk}/progress/1", body)
    assert response.status_code == 409
    conflict = response.json()
    assert conflict["current"]["version"] == 1 and conflict["current"]["status"] == "done"
    assert conflict["submitted"]["status"] == "cancelled" and conflict["submitted"]["results"] == ["ไม่ได้ทำ"]
    again = Progress.objects.get(pk=stored.pk)
    assert (again.version, again.status, again.results, again.updated_at) == (
        1,
        "done",
        stored.results,
        stored.updated_at,
    )


def test_progress_saved_against_the_current_version(world):
    body = {"version": 1, "status": "done", "results": ["จัดประชุม ๒ ครั้ง"], "outcome": "ครบทุกกอง"}
    response = send(as_user(world.somchai), "PUT", f"/api/measures/{world.measure.pk}/progress/1", body)
    assert response.status_code == 200, response.content
    progress = response.json()
    assert (progress["round"], progress["version"], progress["results"]) == (1, 2, ["จัดประชุม ๒ ครั้ง"])
    latest = Progress.objects.get(measure=world.measure, round=1).history.latest()
    assert (latest.history_user, latest.history_change_reason) == (world.somchai, "record progress round 1")


def test_fields_left_out_of_a_put_keep_their_values(world):
    stored = Measure.objects.get(pk=world.measure.pk)
    response = send(as_user(world.somchai), "PUT", f"/api/measures/{world.measure.pk}", {"title": "ใหม่", "version": 2})
    assert response.status_code == 200
    measure = response.json()
    assert measure["title"] == "ใหม่"
    assert measure["methods"] == stored.methods
    assert measure["months"] == stored.months
    assert measure["indicators"] == stored.indicators
    assert [d["name"] for d in measure["departments"]] == ["กองคลัง", "กองช่าง"]


def test_a_write_through_a_token_is_audited_as_its_user(world):
    _api_token, token = create_token(world.somchai, "script")
    response = send(
        Client(),
        "PUT",
        f"/api/measures/{world.measure.pk}",
        {"title": "แก้ผ่าน API", "version": 2},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200
    latest = Measure.objects.get(pk=world.measure.pk).history.latest()
    assert (latest.history_user, latest.history_change_reason, latest.title) == (
        world.somchai,
        "edit measure",
        "แก้ผ่าน API",
    )


# The services' refusals: 400 naming the field -----------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"months": [[2569, 1]]}, "timeframe_text"),  # January 2569 is in fiscal year 2569, not 2568
        ({"months": [], "timeframe_text": "มกราคม ๒๕๗๐"}, "timeframe_text"),
        ({"title": "   "}, "title"),
        ({"indicators": [11]}, "indicators"),
    ],
)
def test_a_refused_measure_is_400_naming_the_field(world, overrides, field):
    before = Measure.objects.count()
    response = send(
        as_user(world.somchai), "POST", f"/api/plans/{world.plan.pk}/measures", measure_body(world, **overrides)
    )
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["field"] == field
    assert body["detail"]  # the service's Thai message
    assert Measure.objects.count() == before


def test_a_timeframe_outside_the_fiscal_year_says_which_year(world):
    body = {"title": "x", "months": [[2569, 1]], "version": 2}
    response = send(as_user(world.somchai), "PUT", f"/api/measures/{world.measure.pk}", body)
    assert response.status_code == 400
    assert response.json()["field"] == "timeframe_text"
    assert "นอกปีงบประมาณ ๒๕๖๘" in response.json()["detail"]
    assert Measure.objects.get(pk=world.measure.pk).version == 2


def test_a_department_of_another_organisation_is_400(world):
    foreign = world.other_org.departments.first()
    body = measure_body(world, departments=[str(foreign.pk)])
    response = send(as_user(world.somchai), "POST", f"/api/plans/{world.plan.pk}/measures", body)
    assert (response.status_code, response.json()["field"]) == (400, "departments")


@pytest.mark.parametrize(
    "body",
    [
        {"departments": ["not-a-uuid"]},
        {"months": [[2568, 13]]},
        {"months": [[2568]]},
        {"title": "มี\x00NUL"},
        {"methods": ["ครึ่งคู่ \ud800"]},
        {"responsible_text": "ก" * 501},
    ],
)
def test_a_body_that_does_not_fit_the_schema_is_422_and_nothing_is_written(world, body):
    before = Measure.objects.count()
    response = send(as_user(world.somchai), "POST", f"/api/plans/{world.plan.pk}/measures", measure_body(world, **body))
    assert response.status_code == 422, response.content
    assert response.json()["detail"]
    assert Measure.objects.count() == before


def test_a_body_that_is_not_json_is_400(world):
    response = as_user(world.somchai).post(
        f"/api/plans/{world.plan.pk}/measures", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400


# Delete and reorder ------------------------------------------------------------------------------


def test_delete_renumbers_and_answers_204(world):
    created = send(as_user(world.somchai), "POST", f"/api/plans/{world.plan.pk}/measures", measure_body(world)).json()
    assert created["number"] == 3
    response = as_user(world.somchai).delete(f"/api/measures/{world.second_measure.pk}")
    assert response.status_code == 204
    assert Measure.objects.get(pk=created["id"]).number == 2
    assert not Measure.objects.filter(pk=world.second_measure.pk).exists()


def test_a_measure_with_evidence_is_not_deleted(world):
    response = as_user(world.somchai).delete(f"/api/measures/{world.measure.pk}")
    assert response.status_code == 403
    assert "หลักฐาน" in response.json()["detail"]
    assert Measure.objects.filter(pk=world.measure.pk).exists()


def test_reorder_numbers_the_measures_in_the_order_given(world):
    order = [str(world.second_measure.pk), str(world.measure.pk)]
    response = send(as_user(world.somchai), "POST", f"/api/plans/{world.plan.pk}/measures/order", {"order": order})
    assert response.status_code == 200
    assert [(m["id"], m["number"]) for m in response.json()] == [(order[0], 1), (order[1], 2)]


def test_an_incomplete_order_is_400(world):
    body = {"order": [str(world.measure.pk)]}
    response = send(as_user(world.somchai), "POST", f"/api/plans/{world.plan.pk}/measures/order", body)
    assert response.status_code == 400
    assert [m.number for m in Measure.objects.filter(plan=world.plan).order_by("number")] == [1, 2]
