"""Abuse: a sliding one-minute limit per client address (behind trusted proxies) and per tracking code."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import time_machine
from django.test import Client, RequestFactory

from prongsai.complaints.models import Case, RateBucket
from prongsai.core.addresses import client_ip, throttle_address
from prongsai.core.thai import BANGKOK

from .conftest import World, form_data

START = datetime(2025, 3, 3, 10, 0, tzinfo=BANGKOK)


def test_the_31st_submission_in_a_minute_is_refused_and_the_first_30_are_stored(world: World) -> None:
    client = Client(REMOTE_ADDR="203.0.113.5")
    with time_machine.travel(START, tick=False) as clock:
        codes = []
        for i in range(30):
            r = client.post("/c/klaeng/", form_data(world, subject=f"เรื่องที่ {i + 1}", contact_email=""))
            assert r.status_code == 302, i
            codes.append(r["Location"])
            clock.shift(timedelta(seconds=1.9))
        refused = client.post("/c/klaeng/", form_data(world, subject="เรื่องที่ 31", contact_email=""))
        assert refused.status_code == 429
        assert refused["Retry-After"] == "60"
        assert "ถี่เกินไป" in refused.content.decode()
        assert sorted(Case.objects.values_list("subject", flat=True)) == sorted(f"เรื่องที่ {i + 1}" for i in range(30))
        assert len(set(codes)) == 30
        # Someone else is not held back; and a minute after the first filing, this address may file again.
        other = Client(REMOTE_ADDR="198.51.100.20").post("/c/klaeng/", form_data(world, contact_email=""))
        assert other.status_code == 302
        clock.shift(timedelta(seconds=4))
        assert client.post("/c/klaeng/", form_data(world, contact_email="")).status_code == 302


def test_the_table_holds_keyed_hashes_not_addresses(world: World) -> None:
    Client(REMOTE_ADDR="203.0.113.77").post("/c/klaeng/", form_data(world))
    keys = list(RateBucket.objects.values_list("key", flat=True))
    assert keys and all("203.0.113.77" not in k and len(k) == 64 for k in keys)


def test_behind_a_trusted_proxy_the_first_untrusted_forwarded_address_counts(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "::1"]
    rf = RequestFactory()
    proxied = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.0.0.9")
    assert client_ip(proxied) == "198.51.100.7"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
    forged = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert client_ip(forged) == "203.0.113.9"  # an untrusted peer's header is ignored
    garbage = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_ip(garbage) == "10.0.0.2"


def test_many_clients_behind_one_proxy_are_limited_one_by_one(world: World, settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    settings.COMPLAINT_RATE_LIMIT_PER_MINUTE = 1
    with time_machine.travel(START, tick=False):
        for n in range(3):
            r = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").post(
                "/c/klaeng/", form_data(world, contact_email="")
            )
            assert r.status_code == 302
        again = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.0")
        assert again.post("/c/klaeng/", form_data(world, contact_email="")).status_code == 429


def test_the_tracking_page_is_limited_per_code_and_per_address(world: World, settings: Any) -> None:
    settings.COMPLAINT_TRACK_RATE_PER_MINUTE = 5
    case = world.file()
    with time_machine.travel(START, tick=False):
        for n in range(5):
            assert Client(REMOTE_ADDR=f"198.51.100.{n}").get(f"/track/{case.tracking_code}/").status_code == 200
        assert Client(REMOTE_ADDR="198.51.100.99").get(f"/track/{case.tracking_code}/").status_code == 429
        guesser = Client(REMOTE_ADDR="203.0.113.66")
        statuses = [guesser.get(f"/track/ABCDEFGH{a}{b}/").status_code for a, b in ("AB", "CD", "EF", "GH", "JK", "LM")]
        assert statuses == [404] * 5 + [429]


def test_ipv6_addresses_in_one_64_share_a_bucket_and_another_64_does_not(world: World, settings: Any) -> None:
    settings.COMPLAINT_RATE_LIMIT_PER_MINUTE = 2
    with time_machine.travel(START, tick=False):
        for address in ("2001:db8:1:2::1", "2001:db8:1:2:abcd::99"):
            assert Client(REMOTE_ADDR=address).post("/c/klaeng/", form_data(world, contact_email="")).status_code == 302
        rotated = Client(REMOTE_ADDR="2001:db8:1:2:ffff:ffff:ffff:fffe")
        assert rotated.post("/c/klaeng/", form_data(world, contact_email="")).status_code == 429
        neighbour = Client(REMOTE_ADDR="2001:db8:1:3::1")
        assert neighbour.post("/c/klaeng/", form_data(world, contact_email="")).status_code == 302
        # IPv4 keeps one bucket per address.
        for n in range(3):
            assert (
                Client(REMOTE_ADDR=f"198.51.100.{n}").post("/c/klaeng/", form_data(world, contact_email="")).status_code
                == 302
            )


def test_the_counted_address_of_ipv6_is_its_64_and_of_mapped_ipv4_the_ipv4(settings: Any) -> None:
    rf = RequestFactory()
    assert throttle_address(rf.get("/", REMOTE_ADDR="2001:db8:1:2:3:4:5:6")) == "2001:db8:1:2::"
    assert throttle_address(rf.get("/", REMOTE_ADDR="::ffff:203.0.113.9")) == "203.0.113.9"
    assert throttle_address(rf.get("/", REMOTE_ADDR="203.0.113.9")) == "203.0.113.9"
    request = rf.get("/")
    request.META.pop("REMOTE_ADDR")
    assert throttle_address(request) is None
