"""A national or provincial sheet of ITA results: one row per organisation, thousands of rows.

Every value is checked first (a bad cell is named and nothing is written). Organisations are
matched by code, then by exact name + province (spaces tidied, "จังหวัด" before a province left
out); rows that match none are listed in the result, never dropped. Rows are written in batches
with bulk_create/bulk_update, inside one transaction, and each batch has ONE audit record (an
ImportBatch: who, when, the file's SHA-256, rows, created/updated/unknown counts) instead of a
history row per assessment.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any, cast

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.digits import num
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.ita.models import INDICATORS, Assessment, ImportBatch, Source
from prongsai.ita.scoring import Spec, compute
from prongsai.ita.services.assessments import check_year, fill
from prongsai.ita.services.catalogues import active_catalogue
from prongsai.ita.sheets import NationalRow, check_score, indicator_label
from prongsai.orgs.models import Organization

MAX_ERRORS_SHOWN = 10
_UPDATE_FIELDS = [
    *(f"indicator_{n}" for n in INDICATORS),
    "catalogue",
    "iit",
    "eit",
    "oit",
    "iit_share",
    "eit_share",
    "oit_share",
    "ita",
    "grade",
    "passed",
    "source",
    "entered_by",
    "import_batch",
    "updated_at",
]
_PROVINCE_PREFIX = re.compile(r"^(?:จังหวัด|จ\.)\s*")


@dataclass(frozen=True)
class UnknownRow:
    row: int
    code: str
    name: str
    province: str
    ambiguous: bool = False  # more than one organisation has this code or name + province


@dataclass
class NationalResult:
    run: uuid.UUID
    rows: int = 0
    created: int = 0
    updated: int = 0
    unknown: list[UnknownRow] = field(default_factory=list)
    batches: list[ImportBatch] = field(default_factory=list)


def _name_key(name: str, province: str) -> tuple[str, str]:
    return " ".join(name.split()), _PROVINCE_PREFIX.sub("", " ".join(province.split()))


def _require_overseer(actor: Any) -> None:
    if not (getattr(actor, "is_superuser", False) or getattr(actor, "username", None) == settings.SYSTEM_USERNAME):
        raise NotAllowed(_("เฉพาะผู้ดูแลระบบนำเข้าผลคะแนนระดับจังหวัดหรือประเทศได้"))


def _cell(row: int, number: int) -> str:
    return _("แถวที่ %(row)s คอลัมน์ %(col)s") % {"row": num(row), "col": indicator_label(number)}


def _checked(rows: Sequence[NationalRow]) -> list[dict[int, Decimal]]:
    """Every row's scores, or a ServiceError naming the first bad cells (nothing is written)."""
    out: list[dict[int, Decimal]] = []
    errors: list[str] = []
    for row in rows:
        scores: dict[int, Decimal] = {}
        bad = False
        for number, value in sorted(row.values.items()):
            try:
                score = check_score(value, partial(_cell, row.row, number), "file")
            except ServiceError as err:
                errors.append(err.message)
                bad = True
                continue
            if score is not None:
                scores[number] = score
        if not scores and not bad:
            errors.append(_("แถวที่ %(row)s: ไม่มีคะแนนตัวชี้วัด") % {"row": num(row.row)})
        out.append(scores)
    if errors:
        shown = "; ".join(errors[:MAX_ERRORS_SHOWN])
        more = len(errors) - MAX_ERRORS_SHOWN
        if more > 0:
            shown += _(" (และอีก %(n)s จุด)") % {"n": more}
        raise ServiceError(shown + _(" — ไม่ได้บันทึกข้อมูลใด"), "file")
    return out


def _matcher() -> Callable[[NationalRow], int | str | None]:
    """Row -> organisation id (by code, then name + province); "ambiguous" or None when not one."""
    by_code: dict[str, Any] = {}
    by_name: dict[tuple[str, str], Any] = {}
    for pk, code, name, province in Organization.objects.values_list("pk", "code", "name", "province"):
        if code.strip():
            key = code.strip()
            by_code[key] = "ambiguous" if key in by_code else pk
        name_key = _name_key(name, province)
        by_name[name_key] = "ambiguous" if name_key in by_name else pk

    def match(row: NationalRow) -> Any:
        if row.code and row.code.strip() in by_code:
            return by_code[row.code.strip()]
        if row.name:
            return by_name.get(_name_key(row.name, row.province))
        return None

    return match


