"""What a document says: the frozen data of a snapshot, and the text every renderer prints from it.

`build_data` freezes a plan's rows into plain JSON (schema below). `layout` turns that JSON into the
lines each renderer prints — the same text for PDF, DOCX, XLSX, CSV and the HTML preview — with the
organisation's digit setting applied. Renderers never read the database.

Snapshot data, schema 1:
    {"schema": 1, "layout": 2 (absent: layout 1), "kind": "report"|"plan", "round": 0|1|2, "version": int,
     "identifier": str, "document_date": "YYYY-MM-DD", "fiscal_year": int,
     "organization": {"name", "district", "province"},
     "title": str, "intro": str, "thai_digits": bool, "font_size": int (TH Sarabun points),
     "docx_font": str, "emblem_sha256": str ("" when none),
     "problems_column": bool (layout 2: the report has a ปัญหา/อุปสรรค column),
     "rows": [{"number": int, "title": str, "methods": [str], "responsible": str, "timeframe": str,
               "indicators": [int], "results": [str], "outcome": str, "suggestions": str,
               layout 2 also: "status_text": str, "problems": str}],
     "signatures": [{"role": str, "name": str, "position": str, "date": "YYYY-MM-DD"|""}],
     "removed_controls": [str]}

The report row's layout (`row_texts` reads both; every consumer of rows goes through it):
    layout 1 (snapshots made before issue #15): "outcome" is the status phrase as written, the only text of
        the column ผลลัพธ์หรือความสำเร็จของการดำเนินการ; 7 columns. Rendered exactly as it always was.
    layout 2: "status_text" is the status phrase as written (by default the status's name), "outcome" the
        outcome the officer typed, "problems" the ปัญหา/อุปสรรค. The column ผลลัพธ์… prints the phrase, then the
        outcome's lines; ปัญหา/อุปสรรค is a column of its own when "problems_column" (8 columns), else it
        ends the ข้อเสนอแนะ cell as "ปัญหา/อุปสรรค: …" (7 columns).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from prongsai.core import thai

SCHEMA = 1
LAYOUT = 2  # the report row's layout of new snapshots; data without "layout" is layout 1

REPORT_TITLE = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
PLAN_TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"

# (key, header) of each document's table, in the seed's order.
REPORT_COLUMNS = [
    ("title", "มาตรการหรือกิจกรรมที่ดำเนินการ"),
    ("methods", "วิธีการดำเนินการ"),
    ("responsible", "ผู้รับผิดชอบ"),
    ("timeframe", "ระยะเวลา"),
    ("results", "ผลการดำเนินการ"),
    ("outcome", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"),
    ("suggestions", "ข้อเสนอแนะ"),
]
PROBLEMS_HEADER = "ปัญหา/อุปสรรค"
PROBLEMS_PREFIX = PROBLEMS_HEADER + ": "  # how problems end the ข้อเสนอแนะ cell when they have no column
REPORT_COLUMNS_WITH_PROBLEMS = [*REPORT_COLUMNS[:-1], ("problems", PROBLEMS_HEADER), REPORT_COLUMNS[-1]]
PLAN_COLUMNS = [
    ("title", "มาตรการ"),
    ("methods", "วิธีการดำเนินการ"),
    ("responsible", "ผู้รับผิดชอบ"),
    ("timeframe", "ระยะเวลา"),
    ("indicators", "ตัวชี้วัด ITA ที่เกี่ยวข้อง"),
]
# Relative column widths (they add up to 100).
REPORT_WIDTHS = [17, 22, 11, 10, 20, 11, 9]
# 8 columns on A4 landscape (tests/documents/test_report_row_pdf.py measures them): ผู้รับผิดชอบ keeps its 11
# (the widest department names, "กองการศึกษา ฯ" with its ฯ, fit on a line); ปัญหา/อุปสรรค and ข้อเสนอแนะ get 10
# each (their header breaks at the slash), taken from the title, methods, timeframe and results columns.
REPORT_WIDTHS_WITH_PROBLEMS = [14, 18, 11, 8, 17, 12, 10, 10]
PLAN_WIDTHS = [24, 36, 14, 12, 14]

INDICATOR_NAMES = {
    1: "การปฏิบัติหน้าที่",
    2: "การใช้งบประมาณ",
    3: "การใช้อำนาจ",
    4: "การใช้ทรัพย์สินของราชการ",
    5: "การแก้ไขปัญหาการทุจริต",
    6: "คุณภาพการดำเนินงาน",
    7: "ประสิทธิภาพการสื่อสาร",
    8: "การปรับปรุงระบบการทำงาน",
    9: "การเปิดเผยข้อมูล",
    10: "การป้องกันการทุจริต",
}
SIGNATURE_ROLES = [("reporter", "ผู้รายงาน"), ("reviewer", "ผู้ตรวจสอบ"), ("approver", "ผู้อนุมัติ")]

# Control characters (except tab and newline) never reach a document; they are removed and reported.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\ufeff]")


def clean_text(text: str, place: str, removed: list[str]) -> str:
    text = unicodedata.normalize("NFC", text or "")
    cleaned = _CONTROLS.sub("", text)
    if cleaned != text:
        removed.append(place)
    return cleaned


def round_label(round_no: int, fiscal_year: int) -> str:
    start, end = thai.round_window(fiscal_year, round_no)
    months = f"ตุลาคม {thai.be_year(start)} – {thai.THAI_MONTHS[end.month]} {thai.be_year(end)}"
    return ("รอบ ๖ เดือน" if round_no == 1 else "รอบ ๑๒ เดือน") + f" ({months})"


@dataclass
class Layout:
    """The printed text of a document, identical for every format."""

    title_lines: list[str]
    org_lines: list[str]
    intro: str
    headers: list[str]
    widths: list[int]
    rows: list[list[list[str]]]  # row → cell → lines (numbered items already carry their numbers)
    signatures: list[dict[str, str]]
    footer: str
    font_size: int
    docx_font: str


def _digits(text: str, on: bool) -> str:
    return thai.thaify_digits(text) if on else thai.to_arabic_digits(text)


def _items(items: list[str], on: bool) -> list[str]:
    if len(items) <= 1:
        return [_digits(i, on) for i in items]
    return [_digits(f"{n}. {item}", on) for n, item in enumerate(items, start=1)]


def layout_version(data: dict[str, Any]) -> int:
    return int(data.get("layout") or 1)


def report_columns(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, header) of a report's table: 7 columns, or 8 when layout 2 data has a ปัญหา/อุปสรรค column."""
    if layout_version(data) >= 2 and data.get("problems_column"):
        return REPORT_COLUMNS_WITH_PROBLEMS
    return REPORT_COLUMNS


