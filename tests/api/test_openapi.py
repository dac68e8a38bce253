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

PATHS = {
    "/api/orgs",
    "/api/orgs/{slug}",
    "/api/orgs/{slug}/departments",
    "/api/orgs/{slug}/plans",
    "/api/plans/{plan_id}",
    "/api/plans/{plan_id}/measures",
    "/api/measures/{measure_id}",
    "/api/measures/{measure_id}/history",
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
    assert set(document["paths"]) == PATHS | set(PUBLIC_PATHS)
    for path, operations in document["paths"].items():
        assert set(operations) == PUBLIC_PATHS.get(path, {"get"}), path


def test_every_operation_declares_the_token_and_the_session(client, db):
    document = served_document(client)
    schemes = document["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    for path, operations in document["paths"].items():
        if path in PUBLIC_PATHS:
            assert all("security" not in op for op in operations.values()), path
            continue
        assert {"TokenAuth": []} in operations["get"]["security"]
        assert set(operations["get"]["responses"]) >= {"200", "401"}


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
