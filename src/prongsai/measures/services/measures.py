"""Measures and their progress per round, with optimistic locking on every edit."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from prongsai.core import limits, thai
from prongsai.core.digits import digits, num
from prongsai.core.errors import ConflictError, NotAllowed, ServiceError
from prongsai.measures.access import can_edit_measure
from prongsai.measures.models import Measure, Plan, Progress, ProgressStatus, Round
from prongsai.measures.services._audit import (
    delete_audited,
    require_editor,
    require_same_org,
    save_audited,
)
from prongsai.orgs.models import Department, Membership


@dataclass
class MeasureData:
    title: str
    methods: list[str] = field(default_factory=list)
    department_ids: list[Any] = field(default_factory=list)
    responsible_text: str = ""
    timeframe_text: str = ""
    months: list[tuple[int, int]] = field(default_factory=list)
    indicators: list[int] = field(default_factory=list)
    target: str = ""
    oit_topics: list[str] = field(default_factory=list)  # stable topic keys of OIT items, e.g. "no-gift"


_TOPIC = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class ProgressData:
    results: list[str] = field(default_factory=list)
    status: str = ProgressStatus.NOT_STARTED
    status_text: str = ""
    outcome: str = ""
    suggestions: str = ""
    problems: str = ""


def clean_items(items: list[str]) -> list[str]:
    return [item.strip() for item in items if item and item.strip()]


def _limit_measure(data: MeasureData) -> MeasureData:
    """The texts stripped, each within its limit (core/limits.py), or ServiceError naming the field."""
    limited = MeasureData(
        title=limits.check_text(data.title, limits.MEASURE_TITLE, "title", _("มาตรการหรือกิจกรรม")),
        methods=limits.check_items(data.methods, "methods", _("วิธีการดำเนินการ")),
        department_ids=data.department_ids,
        responsible_text=limits.check_text(
            data.responsible_text, limits.RESPONSIBLE, "responsible_text", _("ผู้รับผิดชอบ")
        ),
        timeframe_text=limits.check_text(data.timeframe_text, limits.TIMEFRAME, "timeframe_text", _("ระยะเวลา")),
        months=data.months,
        indicators=data.indicators,
        target=limits.check_text(data.target, limits.TARGET, "target", _("เป้าหมาย")),
        oit_topics=data.oit_topics,
    )
    texts = [limited.title, limited.responsible_text, limited.timeframe_text, limited.target, *limited.methods]
    limits.check_total(texts, limits.MEASURE_TOTAL, "title", _("มาตรการนี้"))
    return limited


def _limit_progress(data: ProgressData) -> ProgressData:
    limited = ProgressData(
        results=limits.check_items(data.results, "results", _("ผลการดำเนินการ")),
        status=data.status,
        status_text=limits.check_text(data.status_text, limits.STATUS_TEXT, "status_text", _("ผลลัพธ์หรือความสำเร็จ")),
        outcome=limits.check_text(data.outcome, limits.PARAGRAPH, "outcome", _("ผลลัพธ์")),
        suggestions=limits.check_text(data.suggestions, limits.PARAGRAPH, "suggestions", _("ข้อเสนอแนะ")),
        problems=limits.check_text(data.problems, limits.PARAGRAPH, "problems", _("ปัญหา/อุปสรรค")),
    )
    texts = [limited.status_text, limited.outcome, limited.suggestions, limited.problems, *limited.results]
    limits.check_total(texts, limits.MEASURE_TOTAL, "results", _("ผลการดำเนินการรอบนี้"))
    return limited


def _clean_measure(plan: Plan, data: MeasureData) -> tuple[MeasureData, list[Department]]:
    data = _limit_measure(data)
    title = data.title
    if not title:
        raise ServiceError(_("กรุณากรอกชื่อมาตรการหรือกิจกรรม"), "title")
    months = sorted({(int(y), int(m)) for y, m in data.months})
    if any(not 1 <= m <= 12 for _y, m in months):
        raise ServiceError(digits(_("เดือนต้องเป็นเลข ๑ ถึง ๑๒")), "timeframe_text")
    if not months and data.timeframe_text.strip():
        months = list(thai.parse_month_phrase(data.timeframe_text, fiscal_year=plan.fiscal_year).months)
    if months and not thai.months_in_fiscal_year(months, plan.fiscal_year):
        raise ServiceError(
            _('ระยะเวลา "%(phrase)s" อยู่นอกปีงบประมาณ %(year)s (ตุลาคม %(start)s – กันยายน %(end)s)')
            % {
                "phrase": data.timeframe_text.strip() or thai.format_months(months),
                "year": num(plan.fiscal_year),
                "start": num(plan.fiscal_year - 1),
                "end": num(plan.fiscal_year),
            },
            "timeframe_text",
        )
    indicators = sorted({int(i) for i in data.indicators})
    if any(not 1 <= i <= 10 for i in indicators):
        raise ServiceError(digits(_("ตัวชี้วัด ITA ต้องเป็นเลข ๑ ถึง ๑๐")), "indicators")
    oit_topics = sorted({str(t).strip() for t in data.oit_topics if str(t).strip()})
    bad = next((t for t in oit_topics if not _TOPIC.match(t) or len(t) > 60), None)
    if bad is not None:
        raise ServiceError(_('หัวข้อของข้อ OIT "%(t)s" ไม่ถูกต้อง') % {"t": bad}, "oit_topics")
    departments = list(Department.objects.filter(organization_id=plan.organization_id, pk__in=data.department_ids))
    if len(departments) != len(set(map(str, data.department_ids))):
        raise ServiceError(_("ส่วนราชการที่เลือกไม่ใช่ของหน่วยงานนี้"), "departments")
    timeframe_text = data.timeframe_text.strip() or (thai.format_months(months) if months else "")
    cleaned = MeasureData(
        title=title,
        methods=clean_items(data.methods),
        department_ids=[d.pk for d in departments],
        responsible_text=data.responsible_text.strip(),
        timeframe_text=timeframe_text,
        months=months,
        indicators=indicators,
        target=data.target.strip(),
        oit_topics=oit_topics,
    )
    return cleaned, departments


def _check_limited_editor(membership: Membership, departments: list[Department]) -> None:
    allowed = {d.pk for d in membership.departments.all()}
    if membership.is_admin or not allowed:
        return
    if not any(d.pk in allowed for d in departments):
        raise NotAllowed(_("คุณแก้ไขได้เฉพาะมาตรการของส่วนราชการที่ได้รับมอบหมาย"), "departments")


def _apply(measure: Measure, data: MeasureData) -> None:
    measure.title = data.title
    measure.methods = data.methods
    measure.responsible_text = data.responsible_text
    measure.timeframe_text = data.timeframe_text
    measure.months = [list(m) for m in data.months]
    measure.indicators = data.indicators
    measure.oit_topics = data.oit_topics
    measure.target = data.target
    measure.timeframe_needs_review = False


def _require_draft(plan: Plan) -> None:
    if plan.measures_locked:
        raise NotAllowed(_('แผนนี้เสนออนุมัติหรืออนุมัติแล้ว: กด "ขอแก้ไขแผน" ก่อนจึงจะแก้มาตรการได้'))


@transaction.atomic
def create_measure(plan: Plan, membership: Membership, actor: Any, data: MeasureData) -> Measure:
    require_editor(membership)
    require_same_org(membership, plan.organization_id)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require_draft(plan)
    cleaned, departments = _clean_measure(plan, data)
    _check_limited_editor(membership, departments)
    number = (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1
    measure = Measure(plan=plan, number=number)
    _apply(measure, cleaned)
    save_audited(measure, actor, "create measure")
    measure.departments.set(departments)
    for round_no in Round.values:
        save_audited(Progress(measure=measure, round=round_no), actor, "create measure")
    return measure


def _locked_measure(measure: Measure, membership: Membership) -> Measure:
    require_same_org(membership, measure.plan.organization_id)
    locked = Measure.objects.select_for_update().select_related("plan").get(pk=measure.pk)
    if not can_edit_measure(membership, locked):
        raise NotAllowed(_("คุณแก้ไขได้เฉพาะมาตรการของส่วนราชการที่ได้รับมอบหมาย"))
    return locked


@transaction.atomic
def update_measure(
    measure: Measure, membership: Membership, actor: Any, data: MeasureData, *, expected_version: int
) -> Measure:
    require_editor(membership)
    measure = _locked_measure(measure, membership)
    _require_draft(measure.plan)
    cleaned, departments = _clean_measure(measure.plan, data)
    _check_limited_editor(membership, departments)
    if measure.version != expected_version:
        submitted = asdict(cleaned) | {"departments": sorted(d.name for d in departments)}
        raise ConflictError(
            _("มีผู้อื่นบันทึกมาตรการนี้ก่อนคุณ (ฉบับที่ %(current)s) ข้อมูลของคุณยังอยู่ด้านล่าง: ตรวจแล้วบันทึกอีกครั้ง")
            % {"current": measure.version},
            current=measure.to_dict(),
            submitted=submitted,
        )
    _apply(measure, cleaned)
    measure.version += 1
    save_audited(measure, actor, "edit measure")
    if {d.pk for d in measure.departments.all()} != {d.pk for d in departments}:
        measure._history_user = actor  # type: ignore[attr-defined]
        measure.departments.set(departments)
    return measure


@transaction.atomic
def delete_measure(measure: Measure, membership: Membership, actor: Any) -> None:
    require_editor(membership)
    measure = _locked_measure(measure, membership)
    if measure.plan.was_ever_approved:
        raise NotAllowed(_('มาตรการของแผนที่เคยอนุมัติแล้วลบไม่ได้: บันทึกสถานะเป็น "ยกเลิก" แทน'))
    _require_draft(measure.plan)
    if measure.evidence.exists():
        raise NotAllowed(_("มาตรการนี้มีหลักฐานแนบอยู่ จึงลบไม่ได้"))
    plan = measure.plan
    for progress in measure.progress.all():
        delete_audited(progress, actor, "delete measure")
    delete_audited(measure, actor, "delete measure")
    _renumber(plan, actor, [m.pk for m in plan.measures.order_by("number")])


def _renumber(plan: Plan, actor: Any, order: list[Any]) -> None:
    measures = {m.pk: m for m in plan.measures.select_for_update()}
    for number, pk in enumerate(order, start=1):
        measure = measures[pk]
        if measure.number != number:
            measure.number = number
            measure.version += 1
            save_audited(measure, actor, "reorder measures")


@transaction.atomic
def reorder_measures(plan: Plan, membership: Membership, actor: Any, order: list[Any]) -> None:
    require_editor(membership)
    require_same_org(membership, plan.organization_id)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require_draft(plan)
    existing = {str(pk) for pk in plan.measures.values_list("pk", flat=True)}
    if {str(pk) for pk in order} != existing or len(order) != len(existing):
        raise ServiceError(_("ลำดับที่ส่งมาไม่ครบทุกมาตรการของแผน: โหลดหน้าใหม่แล้วลองอีกครั้ง"))
    by_str = {str(pk): pk for pk in plan.measures.values_list("pk", flat=True)}
    _renumber(plan, actor, [by_str[str(pk)] for pk in order])


def prefilled_progress(progress: Progress) -> ProgressData:
    """What the progress form starts from: round 2 never saved starts from round 1."""
    source = progress
    if progress.round == Round.TWELVE_MONTHS and progress.version == 0:
        first = Progress.objects.filter(measure_id=progress.measure_id, round=Round.SIX_MONTHS).first()
        if first is not None and first.version > 0:
            source = first
    return ProgressData(
        results=list(source.results),
        status=source.status,
        status_text=source.status_text,
        outcome=source.outcome,
        suggestions=source.suggestions,
        problems=source.problems,
    )


@transaction.atomic
def record_progress(
    measure: Measure,
    round_no: int,
    membership: Membership,
    actor: Any,
    data: ProgressData,
    *,
    expected_version: int,
) -> Progress:
    require_editor(membership)
    measure = _locked_measure(measure, membership)
    if round_no not in Round.values:
        raise ServiceError(digits(_("รอบต้องเป็น ๑ (๖ เดือน) หรือ ๒ (๑๒ เดือน)")), "round")
    if data.status not in ProgressStatus.values:
        raise ServiceError(_("สถานะไม่ถูกต้อง"), "status")
    data = _limit_progress(data)
    progress, _created = Progress.objects.select_for_update().get_or_create(measure=measure, round=round_no)
    if progress.version != expected_version:
        raise ConflictError(
            _("มีผู้อื่นบันทึกผลการดำเนินการนี้ก่อนคุณ ข้อมูลของคุณยังอยู่ด้านล่าง: ตรวจแล้วบันทึกอีกครั้ง"),
            current=progress.to_dict(),
            submitted=asdict(data),
        )
    progress.results = clean_items(data.results)
    progress.status = data.status
    progress.status_text = data.status_text.strip()
    progress.outcome = data.outcome.strip()
    progress.suggestions = data.suggestions.strip()
    progress.problems = data.problems.strip()
    progress.version += 1
    save_audited(progress, actor, f"record progress round {round_no}")
    return progress
