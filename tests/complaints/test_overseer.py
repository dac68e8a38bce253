"""An overseer reads ordinary cases of the organisations in scope, never a corruption report."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

from prongsai.orgs.services import add_oversight, system_user

from .conftest import CORRUPTION, World


def test_an_overseer_never_sees_a_corruption_report_but_it_counts(world: World) -> None:
    ordinary = world.file(subject="ถนนหน้าบ้านชำรุด")
    secret = world.file(kind=CORRUPTION, subject="เจ้าหน้าที่เรียกรับเงิน")
    get_user_model().objects.create_user("somsri", password="x" * 12)
    add_oversight(system_user(), username="somsri", level="province", province="ระยอง")
    client = Client()
    client.force_login(get_user_model().objects.get(username="somsri"))
    assert client.get(f"/complaints/{ordinary.pk}/").status_code == 200
    assert client.get(f"/complaints/{secret.pk}/").status_code == 404
    inbox = client.get(f"/o/{world.org.slug}/complaints/").content.decode()
    assert ordinary.subject in inbox and secret.subject not in inbox
    assert client.post(f"/complaints/{ordinary.pk}/status/", {"status": "done"}).status_code in (403, 404)
    stats = client.get(f"/c/{world.org.slug}/stats/{secret.fiscal_year}/").content.decode()
    assert 'data-testid="stats-total">๒<' in stats
