"""Guessing passwords: the (account, address) pair is locked, an address for every account only at a
higher threshold, never an account for everyone; counted in the database (django-axes); 15 minutes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client

from prongsai.core.thai import BANGKOK

START = datetime(2025, 3, 31, 15, 0, tzinfo=BANGKOK)  # deadline day, 3 p.m.
PASSWORD = "right-password-123"
ATTACKER = "203.0.113.5"


@pytest.fixture
def palat(db: Any) -> Any:
    return get_user_model().objects.create_user("palat", password=PASSWORD)


@pytest.fixture
def clerk(db: Any) -> Any:
    return get_user_model().objects.create_user("clerk", password=PASSWORD)


def log_in(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_lock_the_pair_but_the_account_still_logs_in_from_elsewhere(palat: Any) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    with time_machine.travel(START, tick=False):
        statuses = [log_in(attacker, "palat", f"guess-{i}").status_code for i in range(30)]
        assert statuses[:4] == [200] * 4 and set(statuses[4:]) == {429}
        refused = log_in(attacker, "palat")
        assert refused.status_code == 429 and not logged_in(attacker)
        officer = Client(REMOTE_ADDR="198.51.100.20")
        assert log_in(officer, "palat").status_code == 302 and logged_in(officer)


def test_the_lock_page_is_thai_with_status_429_and_says_when_to_try_again(palat: Any) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    with time_machine.travel(START, tick=False):
        for i in range(5):
            response = log_in(attacker, "palat", f"guess-{i}")
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    html = response.content.decode()
    assert "เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป" in html
    assert "ลองใหม่ได้หลัง ๓๑ มี.ค. ๖๘ ๑๕:๑๕ น." in html  # the last failure + 15 minutes, Bangkok time
    assert 'lang="th"' in html


def test_another_account_from_the_locked_address_is_throttled_only_at_the_address_threshold(
    palat: Any, clerk: Any, settings: Any
) -> None:
    assert settings.LOGIN_ADDRESS_FAILURES == 50
    attacker = Client(REMOTE_ADDR=ATTACKER)
    with time_machine.travel(START, tick=False):
        for i in range(30):
            log_in(attacker, "palat", f"guess-{i}")
        colleague = Client(REMOTE_ADDR=ATTACKER)  # same office, same address
        assert log_in(colleague, "clerk").status_code == 302
        # 20 more failures from the address, spread over many accounts: 50 in all.
        for i in range(20):
            log_in(attacker, f"someone-{i}", "guess")
        late = Client(REMOTE_ADDR=ATTACKER)
        assert log_in(late, "clerk").status_code == 429 and not logged_in(late)
        # Still never the account itself: the clerk logs in from home.
        assert log_in(Client(REMOTE_ADDR="198.51.100.21"), "clerk").status_code == 302


def test_after_the_cool_off_the_locked_address_logs_in_again(palat: Any) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    with time_machine.travel(START, tick=False) as clock:
        for i in range(5):
            log_in(attacker, "palat", f"guess-{i}")
        clock.shift(timedelta(minutes=14))
        assert log_in(attacker, "palat").status_code == 429  # too early: and that failure counts again
        clock.shift(timedelta(minutes=15, seconds=1))
        assert log_in(attacker, "palat").status_code == 302 and logged_in(attacker)
        assert not AccessAttempt.objects.filter(username="palat").exists()  # a success clears the pair


def test_a_forwarded_address_from_an_untrusted_peer_is_ignored(palat: Any, settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    with time_machine.travel(START, tick=False):
        for i in range(5):
            # A new forged X-Forwarded-For each time: it must not give a fresh address.
            forged = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
            log_in(forged, "palat", f"guess-{i}")
        assert log_in(Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99"), "palat").status_code == 429
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
        # Behind the trusted proxy, each citizen's own address counts.
        for i in range(5):
            log_in(Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.50"), "palat", f"guess-{i}")
        assert log_in(Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.50"), "palat").status_code == 429
        assert log_in(Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.51"), "palat").status_code == 302


def test_ipv6_guesses_from_one_64_count_together(palat: Any) -> None:
    with time_machine.travel(START, tick=False):
        for i in range(5):
            log_in(Client(REMOTE_ADDR=f"2001:db8:1:2::{i + 1:x}"), "palat", f"guess-{i}")
        assert log_in(Client(REMOTE_ADDR="2001:db8:1:2:ffff::9"), "palat").status_code == 429
        assert log_in(Client(REMOTE_ADDR="2001:db8:1:3::1"), "palat").status_code == 302


def test_a_superuser_unlocks_a_pair_in_the_admin(palat: Any) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    root = get_user_model().objects.create_superuser("root", password=PASSWORD)
    admin = Client()
    admin.force_login(root)
    with time_machine.travel(START, tick=False):
        for i in range(5):
            log_in(attacker, "palat", f"guess-{i}")
        listing = admin.get("/admin/axes/accessattempt/")
        assert listing.status_code == 200 and "palat" in listing.content.decode()
        ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
        confirm = {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
        assert admin.post("/admin/axes/accessattempt/", confirm).status_code == 302
        assert log_in(attacker, "palat").status_code == 302


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_guessing_bearer_tokens_gets_429_in_thai_even_for_a_right_token(palat: Any, settings: Any) -> None:
    from prongsai.api.services import create_token

    _token, secret = create_token(palat, "script")
    guesser = Client(REMOTE_ADDR=ATTACKER)
    with time_machine.travel(START, tick=False) as clock:
        statuses = [guesser.get("/api/orgs", headers=bearer(f"guess-{i}")).status_code for i in range(21)]
        assert statuses == [401] * settings.API_TOKEN_FAILURES + [429]
        refused = guesser.get("/api/orgs", headers=bearer(secret))
        assert refused.status_code == 429 and refused["Retry-After"] == "900"
        assert "โทเค็นที่ไม่ถูกต้อง" in refused.json()["detail"]
        # The script on its own server is not held back; and the address may try again after the window.
        assert Client(REMOTE_ADDR="198.51.100.20").get("/api/orgs", headers=bearer(secret)).status_code == 200
        clock.shift(timedelta(minutes=15, seconds=1))
        assert guesser.get("/api/orgs", headers=bearer(secret)).status_code == 200
