"""Staff's complaints in the API: the inbox, one case, registering and handling — the web's rules.

Corruption reports (confidential) exist only for case officers: for everyone else — the admin
included — they are 404 and appear in the inbox as a count only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from prongsai.complaints import services
from prongsai.complaints.models import Case, CaseAccessLog, CaseEvent, CaseKind
from prongsai.orgs.access import org_for
from tests.api.conftest import Crew, World

GENERAL = "ร้องเรียน/ร้องทุกข์ทั่วไป"
CORRUPTION = "แจ้งเบาะแสการทุจริตและประพฤติมิชอบ"


@dataclass
class Cases:
    ordinary: Case  # assigned to กองช่าง
    finance: Case  # assigned to กองคลัง
    report: Case  # a corruption report
    foreign: Case  # of the other organisation


def kind(org: Any, name: str) -> CaseKind:
    services.settings_for(org)
    return CaseKind.objects.get(organization=org, name=name)


def file(org: Any, name: str = GENERAL, **overrides: Any) -> Case:
    values: dict[str, Any] = {
        "kind_id": kind(org, name).pk,
        "subject": "ไฟฟ้าส่องสว่างดับ ถนนสายหลัก หมู่ ๓",
        "details": "ไฟดับมาสามคืนแล้ว",
        "contact_name": "นางสมศรี ใจดี",
        "contact_email": "somsri@example.com",
        "consent": True,
    }
    values.update(overrides)
    return services.file_case(org, services.IntakeData(**values))


@pytest.fixture
def cases(world: World, crew: Crew) -> Cases:
    admin = org_for(world.somchai, world.org.slug)
    ordinary = file(world.org)
    services.assign_department(ordinary, admin, world.somchai, world.org.departments.get(name="กองช่าง"))
    finance = file(world.org, subject="ค่าธรรมเนียมเก็บขยะ")
    services.assign_department(finance, admin, world.somchai, world.org.departments.get(name="กองคลัง"))
    report = file(world.org, CORRUPTION, subject="เรียกรับเงินใต้โต๊ะ", contact_name="", contact_email="")
    foreign = file(world.other_org, subject="เรื่องของบางกะจะ")
    return Cases(ordinary=ordinary, finance=finance, report=report, foreign=foreign)


def as_user(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def subjects(response: Any) -> set[str]:
    assert response.status_code == 200, response.content
    return {c["subject"] for c in response.json()["items"]}


# The inbox ---------------------------------------------------------------------------------------


def test_the_inbox_hides_corruption_reports_from_all_but_case_officers(world, crew, cases):
    for user in (world.somchai, crew.nid, world.malee):
        response = as_user(user).get("/api/orgs/klaeng/cases")
        assert subjects(response) == {cases.ordinary.subject, cases.finance.subject}
        assert response.json()["confidential_hidden"] == {"total": 1, "open": 1}
        assert "เรียกรับเงินใต้โต๊ะ" not in response.content.decode()
    officer = as_user(crew.korn).get("/api/orgs/klaeng/cases")
    assert subjects(officer) == {cases.ordinary.subject, cases.finance.subject, cases.report.subject}
    assert officer.json()["confidential_hidden"] is None
    assert officer["Cache-Control"] == "private, no-store"


def test_listing_a_corruption_report_is_written_to_its_access_log(crew, cases):
    as_user(crew.korn).get("/api/orgs/klaeng/cases")
    assert list(CaseAccessLog.objects.values_list("case_id", "user_id", "action")) == [
        (cases.report.pk, crew.korn.pk, "api inbox")
    ]


def test_an_editor_limited_to_a_department_sees_only_its_cases(crew, cases):
    assert subjects(as_user(crew.niran).get("/api/orgs/klaeng/cases")) == {cases.finance.subject}


def test_the_inbox_of_another_organisation_is_404_and_anonymous_is_401(world, cases):
    assert as_user(world.prasert).get("/api/orgs/klaeng/cases").status_code == 404
    assert Client().get("/api/orgs/klaeng/cases").status_code == 401
    assert as_user(world.somchai).get("/api/orgs/no%00such/cases").status_code == 404


def test_the_inbox_filters_like_the_web_inbox(world, crew, cases):
    client = as_user(crew.korn)
    works = world.org.departments.get(name="กองช่าง")
    assert subjects(client.get("/api/orgs/klaeng/cases", {"department": str(works.pk)})) == {cases.ordinary.subject}
    assert subjects(client.get("/api/orgs/klaeng/cases", {"department": "none"})) == {cases.report.subject}
    assert subjects(client.get("/api/orgs/klaeng/cases", {"q": "ขยะ"})) == {cases.finance.subject}
    number = cases.finance.registry_display  # e.g. "๒/๒๕๖๘", typed in Thai digits
    assert subjects(client.get("/api/orgs/klaeng/cases", {"q": number})) == {cases.finance.subject}
    report_kind = kind(world.org, CORRUPTION)
    assert subjects(client.get("/api/orgs/klaeng/cases", {"kind": str(report_kind.pk)})) == {cases.report.subject}
    assert subjects(client.get("/api/orgs/klaeng/cases", {"status": "done"})) == set()
    page = client.get("/api/orgs/klaeng/cases", {"limit": 1, "offset": 1}).json()
    assert (page["count"], page["limit"], page["offset"], len(page["items"])) == (3, 1, 1, 1)


@pytest.mark.parametrize(
    "query", [{"status": "lost"}, {"department": "x"}, {"kind": "x"}, {"limit": 0}, {"offset": -1}, {"q": "a\x00"}]
)
def test_a_filter_that_does_not_fit_is_422(world, cases, query):
    assert as_user(world.somchai).get("/api/orgs/klaeng/cases", query).status_code == 422


# One case ----------------------------------------------------------------------------------------


def test_a_corruption_report_is_404_for_an_editor_and_the_admin(world, crew, cases):
    for user in (world.somchai, crew.nid, world.malee):
        response = as_user(user).get(f"/api/cases/{cases.report.pk}")
        assert response.status_code == 404
        assert response.json() == {"detail": "ไม่พบ"}
    assert not CaseAccessLog.objects.exists()


def test_a_corruption_report_is_visible_to_a_case_officer_and_the_view_is_logged(crew, cases):
    response = as_user(crew.korn).get(f"/api/cases/{cases.report.pk}")
    assert response.status_code == 200
    case = response.json()
    assert (case["subject"], case["confidential"], case["can_handle"]) == ("เรียกรับเงินใต้โต๊ะ", True, True)
    assert response["Cache-Control"] == "private, no-store"
    assert CaseAccessLog.objects.get().action == "api view"


def test_a_case_comes_with_its_timeline_and_contacts(world, crew, cases):
    case = as_user(crew.nid).get(f"/api/cases/{cases.ordinary.pk}").json()
    assert (case["contact_name"], case["registry_number"], case["status"]) == (
        "นางสมศรี ใจดี",
        cases.ordinary.registry_display,
        "received",
    )
    assert case["department"]["name"] == "กองช่าง"
    assert [e["kind"] for e in case["events"]] == ["received", "assigned"]
    assert case["allowed_moves"] == ["in_progress", "rejected", "forwarded"]


@pytest.mark.parametrize("case_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_a_missing_or_malformed_case_is_404(world, case_id):
    assert as_user(world.somchai).get(f"/api/cases/{case_id}").status_code == 404


def test_another_organisations_case_is_404(world, cases):
    assert as_user(world.somchai).get(f"/api/cases/{cases.foreign.pk}").status_code == 404
    assert as_user(world.prasert).get(f"/api/cases/{cases.ordinary.pk}").status_code == 404


def test_a_limited_editor_gets_404_for_another_departments_case(crew, cases):
    assert as_user(crew.niran).get(f"/api/cases/{cases.ordinary.pk}").status_code == 404
    assert as_user(crew.niran).get(f"/api/cases/{cases.finance.pk}").status_code == 200


# Handling: the access ladder on every action ------------------------------------------------------


def actions(world: World) -> dict[str, tuple[str, dict[str, Any], int]]:
    finance = world.org.departments.get(name="กองคลัง")
    return {
        "assign": ("assign", {"department": str(finance.pk)}, 200),
        "status": ("status", {"to": "in_progress"}, 200),
        "notes": ("notes", {"text": "โทรประสานกองช่างแล้ว"}, 201),
        "replies": ("replies", {"text": "รับเรื่องแล้ว จะดำเนินการภายใน ๗ วัน"}, 201),
    }


ACTIONS = ["assign", "status", "notes", "replies"]


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_handling_is_401(world, cases, action):
    path, body, _ok = actions(world)[action]
    assert post(Client(), f"/api/cases/{cases.ordinary.pk}/{path}", body).status_code == 401


@pytest.mark.parametrize("action", ACTIONS)
def test_handling_another_organisations_case_is_404(world, cases, action):
    path, body, _ok = actions(world)[action]
    assert post(as_user(world.prasert), f"/api/cases/{cases.ordinary.pk}/{path}", body).status_code == 404


@pytest.mark.parametrize("action", ACTIONS)
def test_a_viewer_and_the_approver_may_not_handle(world, crew, cases, action):
    path, body, _ok = actions(world)[action]
    events = CaseEvent.objects.count()
    for user in (world.malee, crew.wichai):
        response = post(as_user(user), f"/api/cases/{cases.ordinary.pk}/{path}", body)
        assert response.status_code == 403, response.content
    assert CaseEvent.objects.count() == events


@pytest.mark.parametrize("action", ACTIONS)
def test_editors_and_the_admin_handle(world, crew, cases, action):
    path, body, ok = actions(world)[action]
    for user in (world.somchai, crew.nid):
        case = file(world.org)
        response = post(as_user(user), f"/api/cases/{case.pk}/{path}", body)
        assert response.status_code == ok, response.content


@pytest.mark.parametrize("action", ACTIONS)
def test_only_a_case_officer_handles_a_corruption_report(world, crew, cases, action):
    path, body, ok = actions(world)[action]
    for user in (world.somchai, crew.nid):
        assert post(as_user(user), f"/api/cases/{cases.report.pk}/{path}", body).status_code == 404
    response = post(as_user(crew.korn), f"/api/cases/{cases.report.pk}/{path}", body)
    if action == "assign":  # a report is never handed to a department
        assert (response.status_code, response.json()["field"]) == (400, "department")
    else:
        assert response.status_code == ok, response.content


# Handling: what each action does and refuses -----------------------------------------------------


def test_assign_sets_the_department_and_refuses_a_foreign_one(world, cases):
    client = as_user(world.somchai)
    finance = world.org.departments.get(name="กองคลัง")
    response = post(client, f"/api/cases/{cases.ordinary.pk}/assign", {"department": str(finance.pk)})
    assert response.json()["department"]["name"] == "กองคลัง"
    foreign = world.other_org.departments.first()
    refused = post(client, f"/api/cases/{cases.ordinary.pk}/assign", {"department": str(foreign.pk)})
    assert (refused.status_code, refused.json()["field"]) == (400, "department")
    assert post(client, f"/api/cases/{cases.ordinary.pk}/assign", {"department": None}).json()["department"] is None


def test_a_limited_editor_may_not_reassign(crew, cases):
    response = post(as_user(crew.niran), f"/api/cases/{cases.finance.pk}/assign", {"department": None})
    assert response.status_code == 403


def test_a_move_the_workflow_forbids_is_400_naming_the_field(world, cases):
    client = as_user(world.somchai)
    url = f"/api/cases/{cases.ordinary.pk}/status"
    response = post(client, url, {"to": "done"})
    assert (response.status_code, response.json()["field"]) == (400, "status")
    response = post(client, url, {"to": "rejected"})
    assert (response.status_code, response.json()["field"]) == (400, "reason")
    response = post(client, url, {"to": "forwarded"})
    assert (response.status_code, response.json()["field"]) == (400, "forwarded_to")
    assert Case.objects.get(pk=cases.ordinary.pk).status == "received"
    assert post(client, url, {"to": "lost"}).status_code == 422


def test_a_move_with_a_reply_tells_the_citizen(world, cases):
    body = {"to": "rejected", "reason": "ไม่อยู่ในอำนาจหน้าที่", "reply": "เรื่องนี้อยู่ในความรับผิดชอบของการไฟฟ้า"}
    response = post(as_user(world.somchai), f"/api/cases/{cases.ordinary.pk}/status", body)
    assert response.status_code == 200
    case = response.json()
    assert (case["status"], case["status_reason"], case["allowed_moves"]) == ("rejected", "ไม่อยู่ในอำนาจหน้าที่", [])
    assert [e["kind"] for e in case["events"]][-2:] == ["status", "reply"]
    assert any("การไฟฟ้า" in m.body for m in mail.outbox)


def test_a_note_is_internal_and_a_reply_is_public(world, cases):
    client = as_user(world.somchai)
    note = post(client, f"/api/cases/{cases.ordinary.pk}/notes", {"text": "ภายใน"}).json()
    assert (note["kind"], note["public"], note["actor"]) == ("note", False, "somchai")
    outbox = len(mail.outbox)
    reply = post(client, f"/api/cases/{cases.ordinary.pk}/replies", {"text": "ได้รับเรื่องแล้ว", "by_line": False})
    assert (reply.json()["kind"], reply.json()["public"]) == ("reply", True)
    assert reply.json()["email_sent_at"] is not None
    assert len(mail.outbox) == outbox + 1


def test_an_empty_note_is_400_naming_the_field(world, cases):
    response = post(as_user(world.somchai), f"/api/cases/{cases.ordinary.pk}/notes", {"text": "  "})
    assert (response.status_code, response.json()["field"]) == (400, "text")


@pytest.mark.parametrize("path", ["notes", "replies"])
def test_an_overlong_note_or_reply_is_422_naming_the_field_and_nothing_is_written(world, cases, path):
    events = cases.ordinary.events.count()
    response = post(as_user(world.somchai), f"/api/cases/{cases.ordinary.pk}/{path}", {"text": "ก" * 5001})
    assert response.status_code == 422
    assert any(err["loc"][-1] == "text" for err in response.json()["detail"])
    assert cases.ordinary.events.count() == events


# Registering a case from another channel ---------------------------------------------------------


def register_body(world: World, name: str = GENERAL, **overrides: Any) -> dict[str, Any]:
    body = {
        "channel": "phone",
        "kind": str(kind(world.org, name).pk),
        "subject": "ท่อระบายน้ำอุดตัน",
        "details": "น้ำท่วมขังหน้าบ้านทุกครั้งที่ฝนตก",
        "contact_phone": "0812345678",
    }
    body.update(overrides)
    return body


def test_an_editor_registers_a_phone_call(world, crew):
    response = post(as_user(crew.nid), "/api/orgs/klaeng/cases", register_body(world))
    assert response.status_code == 201, response.content
    case = response.json()
    stored = Case.objects.get(pk=case["id"])
    assert (case["channel"], case["registered_by"], case["registry_number"]) == (
        "phone",
        "nid",
        stored.registry_display,
    )
    assert stored.tracking_code == case["tracking_code"]


def test_a_corruption_report_is_registered_by_a_case_officer_only(world, crew):
    body = register_body(world, CORRUPTION)
    refused = post(as_user(crew.nid), "/api/orgs/klaeng/cases", body)
    assert (refused.status_code, refused.json()["field"]) == (400, "kind")
    assert post(as_user(crew.korn), "/api/orgs/klaeng/cases", body).status_code == 201
    assert Case.objects.filter(confidential=True).count() == 1


@pytest.mark.parametrize(
    ("overrides", "status", "field"),
    [
        ({"channel": "web"}, 400, "channel"),
        ({"subject": " "}, 400, "subject"),
        ({"contact_email": "not-an-email"}, 400, "contact_email"),
        ({"kind": "00000000-0000-0000-0000-000000000000"}, 400, "kind"),
        ({"channel": "pigeon"}, 422, None),
    ],
)
def test_a_refused_registration(world, crew, overrides, status, field):
    response = post(as_user(crew.nid), "/api/orgs/klaeng/cases", register_body(world, **overrides))
    assert response.status_code == status, response.content
    if field:
        assert response.json()["field"] == field
    assert not Case.objects.exists()


def test_registering_needs_a_writer_of_the_organisation(world):
    assert post(as_user(world.malee), "/api/orgs/klaeng/cases", register_body(world)).status_code == 403
    assert post(as_user(world.prasert), "/api/orgs/klaeng/cases", register_body(world)).status_code == 404
    assert post(Client(), "/api/orgs/klaeng/cases", register_body(world)).status_code == 401


# Text no database can store -----------------------------------------------------------------------


@pytest.mark.parametrize("subject", ["มี\x00NUL", "ครึ่งคู่ \udc00"])
def test_the_public_intake_refuses_unstorable_text_with_422(world, subject):
    body = {"kind": str(kind(world.org, GENERAL).pk), "subject": subject, "details": "x", "consent": True}
    response = post(Client(), "/api/public/klaeng/cases", body)
    assert response.status_code == 422
    assert not Case.objects.exists()


@pytest.mark.parametrize("url", ["/api/orgs/kl%00aeng", "/api/orgs/kl%00aeng/plans", "/api/public/kl%00aeng/kinds"])
def test_a_slug_that_cannot_exist_is_404(world, url):
    assert as_user(world.somchai).get(url).status_code == 404
