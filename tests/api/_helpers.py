"""Helpers shared by the API write tests (test_api_write_measures.py, test_api_write_plans_evidence.py)."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from tests.api.conftest import World

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def send(client: Client, method: str, url: str, body: Any = None, **extra: Any) -> Any:
    """A JSON request (no body for DELETE and the bodiless POSTs)."""
    data = json.dumps(body) if body is not None else ""
    return getattr(client, method.lower())(url, data=data, content_type="application/json", **extra)


def as_user(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def measure_body(world: World, **overrides: Any) -> dict[str, Any]:
    finance = world.org.departments.get(name="กองคลัง")
    body = {
        "title": "จัดอบรมคุณธรรมจริยธรรม",
        "methods": ["อบรมเชิงปฏิบัติการ"],
        "departments": [str(finance.pk)],
        "months": [[2568, 1], [2568, 2]],
        "indicators": [1, 10],
        "target": "พนักงานทุกคน",
    }
    body.update(overrides)
    return body
