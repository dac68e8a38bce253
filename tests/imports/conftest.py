"""Personas and helpers for the web import tests (the same people as tests/measures/conftest.py).

- somchai: admin of อบต.แกลง; imports reports, creates departments.
- staff: editor of อบต.แกลง without a department limit.
- malee: editor of อบต.แกลง limited to กองคลัง; only the department Excel, only กองคลัง's measures.
- prapa: viewer of อบต.แกลง; 403 on every import page.
- prasert: admin of another organisation; 404 on every page of แกลง.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from prongsai.imports.models import ImportRecord
from prongsai.orgs.models import Department, Membership, Organization, Role
from prongsai.orgs.services import add_member, create_organization, system_user

from ..shared_db import shared_fixtures

PASSWORD = "a-long-test-password"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "klaeng-2567-measures-report.txt"


@dataclass
class People:
    org: Organization
    other: Organization
    somchai: Membership
    staff: Membership
    malee: Membership
    prapa: Membership
    prasert: Membership

    def dept(self, name: str) -> Department:
        return self.org.departments.get(name=name)

    def client(self, who: Membership | None) -> Client:
        client = Client()
        if who is not None:
            client.force_login(who.user)
        return client


def build_people() -> People:
    system = system_user()
    org = create_organization(
        system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", district="เมืองระยอง", province="ระยอง"
    )
    other = create_organization(system, name="องค์การบริหารส่วนตำบลบ้านค่าย", slug="bankhai", province="ระยอง")

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

    finance = org.departments.get(name="กองคลัง")
    return People(
        org,
        other,
        member(org, "somchai", Role.ADMIN),
        member(org, "staff", Role.EDITOR),
        member(org, "malee", Role.EDITOR, [finance]),
        member(org, "prapa", Role.VIEWER),
        member(other, "prasert", Role.ADMIN),
    )


# Built once per module; each test works in a savepoint (tests/shared_db.py).
_shared_people, people = shared_fixtures("people", build_people)


def upload(client: Client, slug: str, data: bytes, name: str) -> Any:
    """POST a file to the import page; returns the response (a redirect to the preview when it was read)."""
    return client.post(f"/o/{slug}/import/", {"file": SimpleUploadedFile(name, data)})


def draft_of(response: Any) -> ImportRecord:
    assert response.status_code == 302, response.content.decode()[:2000]
    match = re.search(r"/imports/([0-9a-f-]{36})/", response["Location"])
    assert match, response["Location"]
    return ImportRecord.objects.get(pk=match.group(1))


def confirm_data(page: str, **extra: Any) -> dict[str, Any]:
    """The confirmation form as the preview page has it: its hidden fields and its ticked checkboxes."""
    form = page[page.index('action="/imports/') :]
    data: dict[str, Any] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form):
        data[name] = value
    for name, value in re.findall(r'<input type="checkbox" name="([^"]+)" value="([^"]*)"[^>]*checked', form):
        data.setdefault(name, []).append(value)
    data.update(extra)
    return data


def preview_and_confirm(client: Client, record: ImportRecord, query: str = "", **extra: Any) -> tuple[Any, Any]:
    page = client.get(f"/imports/{record.pk}/{query}")
    assert page.status_code == 200
    response = client.post(f"/imports/{record.pk}/confirm/", confirm_data(page.content.decode(), **extra))
    return page, response
