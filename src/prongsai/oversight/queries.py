"""The dashboard's numbers: every figure is a GROUP BY in the database, a fixed number of queries per page.

For a scope (the country, a province, a district) and a year, one query per subject, each grouped
by the row the page shows (province, district or organisation):

1. organisations by type                      (orgs.Organization)
2. ITA: assessed, passed (ITA ≥ the year's pass mark), per grade, sum and count per indicator
                                              (ita.Assessment of ITA year = the year)
3. measures of the year's plans, and how many of them are "ดำเนินการแล้วเสร็จ" in each round
                                              (measures.Measure, measures.Progress)
4. organisations with an approved report of each round by its deadline (documents.Snapshot)
5. complaints: total, open, corruption reports — counts only, never a subject or a name
                                              (complaints.Case of fiscal year = the year)
6. the organisations late with a report (the rows of the list, at most `late_limit`)

plus the years on offer and the year's catalogue. Means are sums over counts, added up exactly
for the totals. Nothing loads one row per organisation except the list of late organisations
and, on a district's page, its organisations (a district holds tens).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, FilteredRelation, Min, Q, Sum
from django.utils import timezone

from prongsai.complaints.models import OPEN_STATUSES, Case
from prongsai.core import thai
from prongsai.core.errors import ServiceError
from prongsai.documents.models import DocKind, Snapshot, SnapshotStatus
from prongsai.ita.catalogue import shipped_years
from prongsai.ita.models import INDICATORS, Assessment
from prongsai.ita.scoring import Spec
from prongsai.ita.services.catalogues import active_catalogue
from prongsai.measures.models import Measure, Plan, ProgressStatus, Round
from prongsai.orgs.models import Organization
from prongsai.oversight import lateness
from prongsai.oversight.scope import Scope, thai_key


@dataclass
class Group:
    """One row of the page: a province, a district or an organisation, with its counts."""

    key: str
    name: str
    slug: str = ""
    kind: str = ""
    orgs: int = 0
    demo: int = 0  # of which marked is_demo (fictitious)
    kinds: dict[str, int] = field(default_factory=dict)
    assessed: int = 0
    passed: int = 0
    grades: dict[str, int] = field(default_factory=dict)
    sums: dict[int, Decimal] = field(default_factory=dict)  # indicator (0 = ITA) -> sum of scores
    counts: dict[int, int] = field(default_factory=dict)  # indicator (0 = ITA) -> how many scores
    measures: int = 0
    done: dict[int, int] = field(default_factory=dict)  # round -> measures done
    on_time: dict[int, int] = field(default_factory=dict)  # round -> organisations with a report in time
    first_approved: dict[int, datetime | None] = field(default_factory=dict)  # organisation rows only
    cases: int = 0
    open_cases: int = 0
    corruption: int = 0

    def mean(self, indicator: int) -> Decimal | None:
        n = self.counts.get(indicator, 0)
        return (self.sums[indicator] / n).quantize(Decimal("0.01")) if n else None

    def late(self, round_no: int) -> int:
        return self.orgs - self.on_time.get(round_no, 0)

    def add(self, other: Group) -> None:
        for name in ("orgs", "demo", "assessed", "passed", "measures", "cases", "open_cases", "corruption"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for ints, more in ((self.kinds, other.kinds), (self.grades, other.grades)):
            for name, n in more.items():
                ints[name] = ints.get(name, 0) + n
        for by_number, extra in ((self.counts, other.counts), (self.done, other.done), (self.on_time, other.on_time)):
            for number, n in extra.items():
                by_number[number] = by_number.get(number, 0) + n
        for number, total in other.sums.items():
            self.sums[number] = self.sums.get(number, Decimal(0)) + total


@dataclass
class Figures:
    scope: Scope
    year: int
    grades: list[str]
    pass_grades: list[str]
    pass_mark: Decimal
    due: dict[int, bool]
    deadlines: dict[int, date]
    groups: list[Group]
    total: Group
    late_orgs: list[dict[str, Any]]
    late_more: bool


def available_years() -> list[int]:
    """Fiscal years that have plans, newest first (one query); the current year when there are none."""
    years = sorted(set(Plan.objects.order_by().values_list("fiscal_year", flat=True).distinct()), reverse=True)
    return years or [thai.fiscal_year(timezone.localdate())]


def catalogue_spec(year: int) -> Spec:
    """The year's grade bands and pass mark; a year with no catalogue borrows the nearest earlier one."""
    try:
        return Spec.of(active_catalogue(year))
    except ServiceError:
        years = shipped_years()
        earlier = [y for y in years if y <= year]
        return Spec.of(active_catalogue(max(earlier) if earlier else min(years)))


