"""Measures to suggest for a weak indicator: the shipped library (data/measure_library.json, from the
seed's eight measures) and the organisation's own past measures (any plan of its own but this one).

A suggestion carries what a new measure copies from it: title, methods, indicators, OIT topics.
Reads only; services.suggestions.adopt_suggestion writes.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from prongsai.core.digits import num
from prongsai.measures.models import Measure, Plan

LIBRARY = "library"
OWN = "measure"
_TOPIC = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Suggestion:
    source: str  # LIBRARY or OWN
    key: str  # the library key, or the past measure's id
    title: str
    methods: tuple[str, ...]
    indicators: tuple[int, ...]
    oit_topics: tuple[str, ...]
    origin: str  # where it comes from, for the page
    department_ids: tuple[Any, ...] = field(default=())
    in_plan: bool = False  # the plan already has a measure of this title


def normal_title(title: str) -> str:
    return " ".join(title.split())


@cache
def library() -> tuple[Suggestion, ...]:
    """The shipped library, checked once (a broken file is a bug of the package: it raises)."""
    text = (resources.files("prongsai.ita") / "data" / "measure_library.json").read_text(encoding="utf-8")
    entries: list[dict[str, Any]] = json.loads(text)["measures"]
    out = []
    for entry in entries:
        indicators = tuple(int(i) for i in entry["indicators"])
        topics = tuple(entry.get("oit_topics", []))
        if not entry["title"].strip() or any(not 1 <= i <= 10 for i in indicators):
            raise ValueError(f"measure_library.json: bad entry {entry['key']}")
        if any(not _TOPIC.match(t) for t in topics):
            raise ValueError(f"measure_library.json: bad topic in {entry['key']}")
        out.append(
            Suggestion(
                source=LIBRARY,
                key=str(entry["key"]),
                title=entry["title"],
                methods=tuple(entry.get("methods", [])),
                indicators=indicators,
                oit_topics=topics,
                origin="คลังมาตรการ",
            )
        )
    return tuple(out)


def _own(measure: Measure) -> Suggestion:
    year = num(measure.plan.fiscal_year)
    return Suggestion(
        source=OWN,
        key=str(measure.pk),
        title=measure.title,
        methods=tuple(measure.methods or []),
        indicators=tuple(measure.indicators or []),
        oit_topics=tuple(measure.oit_topics or []),
        origin=f"แผนปี {year} มาตรการที่ {num(measure.number)}",
        department_ids=tuple(d.pk for d in measure.departments.all()),
    )


def suggestions(plan: Plan, indicator: int | None = None) -> list[Suggestion]:
    """The organisation's own past measures (newest plan first), then the library; one per title.

    With `indicator`, only those linked to it. `in_plan` marks a title the plan already has.
    """
    in_plan = {normal_title(t) for t in Measure.objects.filter(plan=plan).values_list("title", flat=True)}
    own = (
        Measure.objects.filter(plan__organization_id=plan.organization_id)
        .exclude(plan=plan)
        .select_related("plan")
        .prefetch_related("departments")
        .order_by("-plan__fiscal_year", "number")
    )
    seen: set[str] = set()
    out: list[Suggestion] = []
    for candidate in [*(_own(m) for m in own if m.indicators), *library()]:
        title = normal_title(candidate.title)
        if title in seen or (indicator is not None and indicator not in candidate.indicators):
            continue
        seen.add(title)
        out.append(_marked(candidate, title in in_plan))
    return out


def _marked(suggestion: Suggestion, in_plan: bool) -> Suggestion:
    return replace(suggestion, in_plan=True) if in_plan else suggestion


def find_suggestion(plan: Plan, source: str, key: str) -> Suggestion | None:
    """The suggestion a button names, looked up again on the server (never trusted from the form)."""
    if source == LIBRARY:
        return next((s for s in library() if s.key == key), None)
    if source == OWN:
        try:
            pk = uuid.UUID(str(key))
        except ValueError:
            return None
        measure = (
            Measure.objects.filter(plan__organization_id=plan.organization_id, pk=pk)
            .exclude(plan=plan)
            .select_related("plan")
            .prefetch_related("departments")
            .first()
        )
        return _own(measure) if measure is not None and measure.indicators else None
    return None
