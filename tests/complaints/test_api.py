"""The public intake in the JSON API: in the OpenAPI document, no auth, same rules and rate limit."""

from __future__ import annotations

import json
from datetime import datetime
from io import StringIO
from typing import Any

import time_machine
from django.core.management import call_command
from django.test import Client

from prongsai.complaints.models import Case, Channel
from prongsai.core.thai import BANGKOK

from .conftest import World


def payload(world: World, **overrides: Any) -> dict[str, Any]:
    body = {
        "kind": str(world.kind().pk),
        "subject": "ขอรับเบี้ยยังชีพผู้สูงอายุ",
        "details": "อายุครบ ๖๐ ปีแล้ว ยังไม่ได้รับ",
        "contact_email": "elder@example.com",
        "consent": True,
    }
    body.update(overrides)
    return body


def post(body: dict[str, Any], slug: str = "klaeng", **extra: Any) -> Any:
    return Client(**extra).post(f"/api/public/{slug}/cases", json.dumps(body), content_type="application/json")


def test_the_operation_is_in_the_openapi_document_without_auth(world: World) -> None:
    out = StringIO()
    call_command("openapi", stdout=out)
    document = json.loads(out.getvalue())
    operation = document["paths"]["/api/public/{slug}/cases"]["post"]
    assert operation["operationId"] == "file_public_case"
    assert "security" not in operation or operation["security"] in ([], [{}])
    assert {"201", "400", "404", "429"} <= set(operation["responses"])
    assert "/api/public/{slug}/kinds" in document["paths"]


def test_filing_through_the_api_answers_the_tracking_code(world: World) -> None:
    kinds = Client().get("/api/public/klaeng/kinds").json()
    assert {k["name"] for k in kinds} >= {"ร้องเรียน/ร้องทุกข์ทั่วไป", "แจ้งซ่อม"}
    r = post(payload(world))
    assert r.status_code == 201
    body = r.json()
    case = Case.objects.get()
    assert body["tracking_code"] == case.tracking_code and body["registry_number"] == case.registry_display
    assert body["tracking_url"].endswith(f"/track/{case.tracking_code}/")
    assert case.channel == Channel.WEB and case.consent_at is not None


def test_the_api_refuses_what_the_form_refuses(world: World) -> None:
    r = post(payload(world, consent=False))
    assert r.status_code == 400 and r.json()["field"] == "consent"
    r = post(payload(world, subject="  "))
    assert r.status_code == 400 and r.json()["field"] == "subject"
    r = post(payload(world, kind=str(world.kind(org=world.other).pk)))
    assert r.status_code == 400 and r.json()["field"] == "kind"
    assert post(payload(world), slug="nowhere").status_code == 404
    assert Case.objects.count() == 0


def test_the_api_shares_the_per_address_limit(world: World, settings: Any) -> None:
    settings.COMPLAINT_RATE_LIMIT_PER_MINUTE = 3
    with time_machine.travel(datetime(2025, 3, 3, 10, 0, tzinfo=BANGKOK), tick=False):
        assert [post(payload(world), REMOTE_ADDR="203.0.113.8").status_code for _ in range(3)] == [201] * 3
        refused = post(payload(world), REMOTE_ADDR="203.0.113.8")
        assert refused.status_code == 429 and "ถี่เกินไป" in refused.json()["detail"]
        # ... and the web form counts against the same budget
        assert Client(REMOTE_ADDR="203.0.113.8").post("/c/klaeng/", {}).status_code == 429
    assert Case.objects.count() == 3
