"""Public pages of one organisation: documents by year, one document, OIT items, evidence.

Every page is built from published copies only and cached until the next publication (cache.py).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from prongsai.core.digits import digits, num
from prongsai.documents.content import layout
from prongsai.orgs.access import as_uuid
from prongsai.portal import cache
from prongsai.portal.models import Publication, PublishedEvidence
from prongsai.portal.public import (
    DOC_LABELS,
    OrgPublished,
    catalogue_items,
    document_versions,
    find_item,
    ita_years,
    item_contents,
    item_path,
    latest,
    org_years,
    public_org,
)
from prongsai.portal.views.common import public_render

FILE_ORDER = ("pdf", "signed", "docx", "xlsx")


def org_page(request: HttpRequest, slug: str) -> HttpResponse:
    def build() -> HttpResponse:
        org = public_org(slug)
        years = org_years(org)
        changed = latest(
            [v for y in years for d in y.documents for v in d.versions] + [e for y in years for e in y.evidence]
        )
        return public_render(
            request,
            "portal/org.html",
            title=org.name,
            description=_("เอกสารที่เผยแพร่ของ %(org)s: มาตรการส่งเสริมคุณธรรมและความโปร่งใส และรายงานผลการดำเนินการ")
            % {"org": org.name},
            path=f"/{slug}/",
            org=org,
            last_changed=changed,
            years=years,
            doc_labels=DOC_LABELS,
            ita_years=ita_years(),
        )

    return cache.cached(request, f"org:{slug}", build)


def _document(request: HttpRequest, slug: str, year: int, doc: str, version: int | None) -> HttpResponse:
    org = public_org(slug)
    versions = document_versions(org, year, doc)
    if version is None:
        shown: Publication | None = next((v for v in versions if not v.is_withdrawn), None) or (
            versions[0] if versions else None
        )
    else:
        shown = next((v for v in versions if v.version == version), None)
    if shown is None:
        raise Http404
    label = DOC_LABELS[doc]
    title = _("%(doc)s ปีงบประมาณ %(year)s — %(org)s") % {"doc": label, "year": num(year), "org": org.name}
    rows = None
    headers: list[str] = []
    doc_layout = None
    if not shown.is_withdrawn:
        doc_layout = layout(shown.public_data)
        headers = doc_layout.headers
        rows = [list(zip(headers, row, strict=False)) for row in doc_layout.rows]
    return public_render(
        request,
        "portal/document.html",
        title=title,
        description=_("%(doc)s ฉบับที่ %(v)s เผยแพร่โดย %(org)s")
        % {"doc": label, "v": num(shown.version), "org": org.name},
        path=request.path,
        org=org,
        last_changed=latest(versions),
        doc_key=doc,
        doc_label=label,
        fiscal_year=year,
        shown=shown,
        versions=versions,
        doc=doc_layout,
        rows=rows,
        # The PDF first (on a phone most people want only that), then the signed scan, Word, Excel.
        files=sorted(shown.files.all(), key=lambda f: FILE_ORDER.index(f.role) if f.role in FILE_ORDER else 9),
        is_version_page=version is not None,
    )


def document_page(request: HttpRequest, slug: str, year: int, doc: str) -> HttpResponse:
    return cache.cached(request, f"doc:{slug}:{year}:{doc}", lambda: _document(request, slug, year, doc, None))


def version_page(request: HttpRequest, slug: str, year: int, doc: str, version: int) -> HttpResponse:
    return cache.cached(
        request, f"ver:{slug}:{year}:{doc}:{version}", lambda: _document(request, slug, year, doc, version)
    )


def evidence_page(request: HttpRequest, slug: str, item_id: str) -> HttpResponse:
    def build() -> HttpResponse:
        org = public_org(slug)
        item = PublishedEvidence.objects.filter(organization=org, pk=as_uuid(item_id)).first()
        if item is None:
            raise Http404
        return public_render(
            request,
            "portal/evidence.html",
            title=item.title,
            description=_("หลักฐานของมาตรการที่ %(n)s ปีงบประมาณ %(y)s — %(org)s")
            % {"n": num(item.measure_number), "y": num(item.fiscal_year), "org": org.name},
            path=request.path,
            org=org,
            last_changed=item.last_changed,
            item=item,
        )

    return cache.cached(request, f"ev:{slug}:{item_id}", build)


def ita_index(request: HttpRequest, slug: str) -> HttpResponse:
    def build() -> HttpResponse:
        org = public_org(slug)
        return public_render(
            request,
            "portal/ita_index.html",
            title=_("ข้อมูลตามเกณฑ์ OIT — %(org)s") % {"org": org.name},
            description=_("ดัชนีข้อ OIT ของการประเมิน ITA แต่ละปี"),
            path=request.path,
            org=org,
            years=sorted(ita_years(), reverse=True),
        )

    return cache.cached(request, f"ita:{slug}", build)


def ita_year(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    def build() -> HttpResponse:
        org = public_org(slug)
        published = OrgPublished.load(org)
        items = [item_contents(org, year, item, published) for item in catalogue_items(year)]
        return public_render(
            request,
            "portal/ita_year.html",
            title=_("ข้อมูลตามเกณฑ์ OIT ปี %(y)s — %(org)s") % {"y": num(year), "org": org.name},
            description=_("ข้อ OIT ของการประเมิน ITA ปี %(y)s พร้อมเอกสารที่เผยแพร่") % {"y": num(year)},
            path=request.path,
            org=org,
            last_changed=latest([c for c in items if c.last_changed]),
            ita_year=year,
            items=[(c, item_path(slug, year, c.item["code"])) for c in items],
        )

    return cache.cached(request, f"itay:{slug}:{year}", build)


def ita_item(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    def build() -> HttpResponse:
        org = public_org(slug)
        contents = item_contents(org, year, find_item(year, code))
        item = contents.item
        return public_render(
            request,
            "portal/ita_item.html",
            title=_("%(code)s %(title)s — %(org)s")
            % {"code": item["code"], "title": digits(item["title"]), "org": org.name},
            description=_("ข้อ %(code)s ของการประเมิน ITA ปี %(y)s: %(title)s")
            % {"code": item["code"], "y": num(year), "title": digits(item["title"])},
            path=item_path(slug, year, item["code"]),
            org=org,
            last_changed=contents.last_changed,
            ita_year=year,
            contents=contents,
            doc_labels=DOC_LABELS,
        )

    return cache.cached(request, f"item:{slug}:{year}:{code.lower()}", build)
