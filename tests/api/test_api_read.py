"""What the read endpoints answer, and that lists cost a fixed number of queries."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.measures.services import ProgressData, record_progress
from prongsai.orgs.access import org_for
from tests.api.conftest import EVIDENCE_TEXT, add_measure


def get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def test_orgs_lists_the_callers_organisations(client, world):
    orgs = get(client, world.somchai, "/api/orgs")
    assert [(o["slug"], o["name"], o["kind"]) for o in orgs] == [("klaeng", "องค์การบริหารส่วนตำบลแกลง", "sao")]


def test_an_organisation_says_the_callers_role(client, world):
    assert get(client, world.somchai, "/api/orgs/klaeng")["role"] == "admin"
    org = get(client, world.malee, "/api/orgs/klaeng")
    assert (org["role"], org["role_display"], org["province"]) == ("viewer", "ผู้อ่านอย่างเดียว", "ระยอง")


def test_departments_come_in_their_display_order(client, world):
    departments = get(client, world.malee, "/api/orgs/klaeng/departments")
    assert [d["name"] for d in departments][:3] == ["สำนักปลัด", "กองคลัง", "กองช่าง"]
    assert [d["order"] for d in departments] == sorted(d["order"] for d in departments)


def test_plans_give_the_fiscal_year_in_buddhist_era_and_a_measure_count(client, world):
    [plan] = get(client, world.malee, "/api/orgs/klaeng/plans")
    assert plan["id"] == str(world.plan.pk)
    assert plan["fiscal_year"] == 2568
    assert (plan["status"], plan["status_display"], plan["measures_count"]) == ("draft", "ร่าง", 2)
    assert datetime.fromisoformat(plan["created_at"]).tzinfo is not None


def test_a_plan_comes_with_its_measures_in_order(client, world):
    plan = get(client, world.malee, f"/api/plans/{world.plan.pk}")
    assert plan["organization"] == "klaeng"
    assert [m["number"] for m in plan["measures"]] == [1, 2]
    first = plan["measures"][0]
    assert first["title"] == "เผยแพร่ประมวลจริยธรรมแก่บุคลากร"
    assert [d["name"] for d in first["departments"]] == ["กองคลัง", "กองช่าง"]
    assert first["months"] == [[2567, 10], [2567, 11]]
    assert first["indicators"] == [1, 9]
    assert first["evidence_count"] == 2  # the withdrawn one is not counted


def test_plan_measures_are_the_plans_measures(client, world):
    plan = get(client, world.malee, f"/api/plans/{world.plan.pk}")
    measures = get(client, world.malee, f"/api/plans/{world.plan.pk}/measures")
    assert measures == plan["measures"]


def test_a_measure_has_progress_for_both_rounds(client, world):
    measure = get(client, world.malee, f"/api/measures/{world.measure.pk}")
    first, second = measure["progress"]
    assert (first["round"], first["status"], first["results"]) == (1, "done", ["จัดประชุมชี้แจง ๑ ครั้ง"])
    assert first["status_display"] == "ดำเนินการแล้วเสร็จ"
    assert (second["round"], second["status"], second["version"]) == (2, "not_started", 0)
    assert measure["plan"] == {
        "id": str(world.plan.pk),
        "organization": "klaeng",
        "fiscal_year": 2568,
        "status": "draft",
    }


def test_evidence_is_metadata_never_the_file(client, world):
    measure = get(client, world.malee, f"/api/measures/{world.measure.pk}")
    by_id = {e["id"]: e for e in measure["evidence"]}
    document = by_id[str(world.file_evidence.pk)]
    assert document["filename"] == "รายงานการประชุม.txt"
    assert document["content_type"].startswith("text/plain")
    assert document["size"] == len(EVIDENCE_TEXT)
    assert document["sha256"] == hashlib.sha256(EVIDENCE_TEXT).hexdigest()
    assert (document["period_start"], document["period_end"]) == ("2024-10-01", "2025-03-31")
    assert document["added_by"] == "somchai"
    assert "file" not in document
    assert world.file_evidence.file.name not in str(measure)
    assert by_id[str(world.link_evidence.pk)]["url"] == "https://klaeng.go.th/news/1"


def test_withdrawn_evidence_says_when_by_whom_and_why(client, world):
    measure = get(client, world.malee, f"/api/measures/{world.measure.pk}")
    withdrawn = next(e for e in measure["evidence"] if e["id"] == str(world.withdrawn_evidence.pk))
    assert datetime.fromisoformat(withdrawn["withdrawn_at"]).tzinfo is not None
    assert (withdrawn["withdrawn_by"], withdrawn["withdrawn_reason"]) == ("somchai", "แนบผิดมาตรการ")


def test_history_shows_who_changed_which_field_from_what_to_what(client, world):
    history = get(client, world.malee, f"/api/measures/{world.measure.pk}/history")
    changes = [
        (e["model"], c["field"], c["old"], c["new"], e["by"], e["reason"]) for e in history for c in e["changes"]
    ]
    assert (
        "measure",
        "title",
        "เผยแพร่ประมวลจริยธรรม",
        "เผยแพร่ประมวลจริยธรรมแก่บุคลากร",
        "somchai",
        "edit measure",
    ) in changes
    assert ("measure", "departments", [], ["กองคลัง"], "somchai", "create measure") in changes
    assert ("measure", "departments", ["กองคลัง"], ["กองคลัง", "กองช่าง"], "somchai", "edit measure") in changes
    assert ("progress", "status", "not_started", "done", "somchai", "record progress round 1") in changes
    assert ("evidence", "withdrawn_reason", "", "แนบผิดมาตรการ", "somchai", "withdraw evidence") in changes
    assert ("evidence", "withdrawn_by", None, "somchai", "somchai", "withdraw evidence") in changes


def test_history_is_newest_first_and_starts_with_the_creation(client, world):
    history = get(client, world.malee, f"/api/measures/{world.measure.pk}/history")
    times = [datetime.fromisoformat(e["at"]) for e in history]
    assert times == sorted(times, reverse=True)
    measure_entries = [e for e in history if e["model"] == "measure"]
    assert (measure_entries[-1]["action"], measure_entries[-1]["changes"]) == ("created", [])


def test_another_measures_history_is_not_mixed_in(client, world):
    history = get(client, world.malee, f"/api/measures/{world.second_measure.pk}/history")
    assert {e["object_id"] for e in history if e["model"] == "measure"} == {str(world.second_measure.pk)}
    assert not [e for e in history if e["model"] == "evidence"]


def test_thai_is_sent_as_utf8_not_escaped(client, world):
    client.force_login(world.malee)
    response = client.get("/api/orgs/klaeng")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "องค์การบริหารส่วนตำบลแกลง".encode() in response.content
    assert b"\\u0e" not in response.content


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def grow(world):
    """Three more measures with progress, so N+1 queries would show."""
    membership = org_for(world.somchai, "klaeng")
    departments = list(world.org.departments.all()[:2])
    for n in range(3):
        measure = add_measure(world.plan, membership, world.somchai, f"มาตรการเพิ่ม {n}", departments)
        record_progress(measure, 1, membership, world.somchai, ProgressData(status="in_progress"), expected_version=0)


# Route -> most queries allowed, the two of the session (session, user) included.
LISTS = {
    "/api/orgs": 3,
    "/api/orgs/klaeng/departments": 4,
    "/api/orgs/klaeng/plans": 4,
    "/api/plans/{plan}": 7,
    "/api/plans/{plan}/measures": 7,
    "/api/measures/{measure}": 7,
    "/api/measures/{measure}/history": 11,
}


def test_lists_cost_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.malee)
    urls = {u.format(plan=world.plan.pk, measure=world.measure.pk): n for u, n in LISTS.items()}
    before = {url: count_queries(client, url) for url in urls}
    grow(world)
    after = {url: count_queries(client, url) for url in urls}
    assert after == before
    for url, most in urls.items():
        with django_assert_max_num_queries(most):
            client.get(url)


def test_a_token_request_costs_one_query_more_than_the_data(client, world, django_assert_max_num_queries):
    from prongsai.api.services import create_token

    _api_token, token = create_token(world.malee, "script")
    client.get("/api/orgs", headers={"Authorization": f"Bearer {token}"})  # writes last_used_at once
    with django_assert_max_num_queries(2):
        client.get("/api/orgs", headers={"Authorization": f"Bearer {token}"})
