"""The organisation's side: confirm and publish, withdraw, the request form, and the item links.

Access (orgs.access.org_for): anonymous → login; another organisation's member → 404; publishing and
withdrawing need the organisation's admin (others 403); the lists are for every member.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core.digits import digits
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.viewutils import org_context
from prongsai.documents.models import Snapshot
from prongsai.documents.renderers import get_renderer
from prongsai.measures.models import Evidence
from prongsai.orgs.access import as_uuid, org_for
from prongsai.orgs.models import Membership
from prongsai.portal import request_form as publish_request
from prongsai.portal.models import Publication, PublishedEvidence
from prongsai.portal.public import site_url
from prongsai.portal.services import documents as doc_services
from prongsai.portal.services import evidence as evidence_services
from prongsai.portal.views.links import links, links_csv  # noqa: F401  (re-exported for urls.py)

FILE_LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "signed": "ฉบับลงนาม"}


def decisions_from(data: QueryDict) -> dict[str, str]:
    return {k[2:]: str(v) for k, v in data.items() if k.startswith("f_") and v in ("mask", "public")}


def _snapshot(membership: Membership, snapshot_id: str) -> Snapshot:
    snapshot = (
        Snapshot.objects.select_related("plan", "organization")
        .filter(pk=as_uuid(snapshot_id), organization=membership.organization)
        .first()
    )
    if snapshot is None:
        raise Http404
    return snapshot


def _refused(request: HttpRequest, membership: Membership, err: ServiceError, back: str) -> HttpResponse:
    context = org_context(membership, message=err.message, back=back)
    return render(request, "portal/publish_refused.html", context, status=400)


@login_required
def publications(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug)
    org = membership.organization
    context = org_context(
        membership,
        publications=list(
            Publication.objects.filter(organization=org)
            .select_related("published_by", "withdrawn_by")
            .prefetch_related("files")
        ),
        evidence=list(PublishedEvidence.objects.filter(organization=org).select_related("published_by")),
        public_url=site_url(f"/{org.slug}/"),
    )
    return render(request, "portal/publications.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def publish_document(request: HttpRequest, slug: str, snapshot_id: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    snapshot = _snapshot(membership, snapshot_id)
    data = request.POST if request.method == "POST" else request.GET
    decisions = decisions_from(data)
    include_signed = data.get("include_signed") == "on" if "reviewed" in data else True
    back = f"/documents/{snapshot.pk}/"
    status = 200
    if request.method == "POST":
        expected = {k[4:]: str(v) for k, v in data.items() if k.startswith("sha_")}
        try:
            publication = doc_services.publish(
                snapshot,
                membership,
                request.user,
                decisions=decisions,
                include_signed=include_signed,
                confirm_unchecked=data.get("confirm_unchecked") == "on",
                expected=expected or None,
            )
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            messages.error(request, err.message)
            status = 400
        else:
            messages.success(request, _("เผยแพร่แล้ว: ดาวน์โหลดแบบฟอร์มขออนุญาตเผยแพร่เพื่อลงนามได้ที่รายการด้านล่าง"))
            return redirect(f"/o/{slug}/publish/#pub-{publication.pk}")
    try:
        preview = doc_services.preview(snapshot, membership, decisions=decisions, include_signed=include_signed)
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        return _refused(request, membership, err, back)
    query = QueryDict(mutable=True)
    query.update({f"f_{k}": v for k, v in decisions.items()})
    query.update({"reviewed": "1", **({"include_signed": "on"} if include_signed else {})})
    context = org_context(
        membership,
        snapshot=snapshot,
        preview=preview,
        decisions=decisions,
        include_signed=include_signed,
        query=query.urlencode(),
        doc_pairs=[(f, decisions.get(f.id)) for f in preview.findings],
        signed_pairs=[(f, decisions.get(f.id)) for f in preview.signed_findings],
        labels=FILE_LABELS,
        back=back,
    )
    return render(request, "portal/publish_document.html", context, status=status)


def _form_response(membership: Membership, fmt: str, data: dict[str, Any]) -> HttpResponse:
    if fmt not in publish_request.FORMATS:
        raise Http404
    rendered = get_renderer(fmt)(data, None)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _requester(membership: Membership, user: Any) -> tuple[str, str]:
    return user.get_full_name() or user.get_username(), membership.position


@login_required
def request_form_preview(request: HttpRequest, slug: str, snapshot_id: str, fmt: str) -> HttpResponse:
    """The request form for the files the confirmation page shows (same decisions, same hashes)."""
    membership = org_for(request.user, slug, admin=True)
    snapshot = _snapshot(membership, snapshot_id)
    include_signed = request.GET.get("include_signed") == "on" if "reviewed" in request.GET else True
    try:
        preview = doc_services.preview(
            snapshot, membership, decisions=decisions_from(request.GET), include_signed=include_signed
        )
    except ServiceError as err:
        return _refused(request, membership, err, f"/documents/{snapshot.pk}/")
    org = membership.organization
    doc = "plan" if snapshot.kind == "plan" else f"report-r{snapshot.round}"
    name, position = _requester(membership, request.user)
    data = publish_request.form_data(
        org,
        subject=str(snapshot.data.get("title", "")),
        details=[f"ปีงบประมาณ {snapshot.plan.fiscal_year} ฉบับที่ {snapshot.version}"],
        files=[(FILE_LABELS[f.role], f.filename, f.sha256) for f in preview.files],
        url=site_url(f"/{org.slug}/{snapshot.plan.fiscal_year}/{doc}/v{snapshot.version}/"),
        requester=name,
        requester_position=position,
        on=timezone.localdate(),
        identifier=str(snapshot.pk),
    )
    return _form_response(membership, fmt, data)


@login_required
def request_form(request: HttpRequest, slug: str, publication_id: str, fmt: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    pub = Publication.objects.filter(organization=membership.organization, pk=as_uuid(publication_id)).first()
    if pub is None:
        raise Http404
    org = membership.organization
    name, position = _requester(membership, request.user)
    data = publish_request.form_data(
        org,
        subject=pub.title,
        details=[f"ปีงบประมาณ {pub.fiscal_year} ฉบับที่ {pub.version}"],
        # The name a download is saved under (files.document_file serves item.filename), as the preview lists.
        files=[(FILE_LABELS.get(f.role, f.role), f.filename, f.sha256) for f in pub.files.all()],
        url=site_url(f"/{org.slug}/{pub.fiscal_year}/{pub.doc_key}/v{pub.version}/"),
        requester=name,
        requester_position=position,
        on=timezone.localdate(pub.published_at),
        identifier=str(pub.pk),
    )
    return _form_response(membership, fmt, data)


@login_required
@require_POST
def withdraw_document(request: HttpRequest, slug: str, publication_id: str) -> HttpResponse:
    done = _("ถอนการเผยแพร่แล้ว: ไฟล์ไม่เปิดให้ดาวน์โหลดอีก บันทึกการเผยแพร่ยังอยู่")
    return _withdraw(request, slug, Publication, publication_id, doc_services.withdraw, done)


def _withdraw(request: HttpRequest, slug: str, model: Any, pk: str, withdraw: Any, done: str) -> HttpResponse:
    """Withdraw one of the organisation's publications or published evidence (admins only)."""
    membership = org_for(request.user, slug, admin=True)
    record = model.objects.filter(organization=membership.organization, pk=as_uuid(pk)).first()
    if record is None:
        raise Http404
    try:
        withdraw(record, membership, request.user, reason=request.POST.get("reason", ""))
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, done)
    return redirect("portal-publications", slug)


