"""Which ITA year looks at which fiscal year: the one mapping the analysis, the plan page, the
measure form and the OIT checklist share.

The cycle, in B.E. years:

* ITA year Y is assessed during fiscal year Y (ITA 2567: data collected 1 Jan – 30 Jun 2567) and
  its results come out near the end of it.
* A plan of fiscal year N is written at the start of N (October of N−1) from the latest result
  before it: ITA N−1 ("the latest assessment before the plan's year").
* Each OIT item says which fiscal year its evidence covers: `covers.fiscal_year_offset` from the
  ITA year (ITA 2569's O26 holds the FY2568 yearly report: offset −1, round 2). An item without
  `covers` is a standing item (a structure, a channel, a policy): evidence of the ITA year's own
  fiscal year, or of the year before when nothing newer exists.
* So a plan of fiscal year N is looked at by ITA N (the measures, 6-month reports, standing items)
  and by ITA N+1 (its yearly reports): plan FY2568 ↔ ITA 2568 and ITA 2569. The measure form
  offers the items of both, keyed by their stable topic.
"""

from __future__ import annotations

from typing import Any

from prongsai.core.thai import to_thai_digits
from prongsai.ita.models import Assessment, Catalogue
from prongsai.ita.services import active_catalogue, catalogue_years


def covered_fiscal_year(ita_year: int, item: dict[str, Any]) -> int:
    """The fiscal year whose evidence an item of ITA `ita_year` asks for."""
    covers = item.get("covers") or {}
    return ita_year + int(covers.get("fiscal_year_offset", 0))


def covered_round(item: dict[str, Any]) -> int | None:
    """1 (6 months, Oct–Mar), 2 (the whole fiscal year) or None (any)."""
    covers = item.get("covers") or {}
    value = covers.get("round")
    return int(value) if value else None


def is_standing(item: dict[str, Any]) -> bool:
    return not item.get("covers")


def plan_ita_years(fiscal_year: int) -> tuple[int, int]:
    """The ITA years that look at a plan's fiscal year: its own, and the next (the yearly reports)."""
    return fiscal_year, fiscal_year + 1


def baseline_assessment(org_id: Any, fiscal_year: int) -> Assessment | None:
    """The result a plan of `fiscal_year` answers: the latest assessment of an earlier ITA year."""
    return (
        Assessment.objects.filter(organization_id=org_id, year__lt=fiscal_year)
        .select_related("catalogue")
        .order_by("-year")
        .first()
    )


def _catalogue(year: int) -> Catalogue | None:
    return active_catalogue(year) if year in catalogue_years() else None


def _with_items(year: int) -> Catalogue | None:
    """The catalogue of `year`, or, when it lists no OIT items, the latest earlier one that does."""
    for candidate in sorted((y for y in catalogue_years() if y <= year), reverse=True):
        catalogue = _catalogue(candidate)
        if catalogue is not None and catalogue.content.get("oit_items"):
            return catalogue
    return None


def topic_choices(fiscal_year: int) -> list[tuple[str, str]]:
    """(topic, label) of every OIT item that looks at `fiscal_year`, then the other items of those years.

    A label names the code and ITA year where the item covers the plan's year ("O26 · ITA ๒๕๖๙ …").
    """
    first: dict[str, str] = {}
    rest: dict[str, str] = {}
    for ita_year in plan_ita_years(fiscal_year):
        catalogue = _catalogue(ita_year) if ita_year != fiscal_year else _with_items(ita_year)
        if catalogue is None:
            continue
        for item in catalogue.content.get("oit_items", []):
            label = f"{item['code']} · ITA {to_thai_digits(str(catalogue.year))} {item['title']}"
            covered = covered_fiscal_year(catalogue.year, item) if not is_standing(item) else catalogue.year
            if covered == fiscal_year or (catalogue.year != ita_year and covered == catalogue.year):
                first.setdefault(item["topic"], label)
            else:
                rest.setdefault(item["topic"], label)
    choices = list(first.items())
    choices += [(topic, label) for topic, label in rest.items() if topic not in first]
    return choices


def plan_topic_choices(plan: Any) -> list[tuple[str, str]]:
    """The measure form's hook (measures.forms.set_oit_topic_choices)."""
    return topic_choices(int(plan.fiscal_year))
