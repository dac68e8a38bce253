"""Personas for the complaints tests, built through the services as the app builds them.

- somchai: admin of อบต.แกลง; sets up kinds, holidays and officers — but is NOT a case officer,
  so he must never see a corruption report.
- nid: editor of แกลง, all departments: the intake desk; handles ordinary cases.
- malee: editor of แกลง limited to กองช่าง: sees only กองช่าง's cases.
- korn: editor of แกลง holding the CaseOfficer permission: the only one who sees corruption reports.
- wichai: approver (ปลัด) of แกลง: reads, never writes.
- prapa: viewer of แกลง: reads, never writes.
- prasert: admin of another organisation: 404 everywhere in แกลง.

No test reaches the network: the `no_network` guard refuses any connection off the loopback.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import Client

from prongsai.complaints import services
from prongsai.complaints.models import Case, CaseKind
from prongsai.orgs.models import Department, Membership, Organization, Role
from prongsai.orgs.services import add_member, create_organization, system_user

from ..network import block_network
from ..shared_db import shared_fixtures

PASSWORD = "a-long-test-password"
GENERAL = "ร้องเรียน/ร้องทุกข์ทั่วไป"
CORRUPTION = "แจ้งเบาะแสการทุจริตและประพฤติมิชอบ"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    block_network(monkeypatch)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class World:
    org: Organization
    other: Organization
    somchai: Membership
    nid: Membership
    malee: Membership
    korn: Membership
    wichai: Membership
    prapa: Membership
    prasert: Membership

    def dept(self, name: str) -> Department:
        return self.org.departments.get(name=name)

    def kind(self, name: str = GENERAL, org: Organization | None = None) -> CaseKind:
        return CaseKind.objects.get(organization=org or self.org, name=name)

    def client(self, who: Membership | None) -> Client:
        client = Client()
        if who is not None:
            client.force_login(who.user)
        return client

    def file(self, kind: str = GENERAL, **overrides: Any) -> Case:
        """A citizen's filing on the web form, through the service."""
        values: dict[str, Any] = {
            "kind_id": self.kind(kind).pk,
            "subject": "ไฟฟ้าส่องสว่างดับ ถนนสายหลัก หมู่ ๓",
            "details": "ไฟดับมาสามคืนแล้ว มืดมาก อันตราย",
            "place": "หน้าโรงเรียนบ้านแกลง",
            "contact_name": "นางสมศรี ใจดี",
            "contact_phone": "0812345678",
            "contact_email": "somsri@example.com",
            "consent": True,
        }
        values.update(overrides)
        return services.file_case(self.org, services.IntakeData(**values))


def form_data(world: World, kind: str = GENERAL, **overrides: Any) -> dict[str, Any]:
    """What the public form posts."""
    data: dict[str, Any] = {
        "kind": str(world.kind(kind).pk),
        "subject": "ถนนเป็นหลุมเป็นบ่อ",
        "details": "ถนนหน้าตลาดเป็นหลุมลึก รถจักรยานยนต์ล้มบ่อย",
        "place": "ตลาดสดแกลง",
        "contact_name": "นายสมชาย รักถิ่น",
        "contact_phone": "0898765432",
        "contact_email": "somchai.r@example.com",
        "contact_line": "somchai-line",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def build_world() -> World:
    system = system_user()
    org = create_organization(system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", province="ระยอง")
    other = create_organization(system, name="องค์การบริหารส่วนตำบลบ้านค่าย", slug="bankhai", province="ระยอง")
    services.settings_for(org)
    services.settings_for(other)

    def member(o: Organization, username: str, role: str, departments: list[Department] | None = None) -> Membership:
        m, _pw = add_member(
            None,
            system,
            organization=o,
            username=username,
            full_name=f"{username} ทดสอบ",
            role=role,
            password=PASSWORD,
            department_ids=[d.pk for d in departments or []],
        )
        return m

    works = org.departments.get(name="กองช่าง")
    somchai = member(org, "somchai", Role.ADMIN)
    world = World(
        org=org,
        other=other,
        somchai=somchai,
        nid=member(org, "nid", Role.EDITOR),
        malee=member(org, "malee", Role.EDITOR, [works]),
        korn=member(org, "korn", Role.EDITOR),
        wichai=member(org, "wichai", Role.APPROVER),
        prapa=member(org, "prapa", Role.VIEWER),
        prasert=member(other, "prasert", Role.ADMIN),
    )
    services.set_case_officer(somchai, somchai.user, world.korn, active=True)
    return world


# Built once per module; each test works in a savepoint (tests/shared_db.py).
_shared_world, world = shared_fixtures("world", build_world)


@dataclass
class LineStub:
    """A LINE Messaging API stand-in on 127.0.0.1: records every request, answers 200 {}."""

    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture
def line_stub(settings: Any) -> Iterator[LineStub]:
    stub = LineStub(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            stub.requests.append({"path": self.path, "headers": dict(self.headers), "json": json.loads(body)})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    stub.url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.LINE_API_BASE = stub.url
    yield stub
    server.shutdown()
    server.server_close()
