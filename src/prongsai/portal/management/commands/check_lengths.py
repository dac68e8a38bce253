"""prongsai check-lengths: the saved texts longer than the limits of core/limits.py.

It lives in portal (which sits above measures and complaints), not in core, which knows no domain.
Rows saved before the limits existed (or written straight into the database) are kept as they are;
this lists them, one a line: organisation, fiscal year, where (measure number, round, case number),
field, length, limit. Exit status 0 with "ไม่พบ…" when there are none, 1 when some are listed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand

from prongsai.complaints.models import Case, CaseEvent
from prongsai.core import limits
from prongsai.measures.models import Evidence, Measure, Plan, Progress


@dataclass
class Over:
    organization: str
    fiscal_year: int
    place: str
    field: str
    length: int
    limit: int

    def line(self) -> str:
        return "\t".join(
            str(v) for v in (self.organization, self.fiscal_year, self.place, self.field, self.length, self.limit)
        )


def _text(value: Any, limit: int, field: str) -> Iterator[tuple[str, int, int]]:
    length = len(value or "")
    if length > limit:
        yield field, length, limit


def _items(values: Any, field: str) -> Iterator[tuple[str, int, int]]:
    items = [str(v) for v in values or []]
    if len(items) > limits.ITEMS:
        yield f"{field} (จำนวนข้อ)", len(items), limits.ITEMS
    for number, item in enumerate(items, start=1):
        yield from _text(item, limits.ITEM, f"{field}[{number}]")


def _total(texts: list[str], field: str) -> Iterator[tuple[str, int, int]]:
    total = sum(len(t or "") for t in texts)
    if total > limits.MEASURE_TOTAL:
        yield field, total, limits.MEASURE_TOTAL


def over_limits() -> Iterator[Over]:
    """Every saved text over its limit, plans and their measures first, then evidence, cases and their events."""
    for plan in Plan.objects.select_related("organization").order_by("organization__slug", "fiscal_year"):
        found = [*_text(plan.title, limits.PLAN_TITLE, "title"), *_text(plan.intro, limits.PLAN_INTRO, "intro")]
        for key, entry in (plan.signatures or {}).items():
            if isinstance(entry, dict):
                found += _text(entry.get("name"), limits.SIGNATURE, f"signatures.{key}.name")
                found += _text(entry.get("position"), limits.SIGNATURE, f"signatures.{key}.position")
        for field, length, limit in found:
            yield Over(plan.organization.slug, plan.fiscal_year, "แผน", field, length, limit)

    measures = Measure.objects.select_related("plan__organization").order_by(
        "plan__organization__slug", "plan__fiscal_year", "number"
    )
    for m in measures.iterator(chunk_size=200):
        found = [
            *_text(m.title, limits.MEASURE_TITLE, "title"),
            *_items(m.methods, "methods"),
            *_text(m.responsible_text, limits.RESPONSIBLE, "responsible_text"),
            *_text(m.timeframe_text, limits.TIMEFRAME, "timeframe_text"),
            *_text(m.target, limits.TARGET, "target"),
            *_total(
                [m.title, m.responsible_text, m.timeframe_text, m.target, *map(str, m.methods or [])], "(ทั้งมาตรการ)"
            ),
        ]
        for field, length, limit in found:
            yield Over(m.plan.organization.slug, m.plan.fiscal_year, f"มาตรการที่ {m.number}", field, length, limit)

    progress = Progress.objects.select_related("measure__plan__organization").order_by(
        "measure__plan__organization__slug", "measure__plan__fiscal_year", "measure__number", "round"
    )
    for p in progress.iterator(chunk_size=200):
        texts = [p.status_text, p.outcome, p.suggestions, p.problems, *map(str, p.results or [])]
        found = [
            *_items(p.results, "results"),
            *_text(p.status_text, limits.STATUS_TEXT, "status_text"),
            *_text(p.outcome, limits.PARAGRAPH, "outcome"),
            *_text(p.suggestions, limits.PARAGRAPH, "suggestions"),
            *_text(p.problems, limits.PARAGRAPH, "problems"),
            *_total(texts, "(ทั้งรอบ)"),
        ]
        plan = p.measure.plan
        for field, length, limit in found:
            place = f"มาตรการที่ {p.measure.number} รอบ {p.round}"
            yield Over(plan.organization.slug, plan.fiscal_year, place, field, length, limit)

    evidence = Evidence.objects.select_related("measure__plan__organization").order_by("created_at")
    for e in evidence.iterator(chunk_size=200):
        found = [
            *_text(e.title, limits.EVIDENCE_TITLE, "title"),
            *_text(e.url, limits.EVIDENCE_URL, "url"),
            *_text(e.withdrawn_reason, limits.REASON, "withdrawn_reason"),
        ]
        plan = e.measure.plan
        for field, length, limit in found:
            place = f"มาตรการที่ {e.measure.number} หลักฐาน {e.pk}"
            yield Over(plan.organization.slug, plan.fiscal_year, place, field, length, limit)

    cases = Case.objects.select_related("organization").order_by("organization__slug", "fiscal_year", "registry_no")
    for c in cases.iterator(chunk_size=200):
        found = [
            *_text(c.subject, limits.COMPLAINT_SUBJECT, "subject"),
            *_text(c.details, limits.COMPLAINT_DETAILS, "details"),
            *_text(c.place, limits.COMPLAINT_PLACE, "place"),
        ]
        for field, length, limit in found:
            yield Over(c.organization.slug, c.fiscal_year, f"เรื่องเลขรับ {c.registry_no}", field, length, limit)

    # The case's notes, replies and status reasons: only their lengths are printed, never their text.
    event_limits = {"note": limits.CASE_NOTE, "reply": limits.CASE_REPLY, "status": limits.REASON}
    events = (
        CaseEvent.objects.filter(kind__in=event_limits)
        .select_related("case__organization")
        .order_by("case__organization__slug", "case__fiscal_year", "case__registry_no", "created_at")
    )
    for event in events.iterator(chunk_size=200):
        case = event.case
        for field, length, limit in _text(event.text, event_limits[event.kind], f"{event.kind}.text"):
            yield Over(case.organization.slug, case.fiscal_year, f"เรื่องเลขรับ {case.registry_no}", field, length, limit)


class Command(BaseCommand):
    help = (
        "List saved texts longer than the limits in core/limits.py (organisation, fiscal year, place, "
        "field, length, limit). Exit 0 when there are none, 1 when some are listed."
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        rows = list(over_limits())
        if not rows:
            self.stdout.write("ไม่พบข้อความที่ยาวเกินขีดจำกัด — no saved text is over its limit")
            return
        self.stdout.write("หน่วยงาน\tปีงบประมาณ\tที่\tช่อง\tความยาว\tขีดจำกัด")
        for row in rows:
            self.stdout.write(row.line())
        self.stdout.write(f"พบ {len(rows)} รายการที่ยาวเกินขีดจำกัด — {len(rows)} texts over their limits")
        raise SystemExit(1)
