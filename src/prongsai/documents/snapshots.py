"""Freezing a plan's rows into snapshot data (see content.py for the schema)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import F
from django.utils import timezone

from prongsai.documents.content import (
    LAYOUT,
    PLAN_TITLE,
    REPORT_TITLE,
    SCHEMA,
    SIGNATURE_ROLES,
    Layout,
    clean_text,
    layout,
)
from prongsai.measures.models import Measure, Plan, Progress


def _person(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


def _position(plan: Plan, user: Any) -> str:
    if user is None:
        return ""
    # A person who left and joined again has several rows: the active one, else the latest to end.
    latest_first = F("removed_at").desc(nulls_first=True)
    membership = plan.organization.memberships.filter(user=user).order_by(latest_first).first()
    return membership.position if membership else ""


def signatures(plan: Plan) -> list[dict[str, str]]:
    """The signature block: what was typed on the plan, else filled from its submission and approval."""
    filled = {
        "reporter": {
            "name": _person(plan.submitted_by),
            "position": _position(plan, plan.submitted_by),
            "date": timezone.localdate(plan.submitted_at).isoformat() if plan.submitted_at else "",
        },
        "reviewer": {"name": "", "position": "", "date": ""},
        "approver": {
            "name": _person(plan.approved_by),
            "position": _position(plan, plan.approved_by),
            "date": timezone.localdate(plan.approved_at).isoformat() if plan.approved_at else "",
        },
    }
    typed = plan.signatures or {}
    result = []
    for key, role in SIGNATURE_ROLES:
        entry = {k: (typed.get(key, {}).get(k) or filled[key][k]) for k in ("name", "position", "date")}
        result.append({"role": role, **entry})
    return result


def measure_row(m: Measure, p: Progress | None, removed: list[str]) -> dict[str, Any]:
    """A measure's row of the document (layout 2): its progress of the round, if any, as the officer wrote it.

    The progress form's live preview prints an unsaved Progress through this too.
    """
    where = f"มาตรการที่ {m.number}"
    return {
        "number": m.number,
        "title": clean_text(m.title, where, removed),
        "methods": [clean_text(i, where, removed) for i in m.methods],
        "responsible": clean_text(m.responsible_display, where, removed),
        "timeframe": clean_text(m.timeframe_text, where, removed),
        "indicators": list(m.indicators),
        "results": [clean_text(i, where, removed) for i in (p.results if p else [])],
        "status_text": clean_text(p.status_display if p and p.version else "", where, removed),
        "outcome": clean_text(p.outcome if p else "", where, removed),
        "problems": clean_text(p.problems if p else "", where, removed),
        "suggestions": clean_text(p.suggestions if p else "", where, removed),
    }


def build_data(
    plan: Plan,
    *,
    kind: str,
    round_no: int,
    version: int,
    identifier: str,
    document_date: date,
    emblem_sha256: str = "",
) -> dict[str, Any]:
    """Everything the document prints, as plain JSON. Control characters are removed and listed."""
    org = plan.organization
    removed: list[str] = []
    progress: dict[tuple[Any, int], Progress] = {
        (p.measure_id, p.round): p for p in Progress.objects.filter(measure__plan=plan, round=round_no or 2)
    }
    rows = []
    for m in plan.measures.prefetch_related("departments").order_by("number"):
        p = progress.get((m.pk, round_no)) if kind == "report" else None
        rows.append(measure_row(m, p, removed))
    intro = clean_text(plan.intro, "บทนำ", removed)
    return document_head(
        org,
        kind=kind,
        round_no=round_no if kind == "report" else 0,
        fiscal_year=plan.fiscal_year,
        version=version,
        identifier=identifier,
        document_date=document_date,
        intro=intro,
        emblem_sha256=emblem_sha256,
    ) | {"rows": rows, "signatures": signatures(plan), "removed_controls": sorted(set(removed))}


def document_head(
    org: Any,
    *,
    kind: str,
    round_no: int,
    fiscal_year: int,
    version: int,
    identifier: str,
    document_date: date,
    intro: str = "",
    emblem_sha256: str = "",
) -> dict[str, Any]:
    """The part of a snapshot (current layout) that is not its rows: what it is, whose, and how it prints
    (the organisation's digit, font and report-layout settings, frozen with it)."""
    return {
        "schema": SCHEMA,
        "layout": LAYOUT,
        "kind": kind,
        "round": round_no,
        "version": version,
        "identifier": identifier,
        "document_date": document_date.isoformat(),
        "fiscal_year": fiscal_year,
        "organization": {"name": org.name, "district": org.district, "province": org.province},
        "title": REPORT_TITLE if kind == "report" else PLAN_TITLE,
        "intro": intro,
        "thai_digits": org.thai_digits,
        "font_size": org.font_size,
        "docx_font": org.docx_font,
        "emblem_sha256": emblem_sha256,
        "problems_column": org.problems_column,
    }


def preview_row(measure: Measure, progress: Progress) -> tuple[Layout, list[str]]:
    """The report's table head and this measure's row, as the next report would print them (`layout`, the
    organisation's digit setting and report layout), for a progress not saved yet; and the places whose
    control characters the document leaves out."""
    plan = measure.plan
    org = plan.organization
    removed: list[str] = []
    head = document_head(
        org,
        kind="report",
        round_no=progress.round,
        fiscal_year=plan.fiscal_year,
        version=0,
        identifier="",
        document_date=timezone.localdate(),
    )
    data = head | {"rows": [measure_row(measure, progress, removed)], "signatures": [], "removed_controls": removed}
    return layout(data), sorted(set(removed))
