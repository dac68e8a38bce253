"""What the public pages show, read from published copies only (never live plan rows)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404

from prongsai.core import digits
from prongsai.core.errors import ServiceError
from prongsai.documents.content import row_texts
from prongsai.ita.services.catalogues import active_catalogue, catalogue_years
from prongsai.orgs.models import Membership, Organization
from prongsai.portal.models import Publication, PublishedEvidence
from prongsai.portal.slugs import RESERVED_SLUGS

__all__ = ["RESERVED_SLUGS"]

DOC_KEYS = ("plan", "report-r1", "report-r2")
DOC_LABELS = {
    "plan": "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "report-r1": "รายงานผลการดำเนินการตามมาตรการฯ รอบ ๖ เดือน",
    "report-r2": "รายงานผลการดำเนินการตามมาตรการฯ รอบ ๑๒ เดือน",
}


def entry_label(document: str, round_no: int, version: int) -> str:
    """A log entry's document in Thai words: "รายงานผล…รอบ ๑๒ เดือน ฉบับที่ ๒", never "report r2 v2"."""
    key = "plan" if document == "plan" else f"report-r{round_no}" if document == "report" else ""
    label = DOC_LABELS.get(key) or ("หลักฐาน" if document == "evidence" else document)
    return f"{label} ฉบับที่ {digits.num(version)}" if version else label


def publishers_shown(entries: list[Any]) -> None:
    """Sets `publisher_shown` on log entries. Entries written before the log named people (issue #16)
    hold a login: shown as that person's name and position in the organisation (the entry is not changed)."""
    logins = {e.publisher for e in entries}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=logins)}
    positions = {
        (m.user_id, m.organization.slug): m.position
        for m in Membership.objects.filter(user__in=users.values()).select_related("organization")
        if m.position
    }
    for e in entries:
        user = users.get(e.publisher)
        if user is None:
            e.publisher_shown = e.publisher
            continue
        name = user.get_full_name() or e.publisher
        position = positions.get((user.pk, e.organization), "")
        e.publisher_shown = f"{name} ({position})" if position else name


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def public_org(slug: str) -> Organization:
    org = Organization.objects.filter(slug=slug).first()
    if org is None or slug in RESERVED_SLUGS:
        raise Http404
    digits.use(org)  # the public pages write numbers the organisation's way (core/digits.py)
    return org


def parse_doc_key(doc: str) -> tuple[str, int]:
    if doc == "plan":
        return "plan", 0
    if doc in ("report-r1", "report-r2"):
        return "report", int(doc[-1])
    raise Http404


def latest(items: list[Any]) -> Any:
    """The most recent change among published things (their publication or withdrawal)."""
    times: list[datetime] = [i.last_changed for i in items if i is not None]
    return max(times) if times else None


@dataclass
class DocumentEntry:
    key: str
    label: str
    current: Publication | None
    versions: list[Publication] = field(default_factory=list)


@dataclass
class YearEntry:
    fiscal_year: int
    documents: list[DocumentEntry]
    evidence: list[PublishedEvidence]
    # (number, title, status) of each measure as the year's latest published report has it
    measures: list[tuple[Any, str, str]] = field(default_factory=list)


def org_years(org: Organization) -> list[YearEntry]:
    """Every fiscal year with something published: its documents (all versions) and evidence."""
    pubs = list(Publication.objects.filter(organization=org).prefetch_related("files").order_by("-version"))
    evidence = list(PublishedEvidence.objects.filter(organization=org))
    by_year: dict[int, dict[str, list[Publication]]] = defaultdict(lambda: defaultdict(list))
    for p in pubs:
        by_year[p.fiscal_year][p.doc_key].append(p)
    ev_by_year: dict[int, list[PublishedEvidence]] = defaultdict(list)
    for e in evidence:
        ev_by_year[e.fiscal_year].append(e)
    years = sorted(set(by_year) | set(ev_by_year), reverse=True)
    result = []
    for year in years:
        docs = []
        for key in DOC_KEYS:
            versions = by_year[year].get(key, [])
            if versions:
                current = next((v for v in versions if not v.is_withdrawn), None)
                docs.append(DocumentEntry(key, DOC_LABELS[key], current, versions))
        report = next((d.current for d in reversed(docs) if d.key != "plan" and d.current), None)
        measures = (
            [
                (r.get("number"), r.get("title", ""), row_texts(report.public_data, r)["status"])
                for r in report.public_data["rows"]
            ]
            if report
            else []
        )
        result.append(YearEntry(year, docs, ev_by_year.get(year, []), measures))
    return result


def document_versions(org: Organization, fiscal_year: int, doc: str) -> list[Publication]:
    kind, round_no = parse_doc_key(doc)
    return list(
        Publication.objects.filter(organization=org, fiscal_year=fiscal_year, kind=kind, round=round_no)
        .prefetch_related("files")
        .order_by("-version")
    )


def ita_years() -> list[int]:
    return catalogue_years()


def catalogue_items(ita_year: int) -> list[dict[str, Any]]:
    try:
        return list(active_catalogue(ita_year).content.get("oit_items", []))
    except ServiceError:
        raise Http404 from None


def find_item(ita_year: int, code: str) -> dict[str, Any]:
    item = next((i for i in catalogue_items(ita_year) if i["code"].lower() == code.lower()), None)
    if item is None:
        raise Http404
    return item


@dataclass
class ItemContents:
    item: dict[str, Any]
    fiscal_year: int | None
    round: int | None
    documents: list[Publication]
    evidence: list[PublishedEvidence]

    @property
    def last_changed(self) -> Any:
        return latest([*self.documents, *self.evidence])


@dataclass
class OrgPublished:
    """All of an organisation's publications and published evidence, loaded once (2 queries)."""

    documents: list[Publication]
    evidence: list[PublishedEvidence]

    @classmethod
    def load(cls, org: Organization) -> OrgPublished:
        return cls(
            list(
                Publication.objects.filter(organization=org)
                .prefetch_related("files")
                .order_by("kind", "-round", "-version")
            ),
            list(PublishedEvidence.objects.filter(organization=org)),
        )


def item_contents(
    org: Organization, ita_year: int, item: dict[str, Any], published: OrgPublished | None = None
) -> ItemContents:
    """What an OIT item holds: the published documents and evidence of the fiscal year it covers.

    Topic "measures" holds the plan document, "measures-report" the report of the round covered
    (both rounds when the item names none); evidence an admin published under the item's topic
    shows with it (round 1 items: round-1 evidence only).
    """
    published = published or OrgPublished.load(org)
    covers = item.get("covers") or {"fiscal_year_offset": 0, "round": None}
    fiscal_year = ita_year + int(covers["fiscal_year_offset"])
    round_no = covers.get("round")
    topic = item["topic"]
    documents: list[Publication] = []
    for p in published.documents:
        if p.fiscal_year != fiscal_year:
            continue
        if (topic == "measures" and p.kind == "plan") or (
            topic == "measures-report" and p.kind == "report" and (not round_no or p.round == round_no)
        ):
            documents.append(p)
    evidence = [
        e
        for e in published.evidence
        if e.fiscal_year == fiscal_year and e.topic == topic and (round_no != 1 or e.round == 1)
    ]
    return ItemContents(item, fiscal_year, round_no, documents, evidence)


def item_path(slug: str, ita_year: int, code: str) -> str:
    return f"/{slug}/ita/{ita_year}/{code.lower()}/"
