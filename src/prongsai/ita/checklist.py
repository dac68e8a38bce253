"""The OIT checklist of an ITA year: every item of the year's catalogue and what the organisation has
for it, so the officer sees what is missing before the assessors do.

An item's evidence is found by its stable topic key, never by its code: the current Evidence of a
measure whose `oit_topics` hold the topic, in the plan of the fiscal year the item covers (years.py);
for an item with a round, evidence of that round. A standing item (no `covers`) takes the ITA
year's own fiscal year, or, when that has none yet, the year before: last year's evidence follows
the topic to this year's code. A generated document counts for the topics the documents app makes:
`measures` (the plan document) and `measures-report` (the report of the round the item covers).
Five queries whatever the number of items.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from prongsai.documents.models import DocKind, Snapshot
from prongsai.ita.models import Catalogue
from prongsai.ita.years import covered_fiscal_year, covered_round, is_standing
from prongsai.measures.models import Evidence
from prongsai.orgs.models import Organization

# Topics a documents.Snapshot can stand for: topic -> the document kind.
DOCUMENT_TOPICS = {"measures": DocKind.PLAN, "measures-report": DocKind.REPORT}

EVIDENCE, DOCUMENT, PUBLISHED, MISSING = "evidence", "document", "published", "missing"


# The portal (which sits above this app) registers how to tell whether an item's material is public.
PublishedLookup = Callable[[Organization, dict[str, Any], int, "int | None"], "str | None"]
_published_lookups: list[PublishedLookup] = []


def register_published_lookup(lookup: PublishedLookup) -> None:
    if lookup not in _published_lookups:
        _published_lookups.append(lookup)


def published_state(org: Organization, item: dict[str, Any], fiscal_year: int, round_no: int | None) -> str | None:
    """Whether the item's material (of `fiscal_year`, `round_no`) is on the organisation's public page."""
    for lookup in _published_lookups:
        state = lookup(org, item, fiscal_year, round_no)
        if state:
            return state
    return None


@dataclass
class ChecklistRow:
    item: dict[str, Any]
    fiscal_year: int  # whose evidence the item asks for (a standing item: the ITA year's own)
    round: int | None
    standing: bool
    evidence: list[Evidence] = field(default_factory=list)
    evidence_year: int | None = None  # the fiscal year the evidence found is from
    documents: list[Snapshot] = field(default_factory=list)
    published: str | None = None

    @property
    def state(self) -> str:
        if self.published:
            return PUBLISHED
        if self.evidence:
            return EVIDENCE
        if self.documents:
            return DOCUMENT
        return MISSING

    @property
    def carried(self) -> bool:
        """The evidence shown is last year's, carried to this year's item by its topic."""
        return self.evidence_year is not None and self.evidence_year != self.fiscal_year


def _evidence_index(org: Organization, years: set[int]) -> dict[tuple[int, str], list[Evidence]]:
    index: dict[tuple[int, str], list[Evidence]] = defaultdict(list)
    found = (
        Evidence.objects.current()
        .filter(measure__plan__organization=org, measure__plan__fiscal_year__in=years)
        .select_related("measure__plan")
        .order_by("measure__number", "round", "created_at")
    )
    for evidence in found:
        for topic in evidence.measure.oit_topics or []:
            index[(evidence.measure.plan.fiscal_year, topic)].append(evidence)
    return index


def _documents(org: Organization, years: set[int]) -> dict[tuple[int, str, int], list[Snapshot]]:
    """(fiscal year, kind, round) -> snapshots, newest version first."""
    index: dict[tuple[int, str, int], list[Snapshot]] = defaultdict(list)
    found = (
        Snapshot.objects.filter(organization=org, plan__fiscal_year__in=years, kind__in=DOCUMENT_TOPICS.values())
        .select_related("plan")
        .order_by("-version")
    )
    for snapshot in found:
        index[(snapshot.plan.fiscal_year, snapshot.kind, snapshot.round)].append(snapshot)
    return index


def _matching(evidence: list[Evidence], round_no: int | None) -> list[Evidence]:
    return [e for e in evidence if round_no is None or e.round == round_no]


def checklist(org: Organization, catalogue: Catalogue) -> list[ChecklistRow]:
    year = catalogue.year
    items: list[dict[str, Any]] = catalogue.content.get("oit_items", [])
    rows = [
        ChecklistRow(
            item=item,
            fiscal_year=covered_fiscal_year(year, item),
            round=covered_round(item),
            standing=is_standing(item),
        )
        for item in items
    ]
    years = {r.fiscal_year for r in rows} | ({year - 1} if any(r.standing for r in rows) else set())
    evidence = _evidence_index(org, years)
    documents = _documents(org, years)
    for row in rows:
        topic = row.item["topic"]
        candidates = [row.fiscal_year, row.fiscal_year - 1] if row.standing else [row.fiscal_year]
        for fiscal_year in candidates:
            found = _matching(evidence.get((fiscal_year, topic), []), row.round)
            if found:
                row.evidence, row.evidence_year = found, fiscal_year
                break
        kind = DOCUMENT_TOPICS.get(topic)
        if kind == DocKind.PLAN:
            row.documents = documents.get((row.fiscal_year, kind, 0), [])[:1]
        elif kind == DocKind.REPORT:
            rounds = [row.round] if row.round else [2, 1]
            row.documents = [d for r in rounds for d in documents.get((row.fiscal_year, kind, r), [])[:1]]
        row.published = published_state(org, row.item, row.fiscal_year, row.round)
    return rows