@login_required
@require_http_methods(["GET", "POST"])
def publish_evidence(request: HttpRequest, slug: str, evidence_id: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    evidence = (
        Evidence.objects.select_related("measure__plan__organization")
        .filter(pk=as_uuid(evidence_id), measure__plan__organization=membership.organization)
        .first()
    )
    if evidence is None:
        raise Http404
    back = f"/measures/{evidence.measure_id}/"
    data = request.POST if request.method == "POST" else request.GET
    decisions = decisions_from(data)
    status = 200
    if request.method == "POST":
        try:
            evidence_services.publish(
                evidence,
                membership,
                request.user,
                decisions=decisions,
                confirm_unchecked=data.get("confirm_unchecked") == "on",
                topic=data.get("topic", evidence_services.DEFAULT_TOPIC),
            )
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            messages.error(request, err.message)
            status = 400
        else:
            messages.success(request, _("เผยแพร่หลักฐานแล้ว"))
            return redirect("portal-publications", slug)
    try:
        preview = evidence_services.preview(evidence, membership, decisions=decisions)
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        return _refused(request, membership, err, back)
    context = org_context(
        membership,
        evidence=evidence,
        preview=preview,
        pairs=[(f, decisions.get(f.id)) for f in preview.findings],
        topics=_topics(),
        back=back,
    )
    return render(request, "portal/publish_evidence.html", context, status=status)


def _topics() -> list[tuple[str, str]]:
    from prongsai.portal.public import catalogue_items, ita_years

    found: dict[str, str] = {}
    for year in sorted(ita_years()):
        for item in catalogue_items(year):
            found[item["topic"]] = f"{digits(item['title'])} ({item['topic']})"  # the catalogue's own words
    first = found.pop(evidence_services.DEFAULT_TOPIC, evidence_services.DEFAULT_TOPIC)
    return [(evidence_services.DEFAULT_TOPIC, first), *sorted(found.items(), key=lambda kv: kv[1])]


@login_required
@require_POST
def withdraw_evidence(request: HttpRequest, slug: str, item_id: str) -> HttpResponse:
    done = _("ถอนการเผยแพร่หลักฐานแล้ว")
    return _withdraw(request, slug, PublishedEvidence, item_id, evidence_services.withdraw, done)
