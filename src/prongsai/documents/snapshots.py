"""Freezing a plan's rows into snapshot data (see content.py for the schema)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import F
from django.utils import timezone

from prongsai.documents.content import PLAN_TITLE, REPORT_TITLE, SCHEMA, SIGNATURE_ROLES, clean_text
from prongsai.measures.models import Plan, Progress


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
        where = f"มาตรการที่ {m.number}"
        p = progress.get((m.pk, round_no)) if kind == "report" else None
        rows.append(
            {
                "number": m.number,
                "title": clean_text(m.title, where, removed),
                "methods": [clean_text(i, where, removed) for i in m.methods],
                "responsible": clean_text(m.responsible_display, where, removed),
                "timeframe": clean_text(m.timeframe_text, where, removed),
                "indicators": list(m.indicators),
                "results": [clean_text(i, where, removed) for i in (p.results if p else [])],
                "outcome": clean_text(p.status_display if p and p.version else "", where, removed),
                "suggestions": clean_text(p.suggestions if p else "", where, removed),
            }
        )
    default_title = REPORT_TITLE if kind == "report" else PLAN_TITLE
    return {
        "schema": SCHEMA,
        "kind": kind,
        "round": round_no if kind == "report" else 0,
        "version": version,
        "identifier": identifier,
        "document_date": document_date.isoformat(),
        "fiscal_year": plan.fiscal_year,
        "organization": {"name": org.name, "district": org.district, "province": org.province},
        "title": default_title,
        "intro": clean_text(plan.intro, "บทนำ", removed),
        "thai_digits": org.thai_digits,
        "font_size": org.font_size,
        "docx_font": org.docx_font,
        "emblem_sha256": emblem_sha256,
        "rows": rows,
        "signatures": signatures(plan),
        "removed_controls": sorted(set(removed)),
    }
