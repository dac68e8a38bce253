"""How long a national ITA sheet takes to import: 8,300 fictitious organisations, one row each.

Set-up (not measured): the organisations are bulk-created directly and the sheet is written as
CSV and XLSX. Measured: reading the sheet, then import_national_sheet creating every assessment
(the target: <= 10 s on SQLite), then importing it again (every assessment updated).
"""

from __future__ import annotations

import csv
import io
import random
import time

import _setup
import openpyxl

from prongsai.ita.services import import_national_sheet
from prongsai.ita.sheets import read_national_sheet
from prongsai.orgs.models import Organization, OrgKind
from prongsai.orgs.services import system_user

N = 8300
PROVINCES = [f"จังหวัดสมมุติ {i}" for i in range(1, 78)]
rng = random.Random(2568)

Organization.objects.bulk_create(
    [
        Organization(
            name=f"องค์การบริหารส่วนตำบลสมมุติ {i}",
            slug=f"bench-ita-{i}",
            kind=OrgKind.SAO,
            province=PROVINCES[i % len(PROVINCES)].removeprefix("จังหวัด"),
            code=f"{6000000 + i}",
        )
        for i in range(N)
    ],
    batch_size=1000,
)
header = ["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "จังหวัด", *[f"ตัวชี้วัดที่ {n}" for n in range(1, 11)]]
rows = []
for i in range(N):
    code = f"{6000000 + i}" if i % 10 else ""  # one row in ten matched by name + province
    rows.append(
        [code, f"องค์การบริหารส่วนตำบลสมมุติ {i}", PROVINCES[i % len(PROVINCES)]]
        + [f"{rng.uniform(60, 100):.2f}" for _ in range(10)]
    )
out = io.StringIO()
csv.writer(out).writerows([header, *rows])
csv_bytes = out.getvalue().encode("utf-8")
workbook = openpyxl.Workbook()
workbook.active.append(header)
for row in rows:
    workbook.active.append([*row[:3], *(float(v) for v in row[3:])])
xlsx = io.BytesIO()
workbook.save(xlsx)

actor = system_user()
start = time.perf_counter()
sheet = read_national_sheet(csv_bytes, "national.csv")
_setup.report("national_read_csv_s", time.perf_counter() - start, "s")
start = time.perf_counter()
read_national_sheet(xlsx.getvalue(), "national.xlsx")
_setup.report("national_read_xlsx_s", time.perf_counter() - start, "s")

start = time.perf_counter()
result = import_national_sheet(actor, 2568, sheet, sha256="0" * 64)
_setup.report("national_import_s", time.perf_counter() - start, "s")
assert (result.created, result.updated, len(result.unknown)) == (N, 0, 0), result

start = time.perf_counter()
again = import_national_sheet(actor, 2568, sheet, sha256="0" * 64)
_setup.report("national_reimport_s", time.perf_counter() - start, "s")
assert (again.created, again.updated) == (0, N)
