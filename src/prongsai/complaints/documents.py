"""The receipt (ใบรับเรื่อง) and the statistics table as documents, through the documents pipeline.

Both are table documents (documents.content.table_layout): the same renderers as the official
reports give PDF, Word, Excel and CSV, with the organisation's digit and font settings.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from prongsai.complaints.models import Case
from prongsai.complaints.stats import table_rows
from prongsai.core import thai
from prongsai.orgs.models import Organization

STAT_HEADERS = ["ช่วงเวลา / ประเภท", "ทั้งหมด", "ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ", "ไม่รับเรื่อง", "ส่งต่อ"]


def _base(org: Organization, filename: str, document_date: str) -> dict[str, Any]:
    return {
        "kind": "table",
        "filename": filename,
        "document_date": document_date,
        "identifier": filename,
        "version": 1,
        "thai_digits": org.thai_digits,
        "font_size": org.font_size,
        "docx_font": org.docx_font,
    }


def _place(org: Organization) -> list[str]:
    place = " ".join(
        p for p in (f"อำเภอ{org.district}" if org.district else "", f"จังหวัด{org.province}" if org.province else "") if p
    )
    return [org.name, place] if place else [org.name]


def receipt_data(case: Case, tracking_url: str) -> dict[str, Any]:
    """What the receipt prints: no more personal data than the citizen gave for the receipt itself."""
    org = case.organization
    received = timezone.localtime(case.received_at)
    registrar = case.registered_by.get_full_name() or case.registered_by.username if case.registered_by else ""
    rows = [
        ["เลขรับ", case.registry_display],
        ["วันที่รับ", thai.format_datetime(received, thai_digits=False)],
        ["ช่องทาง", str(case.get_channel_display())],
        ["ประเภท", case.kind.name],
        ["เรื่อง", case.subject],
        ["ผู้แจ้ง", case.contact_name or "ไม่ประสงค์ออกนาม"],
        ["กำหนดแจ้งผลภายใน", thai.format_date_long(case.due_date, thai_digits=False) if case.due_date else "—"],
        ["รหัสติดตามเรื่อง", case.tracking_code],
        ["ติดตามความคืบหน้าได้ที่", tracking_url],
    ]
    data = _base(org, f"receipt-{case.registry_no}-{case.fiscal_year}", received.date().isoformat())
    data["table"] = {
        "title_lines": ["ใบรับเรื่อง"],
        "org_lines": _place(org),
        "headers": ["รายการ", "รายละเอียด"],
        "widths": [30, 70],
        "rows": rows,
        "signatures": [{"role": "ผู้รับเรื่อง", "name": registrar, "position": "", "date": ""}],
        "footer": f"เลขรับ {case.registry_display}",
    }
    return data


def stats_data(org: Organization, fiscal_year: int, stats: dict[str, Any]) -> dict[str, Any]:
    """The assessors' table: by month, quarter, half-year, kind and channel; or that there were none."""
    groups = table_rows(stats)
    rows: list[list[Any]] = []
    for label, row in (
        [("รวมทั้งปีงบประมาณ", stats)]
        + groups["months"]
        + groups["quarters"]
        + groups["halves"]
        + [(f"ประเภท: {k}", r) for k, r in groups["kinds"]]
        + [(f"ช่องทาง: {c}", r) for c, r in groups["channels"]]
    ):
        rows.append([label, *(str(row[k]) for k in ("total", "completed", "in_progress", "rejected", "forwarded"))])
    intro = "ไม่มีเรื่องร้องเรียน" if stats["total"] == 0 else ""
    today = timezone.localdate()
    data = _base(org, f"complaint-stats-{fiscal_year}", today.isoformat())
    data["table"] = {
        "title_lines": ["ข้อมูลเชิงสถิติเรื่องร้องเรียน", f"ประจำปีงบประมาณ พ.ศ. {fiscal_year}"],
        "org_lines": _place(org),
        "intro": intro or f"ข้อมูล ณ วันที่ {thai.format_date_long(today, thai_digits=False)}",
        "headers": STAT_HEADERS,
        "widths": [30, 14, 14, 14, 14, 14],
        "rows": rows,
        "footer": f"ข้อมูล ณ วันที่ {thai.format_date_long(today, thai_digits=False)}",
    }
    return data
