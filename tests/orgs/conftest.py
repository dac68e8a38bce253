"""Personas for the organisation admin's pages, built through the services as the app builds them.

- somchai: admin of อบต.แกลง (klaeng); manages its members and departments.
- malee: editor of แกลง limited to กองคลัง; records measures, must not manage people (403).
- wichai: viewer of แกลง; reads, changes nothing (403 on every admin page).
- boonchu: the ปลัด, approver of แกลง; approves plans, is no admin either (403).
- prasert: admin of อบต.บ้านค่าย (bankhai); must learn nothing about แกลง (404 everywhere).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import Client

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
    boonchu: Membership
    prasert: Membership

    def dept(self, name: str, org: Organization | None = None) -> Department:
        return (org or self.org).departments.get(name=name)

    def client(self, who: Membership | None) -> Client:
        client = Client()
        if who is not None:
            client.force_login(who.user)
        return client


def build_world() -> World:
    system = system_user()
    org = create_organization(
        system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", district="เมืองระยอง", province="ระยอง"
    )
    other = create_organization(system, name="องค์การบริหารส่วนตำบลบ้านค่าย", slug="bankhai", province="ระยอง")

    def member(o: Organization, username: str, full_name: str, role: str, **extra: Any) -> Membership:
        m, _pw = add_member(
            None, system, organization=o, username=username, full_name=full_name, role=role, password=PASSWORD, **extra
        )
        return m

    return World(
        org=org,
        other=other,
        somchai=member(org, "somchai", "สมชาย ใจดี", Role.ADMIN, email="somchai@example.go.th"),
        malee=member(
            org,
            "malee",
            "มาลี ศรีสุข",
            Role.EDITOR,
            position="นักวิชาการเงินและบัญชี",
            department_ids=[org.departments.get(name="กองคลัง").pk],
        ),
        wichai=member(org, "wichai", "วิชัย มั่นคง", Role.VIEWER),
        boonchu=member(org, "boonchu", "บุญชู ปลัด", Role.APPROVER, position="ปลัด อบต."),
        prasert=member(other, "prasert", "ประเสริฐ ดีงาม", Role.ADMIN),
    )


# Built once per module; each test works in a savepoint (tests/shared_db.py).
_shared_world, world = shared_fixtures("world", build_world)
