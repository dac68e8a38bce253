"""Personas and a small world for the API tests, built through the services like the app builds it.

- somchai: admin of อบต.แกลง (org A); he made the plan, its measures, progress and evidence.
- malee: viewer of org A; reads everything there, changes nothing.
- prasert: admin of อบต.บางกะจะ (org B); has his own plan and must see nothing of org A.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.measures.models import Evidence, Measure, Plan
from prongsai.measures.services import (
    MeasureData,
    ProgressData,
    add_evidence,
    create_measure,
    create_plan,
    record_progress,
    update_measure,
    withdraw_evidence,
)
from prongsai.orgs.models import Organization, Role
from prongsai.orgs.services import add_member, create_organization, system_user

from ..network import block_network
from ..shared_db import fresh, module_transaction

EVIDENCE_TEXT = "รายงานการประชุมชี้แจงแนวทางการปฏิบัติงาน ครั้งที่ ๑/๒๕๖๘\n".encode()


@dataclass
class World:
    org: Organization
    other_org: Organization
    somchai: Any
    malee: Any
    prasert: Any
    plan: Plan
    measure: Measure
    second_measure: Measure
    other_plan: Plan
    other_measure: Measure
    file_evidence: Evidence
    link_evidence: Evidence
    withdrawn_evidence: Evidence

    def urls(self) -> dict[str, str]:
        """Every read route, pointed at org A's objects."""
        return {
            "orgs": "/api/orgs",
            "org": f"/api/orgs/{self.org.slug}",
            "departments": f"/api/orgs/{self.org.slug}/departments",
            "plans": f"/api/orgs/{self.org.slug}/plans",
            "plan": f"/api/plans/{self.plan.pk}",
            "plan_measures": f"/api/plans/{self.plan.pk}/measures",
            "measure": f"/api/measures/{self.measure.pk}",
            "measure_history": f"/api/measures/{self.measure.pk}/history",
        }


def add_measure(plan: Plan, membership: Any, actor: Any, title: str, departments: list[Any]) -> Measure:
    data = MeasureData(
        title=title,
        methods=["ประชุมชี้แจง", "ติดประกาศที่ทำการ"],
        department_ids=[d.pk for d in departments],
        months=[(2567, 10), (2567, 11)],
        indicators=[1, 9],
        target="บุคลากรทุกคน",
    )
    return create_measure(plan, membership, actor, data)


