"""Writing the synthetic country (`prongsai gen-demo`): bulk_create per batch, one GenerationBatch per batch.

For each batch of organisations (500 by default) every row they need is built in memory and
written with bulk_create: the organisations (is_demo=True, fictitious names), their default
departments and complaint kinds, and per fiscal year an approved plan (with its PlanApproval
record) of about ten measures, both rounds' progress, the approved report snapshot of each round
(some late, some missing, on purpose), the ITA assessment of that year and the year's complaints
with their first timeline event and registry counter. Bulk-written rows carry NO history rows of
their own (django-simple-history records nothing for bulk_create): the batch's GenerationBatch
says who wrote them, when, with which command and seed, and how many rows of each model.

The whole run is one transaction: it is all there or not at all. A second run is refused unless
`force` is given, which first removes the previous country (services/remove.py).
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, models, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.complaints.models import Case, CaseEvent, CaseKind, CaseStatus, ComplaintSettings, RegistryCounter
from prongsai.complaints.services.intake import new_tracking_code
from prongsai.complaints.services.setup import DEFAULT_KINDS
from prongsai.core import thai
from prongsai.core.errors import ServiceError
from prongsai.documents.models import Snapshot
from prongsai.ita.models import Assessment, Catalogue, Source
from prongsai.ita.scoring import Spec, compute
from prongsai.ita.services.assessments import fill
from prongsai.ita.services.catalogues import active_catalogue
from prongsai.measures.models import Measure, Plan, PlanApproval, PlanStatus, Progress
from prongsai.orgs.models import DEFAULT_DEPARTMENTS, Department, Organization
from prongsai.oversight import lateness
from prongsai.oversight.models import GenerationBatch
from prongsai.oversight.services import content, country
from prongsai.oversight.services.remove import raw_delete
from prongsai.oversight.services.rows import insert
from prongsai.portal import triggers

MAX_ORGS = 20000
CHANNELS = ["web", "web", "walk_in", "phone", "letter", "facebook", "line"]
STATUSES: list[str] = ["done"] * 6 + ["in_progress", "received", "rejected", "forwarded"]  # CaseStatus values


@dataclass
class GenerationResult:
    run: uuid.UUID
    batches: list[GenerationBatch] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def generated_organizations() -> models.QuerySet[Organization]:
    return Organization.objects.filter(is_demo=True, slug__startswith=country.SLUG_PREFIX)


def already_generated() -> bool:
    return GenerationBatch.objects.exists() or generated_organizations().exists()


def parse_years(text: str) -> list[int]:
    """ "2566-2568" or "2566,2568" or "2567" (Thai digits allowed) -> sorted fiscal years."""
    raw = thai.to_arabic_digits(str(text)).replace(" ", "")
    years: set[int] = set()
    try:
        for part in raw.split(","):
            first, _sep, last = part.partition("-")
            years.update(range(int(first), int(last or first) + 1))
    except ValueError:
        raise ServiceError(_("ปีต้องเขียนเป็น 2566-2568 หรือ 2566,2568"), "years") from None
    if not years or min(years) < 2550 or max(years) > 2650 or len(years) > 10:
        raise ServiceError(_("ปีงบประมาณต้องเป็นปี พ.ศ. 2550-2650 ไม่เกิน 10 ปี เช่น 2566-2568"), "years")
    return sorted(years)


def generate_country(
    actor: Any,
    *,
    orgs: int,
    years: Sequence[int],
    seed: int = 2568,
    force: bool = False,
    batch_size: int = 500,
    command: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> GenerationResult:
    """Build the synthetic country; refuses a second run unless `force` (which replaces the first)."""
    if not 1 <= orgs <= MAX_ORGS:
        raise ServiceError(_("จำนวนหน่วยงานต้องอยู่ระหว่าง 1 ถึง %(n)s") % {"n": MAX_ORGS}, "orgs")
    started = time.perf_counter()
    result = GenerationResult(run=uuid.uuid4())
    specs = country.layout(orgs, random.Random(seed))  # noqa: S311 - reproducible demo data, not security
    with transaction.atomic():
        if already_generated():
            if not force:
                raise ServiceError(_("มีข้อมูลประเทศตัวอย่างอยู่แล้ว: ใช้ --force เพื่อลบของเดิมแล้วสร้างใหม่"))
            # Their plan approvals (and any record row added to them) are append-only: portal/triggers.py.
            with triggers.suspended(connection):
                raw_delete(generated_organizations(), result.removed)
            GenerationBatch.objects.all().delete()
        catalogues = {year: active_catalogue(year) for year in years}
        now = timezone.now()
        for number, start in enumerate(range(0, len(specs), batch_size), start=1):
            chunk = specs[start : start + batch_size]
            writer = _BatchWriter(actor, seed, list(years), catalogues, now)
            counts = writer.write(chunk)
            batch = GenerationBatch.objects.create(
                run=result.run,
                number=number,
                actor=actor,
                command=command[:300] or f"gen-demo --orgs {orgs}",
                seed=seed,
                years=",".join(map(str, years)),
                first_org=chunk[0].number,
                last_org=chunk[-1].number,
                counts=counts,
            )
            result.batches.append(batch)
            for label, n in counts.items():
                result.counts[label] = result.counts.get(label, 0) + n
            if progress is not None:
                progress(chunk[-1].number, len(specs))
    if connection.vendor == "postgresql":  # fresh statistics, or the planner guesses on empty tables
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result.seconds = time.perf_counter() - started
    return result


class _BatchWriter:
    """The rows of one batch of organisations, built in memory, then bulk-created model by model."""

    def __init__(self, actor: Any, seed: int, years: list[int], catalogues: dict[int, Catalogue], now: datetime):
        self.actor = actor
        self.seed = seed
        self.years = years
        self.catalogues = catalogues
        self.specs = {year: Spec.of(c) for year, c in catalogues.items()}
        self.now = now
        self.tz = timezone.get_default_timezone()
        self.rows: dict[type[models.Model], list[Any]] = {}

    def add(self, obj: models.Model) -> Any:
        self.rows.setdefault(type(obj), []).append(obj)
        return obj

    def at(self, day: date, hour: int = 10) -> datetime:
        return datetime(day.year, day.month, day.day, hour, tzinfo=self.tz)

    def write(self, chunk: list[country.OrgSpec]) -> dict[str, int]:
        for spec in chunk:
            self._organization(spec, random.Random(f"{self.seed}-{spec.number}"))  # noqa: S311 - demo data
        order: list[type[models.Model]] = [
            Organization,
            Department,
            ComplaintSettings,
            CaseKind,
            Plan,
            PlanApproval,
            Measure,
            Measure.departments.through,
            Progress,
            Snapshot,
            Assessment,
            Case,
            CaseEvent,
            RegistryCounter,
        ]
        counts: dict[str, int] = {}
        for model in order:
            objs = self.rows.get(model, [])
            if objs:
                insert(model, objs)
                counts[model._meta.label] = len(objs)
        cases = [c.pk for c in self.rows.get(Case, [])]
        if cases:  # the timeline starts when the case was received, not when it was generated
            received = Case.objects.filter(pk=OuterRef("case_id")).values("received_at")[:1]
            CaseEvent.objects.filter(case_id__in=cases).update(created_at=Subquery(received))
        return counts

    def _organization(self, spec: country.OrgSpec, rng: random.Random) -> None:
        org = self.add(
            Organization(
                id=uuid.uuid4(),
                kind=spec.kind,
                name=spec.name,
                province=spec.province,
                district=spec.district,
                code=spec.code,
                slug=spec.slug,
                is_demo=True,
            )
        )
        names = DEFAULT_DEPARTMENTS.get(spec.kind, [])
        departments = [self.add(Department(organization=org, name=n, order=i)) for i, n in enumerate(names, 1)]
        self.add(ComplaintSettings(organization=org))
        kinds = [
            self.add(CaseKind(organization=org, name=name, deadline_days=days, is_corruption=corrupt, order=i))
            for i, (name, days, corrupt) in enumerate(DEFAULT_KINDS, start=1)
        ]
        for year in self.years:
            self._plan(spec, org, departments, year, rng)
            scores = country.ita_scores(rng, spec, year)
            assessment = Assessment(organization=org, year=year)
            fill(
                assessment,
                self.catalogues[year],
                scores,
                compute(self.specs[year], scores),
                source=Source.NATIONAL,
                actor=self.actor,
            )
            self.add(assessment)
            self._complaints(org, kinds, year, rng)

    def _plan(
        self, spec: country.OrgSpec, org: Organization, departments: list[Department], year: int, rng: random.Random
    ) -> None:
        start = thai.fiscal_year_bounds(year)[0]
        submitted = self.at(start + timedelta(days=rng.randint(10, 40)))
        approved = submitted + timedelta(days=rng.randint(1, 10))
        plan = self.add(
            Plan(
                organization=org,
                fiscal_year=year,
                status=PlanStatus.APPROVED,
                submitted_by=self.actor,
                submitted_at=submitted,
                approved_by=self.actor,
                approved_at=approved,
                approvals_count=1,
            )
        )
        measures = country.plan_measures(rng, spec, year, len(departments))
        frozen = []
        for m in measures:
            measure = self.add(
                Measure(
                    plan=plan,
                    number=m.number,
                    title=m.title,
                    methods=m.methods,
                    timeframe_text=thai.format_months((x[0], x[1]) for x in m.months),
                    months=m.months,
                    indicators=m.indicators,
                    version=1,
                )
            )
            for index in m.departments:
                self.add(Measure.departments.through(measure_id=measure.id, department_id=departments[index].id))
            for round_no, status in m.statuses.items():
                self.add(
                    Progress(
                        measure=measure, round=round_no, results=list(country.RESULTS[status]), status=status, version=1
                    )
                )
            frozen.append(content.measure_dict(m, measure.timeframe_text, departments))
        self.add(
            PlanApproval(
                plan=plan,
                number=1,
                submitted_by=self.actor,
                submitted_at=submitted,
                approved_by=self.actor,
                approved_at=approved,
                content={"fiscal_year": year, "title": "", "intro": "", "measures": frozen},
            )
        )
        for round_no in lateness.ROUNDS:
            day = country.report_approval(rng, spec, year, round_no, lateness.GRACE_DAYS)
            if day is None or self.at(day) > self.now:
                continue
            snapshot_id = uuid.uuid4()
            data = content.report_data(snapshot_id, org, year, round_no, measures, frozen, day)
            self.add(
                Snapshot(
                    id=snapshot_id,
                    plan=plan,
                    organization=org,
                    kind="report",
                    round=round_no,
                    version=1,
                    data=data,
                    status="approved",
                    created_by=self.actor,
                    approved_by=self.actor,
                    approved_at=self.at(day, 14),
                )
            )

    def _complaints(self, org: Organization, kinds: list[CaseKind], year: int, rng: random.Random) -> None:
        cases = country.complaints(rng, year, self.now, CHANNELS, STATUSES)
        for registry_no, c in enumerate(cases, start=1):
            kind = kinds[c.kind_index]
            closed = c.status in (CaseStatus.DONE, CaseStatus.REJECTED, CaseStatus.FORWARDED)
            case = self.add(
                Case(
                    organization=org,
                    kind=kind,
                    confidential=kind.is_corruption,
                    channel=c.channel,
                    fiscal_year=year,
                    registry_no=registry_no,
                    tracking_code=new_tracking_code(),
                    subject=c.subject,
                    details="รายละเอียดของเรื่องตัวอย่าง (ข้อมูลสาธิต ไม่ใช่เรื่องจริง)",
                    consent_at=c.received_at,
                    status=c.status,
                    status_reason="ไม่อยู่ในอำนาจหน้าที่ (ตัวอย่าง)" if c.status == CaseStatus.REJECTED else "",
                    forwarded_to="หน่วยงานอื่น (ตัวอย่าง)" if c.status == CaseStatus.FORWARDED else "",
                    received_at=c.received_at,
                    due_date=c.received_at.date() + timedelta(days=21),
                    started_at=None if c.status == CaseStatus.RECEIVED else c.received_at + timedelta(days=1),
                    closed_at=c.received_at + timedelta(days=10) if closed else None,
                    registered_by=None if c.channel == "web" else self.actor,
                )
            )
            self.add(CaseEvent(case=case, kind="received", status=CaseStatus.RECEIVED, public=True))
        if cases:
            self.add(RegistryCounter(organization=org, fiscal_year=year, last_number=len(cases)))
