"""Writing evidence and plans through the API: uploads and links, withdrawal, submit and approve.

As in test_api_write_measures.py: 400 refused with the field, 403 not allowed, 422 not fitting the schema,
and nothing written when a write is refused.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from prongsai.measures.models import Evidence, Measure, Plan
from prongsai.orgs.access import org_for
from tests.api._helpers import PDF_BYTES, as_user, send

# Evidence ----------------------------------------------------------------------------------------


def upload(client: Client, measure: Measure, name: str, content: bytes, **fields: Any) -> Any:
    data = {"round": "1", "title": "", **fields, "file": SimpleUploadedFile(name, content)}
    return client.post(f"/api/measures/{measure.pk}/evidence", data=data)


def test_a_file_is_uploaded_as_multipart(world):
    response = upload(
        as_user(world.somchai),
        world.measure,
        "คำสั่งแต่งตั้ง.pdf",
        PDF_BYTES,
        title="คำสั่งแต่งตั้งคณะทำงาน",
        period_start="2024-10-01",
        period_end="2025-03-31",
    )
    assert response.status_code == 201, response.content
    evidence = response.json()
    assert (evidence["filename"], evidence["content_type"], evidence["size"]) == (
        "คำสั่งแต่งตั้ง.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    assert (evidence["period_start"], evidence["period_end"], evidence["added_by"]) == (
        "2024-10-01",
        "2025-03-31",
        "somchai",
    )
    stored = Evidence.objects.get(pk=evidence["id"])
    assert stored.file.read() == PDF_BYTES


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("รายงาน.pdf", "นี่ไม่ใช่ PDF แต่เป็นข้อความ".encode()),
        ("ภาพ.png", PDF_BYTES),
        ("หน้าเว็บ.txt", b"<html><script>alert(1)</script></html>"),
        ("โปรแกรม.exe", b"MZ\x90\x00"),
    ],
)
def test_a_file_whose_bytes_do_not_match_its_name_is_400(world, name, content):
    before = Evidence.objects.count()
    response = upload(as_user(world.somchai), world.measure, name, content)
    assert response.status_code == 400, response.content
    assert response.json()["field"] == "file"
    assert name in response.json()["detail"]
    assert Evidence.objects.count() == before


def test_a_link_is_added_as_json(world):
    body = {"round": 2, "title": "ประกาศ", "url": "https://klaeng.go.th/news/9", "period_start": "2025-04-01"}
    response = send(as_user(world.somchai), "POST", f"/api/measures/{world.measure.pk}/evidence", body)
    assert response.status_code == 201, response.content
    assert (response.json()["url"], response.json()["round"], response.json()["period_start"]) == (
        "https://klaeng.go.th/news/9",
        2,
        "2025-04-01",
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": ""}, "file"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "https://klaeng.go.th/", "round": 3}, "round"),
        ({"url": "https://klaeng.go.th/", "period_start": "2025-03-01", "period_end": "2025-01-01"}, "period_end"),
    ],
)
def test_refused_evidence_is_400_naming_the_field(world, body, field):
    response = send(as_user(world.somchai), "POST", f"/api/measures/{world.measure.pk}/evidence", body)
    assert response.status_code == 400, response.content
    assert response.json()["field"] == field


def test_a_file_and_a_link_together_are_refused(world):
    response = upload(as_user(world.somchai), world.measure, "a.pdf", PDF_BYTES, url="https://klaeng.go.th/")
    assert (response.status_code, response.json()["field"]) == (400, "url")


@pytest.mark.parametrize("body", [{"url": "https://x.go.th/", "period_start": "๑ ต.ค. ๒๕๖๗"}, [1, 2], "x"])
def test_evidence_that_does_not_fit_the_schema_is_422(world, body):
    response = send(as_user(world.somchai), "POST", f"/api/measures/{world.measure.pk}/evidence", body)
    assert response.status_code == 422, response.content


def test_a_bad_date_in_a_multipart_upload_is_422(world):
    response = upload(as_user(world.somchai), world.measure, "a.pdf", PDF_BYTES, period_start="31/12/2567")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["form", "period_start"]


def test_withdrawn_evidence_is_kept_with_the_reason(world):
    url = f"/api/evidence/{world.link_evidence.pk}/withdraw"
    response = send(as_user(world.somchai), "POST", url, {"reason": "แนบซ้ำ"})
    assert response.status_code == 200
    assert (response.json()["withdrawn_by"], response.json()["withdrawn_reason"]) == ("somchai", "แนบซ้ำ")
    again = send(as_user(world.somchai), "POST", url, {"reason": "อีกครั้ง"})
    assert again.status_code == 400
    assert Evidence.objects.get(pk=world.link_evidence.pk).withdrawn_reason == "แนบซ้ำ"


def test_a_withdrawal_needs_a_reason(world):
    response = send(as_user(world.somchai), "POST", f"/api/evidence/{world.link_evidence.pk}/withdraw", {"reason": " "})
    assert (response.status_code, response.json()["field"]) == (400, "reason")


# Submit and approve ------------------------------------------------------------------------------


def test_a_plan_is_submitted_by_an_editor_and_approved_by_the_approver(world, crew):
    submitted = send(as_user(crew.nid), "POST", f"/api/plans/{world.plan.pk}/submit")
    assert submitted.status_code == 200
    assert (submitted.json()["status"], submitted.json()["submitted_by"]) == ("submitted", "nid")
    # The measures are fixed now.
    response = send(as_user(world.somchai), "PUT", f"/api/measures/{world.measure.pk}", {"title": "x", "version": 2})
    assert response.status_code == 403

    approved = send(as_user(crew.wichai), "POST", f"/api/plans/{world.plan.pk}/approve")
    assert approved.status_code == 200, approved.content
    assert (approved.json()["status"], approved.json()["approved_by"], approved.json()["approvals_count"]) == (
        "approved",
        "wichai",
        1,
    )


def test_only_the_approver_approves(world, crew):
    send(as_user(world.somchai), "POST", f"/api/plans/{world.plan.pk}/submit")
    for user in (world.somchai, crew.nid, world.malee):
        response = send(as_user(user), "POST", f"/api/plans/{world.plan.pk}/approve")
        assert response.status_code == 403
    assert Plan.objects.get(pk=world.plan.pk).status == "submitted"
    assert send(as_user(world.prasert), "POST", f"/api/plans/{world.plan.pk}/approve").status_code == 404


def test_a_draft_is_not_approved_and_a_submitted_plan_not_resubmitted(world, crew):
    response = send(as_user(crew.wichai), "POST", f"/api/plans/{world.plan.pk}/approve")
    assert response.status_code == 400
    assert send(as_user(world.somchai), "POST", f"/api/plans/{world.plan.pk}/submit").status_code == 200
    assert send(as_user(world.somchai), "POST", f"/api/plans/{world.plan.pk}/submit").status_code == 400


def test_an_empty_plan_is_not_submitted(world):
    from prongsai.measures.services import create_plan

    empty = create_plan(org_for(world.somchai, world.org.slug), world.somchai, fiscal_year=2569)
    response = send(as_user(world.somchai), "POST", f"/api/plans/{empty.pk}/submit")
    assert response.status_code == 400
    assert "ยังไม่มีมาตรการ" in response.json()["detail"]
    assert Plan.objects.get(pk=empty.pk).status == "draft"
