"""Hostile input: schemathesis against the served OpenAPI document finds no 5xx in any operation.

The document is read from /api/openapi.json through the Django WSGI application, in-process (no
server, no network), and every operation is called with data hypothesis generates from it — valid
and invalid (schemathesis' positive and negative modes) — once as the admin of a fictitious
organisation with a real API token, and once anonymously. Path ids mostly point at the
organisation's real plan, measure, evidence and cases (a random id is only ever a 404), so the
generated bodies reach the services.

Examples are derandomized (the same every run, so CI is stable) and bounded; for a deeper local run:
PRONGSAI_FUZZ_EXAMPLES=500 PRONGSAI_FUZZ_RANDOM=1 .venv/bin/pytest tests/api/test_schemathesis.py
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error

from prongsai.api.services import create_token
from prongsai.complaints import services as complaints
from prongsai.complaints.models import CaseKind
from prongsai.measures.models import Measure
from prongsai.measures.services import MeasureData, add_evidence, create_measure, create_plan
from prongsai.orgs.models import Role
from prongsai.orgs.services import add_member, create_organization, system_user

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("PRONGSAI_FUZZ_EXAMPLES", "25"))
RANDOM = bool(os.environ.get("PRONGSAI_FUZZ_RANDOM"))
PUBLIC = {"file_public_case", "list_public_kinds"}


class InProcessApp:
    """The project's WSGI handler, sharing the test's database transaction.

    Django closes "obsolete" connections at the start and end of each request; inside a test's
    transaction that would drop the connection, so — as Django's own test client does — that is
    switched off for the duration of the call.
    """

    def __init__(self) -> None:
        self.handler = WSGIHandler()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            response = self.handler(environ, start_response)
            try:
                body = b"".join(response)
            finally:
                response.close()  # request_finished fires here, still disconnected
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)
        return [body]


schema = schemathesis.openapi.from_wsgi("/api/openapi.json", InProcessApp())  # the document as served
EXAMPLE_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# Anonymous calls stop at the door (401): a few generated examples per operation say so.
ANONYMOUS_SETTINGS = settings(EXAMPLE_SETTINGS, max_examples=max(5, EXAMPLES // 5), phases=[Phase.generate])


@dataclass
class Fuzz:
    token: str
    ids: dict[str, list[str]]
    kinds: list[str]
    departments: list[str]


@pytest.fixture
def fuzz(db: Any, settings: Any, tmp_path: Any) -> Fuzz:
    """A fictitious organisation with a plan, measures, evidence and cases; its admin is a case officer."""
    settings.MEDIA_ROOT = tmp_path / "media"
    system = system_user()
    org = create_organization(
        system, name="องค์การบริหารส่วนตำบลทดสอบ (สมมติ)", slug="fuzz", province="ระยอง", is_demo=True
    )
    admin, _pw = add_member(None, system, organization=org, username="fuzz-admin", role=Role.ADMIN)
    user = admin.user
    complaints.set_case_officer(admin, user, admin, active=True)
    plan = create_plan(admin, user, fiscal_year=2568, title="แผนทดสอบ")
    departments = list(org.departments.all()[:2])
    measures = [
        create_measure(
            plan,
            admin,
            user,
            MeasureData(title=f"มาตรการทดสอบ {n}", department_ids=[departments[n % 2].pk], months=[(2567, 10)]),
        )
        for n in range(3)
    ]
    evidence = add_evidence(measures[0], 1, admin, user, title="ลิงก์", url="https://fuzz.example/1")
    complaints.settings_for(org)
    general = CaseKind.objects.filter(organization=org, is_corruption=False).first()
    corruption = CaseKind.objects.filter(organization=org, is_corruption=True).first()
    assert general is not None and corruption is not None
    cases = [
        complaints.file_case(org, complaints.IntakeData(kind_id=k.pk, subject="ทดสอบ", details="ทดสอบ", consent=True))
        for k in (general, corruption)
    ]
    _api_token, token = create_token(user, "schemathesis")
    return Fuzz(
        token=token,
        ids={
            "slug": [org.slug],
            "plan_id": [str(plan.pk)],
            "measure_id": [str(m.pk) for m in measures],
            "evidence_id": [str(evidence.pk)],
            "case_id": [str(c.pk) for c in cases],
        },
        kinds=[str(general.pk), str(corruption.pk)],
        departments=[str(d.pk) for d in departments],
    )


def point_at_real_objects(case: Any, fuzz: Fuzz) -> None:
    """Three cases in four use the organisation's real ids (the fourth keeps what was generated)."""
    seed = zlib.crc32(repr((case.path_parameters, case.body, case.query)).encode())
    if seed % 4 == 0 or not case.path_parameters:
        return
    for name, choices in fuzz.ids.items():
        if name in case.path_parameters:
            case.path_parameters[name] = choices[seed % len(choices)]
    if isinstance(case.path_parameters.get("round"), int):
        case.path_parameters["round"] = 1 + seed % 2
    body = case.body
    if not isinstance(body, dict) or seed % 3 == 0:
        return
    # Real ids in the body too, and the version stored, so that generated content reaches the save.
    for name, choices in (("kind", fuzz.kinds), ("department", fuzz.departments)):
        if name in body:
            body[name] = choices[seed % len(choices)]
    if isinstance(body.get("departments"), list):
        body["departments"] = fuzz.departments[: seed % 3]
    if isinstance(body.get("order"), list):
        order = fuzz.ids["measure_id"]
        body["order"] = order[seed % 3 :] + order[: seed % 3]
    if "version" in body and "measure_id" in case.path_parameters:
        measure = Measure.objects.filter(pk=case.path_parameters["measure_id"]).first()
        round_no = case.path_parameters.get("round")
        if measure is not None and isinstance(round_no, int):
            progress = measure.progress.filter(round=round_no).first()
            body["version"] = progress.version if progress is not None else 0
        elif measure is not None and round_no is None:
            body["version"] = measure.version


@schema.parametrize()
@EXAMPLE_SETTINGS
def test_no_operation_answers_5xx_to_an_admin(case: Any, fuzz: Fuzz) -> None:
    point_at_real_objects(case, fuzz)
    case.call_and_validate(headers={"Authorization": f"Bearer {fuzz.token}"}, checks=[not_a_server_error])


@schema.parametrize()
@ANONYMOUS_SETTINGS
def test_no_operation_answers_5xx_or_data_to_the_anonymous(case: Any, fuzz: Fuzz) -> None:
    point_at_real_objects(case, fuzz)
    response = case.call_and_validate(checks=[not_a_server_error])
    if case.operation.definition.raw.get("operationId") not in PUBLIC:
        # Refused (401; 404 for a path Django cannot route; 405 for a method the path has not): no data.
        assert not 200 <= response.status_code < 300, (case.operation.label, response.status_code)
