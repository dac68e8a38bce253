"""CSV tables whose header the reader cannot fully read, for the column-mapping tests (test_layouts*.py and
tests/e2e/test_import_mapping.py)."""

from __future__ import annotations

import csv
import io
from typing import Any

from prongsai.imports.models import ImportRecord
from prongsai.imports.preview import parsed_for

METHODS_HEADER = "แนวปฏิบัติที่ทำ"  # no rule of imports/columns.py reads this as วิธีการดำเนินการ
MEASURES = [
    ("1", "ประกาศเจตจำนงสุจริตของผู้บริหาร", "1. จัดทำประกาศเจตจำนง\n2. เผยแพร่ทางเว็บไซต์", "สำนักปลัด", "ตุลาคม 2567"),
    ("2", "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง", "1. รวบรวมข้อมูลรายเดือน\n2. ประกาศบนเว็บไซต์", "กองคลัง", "ตลอดปีงบประมาณ"),
]


def table_csv(
    *,
    title: str = "มาตรการหรือกิจกรรม",
    methods: str = METHODS_HEADER,
    measures: list[tuple[str, str, str, str, str]] | None = None,
) -> bytes:
    """A measures table as CSV: ลำดับ | <title> | <methods> | ผู้รับผิดชอบ | ระยะเวลา."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["ลำดับ", title, methods, "ผู้รับผิดชอบ", "ระยะเวลา"])
    for row in measures if measures is not None else MEASURES:
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def column(record: ImportRecord, header: str) -> dict[str, Any]:
    """The draft's column whose header is `header`, as the reader gives it (ParsedReport.columns)."""
    columns = parsed_for(record).columns
    found = [c for c in columns if " ".join(str(c["header"]).split()) == header]
    assert len(found) == 1, columns
    return found[0]