def _update_rows(assessments: list[Assessment]) -> None:
    """UPDATE every row in one executemany: bulk_update's CASE WHEN grows with the batch squared."""
    if not assessments:
        return
    meta = Assessment._meta
    fields = [cast("models.Field[Any, Any]", meta.get_field(name)) for name in _UPDATE_FIELDS]
    pk = cast("models.Field[Any, Any]", meta.pk)
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608  (names from the model, values as parameters)
        quote(meta.db_table), ", ".join(f"{quote(f.column)} = %s" for f in fields), quote(pk.column)
    )
    params = [
        [
            *(f.get_db_prep_save(getattr(a, f.attname), connection) for f in fields),
            pk.get_db_prep_save(a.pk, connection),
        ]
        for a in assessments
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def import_national_sheet(
    actor: Any,
    year: Any,
    rows: Sequence[NationalRow],
    *,
    progress: Callable[[int, int], None] | None = None,
    source_name: str = "",
    sha256: str = "",
    batch_size: int = 1000,
) -> NationalResult:
    """Write a sheet's rows as assessments of `year`; returns counts and the unknown organisations."""
    _require_overseer(actor)
    year = check_year(year)
    catalogue = active_catalogue(year)
    spec = Spec.of(catalogue)
    all_scores = _checked(rows)
    match = _matcher()
    matched: list[Any] = []
    seen: dict[Any, int] = {}
    for row in rows:
        org_id = match(row)
        if org_id not in (None, "ambiguous"):
            if org_id in seen:
                raise ServiceError(
                    _("แถวที่ %(row)s เป็นหน่วยงานเดียวกับแถวที่ %(other)s — ไม่ได้บันทึกข้อมูลใด")
                    % {"row": num(row.row), "other": num(seen[org_id])},
                    "file",
                )
            seen[org_id] = row.row
        matched.append(org_id)

    result = NationalResult(run=uuid.uuid4(), rows=len(rows))
    total = len(rows)
    with transaction.atomic():
        existing = {a.organization_id: a for a in Assessment.objects.filter(year=year, organization_id__in=list(seen))}
        now = timezone.now()
        for number, start in enumerate(range(0, total, batch_size), start=1):
            chunk = range(start, min(start + batch_size, total))
            batch = ImportBatch(
                run=result.run,
                number=number,
                year=year,
                actor=actor,
                source_name=source_name[:300],
                sha256=sha256,
                first_row=rows[chunk[0]].row,
                last_row=rows[chunk[-1]].row,
                rows=len(chunk),
                created=0,
                updated=0,
                unknown=0,
            )
            to_create: list[Assessment] = []
            to_update: list[Assessment] = []
            for i in chunk:
                row, org_id = rows[i], matched[i]
                if org_id in (None, "ambiguous"):
                    result.unknown.append(UnknownRow(row.row, row.code, row.name, row.province, org_id == "ambiguous"))
                    batch.unknown += 1
                    continue
                scores = all_scores[i]
                old = existing.get(org_id)
                assessment = old or Assessment(organization_id=org_id, year=year)
                fill(
                    assessment,
                    catalogue,
                    scores,
                    compute(spec, scores),
                    source=Source.NATIONAL,
                    actor=actor,
                    batch=batch,
                )
                (to_update if old else to_create).append(assessment)
                if old:
                    assessment.updated_at = now
            batch.created, batch.updated = len(to_create), len(to_update)
            batch.save()
            Assessment.objects.bulk_create(to_create, batch_size=500)
            _update_rows(to_update)
            result.created += batch.created
            result.updated += batch.updated
            result.batches.append(batch)
            if progress is not None:
                progress(chunk[-1] + 1, total)
    if progress is not None and total == 0:
        progress(0, 0)
    return result
