"""The tenancy walk: every page and API route, visited as a member of another organisation, as an
overseer of another province and as anonymous, shows none of the first organisation's private data.

อบต.แกลง (ระยอง) holds private text marked SECRET in an unpublished plan, its results, its evidence,
a complaint and a corruption report. Every URL of the application is filled with แกลง's ids and
requested (GET and an empty POST); no response may contain SECRET, and none may be a 5xx.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from prongsai.complaints import services as complaints
from prongsai.complaints.models import CaseKind
from prongsai.documents import services as documents
from prongsai.measures import services as measures
from prongsai.orgs.models import Organization, Role
from prongsai.orgs.services import add_member, add_oversight, create_organization, system_user

SECRET = "SECRET-ลับเฉพาะแกลง"


def routes() -> list[str]:
    def walk(patterns: list[Any], prefix: str = "") -> list[str]:
        found = []
        for p in patterns:
            if isinstance(p, URLResolver):
                found += walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                found.append(prefix + str(p.pattern))
        return found

    return [r for r in walk(get_resolver().url_patterns) if not r.startswith("admin/") and "<path:" not in r]


@pytest.fixture
def klaeng(db: Any, settings: Any, tmp_path: Any) -> dict[str, str]:
    settings.MEDIA_ROOT = tmp_path
    system = system_user()
    org = create_organization(system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", province="ระยอง")
    create_organization(system, name="องค์การบริหารส่วนตำบลบางละมุง", slug="banglamung", province="ชลบุรี")
    admin, _pw = add_member(None, system, organization=org, username="somchai", role=Role.ADMIN)
    add_member(None, system, organization=org, username="wichai", role=Role.APPROVER)
    plan = measures.create_plan(admin, admin.user, fiscal_year=2568, intro=f"บทนำ {SECRET}")
    measure = measures.create_measure(
        plan, admin, admin.user, measures.MeasureData(title=f"มาตรการ {SECRET}", methods=[f"วิธี {SECRET}"])
    )
    measures.record_progress(
        measure, 1, admin, admin.user, measures.ProgressData(results=[f"ผล {SECRET}"]), expected_version=0
    )
    evidence = measures.add_evidence(
        measure,
        1,
        admin,
        admin.user,
        title=f"หลักฐาน {SECRET}",
        upload=SimpleUploadedFile("minutes.txt", f"บันทึก {SECRET}".encode()),
    )
    snapshot = documents.make_snapshot(plan, admin, admin.user, kind="plan")
    complaints.settings_for(org)
    kinds = {k.name: k for k in CaseKind.objects.filter(organization=org)}
    case = complaints.file_case(
        org,
        complaints.IntakeData(
            kind_id=next(k for k in kinds.values() if not k.is_corruption).pk,
            subject=f"เรื่อง {SECRET}",
            details=f"รายละเอียด {SECRET}",
            contact_name=f"ผู้แจ้ง {SECRET}",
            consent=True,
        ),
    )
    secret_case = complaints.file_case(
        org,
        complaints.IntakeData(
            kind_id=next(k for k in kinds.values() if k.is_corruption).pk,
            subject=f"ทุจริต {SECRET}",
            details=f"เบาะแส {SECRET}",
            consent=True,
        ),
    )
    department = org.departments.first()
    assert department is not None
    return {
        "slug": org.slug,
        "plan_id": str(plan.pk),
        "measure_id": str(measure.pk),
        "evidence_id": str(evidence.pk),
        "snapshot_id": str(snapshot.pk),
        "case_id": str(case.pk),
        "secret_case": str(secret_case.pk),
        "member_id": str(admin.pk),
        "department_id": str(department.pk),
        "kind_id": str(next(iter(kinds.values())).pk),
    }


def fill(route: str, ids: dict[str, str]) -> str:
    values = ids | {
        "year": "2568",
        "round_no": "1",
        "fmt": "csv",
        "direction": "up",
        "indicator": "1",
        "code": "NOTACODE42",
        "table": "grades",
        "province": "ระยอง",
        "version": "1",
        "holiday_id": "1",
    }

    def one(match: re.Match[str]) -> str:
        name = match.group(2)
        return values.get(name, str(uuid.uuid4()))

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", one, route)


def personas() -> dict[str, Client]:
    User = get_user_model()
    other = Organization.objects.get(slug="banglamung")
    outsider, _pw = add_member(None, system_user(), organization=other, username="prasert", role=Role.ADMIN)
    overseer = User.objects.create_user("somsri", password="x" * 12)
    add_oversight(system_user(), username="somsri", level="province", province="ชลบุรี")
    clients = {"anonymous": Client()}
    for name, user in (("another organisation's admin", outsider.user), ("another province's overseer", overseer)):
        client = Client()
        client.force_login(user)
        clients[name] = client
    return clients


def body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_no_route_shows_another_organisations_private_data(klaeng: dict[str, str]) -> None:
    urls = sorted({fill(r, klaeng) for r in routes()})
    urls += [
        f"/complaints/{klaeng['secret_case']}/",
        f"/api/orgs/{klaeng['slug']}/plans",
        f"/api/plans/{klaeng['plan_id']}",
        f"/api/measures/{klaeng['measure_id']}",
        f"/api/measures/{klaeng['measure_id']}/history",
        f"/api/orgs/{klaeng['slug']}/cases",
        f"/api/cases/{klaeng['case_id']}",
        f"/api/cases/{klaeng['secret_case']}",
    ]
    # The walk can fail: แกลง's own admin does see the private text on these same addresses.
    insider = Client()
    insider.force_login(get_user_model().objects.get(username="somchai"))
    seen_by_insider = [url for url in urls if SECRET in body(insider.get(url))]
    assert len(seen_by_insider) >= 8, seen_by_insider
    leaks = []
    for who, client in personas().items():
        for url in urls:
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if response.status_code >= 500 or SECRET in body(response):
                    leaks.append((who, method, url, response.status_code))
    assert leaks == []
