"""Production headers: a Content-Security-Policy that every page passes (no inline script, handler,
<style> or style attribute anywhere), HSTS and secure cookies when the site is https."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from prongsai.orgs.models import Role
from prongsai.orgs.services import add_member, create_organization, system_user

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "prongsai" / "templates"
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE = re.compile(r"<style[\s>]|<[^>]*\sstyle\s*=", re.IGNORECASE)


class Inline(HTMLParser):
    """What a strict CSP would block in a rendered page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _value in attrs}
        if tag == "script" and "src" not in names and dict(attrs).get("type") != "application/json":
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        self.found += [f"<{tag} {name}=>" for name in names if name.startswith("on") or name == "style"]


def inline_in(html: str) -> list[str]:
    parser = Inline()
    parser.feed(html)
    return parser.found


def test_no_template_holds_an_inline_script_handler_or_style() -> None:
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        for pattern in (INLINE_HANDLER, INLINE_SCRIPT, STYLE):
            offenders += [f"{path.relative_to(TEMPLATES)}: {m.group(0)[:60]}" for m in pattern.finditer(text)]
    assert offenders == []


@pytest.fixture
def people(db: Any) -> dict[str, Client]:
    org = create_organization(system_user(), name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng")
    member, _pw = add_member(None, system_user(), organization=org, username="malee", role=Role.ADMIN)
    root = get_user_model().objects.create_superuser("root", password="root-password-123")
    officer, admin = Client(), Client()
    officer.force_login(member.user)
    admin.force_login(root)
    return {"anonymous": Client(), "officer": officer, "admin": admin}


PAGES = [
    ("anonymous", "/accounts/login/"),
    ("anonymous", "/admin/login/"),
    ("anonymous", "/api/docs"),
    ("anonymous", "/klaeng/"),
    ("anonymous", "/c/klaeng/"),
    ("officer", "/o/klaeng/"),
    ("officer", "/o/klaeng/import/"),
    ("officer", "/o/klaeng/members/"),
    ("officer", "/o/klaeng/departments/"),
    ("officer", "/accounts/password/"),
    ("admin", "/admin/"),
    ("admin", "/admin/axes/accessattempt/"),
    ("admin", "/admin/auth/user/"),
    ("admin", "/admin/orgs/organization/"),
]


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_every_page_carries_a_strict_policy_and_breaks_none_of_it(
    people: dict[str, Client], settings: Any, who: str, url: str
) -> None:
    settings.DEBUG = False
    response = people[who].get(url)
    assert response.status_code == 200, url
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    assert inline_in(response.content.decode()) == []


def test_the_api_docs_page_still_serves_its_own_scripts(db: Any) -> None:
    html = Client().get("/api/docs").content.decode()
    assert 'src="/api/docs/assets/swagger-ui-bundle.js"' in html and 'type="application/json"' in html


def test_hsts_only_over_https_seen_by_a_trusted_proxy(db: Any, settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    proxied = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https").get("/accounts/login/")
    assert proxied["Strict-Transport-Security"] == "max-age=31536000"
    forged = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_PROTO="https").get("/accounts/login/")
    assert "Strict-Transport-Security" not in forged
    assert proxied["X-Content-Type-Options"] == "nosniff" and proxied["Referrer-Policy"] == "same-origin"


def _settings_with(**env: str) -> list[str]:
    drop = {"DEBUG", "SECRET_KEY", "PRONGSAI_SITE_URL", "SESSION_COOKIE_SECURE", "PRONGSAI_HSTS_SECONDS"}
    clean = {k: v for k, v in os.environ.items() if k not in drop}
    code = (
        "import prongsai.settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, bool(s.CONTENT_SECURITY_POLICY))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=clean | {"SECRET_KEY": "x" * 40, "DEBUG": "false"} | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.split()


def test_https_sites_get_hsts_and_secure_cookies_by_default_and_debug_never_hsts() -> None:
    https = "https://ita.example.go.th"
    assert _settings_with(PRONGSAI_SITE_URL=https) == ["31536000", "True", "True", "True"]
    assert _settings_with(PRONGSAI_SITE_URL=https, PRONGSAI_HSTS_SECONDS="300", SESSION_COOKIE_SECURE="false") == [
        "300",
        "False",
        "False",
        "True",
    ]
    assert _settings_with(PRONGSAI_SITE_URL=https, DEBUG="true") == ["0", "True", "True", "True"]
    assert _settings_with(PRONGSAI_SITE_URL="http://127.0.0.1:8000") == ["0", "False", "False", "True"]
