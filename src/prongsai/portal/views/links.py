"""For the officer: every OIT item code of a year with its public address, to paste into the ITA system."""

from __future__ import annotations

import io

from defusedcsv import csv as defusedcsv
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from prongsai.core import thai
from prongsai.core.viewutils import org_context
from prongsai.orgs.access import org_for
from prongsai.orgs.models import Organization
from prongsai.portal.public import OrgPublished, catalogue_items, ita_years, item_contents, item_path, site_url


def _year(request: HttpRequest) -> int:
    years = ita_years()
    current = thai.fiscal_year(timezone.localdate())  # the ITA of year N is assessed during fiscal year N
    default = current if current in years else max(years)
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and int(raw) in years else default


def _rows(org: Organization, year: int) -> list[dict[str, object]]:
    published = OrgPublished.load(org)
    rows = []
    for item in catalogue_items(year):
        contents = item_contents(org, year, item, published)
        rows.append(
            {
                "code": item["code"],
                "title": item["title"],
                "url": site_url(item_path(org.slug, year, item["code"])),
                "count": len([d for d in contents.documents if not d.is_withdrawn])
                + len([e for e in contents.evidence if not e.is_withdrawn]),
                "fiscal_year": contents.fiscal_year,
            }
        )
    return rows


@login_required
def links(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug)
    year = _year(request)
    context = org_context(
        membership, year=year, years=sorted(ita_years(), reverse=True), rows=_rows(membership.organization, year)
    )
    return render(request, "portal/links.html", context)


@login_required
def links_csv(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug)
    year = _year(request)
    out = io.StringIO(newline="")
    writer = defusedcsv.writer(out, lineterminator="\r\n")
    writer.writerow(["code", "title", "url", "published_items", "fiscal_year_covered"])
    for row in _rows(membership.organization, year):
        writer.writerow([row["code"], row["title"], row["url"], row["count"], row["fiscal_year"]])
    response = HttpResponse(out.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ita-{year}-{slug}-links.csv"'
    return response
