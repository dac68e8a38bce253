"""Statistics per fiscal year, the table the ITA assessors ask for — fair, and with no personal data.

A case counts in the month (Asia/Bangkok) it was received, filed on the web or registered by staff,
confidential or not; its status is the status now. "completed" = ดำเนินการแล้วเสร็จ; "in_progress"
= not finished yet (รับเรื่อง or อยู่ระหว่างดำเนินการ); ไม่รับเรื่อง and ส่งต่อ are counted apart, so
total = completed + in_progress + rejected + forwarded.

Month keys are the B.E. year and calendar month, "2567-10" … "2568-09" for fiscal year 2568,
all twelve present in fiscal order; quarters "1".."4" and halves "1","2" are of the fiscal year
(quarter 1 = ต.ค.–ธ.ค.).
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.complaints.models import Case, CaseKind, CaseStatus, Channel
from prongsai.core import thai
from prongsai.core.digits import num
from prongsai.orgs.models import Organization

COLUMNS = ("total", "completed", "in_progress", "rejected", "forwarded")
_COLUMN_OF = {
    CaseStatus.DONE: "completed",
    CaseStatus.RECEIVED: "in_progress",
    CaseStatus.IN_PROGRESS: "in_progress",
    CaseStatus.REJECTED: "rejected",
    CaseStatus.FORWARDED: "forwarded",
}


def _zero() -> dict[str, int]:
    return dict.fromkeys(COLUMNS, 0)


def _add(row: dict[str, int], status: str) -> None:
    row["total"] += 1
    row[_COLUMN_OF[CaseStatus(status)]] += 1


def month_key(year_be: int, month: int) -> str:
    return f"{year_be}-{month:02d}"


def year_stats(organization: Organization, fiscal_year: int) -> dict[str, Any]:
    """One query; every bucket present (zeros included) so a table never silently drops a row."""
    first, last = thai.fiscal_year_bounds(fiscal_year)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(first, time.min), tz)
    end = timezone.make_aware(datetime.combine(last, time.max), tz)
    rows = Case.objects.filter(organization=organization, received_at__gte=start, received_at__lte=end).values_list(
        "received_at", "status", "kind_id", "channel"
    )
    months = [thai.month_of_fiscal_index(fiscal_year, i) for i in range(1, 13)]
    by_month = {month_key(y, m): _zero() for y, m in months}
    by_quarter = {str(q): _zero() for q in range(1, 5)}
    by_half = {"1": _zero(), "2": _zero()}
    kinds = {k.pk: k.name for k in CaseKind.objects.filter(organization=organization)}
    by_kind: dict[str, dict[str, int]] = {}
    by_channel: dict[str, dict[str, int]] = {}
    total = _zero()
    for received_at, status, kind_id, channel in rows:
        local = timezone.localtime(received_at, tz)
        index = thai.fiscal_month_index(local.month)
        _add(total, status)
        _add(by_month[month_key(thai.be_year(local.date()), local.month)], status)
        _add(by_quarter[str((index - 1) // 3 + 1)], status)
        _add(by_half[str((index - 1) // 6 + 1)], status)
        _add(by_kind.setdefault(kinds.get(kind_id, "?"), _zero()), status)
        _add(by_channel.setdefault(channel, _zero()), status)
    return {
        "organization": organization.slug,
        "fiscal_year": fiscal_year,
        **total,
        "by_month": by_month,
        "by_quarter": by_quarter,
        "by_half": by_half,
        "by_kind": by_kind,
        "by_channel": by_channel,
    }


def channel_label(value: str) -> str:
    return str(Channel(value).label) if value in Channel.values else value


def table_rows(stats: dict[str, Any]) -> dict[str, list[tuple[str, dict[str, int]]]]:
    """The statistics as labelled rows for the page: months, quarters, halves, kinds, channels."""
    months = []
    for key, row in stats["by_month"].items():
        year, month = (int(part) for part in key.split("-"))
        months.append((f"{thai.THAI_MONTHS[month]} {num(year)}", row))
    quarters = [(_("ไตรมาสที่ %(q)s") % {"q": num(q)}, row) for q, row in stats["by_quarter"].items()]
    halves = [
        (_("ครึ่งปีแรก (ต.ค.–มี.ค.)"), stats["by_half"]["1"]),
        (_("ครึ่งปีหลัง (เม.ย.–ก.ย.)"), stats["by_half"]["2"]),
    ]
    kinds = sorted(stats["by_kind"].items())
    channels = [(channel_label(c), row) for c, row in sorted(stats["by_channel"].items())]
    return {"months": months, "quarters": quarters, "halves": halves, "kinds": kinds, "channels": channels}
