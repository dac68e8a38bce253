"""What reading a report gives, whatever it was read from: the measures, the title block, the warnings and
repairs, the table's columns — and the one error a reader raises. Pure Python: no Django here.

seed.py (the seed's text format) and readers/ (Word, PDF, Excel, CSV, HTML, text tables) all return a
``ParsedReport``; stored.py keeps it as JSON on a draft; ``report_to_json`` is the agreed JSON form of the
command line (``prongsai import-report --json``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from prongsai.imports.normalise import Repair

_JSON_KEYS = ("title", "organization", "fiscal_year", "district", "province", "intro", "measures", "warnings")
_OPTIONAL_KEYS = ("source_format", "repairs")
_OPTIONAL_MEASURE_KEYS = (
    "place",
    "results_1",
    "results_2",
    "problems",
    "problems_1",
    "problems_2",
    "extras",
    "original",
)


class ImportFormatError(ValueError):
    """The text cannot be read as a report. `message` is Thai; str() names the file line when known."""

    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message if line is None else f"บรรทัดที่ {line}: {message}")


class NoTitleColumn(ImportFormatError):
    """A measures table whose header names no column as the measures' (readers): ``columns`` and ``layout_key``
    as ParsedReport has them (each column's "field" as classified), for the officer to choose the title column."""

    def __init__(self, line: int | None, message: str, columns: list[dict[str, Any]], layout_key: str) -> None:
        super().__init__(line, message)
        self.columns = columns
        self.layout_key = layout_key


@dataclass
class ParsedMeasure:
    number: int
    title: str
    methods: list[str]
    departments: list[str]
    responsible: str
    timeframe: str
    results: list[str]
    status: str
    outcome: str
    suggestions: str
    line: int
    # Added for documents other than the seed's text (imports/readers); empty for the seed text format.
    place: str = ""  # where the measure's row is, in Thai ("ตาราง 1 แถว 3", "หน้า 2", "แถวที่ 5")
    results_1: list[str] = field(default_factory=list)  # รอบ ๖ เดือน, when the table has that column
    results_2: list[str] = field(default_factory=list)  # รอบ ๑๒ เดือน
    problems: str = ""  # ปัญหา/อุปสรรค (the 12-month column when split by round, else the 6-month one)
    problems_1: str = ""
    problems_2: str = ""
    extras: dict[str, str] = field(default_factory=dict)  # other columns: header text -> cell text
    original: dict[str, str] = field(default_factory=dict)  # field or extras header -> text before repair


@dataclass
class ParsedReport:
    title: str
    organization: str
    district: str
    province: str
    fiscal_year: int
    intro: str
    measures: list[ParsedMeasure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Added for imports/readers: the format read ("text", "csv", "docx", "xlsx", "pdf", "html") and every
    # change normalise.repair made (each also described in warnings).
    source_format: str = ""
    repairs: list[Repair] = field(default_factory=list)
    # The measures table's columns as read (columns.py: index, header, key, field, chosen) and its layout key.
    columns: list[dict[str, Any]] = field(default_factory=list)
    layout_key: str = ""


def report_to_json(report: ParsedReport) -> dict[str, Any]:
    """The report as plain JSON data, in the agreed key order (the measures' file lines are left out).

    The keys the document readers added (source_format, repairs; a measure's place, results_1 …) follow the
    agreed ones only when they hold something, so the seed text format gives exactly the agreed keys.
    """
    data = asdict(report)
    for measure in data["measures"]:
        del measure["line"]
        for key in _OPTIONAL_MEASURE_KEYS:  # present only when a document filled them
            if not measure[key]:
                del measure[key]
    result = {key: data[key] for key in _JSON_KEYS}
    for key in _OPTIONAL_KEYS:
        if data[key]:
            result[key] = data[key]
    return result
