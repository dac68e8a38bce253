"""The years to review after copy-forward: the items kept in ``Plan.year_review``, found and checked.

Copy-forward moves the fiscal year on by itself in one place only: the plan's title and introduction,
right after ปีงบประมาณ (พ.ศ.) / ประจำปี(งบประมาณ), a single year equal to the source plan's
(``core/be_years.py``). Every other B.E. year in the copied text (the plan's title and introduction,
each measure's title, methods items, responsible text and target; the timeframe is moved by
``be_years.shift_years``) becomes an item the officer accepts or keeps (services/years.py). An item is
a dict:

    id          int, unique within the plan
    measure     the measure's id (str), or None for the plan's own title and introduction
    field       "title" | "intro" (plan); "title" | "methods" | "responsible_text" | "target" (measure)
    index       the methods item (from 0), else None
    start, end  where the words are in that text
    found       the words as written: "๒๕๖๗", "๖๗", "๒๕๖๗ – ๒๕๗๐"
    replacement the same words a year on, digits and width kept: "๒๕๖๘", "๖๘", "๒๕๖๘ – ๒๕๗๑"
    kind        be_years' kind: range, date, fiscal or year
    before, after   the words around it, shown to the officer
    digest      SHA-256 of the whole text when listed (or last changed here): a different text now
                means someone edited it, and the item is stale: never replaced, only kept
    version     the measure's version when listed (None for the plan); kept up to date by the services
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from prongsai.core import be_years
from prongsai.measures.access import can_edit_measure, department_limit
from prongsai.measures.models import Measure, Plan, PlanStatus
from prongsai.orgs.models import Membership

PLAN_FIELDS = ("title", "intro")
MEASURE_FIELDS = ("title", "methods", "responsible_text", "target")
_CONTEXT = 50  # characters of surrounding words shown on each side
_NEAR = 12  # a cut moves to a space this close (Thai writes few spaces)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def measure_texts(measure: Measure) -> Iterator[tuple[str, int | None, str]]:
    """(field, methods index or None, text) of every text of a measure that is reviewed."""
    for field in MEASURE_FIELDS:
        if field == "methods":
            for index, item in enumerate(measure.methods):
                yield field, index, str(item)
        else:
            yield field, None, str(getattr(measure, field))


def text_at(owner: Plan | Measure, field: str, index: int | None) -> str | None:
    """The text an item points at, as it is now; None when that place no longer exists."""
    allowed = PLAN_FIELDS if isinstance(owner, Plan) else MEASURE_FIELDS
    if field not in allowed:
        return None
    if field == "methods":
        methods = list(getattr(owner, "methods", []))
        return str(methods[index]) if isinstance(index, int) and 0 <= index < len(methods) else None
    return str(getattr(owner, field))


def set_text_at(owner: Plan | Measure, field: str, index: int | None, text: str) -> None:
    if field == "methods" and isinstance(owner, Measure) and index is not None:
        methods = list(owner.methods)
        methods[index] = text
        owner.methods = methods
    else:
        setattr(owner, field, text)


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """The words before and after [start:end], with "…" where cut (at a space when one is near)."""
    before = text[max(0, start - _CONTEXT) : start]
    if start > _CONTEXT:
        cut = before.find(" ")
        before = "…" + (before[cut + 1 :] if 0 <= cut < _NEAR else before)
    after = text[end : end + _CONTEXT]
    if end + _CONTEXT < len(text):
        cut = after.rfind(" ")
        after = (after[:cut] if cut > len(after) - _NEAR else after) + "…"
    return before, after


def _items_of(
    text: str, *, measure: Measure | None, field: str, index: int | None, skip_year: int | None, by: int
) -> Iterator[dict[str, Any]]:
    for mention in be_years.find_years(text):
        if skip_year is not None and be_years.is_fiscal_mention_of(mention, skip_year):
            continue  # moved on by copy-forward itself
        before, after = _around(text, mention.start, mention.end)
        yield {
            "measure": str(measure.pk) if measure is not None else None,
            "field": field,
            "index": index,
            "start": mention.start,
            "end": mention.end,
            "found": mention.text,
            "replacement": mention.shifted(by),
            "kind": mention.kind,
            "before": before,
            "after": after,
            "digest": digest(text),
            "version": measure.version if measure is not None else None,
        }


def collect(
    *, source_title: str, source_intro: str, source_year: int, by: int, measures: Iterable[Measure]
) -> list[dict[str, Any]]:
    """The items of a plan just copied forward: `by` years on from `source_year`.

    The plan's own texts are read as they were in the source plan (the fiscal-year mentions that
    copy-forward moved by itself are left out); the shifted text has the same length, so the
    places are the same, and the digest is of the text the new plan holds.
    """
    items: list[dict[str, Any]] = []
    for field, source in (("title", source_title), ("intro", source_intro)):
        shifted, _count = be_years.shift_fiscal_year(source, source_year, by)
        for item in _items_of(source, measure=None, field=field, index=None, skip_year=source_year, by=by):
            items.append(item | {"digest": digest(shifted)})
    for measure in measures:
        for field, index, text in measure_texts(measure):
            items.extend(_items_of(text, measure=measure, field=field, index=index, skip_year=None, by=by))
    for number, item in enumerate(items, start=1):
        item["id"] = number
    return items


def stale_reason(item: dict[str, Any], plan: Plan, measures: dict[str, Measure]) -> str:
    """Why an item may no longer be replaced (Thai), or "" when its words are still where they were."""
    owner: Plan | Measure = plan
    if item.get("measure"):
        found_measure = measures.get(str(item["measure"]))
        if found_measure is None:
            return _("มาตรการนี้ถูกลบแล้ว")
        owner = found_measure
    text = text_at(owner, str(item.get("field")), item.get("index"))
    if text is None:
        return _("ข้อนี้ถูกลบหรือย้ายไปแล้ว")
    start, end = int(item.get("start", 0)), int(item.get("end", 0))
    # The measure's version moves on with every save (a reorder too): the words themselves decide.
    if digest(text) != item.get("digest") or text[start:end] != item.get("found"):
        return _("ข้อความตรงนี้ถูกแก้ไขหลังคัดลอก ระบบจึงไม่เปลี่ยนให้: ตรวจดูเองแล้วกด “คงไว้” เพื่อปิดรายการ")
    return ""


@dataclass(frozen=True)
class ReviewRow:
    """One item as the plan page shows it."""

    id: str
    on_plan: bool  # the plan's own title or introduction (else a measure's text)
    measure_number: int | None  # None: the measure was deleted
    field: str
    item_number: int | None  # the methods item, from 1
    before: str
    found: str
    after: str
    replacement: str
    stale: str  # why it cannot be replaced, or ""
    can_decide: bool  # this member may accept or keep it
    can_accept: bool


_FIELD_ORDER = {"title": 0, "intro": 1, "methods": 2, "responsible_text": 3, "target": 4}


def review_rows(plan: Plan, membership: Membership) -> list[ReviewRow]:
    """The plan's pending items, each checked against the text as it is now; [] when none."""
    items = [item for item in plan.year_review if isinstance(item, dict)]
    if not items:
        return []
    ids = {str(item["measure"]) for item in items if item.get("measure")}
    measures = {str(m.pk): m for m in Measure.objects.filter(plan=plan, pk__in=ids).prefetch_related("departments")}
    limit = department_limit(membership) if membership.can_edit and not membership.is_admin else set()
    draft = plan.status == PlanStatus.DRAFT
    rows = []
    for item in items:
        measure = measures.get(str(item.get("measure") or ""))
        may = membership.can_edit and (measure is None or can_edit_measure(membership, measure, limit=limit))
        stale = stale_reason(item, plan, measures)
        index = item.get("index")
        rows.append(
            ReviewRow(
                id=str(item["id"]),
                on_plan=not item.get("measure"),
                measure_number=measure.number if measure is not None else None,
                field=str(item.get("field")),
                item_number=index + 1 if isinstance(index, int) else None,
                before=str(item.get("before", "")),
                found=str(item.get("found", "")),
                after=str(item.get("after", "")),
                replacement=str(item.get("replacement", "")),
                stale=stale,
                can_decide=may,
                can_accept=may and draft and not stale,
            )
        )
    rows.sort(
        key=lambda r: (
            not r.on_plan,
            r.measure_number or 0,
            _FIELD_ORDER.get(r.field, 9),
            r.item_number or 0,
            int(r.id),
        )
    )
    return rows
