"""Personas for the measures tests, built through the services as the app builds them.

- somchai: admin of อบต.แกลง; runs the programme and submits the plan.
- malee: editor of อบต.แกลง limited to กองคลัง; may touch only กองคลัง's measures.
- wichai: the ปลัด, approver of อบต.แกลง; approves, never edits.
- prapa: viewer of อบต.แกลง; reads everything, changes nothing.
- prasert: admin of another organisation; must see nothing of แกลง (404 everywhere).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import Client

from prongsai.measures import services
from prongsai.measures.models import Measure, Plan
from prongsai.orgs.models import Department, Membership, Organization, Role
from prongsai.orgs.services import add_member, create_organization, system_user

from ..shared_db import shared_fixtures

PASSWORD = "a-long-test-password"


@dataclass
class World:
    org: Organization
    other: Organization
    somchai: Membership
    malee: Membership
    wichai: Membership
    prapa: Membership
    prasert: Membership
    plan: Plan
    palad_measure: Measure  # carried by สำนักปลัด only
    finance_measure: Measure  # carried by กองคลัง

    def dept(self, name: str) -> Department:
        return self.org.departments.get(name=name)

    def client(self, who: Membership | None) -> Client:
        client = Client()
        if who is not None:
            client.force_login(who.user)
        return client


def measure_data(plan: Plan, departments: list[Department], **overrides: Any) -> services.MeasureData:
    values: dict[str, Any] = {
        "title": "จัดทำประกาศเจตนารมณ์ No Gift Policy",
        "methods": ["จัดทำประกาศ", "เผยแพร่ทางเว็บไซต์และเพจ"],
        "department_ids": [d.pk for d in departments],
        "months": [(plan.fiscal_year - 1, 10), (plan.fiscal_year - 1, 11)],
        "indicators": [10],
    }
    values.update(overrides)
    return services.MeasureData(**values)


def build_world(org: tuple[str, str, str, str], other: tuple[str, str, str]) -> World:
    """The personas around one organisation: `org` (name, slug, district, province), `other`
    (name, slug, province) for prasert's. A draft FY2568 plan with สำนักปลัด's and กองคลัง's measures."""
    system = system_user()
    name, slug, district, province = org
    org_obj = create_organization(system, name=name, slug=slug, district=district, province=province)
    other_obj = create_organization(system, name=other[0], slug=other[1], province=other[2])
    return _populate(system, org_obj, other_obj)


def klaeng_world() -> World:
    return build_world(
        ("องค์การบริหารส่วนตำบลแกลง", "klaeng", "เมืองระยอง", "ระยอง"), ("องค์การบริหารส่วนตำบลบ้านค่าย", "bankhai", "ระยอง")
    )


# Built once per module; each test works in a savepoint (tests/shared_db.py).
_shared_world, world = shared_fixtures("world", klaeng_world)


def _populate(system: Any, org: Organization, other: Organization) -> World:
    def member(o: Organization, username: str, role: str, departments: list[Department] | None = None) -> Membership:
        m, _pw = add_member(
            None,
            system,
            organization=o,
            username=username,
            full_name=f"{username} test",
            role=role,
            password=PASSWORD,
            department_ids=[d.pk for d in departments or []],
        )
        return m

    finance = org.departments.get(name="กองคลัง")
    palad = org.departments.get(name="สำนักปลัด")
    somchai = member(org, "somchai", Role.ADMIN)
    malee = member(org, "malee", Role.EDITOR, [finance])
    wichai = member(org, "wichai", Role.APPROVER)
    prapa = member(org, "prapa", Role.VIEWER)
    prasert = member(other, "prasert", Role.ADMIN)
    plan = services.create_plan(somchai, somchai.user, fiscal_year=2568)
    palad_measure = services.create_measure(plan, somchai, somchai.user, measure_data(plan, [palad]))
    finance_measure = services.create_measure(
        plan, somchai, somchai.user, measure_data(plan, [finance], title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง")
    )
    return World(org, other, somchai, malee, wichai, prapa, prasert, plan, palad_measure, finance_measure)
