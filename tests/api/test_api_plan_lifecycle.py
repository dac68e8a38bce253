"""Withdrawing a submission and returning a plan through the API, with the web's access rules.

POST /api/plans/{id}/withdraw: the person who submitted it or an administrator (any other member 403,
another organisation 404), while it awaits approval. POST /api/plans/{id}/return: the approver only,
with a reason (a missing or blank one is 400 with a Thai message naming the field; nothing written).
"""

from __future__ import annotations

import pytest

from prongsai.measures.models import Plan
from tests.api._helpers import as_user, send


def plan_status(world) -> str:
    return Plan.objects.get(pk=world.plan.pk).status


def history_reasons(world) -> list[str]:
    return list(
        Plan.history.filter(id=world.plan.pk).order_by("history_date").values_list("history_change_reason", flat=True)
    )


@pytest.fixture
def submitted_by_nid(world, crew):
    response = send(as_user(crew.nid), "POST", f"/api/plans/{world.plan.pk}/submit")
    assert response.status_code == 200
    return world.plan


# Withdraw ---------------------------------------------------------------------------------------


def test_the_submitter_withdraws_with_a_reason_kept_in_the_history(world, crew, submitted_by_nid):
    response = send(as_user(crew.nid), "POST", f"/api/plans/{world.plan.pk}/withdraw", {"reason": "ลืมแนบมาตรการ"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["submitted_by"]) == ("draft", None)
    assert history_reasons(world)[-1] == "withdraw plan: ลืมแนบมาตรการ"


def test_an_admin_withdraws_someone_elses_submission_without_a_reason(world, submitted_by_nid):
    response = send(as_user(world.somchai), "POST", f"/api/plans/{world.plan.pk}/withdraw")  # no body at all
    assert response.status_code == 200, response.content
    assert plan_status(world) == "draft"
    assert history_reasons(world)[-1] == "withdraw plan"


def test_only_the_submitter_or_an_admin_withdraws(world, crew, submitted_by_nid):
    for user in (crew.korn, crew.niran, crew.wichai, world.malee):  # other editors, the approver, a viewer
        response = send(as_user(user), "POST", f"/api/plans/{world.plan.pk}/withdraw", {})
        assert response.status_code == 403, (user, response.content)
        assert response.json()["detail"]
    assert send(as_user(world.prasert), "POST", f"/api/plans/{world.plan.pk}/withdraw", {}).status_code == 404
    assert send(as_user(None), "POST", f"/api/plans/{world.plan.pk}/withdraw", {}).status_code == 401
    assert plan_status(world) == "submitted"


def test_an_approved_plan_or_a_draft_is_not_withdrawn(world, crew, submitted_by_nid):
    assert send(as_user(crew.wichai), "POST", f"/api/plans/{world.plan.pk}/approve").status_code == 200
    response = send(as_user(crew.nid), "POST", f"/api/plans/{world.plan.pk}/withdraw", {})
    assert response.status_code == 400
    assert "ยังไม่ได้อนุมัติ" in response.json()["detail"]
    assert plan_status(world) == "approved"
    draft = send(as_user(world.somchai), "POST", f"/api/plans/{world.other_plan.pk}/withdraw", {})
    assert draft.status_code == 404  # another organisation's plan


# Return -----------------------------------------------------------------------------------------


def test_the_approver_returns_a_plan_with_a_reason(world, crew, submitted_by_nid):
    response = send(as_user(crew.wichai), "POST", f"/api/plans/{world.plan.pk}/return", {"reason": "ระยะเวลาไม่ครบปี"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "draft"
    assert history_reasons(world)[-1] == "return plan: ระยะเวลาไม่ครบปี"


@pytest.mark.parametrize("body", [None, {}, {"reason": ""}, {"reason": "   "}])
def test_a_return_without_a_reason_is_refused_in_thai_and_writes_nothing(world, crew, submitted_by_nid, body):
    before = history_reasons(world)
    response = send(as_user(crew.wichai), "POST", f"/api/plans/{world.plan.pk}/return", body)
    assert response.status_code == 400
    assert response.json() == {"detail": "กรุณาระบุเหตุผลที่ส่งกลับ", "field": "reason"}
    assert plan_status(world) == "submitted"
    assert history_reasons(world) == before


def test_a_reason_longer_than_the_limit_does_not_fit_the_schema(world, crew, submitted_by_nid):
    response = send(as_user(crew.wichai), "POST", f"/api/plans/{world.plan.pk}/return", {"reason": "ก" * 2001})
    assert response.status_code == 422
    assert plan_status(world) == "submitted"


def test_only_the_approver_returns(world, crew, submitted_by_nid):
    for user in (world.somchai, crew.nid, crew.korn, world.malee):
        response = send(as_user(user), "POST", f"/api/plans/{world.plan.pk}/return", {"reason": "ไม่"})
        assert response.status_code == 403, user
    assert (
        send(as_user(world.prasert), "POST", f"/api/plans/{world.plan.pk}/return", {"reason": "x"}).status_code == 404
    )
    assert plan_status(world) == "submitted"


def test_a_draft_is_not_returned(world, crew):
    response = send(as_user(crew.wichai), "POST", f"/api/plans/{world.plan.pk}/return", {"reason": "ไม่ครบ"})
    assert response.status_code == 400
    assert plan_status(world) == "draft"
