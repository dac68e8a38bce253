"""A national sheet: one row per organisation, matched by code then name + province, written in
batches with one ImportBatch audit record each; unknown organisations listed; bad cells refuse all."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.ita import services
from prongsai.ita.models import Assessment, ImportBatch, Source
from prongsai.ita.sheets import read_national_sheet
from prongsai.orgs.models import Organization
from prongsai.orgs.services import create_organization, system_user

from .conftest import World

HEADER = ["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "จังหวัด", *[f"ตัวชี้วัดที่ {n}" for n in range(1, 11)]]


@pytest.fixture
def orgs(db: Any) -> list[Organization]:
    """25 fictitious อบต. of จังหวัดทดสอบ, codes 9000001..9000025."""
    system = system_user()
    return [
        create_organization(
            system, name=f"อบต.ทดสอบ {i}", slug=f"test-{i}", province="ทดสอบ", code=f"{9000000 + i}", departments=[]
        )
        for i in range(1, 26)
    ]


def score_row(i: int) -> list[str]:
    return [f"{80 + (i + n) % 20}.{n % 10}5" for n in range(1, 11)]


def sheet(rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    return out.getvalue().encode("utf-8")


def national_rows(orgs: list[Organization]) -> list[list[Any]]:
    rows: list[list[Any]] = [[o.code, o.name, o.province, *score_row(i)] for i, o in enumerate(orgs[:20])]
    # five matched by exact name + province only ("จังหวัด" before the province and extra spaces are tidied)
    rows += [["", f"อบต.ทดสอบ  {i}", "จังหวัดทดสอบ", *score_row(i)] for i in range(21, 26)]
    rows += [["9999999", "อบต.ไม่มีในระบบ", "ทดสอบ", *score_row(1)], ["", "อบต.ทดสอบ 1", "ระยอง", *score_row(2)]]
    return rows


def test_a_generated_sheet_creates_assessments_in_audited_batches(orgs: list[Organization]) -> None:
    root = system_user()
    seen: list[tuple[int, int]] = []
    rows = read_national_sheet(sheet(national_rows(orgs)), "national.csv")
    result = services.import_national_sheet(
        root, 2568, rows, progress=lambda done, total: seen.append((done, total)), sha256="ab" * 32, batch_size=10
    )
    assert (result.rows, result.created, result.updated) == (27, 25, 0)
    assert [(u.row, u.name, u.province) for u in result.unknown] == [
        (27, "อบต.ไม่มีในระบบ", "ทดสอบ"),
        (28, "อบต.ทดสอบ 1", "ระยอง"),  # same name, another province: not matched
    ]
    assert seen == [(10, 27), (20, 27), (27, 27)]
    batches = list(ImportBatch.objects.order_by("number"))
    assert [(b.number, b.rows, b.created, b.updated, b.unknown) for b in batches] == [
        (1, 10, 10, 0, 0),
        (2, 10, 10, 0, 0),
        (3, 7, 5, 0, 2),
    ]
    assert {(b.run, b.actor, b.sha256, b.year) for b in batches} == {(result.run, root, "ab" * 32, 2568)}
    assert (batches[0].first_row, batches[0].last_row, batches[2].last_row) == (2, 11, 28)
    assert Assessment.objects.filter(year=2568, source=Source.NATIONAL).count() == 25
    assert Assessment.history.count() == 0  # the batches are the audit trail, not a row per assessment
    one = Assessment.objects.get(organization=orgs[0])
    assert one.indicator_1 == Decimal("81.15") and one.import_batch == batches[0]
    assert one.ita is not None and one.grade


def test_importing_again_updates_the_same_assessments(orgs: list[Organization]) -> None:
    root = system_user()
    services.import_national_sheet(root, 2568, read_national_sheet(sheet(national_rows(orgs)), "a.csv"))
    changed = [[o.code, o.name, o.province, *["95"] * 10] for o in orgs[:3]]
    result = services.import_national_sheet(root, 2568, read_national_sheet(sheet(changed), "b.csv"))
    assert (result.created, result.updated) == (0, 3)
    a = Assessment.objects.get(organization=orgs[0], year=2568)
    assert (a.ita, a.grade) == (Decimal("95.00"), "AA")
    assert Assessment.objects.count() == 25


def test_a_value_out_of_range_names_the_cell_and_nothing_is_written(orgs: list[Organization]) -> None:
    rows = national_rows(orgs)
    rows[10][3 + 2] = "104.5"  # sheet row 12, indicator 3
    with pytest.raises(ServiceError) as caught:
        services.import_national_sheet(system_user(), 2568, read_national_sheet(sheet(rows), "n.csv"))
    assert caught.value.message.startswith("แถวที่ ๑๒ คอลัมน์ ตัวชี้วัดที่ ๓: 104.5 เกิน ๑๐๐")
    assert "ไม่ได้บันทึกข้อมูลใด" in caught.value.message
    assert not Assessment.objects.exists() and not ImportBatch.objects.exists()


def test_one_organisation_on_two_rows_is_refused(orgs: list[Organization]) -> None:
    rows = national_rows(orgs)[:3]
    rows.append(["", orgs[0].name, orgs[0].province, *score_row(0)])
    with pytest.raises(ServiceError) as caught:
        services.import_national_sheet(system_user(), 2568, read_national_sheet(sheet(rows), "n.csv"))
    assert "แถวที่ ๕ เป็นหน่วยงานเดียวกับแถวที่ ๒" in caught.value.message
    assert not Assessment.objects.exists()


def test_an_xlsx_sheet_with_numbers_as_numbers_is_read(orgs: list[Organization]) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["ผลการประเมิน ITA 2568 จังหวัดทดสอบ"])
    workbook.active.append(["code", "name", "province", *[f"i{n}" for n in range(1, 11)], "ITA", "ระดับ"])
    workbook.active.append([int(orgs[0].code), orgs[0].name, "ทดสอบ", *[90.5] * 10, 90.5, "A"])
    out = io.BytesIO()
    workbook.save(out)
    rows = read_national_sheet(out.getvalue(), "n.xlsx")
    assert [(r.row, r.code, r.values[10]) for r in rows] == [(3, orgs[0].code, 90.5)]
    result = services.import_national_sheet(system_user(), 2568, rows)
    assert result.created == 1


def test_a_sheet_without_a_header_row_is_refused() -> None:
    with pytest.raises(ServiceError) as caught:
        read_national_sheet(b"a,b,c\n1,2,3\n", "n.csv")
    assert "ไม่พบแถวหัวตาราง" in caught.value.message


def test_only_a_superuser_or_the_system_imports_a_national_sheet(world: World) -> None:
    with pytest.raises(NotAllowed):
        services.import_national_sheet(world.somchai.user, 2568, [])
