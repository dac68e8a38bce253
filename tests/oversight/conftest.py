"""A small synthetic country (60 organisations, fiscal years 2567-2568) and the people who look at it.

- nat: national overseer.
- chan: overseer of the first province (PROVINCE), which holds several districts.
- dee: overseer of one district (DISTRICT) of that province.
- staff: an editor of one generated organisation, with no oversight at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from prongsai.orgs.models import Organization, Role
from prongsai.orgs.services import add_member, add_oversight, system_user
from prongsai.oversight.services import GenerationResult, generate_country

from ..shared_db import fresh, module_transaction

YEARS = [2567, 2568]


@dataclass
class Country:
    result: GenerationResult
    province: str
    other_province: str
    district: str
    other_district: str
    member_org: Organization

    def client(self, username: str | None) -> Client:
        client = Client()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        return client


def build_country() -> Country:
    system = system_user()
    result = generate_country(system, orgs=60, years=YEARS, seed=7, batch_size=25, command="gen-demo --orgs 60")
    provinces = sorted(set(Organization.objects.values_list("province", flat=True)))
    province, other = provinces[0], provinces[1]
    districts = sorted(set(Organization.objects.filter(province=province).values_list("district", flat=True)))
    User = get_user_model()
    for name in ("nat", "chan", "dee"):
        User.objects.create_user(name, password="x" * 12)
    add_oversight(system, username="nat", level="national")
    add_oversight(system, username="chan", level="province", province=province)
    add_oversight(system, username="dee", level="district", province=province, district=districts[0])
    member_org = Organization.objects.filter(province=province, district=districts[0]).order_by("slug").first()
    assert member_org is not None
    add_member(None, system, organization=member_org, username="staff", role=Role.EDITOR, password="x" * 12)
    return Country(result, province, other, districts[0], districts[1], member_org)


@pytest.fixture(scope="module")
def _shared_country(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Country]:
    """Generated once per module; each test works in a savepoint (tests/shared_db.py)."""
    with module_transaction(django_db_blocker):
        yield build_country()


@pytest.fixture
def country(db: Any, _shared_country: Country) -> Country:
    return replace(_shared_country, member_org=fresh(_shared_country.member_org))


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts and ends with the dashboard cache empty (figures cached by a test whose writes
    were rolled back are not the next test's)."""
    cache.clear()
    yield
    cache.clear()
