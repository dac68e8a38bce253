"""The overseers' dashboard and its exports. Read-only: overseers write nothing here or anywhere."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from prongsai.core import thai
from prongsai.documents.content import INDICATOR_NAMES
from prongsai.ita.models import INDICATORS
from prongsai.oversight import charts, exports
from prongsai.oversight.cache import change_marker, remembered
from prongsai.oversight.queries import Figures, available_years, figures
from prongsai.oversight.scope import DISTRICT, NATIONAL, PROVINCE, Scope, covers, home_scope, scope_for
from prongsai.oversight.tables import BUILDERS, Table, all_tables, percent

MIN_YEAR, MAX_YEAR = 2550, 2650


def _requested(province: str | None, district: str | None) -> Scope | None:
    if province is None:
        return None
    if district is None:
        return Scope(PROVINCE, province=province)
    return Scope(DISTRICT, province=province, district=district)


def _year(request: HttpRequest, years: list[int]) -> int:
    raw = thai.to_arabic_digits(request.GET.get("year", "")).strip()
    if raw.isdigit() and MIN_YEAR <= int(raw) <= MAX_YEAR:
        return int(raw)
    return years[0]


def _display(table: Table) -> dict[str, Any]:
    kinds = [c.kind for c in table.columns]

    def text(cells: list[Any]) -> list[tuple[str, bool]]:
        return [(exports.cell_text(v, k, grouping=True) or "—", k != "text") for v, k in zip(cells, kinds, strict=True)]

    return {
        "table": table,
        "rows": [(row.url, text(row.cells)) for row in table.rows],
        "total": text(table.total.cells) if table.total else None,
    }


def _charts(f: Figures) -> dict[str, Any]:
    grade_counts = [(g, f.total.grades.get(g, 0)) for g in f.grades]
    means = sorted(
        ((n, m) for n in INDICATORS if (m := f.total.mean(n)) is not None), key=lambda item: (item[1], item[0])
    )
    labelled = [(f"{thai.to_thai_digits(str(n))}. {INDICATOR_NAMES.get(n, '')}", m) for n, m in means]
    return {
        "grades": charts.grade_bars(grade_counts, _("จำนวนหน่วยงานตามระดับผลการประเมิน ITA"), f.pass_grades),
        "indicators": charts.indicator_bars(labelled, f.pass_mark, _("คะแนนเฉลี่ยรายตัวชี้วัดเทียบเกณฑ์ผ่าน"))
        if labelled
        else None,
    }


def _summary(f: Figures) -> dict[str, Any]:
    t = f.total
    return {
        "orgs": t.orgs,
        "assessed": t.assessed,
        "pass_rate": percent(t.passed, t.assessed),
        "ita": t.mean(0),
        "done": {r: percent(t.done.get(r, 0), t.measures) for r in (1, 2)},
        "late": {r: t.late(r) if f.due[r] else None for r in (1, 2)},
        "cases": t.cases,
        "corruption": t.corruption,
    }


@login_required
@require_GET
def dashboard(request: HttpRequest, province: str | None = None, district: str | None = None) -> HttpResponse:
    scope, oversights = scope_for(request.user, _requested(province, district))
    marker = change_marker()
    years = remembered(("years",), marker, available_years, heavy=False)
    year = _year(request, years)
    f = remembered((scope, year), marker, lambda: figures(scope, year))
    crumbs = [s for s in scope.breadcrumbs() if s != scope and any(covers(o, s) for o in oversights)]
    context = {
        "scope": scope,
        "year": year,
        "years": sorted(set(years) | {year}, reverse=True),
        "figures": f,
        "summary": _summary(f),
        "tables": [_display(t) for t in all_tables(f)],
        "charts": _charts(f),
        "crumbs": crumbs,
        "other_scopes": [s for s in dict.fromkeys(home_scope(o) for o in oversights) if s not in (scope, *crumbs)],
        "national": scope.level == NATIONAL,
    }
    return render(request, "oversight/dashboard.html", context)


@login_required
@require_GET
def export(
    request: HttpRequest, table: str, fmt: str, province: str | None = None, district: str | None = None
) -> HttpResponse:
    if table not in BUILDERS or fmt not in ("csv", "xlsx"):
        raise Http404
    scope, _oversights = scope_for(request.user, _requested(province, district))
    marker = change_marker()
    year = _year(request, remembered(("years",), marker, available_years, heavy=False))
    limit = None if table == "late_orgs" else 100
    f = remembered((scope, year, limit), marker, lambda: figures(scope, year, late_limit=limit))
    built = BUILDERS[table](f)
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(built), content_type=exports.CSV_TYPE)
    else:
        response = HttpResponse(exports.to_xlsx(built), content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="oversight-{scope.level}-{table}-{year}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