def _join(*texts: str) -> str:
    return "\n".join(t for t in texts if t)


def row_texts(data: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """A report row as its document prints it, whatever the layout (see the module's docstring).

    The row's fields, with "outcome", "problems" and "suggestions" the whole text of those columns
    ("problems" is "" when the layout has no such column) and "status" the status phrase as written.
    Digits as stored: `layout` applies the organisation's digit setting.
    """
    texts = dict(row)
    if layout_version(data) < 2:
        texts["status"] = row.get("outcome") or ""
        texts["problems"] = ""
        return texts
    status, problems = row.get("status_text") or "", row.get("problems") or ""
    texts["status"] = status
    texts["outcome"] = _join(status, row.get("outcome") or "")
    if data.get("problems_column"):
        texts["problems"] = problems
    else:
        texts["problems"] = ""
        texts["suggestions"] = _join(row.get("suggestions") or "", PROBLEMS_PREFIX + problems if problems else "")
    return texts


def _cell(row: dict[str, Any], key: str, on: bool) -> list[str]:
    if key == "title":
        return [_digits(f"{row['number']}. {row['title']}", on)]
    if key in ("methods", "results"):
        return _items(row.get(key) or [], on)
    if key == "indicators":
        return [_digits(f"{i}. {INDICATOR_NAMES.get(i, '')}", on) for i in row.get("indicators") or []]
    value = row.get(key) or ""
    return [_digits(line, on) for line in value.splitlines()] if value else []


def table_layout(data: dict[str, Any]) -> Layout:
    """A document that is a titled table of its own (a receipt, statistics, an analysis).

    `data["table"]` holds title_lines, org_lines, intro, headers, widths and rows of plain strings or
    lists of lines; the organisation's digit setting is applied here like for every document, except
    to a line given as {"as_is": text} (a file name, a hash: printed exactly as it is elsewhere).
    """
    on = bool(data.get("thai_digits", True))
    t = data["table"]

    def line(value: Any) -> str:
        return str(value["as_is"]) if isinstance(value, dict) else _digits(str(value), on)

    def lines(value: Any) -> list[str]:
        items = value if isinstance(value, list) else [value] if value not in (None, "") else []
        return [line(v) for v in items]

    return Layout(
        title_lines=lines(t.get("title_lines", [])),
        org_lines=lines(t.get("org_lines", [])),
        intro=_digits(t.get("intro", ""), on),
        headers=[str(h) for h in t["headers"]],
        widths=[int(w) for w in t["widths"]],
        rows=[[lines(cell) for cell in row] for row in t["rows"]],
        signatures=[{k: _digits(str(v), on) for k, v in s.items()} for s in t.get("signatures", [])],
        footer=_digits(t.get("footer", ""), on),
        font_size=int(data.get("font_size", 16)),
        docx_font=str(data.get("docx_font", "TH SarabunPSK")),
    )


def layout(data: dict[str, Any]) -> Layout:
    if "table" in data:
        return table_layout(data)
    on = bool(data.get("thai_digits", True))
    report = data["kind"] == "report"
    columns = report_columns(data) if report else PLAN_COLUMNS
    org = data["organization"]
    year = data["fiscal_year"]
    title_lines = [data["title"], f"ประจำปีงบประมาณ พ.ศ. {year}"]
    if report:
        title_lines.append(round_label(int(data["round"]), int(year)))
    org_lines = [org["name"]]
    place = thai.place_line(org.get("district", ""), org.get("province", ""))
    if place:
        org_lines.append(place)
    signatures = []
    for sig in data.get("signatures", []):
        when = date.fromisoformat(sig["date"]) if sig.get("date") else None
        signatures.append(
            {
                "role": sig["role"],
                "name": sig.get("name", ""),
                "position": sig.get("position", ""),
                "date": thai.format_date_long(when, thai_digits=on) if when else "",
            }
        )
    footer = f"ฉบับที่ {data['version']} · {data['identifier'][:8]}"
    return Layout(
        title_lines=[_digits(t, on) for t in title_lines],
        org_lines=[_digits(t, on) for t in org_lines],
        intro=_digits(data.get("intro", ""), on),
        headers=[h for _k, h in columns],
        widths=table_widths(data),
        rows=[printed_row(data, row) for row in data["rows"]],
        signatures=[{k: _digits(v, on) for k, v in s.items()} for s in signatures],
        footer=_digits(footer, on),
        font_size=int(data.get("font_size", 16)),
        docx_font=str(data.get("docx_font", "TH SarabunPSK")),
    )


def table_widths(data: dict[str, Any]) -> list[int]:
    if data["kind"] != "report":
        return PLAN_WIDTHS
    return REPORT_WIDTHS_WITH_PROBLEMS if len(report_columns(data)) == 8 else REPORT_WIDTHS


def printed_row(data: dict[str, Any], row: dict[str, Any]) -> list[list[str]]:
    """One row of the document's table: cell → printed lines, with the organisation's digit setting."""
    on = bool(data.get("thai_digits", True))
    if data["kind"] != "report":
        return [_cell(row, key, on) for key, _h in PLAN_COLUMNS]
    texts = row_texts(data, row)
    return [_cell(texts, key, on) for key, _h in report_columns(data)]


def base_filename(data: dict[str, Any]) -> str:
    if "filename" in data:
        return str(data["filename"])
    kind = "report" if data["kind"] == "report" else "plan"
    suffix = f"-r{data['round']}" if data["kind"] == "report" else ""
    return f"ita-{kind}-{data['fiscal_year']}{suffix}-v{data['version']}"
