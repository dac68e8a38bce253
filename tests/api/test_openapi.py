"""The OpenAPI document, the `prongsai openapi` command and the docs page (served locally, no CDN)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command

# Every path of the members' API with its operations (reads and writes).
PATHS = {
    "/api/orgs": {"get"},
    "/api/orgs/{slug}": {"get"},
    "/api/orgs/{slug}/departments": {"get"},
    "/api/orgs/{slug}/plans": {"get"},
    "/api/plans/{plan_id}": {"get"},
    "/api/plans/{plan_id}/measures": {"get", "post"},
    "/api/plans/{plan_id}/measures/order": {"post"},
    "/api/plans/{plan_id}/submit": {"post"},
    "/api/plans/{plan_id}/approve": {"post"},
    "/api/plans/{plan_id}/withdraw": {"post"},
    "/api/plans/{plan_id}/return": {"post"},
    "/api/measures/{measure_id}": {"get", "put", "delete"},
    "/api/measures/{measure_id}/history": {"get"},
    "/api/measures/{measure_id}/progress/{round}": {"put"},
    "/api/measures/{measure_id}/evidence": {"post"},
    "/api/evidence/{evidence_id}/withdraw": {"post"},
    "/api/orgs/{slug}/cases": {"get", "post"},
    "/api/cases/{case_id}": {"get"},
    "/api/cases/{case_id}/assign": {"post"},
    "/api/cases/{case_id}/status": {"post"},
    "/api/cases/{case_id}/notes": {"post"},
    "/api/cases/{case_id}/replies": {"post"},
}
# The citizens' intake: public, no authentication (rate-limited per address).
PUBLIC_PATHS = {"/api/public/{slug}/cases": {"post"}, "/api/public/{slug}/kinds": {"get"}}


def served_document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_document_is_json_with_every_path(client, db):
    document = served_document(client)
    assert document["info"]["title"] == "Prongsai API"
    assert set(document["paths"]) == set(PATHS) | set(PUBLIC_PATHS)
    for path, operations in document["paths"].items():
        assert set(operations) == {**PATHS, **PUBLIC_PATHS}[path], path


def test_every_operation_declares_the_token_and_the_session(client, db):
    document = served_document(client)
    schemes = document["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    for path, operations in document["paths"].items():
        if path in PUBLIC_PATHS:
            assert all("security" not in op for op in operations.values()), path
            continue
        for operation in operations.values():
            assert operation["security"] == [{"TokenAuth": []}, {"SessionAuth": []}], path
            assert "401" in operation["responses"], path


def test_the_command_prints_the_served_document(client, db):
    out = StringIO()
    call_command("openapi", stdout=out)
    assert json.loads(out.getvalue()) == served_document(client)
    assert out.getvalue().startswith('{\n  "openapi"')
    assert "แผนมาตรการ" in out.getvalue()  # Thai as written, not \\u escapes


def test_the_prongsai_console_script_prints_it_too(client, db, tmp_path):
    prongsai = Path(sys.executable).with_name("prongsai")
    env = {
        **os.environ,
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "prongsai.settings",
        "PRONGSAI_DATA_DIR": str(tmp_path),
        "PYTHONIOENCODING": "utf-8",
    }
    result = subprocess.run([str(prongsai), "openapi"], capture_output=True, env=env, check=True, timeout=60)
    assert json.loads(result.stdout.decode()) == served_document(client)


def test_the_docs_page_renders_with_local_assets_only(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(url.startswith("/api/docs/assets/") for url in assets)
    for url in assets:
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert b"".join(asset.streaming_content)


def test_the_docs_page_points_swagger_at_the_local_document(client, db):
    html = client.get("/api/docs").content.decode()
    settings = json.loads(re.search(r'id="swagger-settings" type="application/json">(.*?)</script>', html, re.S)[1])
    assert settings["url"] == "/api/openapi.json"


def test_only_the_known_docs_assets_are_served(client, db):
    assert client.get("/api/docs/assets/__init__.py").status_code == 404
    assert client.get("/api/docs/assets/..%2F..%2Fsettings.py").status_code == 404


# Writes without a body: everything they need is in the path.
BODILESS = {("post", "/api/plans/{plan_id}/submit"), ("post", "/api/plans/{plan_id}/approve")}
BODILESS |= {("delete", "/api/measures/{measure_id}")}


def test_every_write_declares_its_request_and_its_answers(client, db):
    document = served_document(client)
    writes = [
        (method, path, operation)
        for path, operations in document["paths"].items()
        if path not in PUBLIC_PATHS
        for method, operation in operations.items()
        if method != "get"
    ]
    assert len(writes) == 16
    for method, path, operation in writes:
        if (method, path) in BODILESS:
            assert "requestBody" not in operation, path
        else:
            content = operation["requestBody"]["content"]
            assert all("schema" in media for media in content.values()), path
        responses = operation["responses"]
        assert {"401", "403", "404"} <= set(responses), (method, path)
        assert "400" in responses, (method, path)
        for code, answer in responses.items():
            if code != "204":
                assert "schema" in answer["content"]["application/json"], (method, path, code)


def test_versioned_writes_declare_the_conflict(client, db):
    document = served_document(client)
    for method, path in [("put", "/api/measures/{measure_id}"), ("put", "/api/measures/{measure_id}/progress/{round}")]:
        conflict = document["paths"][path][method]["responses"]["409"]["content"]["application/json"]["schema"]
        assert conflict == {"$ref": "#/components/schemas/ConflictOut"}
    assert set(document["components"]["schemas"]["ConflictOut"]["required"]) == {"detail", "current", "submitted"}


def test_evidence_is_sent_as_a_file_or_as_a_link(client, db):
    body = served_document(client)["paths"]["/api/measures/{measure_id}/evidence"]["post"]["requestBody"]
    assert set(body["content"]) == {"application/json", "multipart/form-data"}
    upload = body["content"]["multipart/form-data"]["schema"]
    assert upload["properties"]["file"] == {"type": "string", "format": "binary"}
    assert body["content"]["application/json"]["schema"]["required"] == ["url"]
