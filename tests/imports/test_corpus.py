"""Other agencies' tables (tests/fixtures/import/corpus, made by make_corpus.py there): each file read with
``read_document`` gives the measures a careful reader takes from it, field by field (``<file>.expected.json``).

EXPECTED_TO_FAIL lists the fixtures the reader does not read right yet. The test checks both ways: a listed
fixture must still differ (when it reads right, take it off the list) and every other one must read right, so
that a regression never passes silently. A failure lists, per measure, each field that differs.

Compared: text with its white space collapsed (a line break inside a cell is layout, not meaning), list items
likewise, extras by header (collapsed) and text; the organisation and the fiscal year of the title block; a
fixture with ``columns`` is read with that choice of the officer, and must be refused without it by the
reader asking which column holds the titles (NoTitleColumn, with the table's columns and layout key).

``corpus_fields`` gives the fields matched and counted over the corpus (bench/import.py prints the share): a
field counts when the expected value or the value read is not empty; each extras header counts as a field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from prongsai.imports.readers import read_document
from prongsai.imports.seed import NoTitleColumn

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "import" / "corpus"
NAMES = sorted(path.name.removesuffix(".expected.json") for path in CORPUS.glob("*.expected.json"))
FIELDS = (
    "number",
    "title",
    "methods",
    "responsible",
    "timeframe",
    "results",
    "results_1",
    "results_2",
    "outcome",
    "suggestions",
    "problems",
)
REPORT_FIELDS = ("organization", "fiscal_year")

# Fixtures the reader does not read right yet: empty it as the reader learns them.
EXPECTED_TO_FAIL: list[str] = []


def expected_of(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
    return data


def normal(value: Any) -> Any:
    """White space collapsed in text, in list items and in extras (keys and values)."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list | tuple):
        return [normal(item) for item in value]
    if isinstance(value, dict):
        return {normal(key): normal(item) for key, item in value.items()}
    return value


def _read(name: str, expected: dict[str, Any]) -> tuple[Any, list[str]]:
    """(the report or None, problems found before comparing measures)."""
    data = (CORPUS / name).read_bytes()
    problems: list[str] = []
    columns = expected.get("columns")
    if columns is not None and expected.get("refused_without_columns"):
        try:
            read_document(data, filename=name)
        except Exception as err:
            if not isinstance(err, NoTitleColumn):
                problems.append(f"without columns: refused as {type(err).__name__}, not NoTitleColumn: {err}")
            elif not any(column.get("key") in columns for column in err.columns) or not err.layout_key:
                problems.append(f"without columns: NoTitleColumn without the columns to choose from: {err.columns}")
        else:
            problems.append("without columns: read, but no column is headed as the measures'")
    try:
        report = read_document(data, filename=name, columns=columns) if columns else read_document(data, filename=name)
    except Exception as err:
        return None, [*problems, f"not read: {type(err).__name__}: {err}"]
    return report, problems


def _measure_of(measure: Any) -> dict[str, Any]:
    return {name: getattr(measure, name) for name in FIELDS} | {"extras": dict(measure.extras)}


def compare(name: str) -> tuple[list[str], int, int]:
    """(differences, fields matched, fields counted) of one fixture."""
    expected = expected_of(name)
    report, differences = _read(name, expected)
    matched = counted = 0

    def check(where: str, field: str, want: Any, got: Any) -> None:
        nonlocal matched, counted
        want, got = normal(want), normal(got)
        if not want and not got:
            return
        counted += 1
        if want == got:
            matched += 1
        else:
            differences.append(f"{where} {field}: expected {want!r}, read {got!r}")

    for field in REPORT_FIELDS:
        check("report", field, expected[field], getattr(report, field) if report is not None else None)
    wanted = expected["measures"]
    got_measures = [_measure_of(m) for m in report.measures] if report is not None else []
    if report is not None and len(got_measures) != len(wanted):
        differences.append(f"measures: expected {len(wanted)}, read {len(got_measures)}")
    for index in range(max(len(wanted), len(got_measures))):
        want = wanted[index] if index < len(wanted) else {}
        got = got_measures[index] if index < len(got_measures) else {}
        where = f"measure {index + 1}"
        for field in FIELDS:
            check(where, field, want.get(field), got.get(field))
        want_extras, got_extras = normal(want.get("extras", {})), normal(got.get("extras", {}))
        for header in [*want_extras, *(key for key in got_extras if key not in want_extras)]:
            check(where, f"extras[{header}]", want_extras.get(header), got_extras.get(header))
    return differences, matched, counted


def corpus_fields() -> tuple[int, int]:
    """Fields matched and fields counted over the whole corpus."""
    matched = counted = 0
    for name in NAMES:
        _, good, total = compare(name)
        matched, counted = matched + good, counted + total
    return matched, counted


def test_the_corpus_has_fourteen_tables_or_more_in_every_kind_of_file() -> None:
    assert len(NAMES) >= 14
    assert {Path(name).suffix for name in NAMES} == {".docx", ".xlsx", ".csv", ".txt"}
    assert set(EXPECTED_TO_FAIL) <= set(NAMES)
    for name in NAMES:
        assert (CORPUS / name).is_file(), name


@pytest.mark.parametrize("name", NAMES)
def test_each_table_reads_as_a_careful_reader_reads_it(name: str) -> None:
    differences, _, _ = compare(name)
    if name in EXPECTED_TO_FAIL:
        assert differences, f"{name} now reads as expected: take it off EXPECTED_TO_FAIL"
    else:
        assert not differences, f"{name}:\n" + "\n".join(differences)
