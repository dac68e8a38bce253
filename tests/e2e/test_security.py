"""The Content-Security-Policy in a real browser: the admin and the API docs run under it, and the
browser tests' watch (conftest.new_page) really sees a violation."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from .conftest import watch_csp

PASSWORD = "root-password-for-the-browser"


def test_the_admin_and_the_api_docs_run_under_the_policy(transactional_db: Any, new_page: Any) -> None:
    get_user_model().objects.create_superuser("root", password=PASSWORD)
    page = new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()
    page.goto("/admin/auth/user/")
    page.click("#result_list tbody tr th a")
    expect(page.locator("#user_form")).to_be_visible()
    page.goto("/admin/axes/accessattempt/")
    expect(page.locator("#changelist")).to_be_visible()
    page.goto("/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Prongsai API")
    page.locator(".opblock-summary").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    # new_page fails the test at teardown on any policy violation seen on these pages.


def test_the_watch_sees_an_inline_handler_and_a_style_attribute(
    transactional_db: Any, browser: Any, live_server: Any
) -> None:
    context = browser.new_context(base_url=live_server.url)
    violations: list[str] = []
    try:
        page = watch_csp(context, violations)
        page.goto("/accounts/login/")
        page.evaluate(
            """document.body.insertAdjacentHTML("beforeend",
                 '<p style="color:red">x</p><img src="/static/none.png" onerror="document.title=1">')"""
        )
        page.wait_for_timeout(300)
        assert page.title() != "1"
    finally:
        context.close()
    assert any("style-src" in v for v in violations), violations
    assert any("script-src" in v for v in violations), violations
