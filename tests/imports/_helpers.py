"""Helpers shared by the reader tests (test_readers_formats.py, test_readers_roundtrip.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prongsai.documents.content import row_texts
from prongsai.imports.readers import read_document
from prongsai.imports.seed import ParsedMeasure, ParsedReport, parse_report_bytes

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
IMPORT = FIXTURES / "import"
SEED = FIXTURES / "klaeng-2567-measures-report.txt"
SNAPSHOT = FIXTURES / "snapshot-klaeng-2567-report-r2.json"
FIELDS = ("number", "title", "methods", "responsible", "timeframe", "results", "outcome", "suggestions")


def seed() -> ParsedReport:
    return parse_report_bytes(SEED.read_bytes())


def squeeze(value: Any) -> Any:
    """White space aside: strings without any, lists item by item."""
    if isinstance(value, str):
        return "".join(value.split())
    if isinstance(value, list):
        return [squeeze(item) for item in value]
    if isinstance(value, dict):
        return {key: squeeze(item) for key, item in value.items()}
    return value


def cells(measure: ParsedMeasure | dict[str, Any], data: dict[str, Any] | None = None) -> dict[str, Any]:
    """A parsed measure's cells, or a snapshot row's as its document prints them (`data`: the snapshot, for a
    row of any layout: documents/content.py `row_texts`)."""
    if isinstance(measure, dict):
        printed = row_texts(data, measure) if data is not None else measure
        return {name: printed.get(name) for name in FIELDS}
    return {name: getattr(measure, name) for name in FIELDS}


def assert_same_measures(report: ParsedReport, expected: list[dict[str, Any]], *, exact: bool) -> None:
    assert len(report.measures) == len(expected)
    for got, want in zip(report.measures, expected, strict=True):
        if exact:
            assert cells(got) == want
        else:
            assert squeeze(cells(got)) == squeeze(want), got.number


def read(name: str) -> ParsedReport:
    path = IMPORT / name
    return read_document(path.read_bytes(), filename=path.name)
