"""การวิเคราะห์ผลการประเมิน ITA as a table document (documents.content.table_layout).

The overall score and grade, then ตัวชี้วัด | คะแนน | ประเด็นที่ต้องแก้ไข/ปรับปรุง grouped IIT / EIT /
OIT (a header row per tool), with the chart of the ten indicators against the pass mark
(`chart_svg`, the same SVG as the web page; the PDF prints it above the table, Word and Excel
leave it out). The same renderers as the official reports give PDF, Word and Excel.

Not frozen as a documents.Snapshot (a Snapshot belongs to a plan and is a report or a plan
document): the analysis is rendered on demand from the assessment and its notes, dated by their
latest change, so the same data gives the same file.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from prongsai.core import thai
from prongsai.ita.analysis import Analysis

TITLE = "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"
HEADERS = ["ตัวชี้วัด", "คะแนน", "ประเด็นที่ต้องแก้ไข/ปรับปรุง"]
WIDTHS = [32, 16, 52]


def _n(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _signed(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"+{value:.2f}" if value > 0 else f"{value:.2f}"


def _mark(value: Decimal) -> str:
    return str(int(value)) if value == int(value) else f"{value:.2f}"


def document_date(analysis: Analysis) -> str:
    """The latest change of the scores or a note (local date): what the document is as of."""
    times = [analysis.assessment.updated_at, *(r.note.updated_at for r in analysis.rows if r.note is not None)]
    return timezone.localdate(max(times)).isoformat()


def summary_lines(analysis: Analysis) -> list[str]:
    """The overall result in sentences: score, grade, tools, the year before, peers, the weak ones."""
    a = analysis.assessment
    mark = _mark(analysis.pass_mark)
    verdict = "" if a.passed is None else ("ผ่านเกณฑ์" if a.passed else "ไม่ผ่านเกณฑ์") + f" {mark} คะแนน"
    lines = [
        f"คะแนน ITA {_n(a.ita)} คะแนน ระดับ {a.grade or '—'}" + (f" ({verdict})" if verdict else ""),
        " · ".join(f"{t.code} {_n(t.score)} (ถ่วงน้ำหนัก {_n(t.share)} จาก {_mark(t.weight)})" for t in analysis.tools),
    ]
    if analysis.previous is not None:
        change = f" เปลี่ยนแปลง {_signed(analysis.ita_change)}" if analysis.ita_change is not None else ""
        lines.append(
            f"เทียบกับปี {analysis.previous.year}: คะแนน ITA {_n(analysis.previous.ita)} "
            f"ระดับ {analysis.previous.grade or '—'}{change}"
        )
    peers = analysis.peers
    if peers is not None and peers.count:
        rank = f" อันดับที่ {peers.ita_rank} จาก {peers.ita_total}" if peers.ita_rank else ""
        lines.append(
            f"เทียบกับ{peers.kind}ในจังหวัด{peers.province} {peers.count} แห่ง: คะแนน ITA เฉลี่ย {_n(peers.ita_mean)}{rank}"
        )
    weak = analysis.weak
    if weak:
        listed = ", ".join(f"{r.number} {r.name} ({_n(r.score)})" for r in weak)
        lines.append(f"ตัวชี้วัดที่ต่ำกว่าเกณฑ์ {mark} คะแนน (เรียงจากต่ำสุด): {listed}")
    elif not analysis.missing:
        lines.append(f"ทุกตัวชี้วัดผ่านเกณฑ์ {mark} คะแนน")
    return lines


def analysis_rows(analysis: Analysis) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for tool, indicators in analysis.grouped():
        rows.append([f"{tool.code} {tool.name}", f"{_n(tool.score)}", ""])
        for r in indicators:
            score = [_n(r.score)]
            if r.below:
                score.append("(ต่ำกว่าเกณฑ์)")
            rows.append([f"{r.number}. {r.name}", score, r.note_text.splitlines()])
    return rows


def analysis_data(analysis: Analysis) -> dict[str, Any]:
    """The table document's data, for documents.renderers (PDF, DOCX, XLSX)."""
    a = analysis.assessment
    org = a.organization
    when = document_date(analysis)
    filename = f"ita-analysis-{a.year}-{org.slug}"
    place = thai.place_line(org.district, org.province)
    alt = "; ".join(f"{r.number} {r.name} {_n(r.score)}" for r in analysis.rows)
    return {
        "kind": "table",
        "filename": filename,
        "document_date": when,
        "identifier": filename,
        "version": 1,
        "thai_digits": org.thai_digits,
        "font_size": org.font_size,
        "docx_font": org.docx_font,
        "table": {
            "title_lines": [TITLE, f"ผลการประเมินประจำปีงบประมาณ พ.ศ. {a.year}"],
            "org_lines": [org.name, place] if place else [org.name],
            "intro": "\n".join(summary_lines(analysis)),
            "headers": HEADERS,
            "widths": WIDTHS,
            "rows": analysis_rows(analysis),
            "footer": f"ผลการประเมิน ITA ปี {a.year} · ข้อมูล ณ วันที่ "
            + thai.format_date_long(date.fromisoformat(when), thai_digits=False),
            "chart_svg": analysis.chart_svg(thai_digits=org.thai_digits),
            "chart_alt": f"แผนภูมิคะแนนรายตัวชี้วัดเทียบเกณฑ์ผ่าน {_mark(analysis.pass_mark)}: {alt}",
        },
    }
