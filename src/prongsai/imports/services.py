"""Writing a parsed report into a plan: measures, departments, progress — all or nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.digits import num
from prongsai.core.errors import ServiceError
from prongsai.imports.models import ImportRecord, ImportStatus
from prongsai.imports.report_row import row_texts
from prongsai.imports.seed import ImportFormatError, ParsedReport
from prongsai.measures import services as measure_services
from prongsai.measures.models import Plan, PlanStatus, ProgressStatus
from prongsai.orgs import grants
from prongsai.orgs.models import Department, Membership, Organization


@dataclass
class ImportResult:
    plan: Plan
    measures: int
    warnings: list[str] = field(default_factory=list)


def _norm(name: str) -> str:
    return re.sub(r"[\sฯ]", "", name)


def match_departments(written: list[str], departments: list[Department]) -> tuple[list[Department], list[str]]:
    """Departments named as written ("กองสาธารณสุขฯ") matched to the organisation's ("กองสาธารณสุขและสิ่งแวดล้อม")."""
    found: list[Department] = []
    missing: list[str] = []
    for name in written:
        key = _norm(name)
        exact = [d for d in departments if _norm(d.name) == key]
        prefix = [d for d in departments if key and _norm(d.name).startswith(key)]
        # "สำนักปลัด" also names "สำนักปลัดเทศบาล"; an abbreviated name must point at one department only.
        candidates = exact or (prefix if len(prefix) == 1 else [])
        if candidates:
            if candidates[0] not in found:
                found.append(candidates[0])
        else:
            missing.append(name)
    return found, missing


def where(parsed: Any) -> str:
    """The measure's place in its file: a line of a text report, or a table row of a Word/PDF/Excel one."""
    return getattr(parsed, "place", "") or _("บรรทัดที่ %(line)s") % {"line": parsed.line}


@transaction.atomic
def import_report(
    report: ParsedReport,
    membership: Membership,
    actor: Any,
    *,
    fiscal_year: int | None = None,
    round_no: int = 2,
) -> ImportResult:
    """Create the plan of the report's year (or fill an empty draft) with its measures and results.

    Raises ImportFormatError naming the line of the first measure that cannot be written; then nothing is.
    """
    org: Organization = membership.organization
    year = fiscal_year or report.fiscal_year
    if not year:
        raise ImportFormatError(None, _("ไม่พบปีงบประมาณในเอกสาร: ระบุปีด้วย --year"))
    warnings = list(report.warnings)
    if report.fiscal_year and fiscal_year and report.fiscal_year != fiscal_year:
        warnings.append(
            _("เอกสารระบุปีงบประมาณ %(doc)s แต่นำเข้าเป็นปี %(year)s") % {"doc": num(report.fiscal_year), "year": num(year)}
        )
    if report.organization and _norm(report.organization) != _norm(org.name):
        warnings.append(
            _('หน่วยงานในเอกสาร "%(doc)s" ต่างจากหน่วยงานที่นำเข้า "%(org)s"') % {"doc": report.organization, "org": org.name}
        )
    plan = Plan.objects.filter(organization=org, fiscal_year=year).first()
    if plan is None:
        plan = measure_services.create_plan(membership, actor, fiscal_year=year, title=report.title, intro=report.intro)
    elif plan.status != PlanStatus.DRAFT or plan.measures.exists():
        raise ImportFormatError(
            None,
            _("มีแผนปีงบประมาณ %(year)s ที่มีมาตรการอยู่แล้ว: นำเข้าได้เฉพาะปีที่ยังไม่มีแผน หรือแผนร่างที่ยังว่าง") % {"year": num(year)},
        )
    departments = list(org.departments.all())
    for parsed in report.measures:
        matched, missing = match_departments(parsed.departments, departments)
        for name in missing:
            warnings.append(
                _('%(place)s: ไม่พบส่วนราชการ "%(name)s" ในหน่วยงาน เก็บไว้ตามที่เขียน')
                % {"place": where(parsed), "name": name}
            )
        data = measure_services.MeasureData(
            title=parsed.title,
            methods=parsed.methods,
            department_ids=[d.pk for d in matched],
            responsible_text=parsed.responsible,
            timeframe_text=parsed.timeframe,
        )
        try:
            measure = measure_services.create_measure(plan, membership, actor, data)
            texts = row_texts(parsed.outcome, parsed.suggestions, parsed.problems, parsed.status)
            measure_services.record_progress(
                measure,
                round_no,
                membership,
                actor,
                measure_services.ProgressData(
                    results=parsed.results,
                    status=texts.status or ProgressStatus.NOT_STARTED,
                    status_text=texts.status_text,
                    outcome=texts.outcome,
                    suggestions=texts.suggestions,
                    problems=texts.problems,
                ),
                expected_version=0,
            )
        except ServiceError as err:
            raise ImportFormatError(
                parsed.line if not parsed.place else None,
                f"{where(parsed)}: {err.message}" if parsed.place else err.message,
            ) from None
    return ImportResult(plan=plan, measures=len(report.measures), warnings=warnings)


@transaction.atomic
def import_report_file(
    data: bytes,
    filename: str,
    report: ParsedReport,
    membership: Membership,
    actor: Any,
    *,
    fiscal_year: int | None = None,
    round_no: int = 2,
) -> ImportResult:
    """`import_report` of a whole file, recorded with its SHA-256 like the web and folder imports: the
    same file again is refused (naming who imported it and when) and nothing is written."""
    from prongsai.imports.models import ImportKind
    from prongsai.imports.preview import already_message, committed, record_committed, sha256

    org = membership.organization
    digest = sha256(data)
    done = committed(org, digest)
    if done is not None:
        raise ServiceError(already_message(done))
    result = import_report(report, membership, actor, fiscal_year=fiscal_year, round_no=round_no)
    counts = {"measures_created": result.measures, "progress_recorded": result.measures}
    record_committed(
        data, filename, org, result.plan, actor, fiscal_year=result.plan.fiscal_year,
        source_format=report.source_format, kind=ImportKind.REPORT, round_no=round_no, counts=counts,
    )  # fmt: skip
    return result


def _end_pending_uploads(member: Membership, actor: Any) -> None:
    """A leaver's uploads waiting for confirmation in that organisation end with the membership (orgs/grants.py).

    Drafts are temporary copies of an upload (imports/models.py; old ones are deleted at the next
    upload anyway): they are deleted, so nobody can confirm one later. Committed imports stay.
    """
    ImportRecord.objects.filter(
        organization_id=member.organization_id, created_by_id=member.user_id, status=ImportStatus.DRAFT
    ).delete()


grants.register("pending uploads", _end_pending_uploads)
