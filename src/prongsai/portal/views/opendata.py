"""The national index, the public log, open data (JSON, CSV) and the sitemap: all from published copies."""

from __future__ import annotations

import io
import json
import re
from typing import Any

from defusedcsv import csv as defusedcsv
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

from prongsai.documents.content import row_texts
from prongsai.orgs.models import Organization
from prongsai.portal import cache, log
from prongsai.portal.models import LogEntry, Publication, PublishedEvidence
from prongsai.portal.public import (
    RESERVED_SLUGS,
    catalogue_items,
    entry_label,
    ita_years,
    item_path,
    public_org,
    publishers_shown,
    site_url,
)
from prongsai.portal.views.common import public_render

PER_PAGE = 50
_PREFIXES = re.compile(r"^(?:จังหวัด|อำเภอ|เขต|ตำบล|จ\.|อ\.|ต\.)")


def _json(data: Any) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def search_orgs(query: str) -> Any:
    """Organisations whose name, district or province holds every word of the query (Thai as typed)."""
    orgs = Organization.objects.exclude(slug__in=RESERVED_SLUGS)
    for word in query.split()[:6]:
        word = _PREFIXES.sub("", word) or word
        orgs = orgs.filter(Q(name__icontains=word) | Q(district__icontains=word) | Q(province__icontains=word))
    published = Count("publications", filter=Q(publications__withdrawn_at__isnull=True))
    return orgs.annotate(published=published).order_by("province", "district", "name")


def orgs_index(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:100]
    page_no = request.GET.get("page") or "1"

    def build() -> HttpResponse:
        page = Paginator(search_orgs(query), PER_PAGE).get_page(page_no)
        return public_render(
            request,
            "portal/orgs.html",
            title=_("หน่วยงานที่เผยแพร่ข้อมูลคุณธรรมและความโปร่งใส"),
            description=_("ค้นหาหน่วยงานตามชื่อ อำเภอ หรือจังหวัด แล้วเปิดเอกสารที่หน่วยงานเผยแพร่"),
            path="/orgs/",
            query=query,
            page=page,
        )

    if query:
        return build()  # searches are not cached: every query is one cheap SELECT
    return cache.cached(request, f"orgs:{page_no}", build)


def log_page(request: HttpRequest) -> HttpResponse:
    page_no = request.GET.get("page") or "1"

    def build() -> HttpResponse:
        page = Paginator(LogEntry.objects.order_by("-seq"), PER_PAGE).get_page(page_no)
        entries = list(page.object_list)
        publishers_shown(entries)
        for e in entries:
            e.label = entry_label(e.document, e.round, e.version)
        return public_render(
            request,
            "portal/log.html",
            title=_("บันทึกการเผยแพร่"),
            description=_("ทุกไฟล์ที่เผยแพร่และถอน พร้อมค่า SHA-256 แต่ละรายการผูกกับค่าแฮชของรายการก่อนหน้า"),
            path="/log/",
            page=page,
            entries=entries,
        )

    return cache.cached(request, f"log:{page_no}", build)


def log_json(request: HttpRequest) -> HttpResponse:
    since = request.GET.get("since") or "0"
    if not since.isdigit():
        raise Http404

    def build() -> HttpResponse:
        entries = LogEntry.objects.filter(seq__gt=int(since)).order_by("seq")
        head = log.head()
        return _json(
            {
                "head": head.entry_hash if head else log.GENESIS,
                "hash": "sha256 of the canonical JSON (sorted keys, no spaces, UTF-8) of every field but entry_hash",
                "entries": [log.public_dict(e) for e in entries],
            }
        )

    return cache.cached(request, f"logjson:{since}", build)


def _document_dict(p: Publication) -> dict[str, Any]:
    base = f"/{p.organization.slug}/{p.fiscal_year}/{p.doc_key}/"
    return {
        "fiscal_year": p.fiscal_year,
        "document": p.kind,
        "round": p.round,
        "version": p.version,
        "title": p.title,
        "published_at": p.published_at.isoformat(),
        "url": site_url(f"{base}v{p.version}/"),
        "files": [
            {"format": f.role, "url": site_url(base + f.public_name), "sha256": f.sha256, "size": f.size}
            for f in p.files.all()
        ],
        "rows": [{k: texts.get(k) for k in ROW_KEYS} for texts in _row_texts(p.public_data)],
    }


