"""What a file brings to a plan: its measures as ``Incoming`` (merge.py compares them with the plan).

From a report (``incoming_from_report``): the measure fields the file has (methods, responsible, timeframe) and
its progress per round. A report whose results are split by round (รอบ ๖ เดือน | รอบ ๑๒ เดือน) fills both
rounds, its status and suggestions going with the 12-month one (else the 6-month one); a report with one
results column fills the round chosen, or the one its title names, else the 12-month round. A column empty in
every measure is one the file does not have: it is left out, so that importing never clears what the plan
holds. A lone "-" is nothing to report. A Prongsai report's outcome cell (status phrase, then outcome) and a
suggestions cell ending with "ปัญหา/อุปสรรค: …" are split back where unambiguous (report_row.py). A
department's Excel makes its own (excel_roundtrip.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from prongsai.imports.columns import round_of
from prongsai.imports.report_row import row_texts
from prongsai.imports.seed import ParsedMeasure, ParsedReport
from prongsai.measures.models import Round

PROGRESS_FIELDS = ("results", "status", "status_text", "outcome", "problems", "suggestions")
_NOTHING = {"-", "–", "—", "ไม่มี"}


@dataclass
class RowKey:
    """A department's Excel row: the measure and the versions it had when the sheet was downloaded."""

    measure_id: str
    measure_version: int
    progress_version: int


@dataclass
class Incoming:
    number: int
    title: str
    place: str
    fields: dict[str, Any] = field(default_factory=dict)  # methods, responsible_text, timeframe_text
    departments: list[str] = field(default_factory=list)  # as written
    progress: dict[int, dict[str, Any]] = field(default_factory=dict)  # round -> field -> value
    readonly: frozenset[str] = frozenset()  # fields the file may not change
    parsed: ParsedMeasure | None = None
    key: RowKey | None = None


def items(values: list[str]) -> list[str]:
    """Items without blanks; a lone "-" (nothing to report) is no item."""
    kept = [" ".join(value.split()) for value in values if value and value.strip()]
    return [] if all(value in _NOTHING for value in kept) else kept


def main_round(report: ParsedReport, round_no: int | None) -> int:
    """The round a report's results and status belong to: its 12-month column, else its 6-month one, else
    the one chosen (or named in the title: "รอบ ๖ เดือน"), else 12 months."""
    if any(items(m.results_2) or m.problems_2 for m in report.measures):
        return 2
    if any(items(m.results_1) or m.problems_1 for m in report.measures):
        return 1
    if round_no in Round.values:
        return int(round_no or 2)
    return round_of(report.title) or 2


def incoming_from_report(report: ParsedReport, round_no: int | None = None) -> list[Incoming]:
    main = main_round(report, round_no)
    split = any(m.results_1 or m.results_2 or m.problems_1 or m.problems_2 for m in report.measures)
    result = []
    for m in report.measures:
        if split:
            rounds: dict[int, dict[str, Any]] = {
                1: {"results": items(m.results_1), "problems": m.problems_1.strip()},
                2: {"results": items(m.results_2), "problems": m.problems_2.strip()},
            }
        else:
            rounds = {main: {"results": items(m.results), "problems": m.problems.strip()}}
        # A Prongsai report's cells split back into their fields where that is unambiguous (report_row.py).
        problems = rounds.get(main, {}).get("problems", "")
        texts = row_texts(m.outcome, m.suggestions, problems, m.status)
        rounds.setdefault(main, {}).update(
            status_text=texts.status_text,
            status=texts.status if texts.status_text else "",
            outcome=texts.outcome,
            suggestions=texts.suggestions,
            problems=texts.problems,
        )
        fields = {
            "methods": items(m.methods),
            "responsible_text": m.responsible.strip(),
            "timeframe_text": m.timeframe.strip(),
        }
        result.append(
            Incoming(m.number, m.title.strip(), m.place or f"บรรทัดที่ {m.line}", fields, m.departments, rounds, parsed=m)
        )
    _drop_absent(result)
    return result


def _drop_absent(incoming: list[Incoming]) -> None:
    """A field empty in every measure is a column the file does not have: it is not compared at all."""
    for name in ("methods", "responsible_text", "timeframe_text"):
        if not any(inc.fields.get(name) for inc in incoming):
            for inc in incoming:
                inc.fields.pop(name, None)
    for round_no in Round.values:
        for name in PROGRESS_FIELDS:
            if not any(inc.progress.get(round_no, {}).get(name) for inc in incoming):
                for inc in incoming:
                    inc.progress.get(round_no, {}).pop(name, None)
