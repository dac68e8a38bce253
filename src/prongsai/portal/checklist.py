"""What the ITA checklist needs from the portal: is an item's material public?"""

from __future__ import annotations

from typing import Any

from prongsai.orgs.models import Organization
from prongsai.portal.models import Publication, PublishedEvidence

# Topics whose material is a document rather than evidence: topic -> the document kind.
DOCUMENT_TOPICS = {"measures": "plan", "measures-report": "report"}


def published_lookup(org: Organization, item: dict[str, Any], fiscal_year: int, round_no: int | None) -> str | None:
    topic = item.get("topic", "")
    kind = DOCUMENT_TOPICS.get(topic)
    if kind is not None:
        documents = Publication.objects.current().filter(organization=org, kind=kind, fiscal_year=fiscal_year)
        if kind == "report" and round_no:
            documents = documents.filter(round=round_no)
        if documents.exists():
            return "published"
    evidence = PublishedEvidence.objects.current().filter(organization=org, topic=topic, fiscal_year=fiscal_year)
    if round_no:
        evidence = evidence.filter(round=round_no)
    return "published" if evidence.exists() else None