def figures(scope: Scope, year: int, *, today: date | None = None, late_limit: int | None = 100) -> Figures:
    today = today or timezone.localdate()
    spec = catalogue_spec(year)
    grades = [grade for grade, _low, _high in spec.bands]
    due = {r: lateness.is_due(year, r, today) for r in lateness.ROUNDS}
    cutoffs = {r: lateness.cutoff(year, r) for r in lateness.ROUNDS}
    groups: dict[str, Group] = {}

    def group(key: Any) -> Group:
        key = str(key if key is not None else "")
        if key not in groups:
            groups[key] = Group(key=key, name=key)
        return groups[key]

    # 1. organisations (on a district's page: the organisations themselves)
    orgs = Organization.objects.filter(scope.filter()).order_by()
    if scope.rows_are_orgs:
        for row in orgs.values("id", "name", "slug", "kind", "is_demo"):
            g = group(row["id"])
            g.name, g.slug, g.kind, g.orgs, g.demo = row["name"], row["slug"], row["kind"], 1, int(row["is_demo"])
            g.kinds = {row["kind"]: 1}
    else:
        counted = orgs.values(scope.group(), "kind").annotate(n=Count("id"), demo=Count("id", filter=Q(is_demo=True)))
        for row in counted:
            g = group(row[scope.group()])
            g.orgs += row["n"]
            g.demo += row["demo"]
            g.kinds[row["kind"]] = g.kinds.get(row["kind"], 0) + row["n"]

    # 2. ITA results of the year
    key = scope.group("organization__")
    aggregates: dict[str, Any] = {
        "assessed": Count("id", filter=Q(ita__isnull=False)),
        "passed": Count("id", filter=Q(ita__gte=spec.pass_mark)),
        "s0": Sum("ita"),
        "c0": Count("ita"),
    }
    for i, grade in enumerate(grades):
        aggregates[f"g{i}"] = Count("id", filter=Q(grade=grade))
    for n in INDICATORS:
        aggregates[f"s{n}"] = Sum(f"indicator_{n}")
        aggregates[f"c{n}"] = Count(f"indicator_{n}")
    assessments = Assessment.objects.filter(scope.filter("organization__"), year=year).order_by()
    for row in assessments.values(key).annotate(**aggregates):
        g = group(row[key])
        g.assessed, g.passed = row["assessed"], row["passed"]
        g.grades = {grade: row[f"g{i}"] for i, grade in enumerate(grades)}
        for n in (0, *INDICATORS):
            g.sums[n] = row[f"s{n}"] or Decimal(0)
            g.counts[n] = row[f"c{n}"]

    # 3. measures of the year's plans, and those done per round: one pass over the measures, each
    # joined to its progress of each round if done (at most one per round: progress_one_per_round).
    key = scope.group("plan__organization__")
    done_in = {
        f"done{r}": FilteredRelation("progress", condition=Q(progress__round=r, progress__status=ProgressStatus.DONE))
        for r in Round.values
    }
    measures = (
        Measure.objects.filter(scope.filter("plan__organization__"), plan__fiscal_year=year)
        .annotate(**done_in)
        .order_by()
    )
    # COUNT(*) and COUNT(<join>.measure_id), not of the ids: read from the indexes alone (measures 0004).
    counted = {"n": Count("*"), **{f"d{r}": Count(f"done{r}__measure") for r in Round.values}}
    for row in measures.values(key).annotate(**counted):
        g = group(row[key])
        g.measures = row["n"]
        g.done = {r: row[f"d{r}"] for r in Round.values if row[f"d{r}"]}

    # 4. organisations whose report of each round was approved by the deadline
    key = scope.group("organization__")
    reports = Snapshot.objects.filter(
        scope.filter("organization__"),
        plan__fiscal_year=year,
        kind=DocKind.REPORT,
        status=SnapshotStatus.APPROVED,
    ).order_by()
    if scope.rows_are_orgs:
        by_round = {f"r{r}": Min("approved_at", filter=Q(round=r)) for r in lateness.ROUNDS}
        for row in reports.values(key).annotate(**by_round):
            g = group(row[key])
            for r in lateness.ROUNDS:
                first = row[f"r{r}"]
                g.first_approved[r] = first
                g.on_time[r] = int(first is not None and first < cutoffs[r])
    else:
        in_time = {
            f"r{r}": Count("organization_id", distinct=True, filter=Q(round=r, approved_at__lt=cutoffs[r]))
            for r in lateness.ROUNDS
        }
        for row in reports.values(key).annotate(**in_time):
            g = group(row[key])
            g.on_time = {r: row[f"r{r}"] for r in lateness.ROUNDS}

    # 5. complaints of the fiscal year: counts only
    key = scope.group("organization__")
    cases = Case.objects.filter(scope.filter("organization__"), fiscal_year=year).order_by()
    # Counting columns of the index case_year_counts (never null), not ids: no table reads.
    counted = {
        "total": Count("*"),
        "open": Count("status", filter=Q(status__in=OPEN_STATUSES)),
        "corruption": Count("confidential", filter=Q(confidential=True)),
    }
    for row in cases.values(key).annotate(**counted):
        g = group(row[key])
        g.cases, g.open_cases, g.corruption = row["total"], row["open"], row["corruption"]

    # 6. the organisations late with a report that is due
    late_orgs, late_more = _late_orgs(scope, year, due, cutoffs, late_limit)

    rows = [g for g in groups.values() if g.orgs]
    rows.sort(key=lambda g: thai_key(g.name))
    total = Group(key="", name="")
    for g in rows:
        total.add(g)
    return Figures(
        scope=scope,
        year=year,
        grades=grades,
        pass_grades=[grade for grade, low, _high in spec.bands if low >= spec.pass_mark],
        pass_mark=spec.pass_mark,
        due=due,
        deadlines={r: lateness.deadline(year, r) for r in lateness.ROUNDS},
        groups=rows,
        total=total,
        late_orgs=late_orgs,
        late_more=late_more,
    )


