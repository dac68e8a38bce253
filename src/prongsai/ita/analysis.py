"""The analysis of one year's result: weak indicators ranked, the change from the year before, peers.

Peers are the organisations of the same kind in the same province with a result that year. Their
mean and the organisation's rank are aggregated by the database in ONE query (AVG and COUNT with
FILTER per indicator), never by loading the organisations into Python: a national table of 8,300
results costs the same page. Reads only; the notes are written by services.notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q

from prongsai.core.thai import format_number
from prongsai.ita.chart import Bar, indicator_chart
from prongsai.ita.models import INDICATORS, Assessment, IndicatorNote
from prongsai.ita.scoring import TOOLS, Spec

TWO = Decimal("0.01")


@dataclass
class IndicatorRow:
    number: int
    name: str
    tool: str
    score: Decimal | None
    below: bool  # below the pass mark
    previous: Decimal | None = None
    change: Decimal | None = None
    peer_mean: Decimal | None = None
    peer_rank: int | None = None  # 1 = the best of the organisation and its peers with a score
    peer_total: int = 0  # how many were ranked (the organisation included)
    note: IndicatorNote | None = None

    @property
    def note_text(self) -> str:
        return self.note.text if self.note is not None else ""


@dataclass
class ToolRow:
    code: str
    name: str
    weight: Decimal
    score: Decimal | None
    share: Decimal | None
    previous: Decimal | None
    change: Decimal | None


@dataclass
class Peers:
    kind: str
    province: str
    count: int = 0  # peers with a result that year (the organisation not counted)
    ita_mean: Decimal | None = None
    ita_rank: int | None = None
    ita_total: int = 0
    means: dict[int, Decimal | None] = field(default_factory=dict)
    ranks: dict[int, tuple[int, int]] = field(default_factory=dict)  # indicator -> (rank, ranked)


@dataclass
class Analysis:
    assessment: Assessment
    previous: Assessment | None
    pass_mark: Decimal
    rows: list[IndicatorRow]
    tools: list[ToolRow]
    peers: Peers | None
    ita_change: Decimal | None

    @property
    def weak(self) -> list[IndicatorRow]:
        """The indicators below the pass mark, lowest first."""
        return sorted((r for r in self.rows if r.below), key=lambda r: (r.score, r.number))

    @property
    def missing(self) -> list[IndicatorRow]:
        return [r for r in self.rows if r.score is None]

    def grouped(self) -> list[tuple[ToolRow, list[IndicatorRow]]]:
        return [(tool, [r for r in self.rows if r.tool == tool.code]) for tool in self.tools]

    def chart_svg(self, *, thai_digits: bool = True) -> str:
        year = format_number(self.assessment.year, thai_digits)
        mark = format_number(self.pass_mark.normalize(), thai_digits)
        title = f"คะแนนรายตัวชี้วัด ITA ปี {year} เทียบเกณฑ์ผ่าน {mark}"
        return indicator_chart(
            [Bar(r.number, r.name, r.tool, r.score) for r in self.rows],
            self.pass_mark,
            thai_digits=thai_digits,
            title=title,
        )


def _diff(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    return None if now is None or before is None else (now - before).quantize(TWO)


def _ranked(above: int, count: int) -> tuple[int, int]:
    """Rank 1 + the peers above; out of the peers with a score + the organisation."""
    return above + 1, count + 1


def peer_stats(assessment: Assessment) -> Peers | None:
    """Peers' means and the organisation's rank per indicator and for the ITA score, in one query.

    None when the organisation has no province (no peer group to speak of).
    """
    org = assessment.organization
    if not org.province:
        return None
    peers = Peers(kind=str(org.get_kind_display()), province=org.province)
    aggregates: dict[str, Any] = {"n": Count("pk"), "ita_mean": Avg("ita"), "ita_count": Count("ita")}
    if assessment.ita is not None:
        aggregates["ita_above"] = Count("pk", filter=Q(ita__gt=assessment.ita))
    for number in INDICATORS:
        column = f"indicator_{number}"
        aggregates[f"mean_{number}"] = Avg(column)
        aggregates[f"count_{number}"] = Count(column)
        score = getattr(assessment, column)
        if score is not None:
            aggregates[f"above_{number}"] = Count("pk", filter=Q(**{f"{column}__gt": score}))
    found = (
        Assessment.objects.filter(
            year=assessment.year, organization__kind=org.kind, organization__province=org.province
        )
        .exclude(organization_id=org.pk)
        .aggregate(**aggregates)
    )
    peers.count = int(found["n"] or 0)
    if not peers.count:
        return peers
    peers.ita_mean = _quantize(found["ita_mean"])
    if "ita_above" in found:
        peers.ita_rank, peers.ita_total = _ranked(int(found["ita_above"]), int(found["ita_count"]))
    for number in INDICATORS:
        peers.means[number] = _quantize(found[f"mean_{number}"])
        if f"above_{number}" in found:
            peers.ranks[number] = _ranked(int(found[f"above_{number}"]), int(found[f"count_{number}"]))
    return peers


def _quantize(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(TWO)


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The organisation's latest result before this one (normally the year before)."""
    return (
        Assessment.objects.filter(organization_id=assessment.organization_id, year__lt=assessment.year)
        .order_by("-year")
        .first()
    )


def analyse(assessment: Assessment) -> Analysis:
    """Everything the analysis page and document show, in a fixed number of queries."""
    content = assessment.catalogue.content
    spec = Spec.of(content)
    names = {int(i["number"]): i["name"] for i in content["indicators"]}
    previous = previous_assessment(assessment)
    peers = peer_stats(assessment)
    notes = {n.indicator: n for n in IndicatorNote.objects.filter(assessment=assessment).select_related("updated_by")}
    rows = []
    for number in INDICATORS:
        score = getattr(assessment, f"indicator_{number}")
        before = getattr(previous, f"indicator_{number}") if previous is not None else None
        rank = peers.ranks.get(number) if peers is not None else None
        rows.append(
            IndicatorRow(
                number=number,
                name=names.get(number, ""),
                tool=spec.tool_of(number),
                score=score,
                below=score is not None and score < spec.pass_mark,
                previous=before,
                change=_diff(score, before),
                peer_mean=peers.means.get(number) if peers is not None else None,
                peer_rank=rank[0] if rank else None,
                peer_total=rank[1] if rank else 0,
                note=notes.get(number),
            )
        )
    tool_names = {t["code"]: t["name"] for t in content["tools"]}
    tools = []
    for code in TOOLS:
        score = getattr(assessment, code.lower())
        before = getattr(previous, code.lower()) if previous is not None else None
        tools.append(
            ToolRow(
                code=code,
                name=tool_names.get(code, ""),
                weight=spec.weights[code],
                score=score,
                share=getattr(assessment, f"{code.lower()}_share"),
                previous=before,
                change=_diff(score, before),
            )
        )
    return Analysis(
        assessment=assessment,
        previous=previous,
        pass_mark=spec.pass_mark,
        rows=rows,
        tools=tools,
        peers=peers,
        ita_change=_diff(assessment.ita, previous.ita if previous is not None else None),
    )