def build_world() -> World:
    system = system_user()
    org = create_organization(system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", province="ระยอง")
    other_org = create_organization(system, name="องค์การบริหารส่วนตำบลบางกะจะ", slug="bangkaja")
    somchai_m, _pw = add_member(
        None, system, organization=org, username="somchai", full_name="สมชาย ใจดี", role=Role.ADMIN
    )
    malee_m, _pw = add_member(None, system, organization=org, username="malee", role=Role.VIEWER)
    prasert_m, _pw = add_member(None, system, organization=other_org, username="prasert", role=Role.ADMIN)
    somchai, prasert = somchai_m.user, prasert_m.user

    finance, works = org.departments.get(name="กองคลัง"), org.departments.get(name="กองช่าง")
    plan = create_plan(somchai_m, somchai, fiscal_year=2568, title="แผนปฏิบัติการป้องกันการทุจริต")
    measure = add_measure(plan, somchai_m, somchai, "เผยแพร่ประมวลจริยธรรม", [finance])
    second = add_measure(plan, somchai_m, somchai, "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง", [works])
    # A later edit, so the history has a "before → after".
    edited = MeasureData(
        title="เผยแพร่ประมวลจริยธรรมแก่บุคลากร",
        methods=["ประชุมชี้แจง", "ติดประกาศที่ทำการ"],
        department_ids=[finance.pk, works.pk],
        months=[(2567, 10), (2567, 11)],
        indicators=[1, 9],
        target="บุคลากรทุกคน",
    )
    measure = update_measure(measure, somchai_m, somchai, edited, expected_version=1)
    record_progress(
        measure, 1, somchai_m, somchai,
        ProgressData(results=["จัดประชุมชี้แจง ๑ ครั้ง"], status="done", outcome="บุคลากรเข้าร่วม ๔๒ คน"),
        expected_version=0,
    )  # fmt: skip
    file_evidence = add_evidence(
        measure, 1, somchai_m, somchai,
        title="รายงานการประชุม",
        upload=SimpleUploadedFile("รายงานการประชุม.txt", EVIDENCE_TEXT, content_type="text/plain"),
        period_start=date(2024, 10, 1), period_end=date(2025, 3, 31),
    )  # fmt: skip
    link_evidence = add_evidence(
        measure, 1, somchai_m, somchai, title="ประกาศบนเว็บไซต์", url="https://klaeng.go.th/news/1"
    )
    withdrawn = add_evidence(measure, 2, somchai_m, somchai, title="ภาพถ่าย", url="https://klaeng.go.th/p/2")
    withdrawn = withdraw_evidence(withdrawn, somchai_m, somchai, reason="แนบผิดมาตรการ")

    other_plan = create_plan(prasert_m, prasert, fiscal_year=2568)
    other_measure = add_measure(other_plan, prasert_m, prasert, "มาตรการของบางกะจะ", [])
    return World(
        org=org, other_org=other_org, somchai=somchai, malee=malee_m.user, prasert=prasert,
        plan=plan, measure=measure, second_measure=second, other_plan=other_plan, other_measure=other_measure,
        file_evidence=file_evidence, link_evidence=link_evidence, withdrawn_evidence=withdrawn,
    )  # fmt: skip


@pytest.fixture
def missing_id() -> str:
    return str(uuid.uuid4())


# Writers ----------------------------------------------------------------------------------------
# - niran: editor of org A limited to กองคลัง: edits `measure` (กองคลัง, กองช่าง), not `second_measure`.
# - nid: editor of org A, every department.
# - wichai: approver (ผู้บริหาร) of org A: approves plans, writes nothing else.
# - korn: editor of org A holding the case-officer permission: the only one who sees corruption reports.


@dataclass
class Crew:
    niran: Any
    nid: Any
    wichai: Any
    korn: Any


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches the network (e-mail is locmem; LINE is never configured here)."""
    block_network(monkeypatch)


def build_crew(world: World) -> Crew:
    from prongsai.complaints.services import set_case_officer
    from prongsai.orgs.access import org_for

    system = system_user()
    finance = world.org.departments.get(name="กองคลัง")

    def member(username: str, role: str, departments: list[Any] | None = None) -> Any:
        membership, _pw = add_member(
            None,
            system,
            organization=world.org,
            username=username,
            role=role,
            department_ids=[d.pk for d in departments or []],
        )
        return membership.user

    crew = Crew(
        niran=member("niran", Role.EDITOR, [finance]),
        nid=member("nid", Role.EDITOR),
        wichai=member("wichai", Role.APPROVER),
        korn=member("korn", Role.EDITOR),
    )
    admin = org_for(world.somchai, world.org.slug)
    set_case_officer(admin, world.somchai, org_for(crew.korn, world.org.slug), active=True)
    return crew


# Built once per module (world and crew together, so every test sees the same rows whatever ran
# before it); each test works in a savepoint and gets its objects read afresh.


@pytest.fixture(scope="module")
def _shared(django_db_setup: Any, django_db_blocker: Any) -> Iterator[tuple[World, Crew]]:
    with module_transaction(django_db_blocker):
        world = build_world()
        yield world, build_crew(world)


@pytest.fixture
def world(db: Any, _shared: tuple[World, Crew]) -> World:
    return World(**{f.name: fresh(getattr(_shared[0], f.name)) for f in fields(World)})


@pytest.fixture
def crew(world: World, _shared: tuple[World, Crew]) -> Crew:
    return Crew(**{f.name: fresh(getattr(_shared[1], f.name)) for f in fields(Crew)})
