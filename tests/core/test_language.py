"""Thai is the language unless the person picks English with the switch."""

from __future__ import annotations

from typing import Any

from django.test import Client


def test_pages_are_thai_even_when_the_browser_asks_for_english(db: Any) -> None:
    r = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="th">' in r.content.decode()
    assert r["Content-Language"] == "th"


def test_the_switch_sets_english(db: Any) -> None:
    client = Client()
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert r.status_code == 302
    assert '<html lang="en">' in client.get("/accounts/login/").content.decode()
