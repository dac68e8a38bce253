"""The frozen contents of generated rows, in the same shapes the application writes.

`measure_dict` is what `Measure.to_dict()` gives (PlanApproval.content), `report_data` what
`documents.snapshots.build_data` gives for a report (Snapshot.data, schema 1, layout 2), so the documents of
a generated organisation preview and render like any other.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from prongsai.documents.content import SIGNATURE_ROLES
from prongsai.documents.snapshots import document_head
from prongsai.measures.models import ProgressStatus
from prongsai.orgs.models import Department, Organization
from prongsai.oversight.services.country import RESULTS, MeasureSpec

SIGNER = "เจ้าหน้าที่ตัวอย่าง"


def measure_dict(m: MeasureSpec, timeframe: str, departments: list[Department]) -> dict[str, Any]:
    return {
        "number": m.number,
        "title": m.title,
        "methods": list(m.methods),
        "departments": sorted(departments[i].name for i in m.departments),
        "responsible_text": "",
        "timeframe_text": timeframe,
        "months": [list(x) for x in m.months],
        "indicators": list(m.indicators),
        "oit_topics": [],
        "target": "",
        "version": 1,
    }


def report_data(
    snapshot_id: uuid.UUID,
    org: Organization,
    year: int,
    round_no: int,
    measures: list[MeasureSpec],
    frozen: list[dict[str, Any]],
    day: date,
) -> dict[str, Any]:
    rows = []
    for m, d in zip(measures, frozen, strict=True):
        status = m.statuses[round_no]
        rows.append(
            {
                "number": m.number,
                "title": m.title,
                "methods": list(m.methods),
                "responsible": " ".join(d["departments"]),
                "timeframe": d["timeframe_text"],
                "indicators": list(m.indicators),
                "results": list(RESULTS[status]),
                "status_text": str(ProgressStatus(status).label),
                "outcome": "",
                "problems": "",
                "suggestions": "",
            }
        )
    head = document_head(
        org,
        kind="report",
        round_no=round_no,
        fiscal_year=year,
        version=1,
        identifier=str(snapshot_id),
        document_date=day,
    )
    return head | {
        "rows": rows,
        "signatures": [
            {"role": role, "name": SIGNER if key != "reviewer" else "", "position": "", "date": day.isoformat()}
            for key, role in SIGNATURE_ROLES
        ],
        "removed_controls": [],
    }
