"""Browser tests: Playwright for Python driving Debian's chromium (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PRONGSAI_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        raise RuntimeError(f"Debian's chromium is missing at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Every page runs under the app's Content-Security-Policy; a violation fails the test. The listener is
# injected by the browser driver (not subject to the page's policy) and reports through the console,
# where chromium also logs its own "Refused to ..." lines.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.effectiveDirective + " blocked " + (e.blockedURI || "inline") +
                " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


def watch_csp(context: Any, violations: list[str]) -> Any:
    """A new page of `context` whose policy violations are appended to `violations`."""
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()

    def on_console(message: Any) -> None:
        text = message.text
        if message.type == "error" and ("CSP violation" in text or "Content Security Policy" in text):
            violations.append(f"{page.url}: {text}")

    page.on("console", on_console)
    return page


@pytest.fixture
def new_page(browser: Any, live_server: Any) -> Iterator[Any]:
    contexts = []
    violations: list[str] = []

    def make(width: int = 1280) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": 900}, locale="th-TH", base_url=live_server.url
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return watch_csp(context, violations)

    yield make
    for context in contexts:
        context.close()
    if violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(violations))


def log_in(page: Any, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
