"""An organisation's ITA scores: typed in a form, pasted, or read from its own sheet."""

from __future__ import annotations

from decimal import Decimal
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.audit import save_audited
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.uploads import check_upload
from prongsai.ita.models import INDICATORS, Assessment, Catalogue, ImportBatch, Source
from prongsai.ita.scoring import Result, Spec, compute
from prongsai.ita.services.catalogues import active_catalogue
from prongsai.ita.sheets import SHEET_TYPES, check_scores, read_score_sheet
from prongsai.orgs.models import Membership

MIN_YEAR, MAX_YEAR = 2550, 2650
MAX_SHEET_MB = 5


def check_year(year: Any) -> int:
    try:
        value = int(year)
    except (TypeError, ValueError):
        value = 0
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise ServiceError(_("ปี ITA %(year)s ไม่ถูกต้อง: ใช้ปี พ.ศ. เช่น 2568") % {"year": year}, "year")
    return value


def fill(
    assessment: Assessment,
    catalogue: Catalogue,
    scores: dict[int, Decimal],
    result: Result,
    *,
    source: str,
    actor: Any,
    batch: ImportBatch | None = None,
) -> Assessment:
    """Put scores and what the formula made of them on an assessment (not saved)."""
    for number in INDICATORS:
        setattr(assessment, f"indicator_{number}", scores.get(number))
    assessment.catalogue = catalogue
    assessment.iit, assessment.eit, assessment.oit = result.iit, result.eit, result.oit
    assessment.iit_share, assessment.eit_share, assessment.oit_share = (
        result.iit_share,
        result.eit_share,
        result.oit_share,
    )
    assessment.ita = result.ita
    assessment.grade = result.grade or ""
    assessment.passed = result.passed
    assessment.source = source
    assessment.entered_by = actor
    assessment.import_batch = batch
    return assessment


@transaction.atomic
def record_assessment(
    membership: Membership, actor: Any, year: Any, scores: dict[int, Any], source: str = Source.FORM
) -> Assessment:
    """Save the organisation's scores of an ITA year (a second save of the same year replaces them).

    Scores: indicator number -> a value 0-100 (Decimal, number or text, Thai digits allowed);
    blanks are left out. A bad value names its indicator and nothing is written.
    """
    if not membership.can_edit:
        raise NotAllowed(_("บทบาทของคุณอ่านได้อย่างเดียว แก้ไขไม่ได้"))
    if source not in Source.values:
        raise ServiceError(_("ที่มาของคะแนนไม่ถูกต้อง"))
    year = check_year(year)
    catalogue = active_catalogue(year)
    clean = check_scores(scores)
    if not clean:
        raise ServiceError(_("ใส่คะแนนอย่างน้อยหนึ่งตัวชี้วัด"))
    result = compute(Spec.of(catalogue), clean)
    org = membership.organization
    assessment = Assessment.objects.select_for_update().filter(organization=org, year=year).first()
    created = assessment is None
    assessment = fill(
        assessment or Assessment(organization=org, year=year), catalogue, clean, result, source=source, actor=actor
    )
    save_audited(assessment, actor, f"{'record' if created else 'replace'} ITA {year} scores ({source})")
    return assessment


def import_score_sheet(
    membership: Membership, actor: Any, year: Any, upload: IO[bytes], filename: str, size: int | None = None
) -> Assessment:
    """The organisation's scores from its own sheet (CSV or XLSX): read, checked, then recorded."""
    if not membership.can_edit:
        raise NotAllowed(_("บทบาทของคุณอ่านได้อย่างเดียว แก้ไขไม่ได้"))
    upload.seek(0)
    data = upload.read()
    checked = check_upload(upload, filename, len(data) if size is None else size, max_mb=MAX_SHEET_MB)
    if checked.extension not in SHEET_TYPES:
        raise ServiceError(_('ไฟล์ "%(name)s" ต้องเป็น .csv หรือ .xlsx') % {"name": checked.filename}, "file")
    scores = read_score_sheet(data, checked.filename)
    return record_assessment(membership, actor, year, dict(scores), Source.SHEET)