def _late_orgs(
    scope: Scope, year: int, due: dict[int, bool], cutoffs: dict[int, datetime], limit: int | None
) -> tuple[list[dict[str, Any]], bool]:
    """Organisations of the scope with no report of a due round approved by its deadline (HAVING, one query)."""
    rounds = [r for r in lateness.ROUNDS if due[r]]
    if not rounds or limit == 0:
        return [], False
    # Each organisation joined to its plan of the year and that plan's snapshots, not to every
    # snapshot of every year.
    year_plan = FilteredRelation("plans", condition=Q(plans__fiscal_year=year))
    orgs = (
        Organization.objects.filter(scope.filter())
        .annotate(year_plan=year_plan)
        .annotate(
            **{f"r{r}": Min("year_plan__snapshots__approved_at", filter=_report_filter(r)) for r in lateness.ROUNDS}
        )
    )
    late = Q()
    for r in rounds:
        late |= Q(**{f"r{r}__isnull": True}) | Q(**{f"r{r}__gte": cutoffs[r]})
    rows = (
        orgs.filter(late)
        .order_by("province", "district", "name")
        .values("name", "slug", "kind", "province", "district", *[f"r{r}" for r in lateness.ROUNDS])
    )
    found = list(rows if limit is None else rows[: limit + 1])
    more = limit is not None and len(found) > limit
    for row in found:
        for r in lateness.ROUNDS:
            row[f"late{r}"] = due[r] and (row[f"r{r}"] is None or row[f"r{r}"] >= cutoffs[r])
    return found[:limit] if limit is not None else found, more


def _report_filter(round_no: int) -> Q:
    return Q(
        year_plan__snapshots__organization=F("pk"),
        year_plan__snapshots__kind=DocKind.REPORT,
        year_plan__snapshots__status=SnapshotStatus.APPROVED,
        year_plan__snapshots__round=round_no,
    )
