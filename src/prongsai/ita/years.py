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
  and by ITA N+1 (its yearly reports): plan FY2568 ↔ ITA 2568 and ITA 2569.

What the measure form offers (`topic_choices`): exactly the items that assess the plan's fiscal
year N, i.e. whose `covered_fiscal_year` is N, grouped by ITA year and in catalogue order.

* An item with `covers` counts for ITA year + offset, nothing else (ITA 2568's O13, offset −1,
  counts for a FY2567 plan; ITA 2569's O25, offset 0, for a FY2569 plan).
* A standing item counts for its ITA year's own fiscal year only: the assessors look at what
  stands while they collect (during fiscal year Y), so the measures that build or keep it are
  those of plan Y. It is not offered to plan Y−1 as well: the checklist's fallback to the year
  before is about where evidence may be found, and it follows the stable topic key, so a topic
  chosen on plan Y−1 for ITA Y−1's standing item already serves ITA Y where the topic goes on.
* Nothing is guessed: when no catalogue in the system assesses year N (ITA N not published yet,
  or a catalogue without its OIT items), nothing is offered and the form says so.
* A topic appears once, under the first ITA year that assesses N with it; a later year that asks
  for it again is named in the same label ("… · และ O26 · ITA ๒๕๖๙").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from prongsai.core.digits import num
from prongsai.ita.models import Assessment, Catalogue
from prongsai.ita.services import active_catalogue, catalogue_years
from prongsai.measures.oit_topics import OitTopicOffer

# catalogue.py accepts offsets from −2 to +1, so the ITA years that can assess fiscal year N are N−1 … N+2.
_OFFSETS = range(-2, 2)

Options = list[tuple[str, str]]


def covered_fiscal_year(ita_year: int, item: dict[str, Any]) -> int:
    """The fiscal year whose evidence an item of ITA `ita_year` asks for (a standing item: its own)."""
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


def _catalogues(years: Sequence[int]) -> list[Catalogue]:
    """The catalogues in force for these ITA years, in the order given, skipping years without one."""
    known = set(catalogue_years())
    return [active_catalogue(year) for year in years if year in known]


def _label(year: int, item: dict[str, Any]) -> str:
    return f"{item['code']} · ITA {num(year)} {item['title']}"


def _year_list(years: Sequence[int]) -> str:
    shown = [num(y) for y in years]
    return (
        shown[0]
        if len(shown) == 1
        else _("%(first)s และ %(last)s")
        % {
            "first": ", ".join(shown[:-1]),
            "last": shown[-1],
        }
    )


def _candidates(fiscal_year: int) -> list[Catalogue]:
    """The catalogues whose items could assess `fiscal_year`, oldest ITA year first."""
    return _catalogues([fiscal_year - offset for offset in reversed(_OFFSETS)])


def _assessing(fiscal_year: int, catalogues: Sequence[Catalogue]) -> list[tuple[int, Options]]:
    """(ITA year, [(topic, label), ...]) of every catalogue with items that assess `fiscal_year`."""
    groups: list[tuple[int, Options]] = []
    where: dict[str, tuple[int, int]] = {}  # topic -> (group, option) where it is offered
    for catalogue in catalogues:
        options: Options = []
        for item in catalogue.content.get("oit_items", []):
            if covered_fiscal_year(catalogue.year, item) != fiscal_year:
                continue
            topic = item["topic"]
            if topic in where:
                g, o = where[topic]
                first = groups[g][1] if g < len(groups) else options
                also = _("และ %(item)s") % {"item": f"{item['code']} · ITA {num(catalogue.year)}"}
                first[o] = (topic, f"{first[o][1]} · {also}")
                continue
            where[topic] = (len(groups), len(options))
            options.append((topic, _label(catalogue.year, item)))
        if options:
            groups.append((catalogue.year, options))
    return groups


def _headed(groups: list[tuple[int, Options]]) -> list[tuple[str, Options]]:
    return [(_("เกณฑ์ ITA ปี %(year)s") % {"year": num(year)}, options) for year, options in groups]


def topic_choices(fiscal_year: int) -> list[tuple[str, Options]]:
    """Grouped choices, (heading, [(topic, label), ...]) per ITA year, of the OIT items that assess
    `fiscal_year` (see the module's docstring for the rule); [] when no catalogue does.

    A label names the code and the ITA year: "O26 · ITA ๒๕๖๙ รายงานผลการดำเนินการ…".
    """
    return _headed(_assessing(fiscal_year, _candidates(fiscal_year)))


def topic_labels(topics: Sequence[str], near: int) -> dict[str, str]:
    """A label for each topic some catalogue lists, from the catalogue of the ITA year nearest to
    `near` that lists it (the later one on a tie); topics no catalogue lists are left out."""
    wanted = set(topics)
    labels: dict[str, str] = {}
    for year in sorted(catalogue_years(), key=lambda y: (abs(y - near), -y)):
        if len(labels) == len(wanted):
            break
        for item in active_catalogue(year).content.get("oit_items", []):
            if item["topic"] in wanted and item["topic"] not in labels:
                labels[item["topic"]] = _label(year, item)
    return labels


def plan_topic_choices(plan: Any, chosen: Sequence[str] = ()) -> OitTopicOffer:
    """The measure form's hook (measures.oit_topics.set_oit_topic_choices): the items that assess the
    plan's fiscal year, and the `chosen` topics outside them, kept and marked with the years offered."""
    fiscal_year = int(plan.fiscal_year)
    catalogues = _candidates(fiscal_year)
    assessing = _assessing(fiscal_year, catalogues)
    offered = {topic for _year, options in assessing for topic, _label in options}
    kept = [topic for topic in dict.fromkeys(chosen) if topic not in offered]
    labels = topic_labels(kept, fiscal_year) if kept else {}
    fy = num(fiscal_year)
    if assessing:
        mark = _("ไม่อยู่ในเกณฑ์ปี %(years)s ที่ประเมินปีงบประมาณนี้") % {"years": _year_list([y for y, _o in assessing])}
    else:
        mark = _("ไม่อยู่ในเกณฑ์ที่ประเมินปีงบประมาณ %(year)s") % {"year": fy}
    notes = []
    if assessing and not any(c.year == fiscal_year and c.content.get("oit_items") for c in catalogues):
        notes.append(
            _(
                "เกณฑ์ ITA ปี %(year)s ยังไม่มีรายการข้อ OIT ในระบบ: "
                "ข้อที่ดูสิ่งที่หน่วยงานมีอยู่ระหว่างปีนั้น (เช่น ช่องทาง นโยบาย) จึงยังเลือกไม่ได้"
            )
            % {"year": fy}
        )
    return OitTopicOffer(
        groups=_headed(assessing),
        kept=[(topic, labels.get(topic, topic)) for topic in kept],
        kept_mark=mark,
        notes=notes,
    )
