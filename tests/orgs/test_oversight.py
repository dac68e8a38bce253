"""Overseers read every organisation in their scope, write nothing, and never see corruption reports."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from prongsai.measures import services as measure_services
from prongsai.orgs.services import add_oversight, create_organization, system_user

from .conftest import World


@pytest.fixture
def overseer(world: World) -> Client:
    """Somsri oversees ระยอง province (where แกลง is); บ้านค่าย is moved to another province."""
    world.prasert.organization.province = "ชลบุรี"
    world.prasert.organization.save()
    get_user_model().objects.create_user("somsri", password="x" * 12)
    add_oversight(system_user(), username="somsri", level="province", province="ระยอง")
    client = Client()
    client.force_login(get_user_model().objects.get(username="somsri"))
    return client


def test_a_province_overseer_reads_organisations_in_the_province(world: World, overseer: Client) -> None:
    plan = measure_services.create_plan(world.somchai, world.somchai.user, fiscal_year=2568)
    assert overseer.get(f"/o/{world.org.slug}/").status_code == 200
    assert overseer.get(f"/api/orgs/{world.org.slug}/plans").status_code == 200
    assert overseer.get(f"/plans/{plan.pk}/documents/").status_code == 200


def test_an_overseer_writes_nothing(world: World, overseer: Client) -> None:
    plan = measure_services.create_plan(world.somchai, world.somchai.user, fiscal_year=2568)
    assert overseer.get(f"/o/{world.org.slug}/plans/new/").status_code == 403
    assert overseer.post(f"/plans/{plan.pk}/measures/new/", {"title": "x"}).status_code == 403
    assert overseer.post(f"/plans/{plan.pk}/approve/").status_code == 403
    assert overseer.get(f"/o/{world.org.slug}/members/").status_code == 403


def test_an_overseer_of_another_province_gets_404(world: World, overseer: Client) -> None:
    assert overseer.get(f"/o/{world.prasert.organization.slug}/").status_code == 404


def test_a_district_overseer_covers_only_the_district(db: Any) -> None:
    system = system_user()
    a = create_organization(system, name="อบต.ก", slug="a", province="ระยอง", district="แกลง")
    b = create_organization(system, name="อบต.ข", slug="b", province="ระยอง", district="บ้านค่าย")
    get_user_model().objects.create_user("dee", password="x" * 12)
    oversight = add_oversight(system, username="dee", level="district", province="ระยอง", district="แกลง")
    assert oversight.covers(a) and not oversight.covers(b)
    assert list(oversight.organizations()) == [a]


def test_the_command_adds_an_overseer_and_names_bad_input(db: Any) -> None:
    get_user_model().objects.create_user("nat", password="x" * 12)
    out = StringIO()
    call_command("add_overseer", "nat", "--national", stdout=out)
    assert "nat" in out.getvalue()
    with pytest.raises(CommandError, match="ไม่พบผู้ใช้"):
        call_command("add_overseer", "nobody", "--province", "ระยอง", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("add_overseer", "nat", stdout=StringIO())
