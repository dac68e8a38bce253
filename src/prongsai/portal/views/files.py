"""Public files: served while published, HTTP 410 with a page saying when and why once withdrawn."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from prongsai.orgs.access import as_uuid
from prongsai.portal.models import PublishedEvidence, PublishedFile
from prongsai.portal.public import parse_doc_key, public_org
from prongsai.portal.views.common import gone


def _serve(stored: object, filename: str, content_type: str, sha256: str) -> FileResponse:
    try:
        handle = stored.open("rb")  # type: ignore[attr-defined]
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-SHA256"] = sha256
    response["ETag"] = f'"{sha256}"'
    # Short: a withdrawn file must stop being served by caches soon too.
    response["Cache-Control"] = "public, max-age=60"
    return response


def document_file(request: HttpRequest, slug: str, year: int, doc: str, name: str) -> HttpResponse | FileResponse:
    org = public_org(slug)
    kind, round_no = parse_doc_key(doc)
    stem, _dot, _ext = name.partition(".")
    version_text, _dash, suffix = stem[1:].partition("-")
    role_is_signed = suffix == "signed"
    candidates = PublishedFile.objects.select_related("publication").filter(
        publication__organization=org,
        publication__fiscal_year=year,
        publication__kind=kind,
        publication__round=round_no,
        publication__version=int(version_text),
    )
    item = next((f for f in candidates if f.public_name == name and (f.role == "signed") == role_is_signed), None)
    if item is None:
        raise Http404
    publication = item.publication
    if publication.is_withdrawn:
        what = _("%(file)s (ฉบับที่ %(v)s)") % {"file": name, "v": publication.version}
        return gone(
            request, org=org, what=what, withdrawn_at=publication.withdrawn_at, reason=publication.withdrawn_reason
        )
    return _serve(item.file, item.filename, item.content_type, item.sha256)


def evidence_file(request: HttpRequest, slug: str, item_id: str) -> HttpResponse | FileResponse:
    org = public_org(slug)
    item = PublishedEvidence.objects.select_related("evidence").filter(organization=org, pk=as_uuid(item_id)).first()
    if item is None or not item.sha256:
        raise Http404
    if item.is_withdrawn:
        return gone(request, org=org, what=item.title, withdrawn_at=item.withdrawn_at, reason=item.withdrawn_reason)
    return _serve(item.evidence.file, item.filename, item.content_type or "application/octet-stream", item.sha256)