# A row as its document prints it (documents/content.py `row_texts`, every layout): "status" is the status
# phrase as written, "outcome" the whole ผลลัพธ์ column (the phrase, then the outcome), "problems" the
# ปัญหา/อุปสรรค column ("" when the report has none: then they end "suggestions").
ROW_KEYS = (
    "number", "title", "methods", "responsible", "timeframe", "indicators", "results", "status", "outcome",
    "problems", "suggestions",
)  # fmt: skip


def _row_texts(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [row_texts(data, r) for r in data.get("rows", [])]


def _open_data(org: Organization) -> dict[str, Any]:
    pubs = Publication.objects.current().filter(organization=org).select_related("organization")
    evidence = PublishedEvidence.objects.current().filter(organization=org)
    return {
        "organization": {
            "name": org.name,
            "slug": org.slug,
            "district": org.district,
            "province": org.province,
            "is_demo": org.is_demo,
        },
        "source": "published document versions only (the public copies), never live rows",
        "documents": [_document_dict(p) for p in pubs.prefetch_related("files")],
        "evidence": [
            {
                "fiscal_year": e.fiscal_year,
                "round": e.round,
                "measure_number": e.measure_number,
                "title": e.title,
                "url": site_url(f"/{org.slug}/evidence/{e.pk}/"),
                "sha256": e.sha256,
                "link": e.url,
            }
            for e in evidence
        ],
    }


def data_json(request: HttpRequest, slug: str) -> HttpResponse:
    return cache.cached(request, f"json:{slug}", lambda: _json(_open_data(public_org(slug))))


CSV_HEADERS = [
    "fiscal_year", "document", "round", "version", "published_at", "number", "title", "methods", "responsible",
    "timeframe", "indicators", "results", "status", "outcome", "problems", "suggestions", "url",
]  # fmt: skip


def data_csv(request: HttpRequest, slug: str) -> HttpResponse:
    def build() -> HttpResponse:
        data = _open_data(public_org(slug))
        out = io.StringIO(newline="")
        writer = defusedcsv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_HEADERS)
        for doc in data["documents"]:
            for row in doc["rows"]:
                values = {
                    **{k: doc[k] for k in ("fiscal_year", "document", "round", "version", "published_at", "url")},
                    **row,
                }
                writer.writerow(
                    [
                        "\n".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v))
                        for v in (values.get(h) for h in CSV_HEADERS)
                    ]
                )
        response = HttpResponse(out.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        return response

    return cache.cached(request, f"csv:{slug}", build)


def sitemap(request: HttpRequest) -> HttpResponse:
    def build() -> HttpResponse:
        urls: list[str] = [site_url("/orgs/"), site_url("/log/"), site_url("/verify/")]
        years = ita_years()
        latest_year = max(years) if years else None
        items = catalogue_items(latest_year) if latest_year else []
        slugs = (
            Publication.objects.current()
            .exclude(organization__slug__in=RESERVED_SLUGS)
            .values_list("organization__slug", flat=True)
        )
        for slug in sorted(set(slugs)):
            urls.append(site_url(f"/{slug}/"))
            urls += [site_url(item_path(slug, latest_year or 0, i["code"])) for i in items]
        for p in Publication.objects.current().select_related("organization"):
            urls.append(site_url(f"/{p.organization.slug}/{p.fiscal_year}/{p.doc_key}/"))
        for e in PublishedEvidence.objects.current().select_related("organization"):
            urls.append(site_url(f"/{e.organization.slug}/evidence/{e.pk}/"))
        body = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        body += [f"<url><loc>{escape(u)}</loc></url>" for u in dict.fromkeys(urls)]
        body.append("</urlset>")
        return HttpResponse("\n".join(body).encode("utf-8"), content_type="application/xml; charset=utf-8")

    return cache.cached(request, "sitemap", build)
