"""A file as read, kept as JSON on its draft (ImportRecord.parsed) between the upload and the confirmation.

The file is read once, at the upload; the preview (every time it is shown, for any year or round) and the
confirmation work from what is kept here, so that what is confirmed is exactly what the preview showed, and
a large file is not read again on each step. ``report_to_dict`` / ``report_from_dict`` and ``roundtrip_to_dict``
/ ``roundtrip_from_dict`` give back equal dataclasses (tested on every fixture). FORMAT changes whenever
what is kept changes: a draft kept in another format is read again from its bytes.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from prongsai.imports.excel_roundtrip import RoundTrip
from prongsai.imports.incoming import Incoming, RowKey
from prongsai.imports.normalise import Repair
from prongsai.imports.seed import ParsedMeasure, ParsedReport

FORMAT = 2


def without_nul(value: Any) -> Any:
    """The data with no NUL character in its strings (PostgreSQL's jsonb refuses it; no report needs it)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    return value


def report_to_dict(report: ParsedReport) -> dict[str, Any]:
    return asdict(report)


def report_from_dict(data: dict[str, Any]) -> ParsedReport:
    measures = [ParsedMeasure(**measure) for measure in data["measures"]]
    repairs = [Repair(**item) for item in data["repairs"]]
    return ParsedReport(**{**data, "measures": measures, "repairs": repairs})


def _incoming_to_dict(row: Incoming) -> dict[str, Any]:
    return {
        "number": row.number,
        "title": row.title,
        "place": row.place,
        "fields": row.fields,
        "departments": row.departments,
        "progress": [[round_no, values] for round_no, values in row.progress.items()],  # JSON keys are strings
        "readonly": sorted(row.readonly),
        "parsed": asdict(row.parsed) if row.parsed is not None else None,
        "key": asdict(row.key) if row.key is not None else None,
    }


def _incoming_from_dict(data: dict[str, Any]) -> Incoming:
    return Incoming(
        number=data["number"],
        title=data["title"],
        place=data["place"],
        fields=data["fields"],
        departments=data["departments"],
        progress={int(round_no): values for round_no, values in data["progress"]},
        readonly=frozenset(data["readonly"]),
        parsed=ParsedMeasure(**data["parsed"]) if data["parsed"] is not None else None,
        key=RowKey(**data["key"]) if data["key"] is not None else None,
    )


def roundtrip_to_dict(sheet: RoundTrip) -> dict[str, Any]:
    return {
        "plan_id": sheet.plan_id,
        "round": sheet.round,
        "department_id": sheet.department_id,
        "organization_id": sheet.organization_id,
        "rows": [_incoming_to_dict(row) for row in sheet.rows],
        "notes": sheet.notes,
    }


def roundtrip_from_dict(data: dict[str, Any]) -> RoundTrip:
    return RoundTrip(**{**data, "rows": [_incoming_from_dict(row) for row in data["rows"]]})
