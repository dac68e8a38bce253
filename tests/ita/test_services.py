"""Recording an organisation's scores: the form's values, its own sheet, and what is refused."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.ita import services
from prongsai.ita.models import Assessment, Catalogue, Source

from .conftest import World

FULL = {
    1: "94.59",
    2: "90.11",
    3: "92.79",
    4: "93",
    5: "88.51",
    6: "91.2",
    7: "89.34",
    8: "87.65",
    9: "94.92",
    10: "100",
}


def test_an_admin_records_a_years_scores_with_what_the_formula_makes_of_them(world: World) -> None:
    a = services.record_assessment(world.somchai, world.somchai.user, 2566, FULL)
    a.refresh_from_db()
    assert (a.iit, a.eit, a.oit) == (Decimal("91.80"), Decimal("89.40"), Decimal("97.46"))
    assert (a.iit_share, a.eit_share, a.oit_share) == (Decimal("27.54"), Decimal("26.82"), Decimal("38.98"))
    assert (a.ita, a.grade, a.passed) == (Decimal("93.34"), "A", True)
    assert a.source == Source.FORM and a.entered_by == world.somchai.user
    assert a.catalogue == Catalogue.objects.get(year=2566, is_active=True)
    assert a.history.count() == 1 and a.history.first().history_user == world.somchai.user


def test_an_editor_may_record_and_a_second_save_replaces_the_first_with_history(world: World) -> None:
    services.record_assessment(world.somchai, world.somchai.user, 2566, FULL)
    again = services.record_assessment(world.malee, world.malee.user, 2566, {**FULL, 1: "๙๐"}, Source.PASTED)
    assert Assessment.objects.filter(organization=world.org, year=2566).count() == 1
    assert again.indicator_1 == Decimal("90.00") and again.source == Source.PASTED
    assert again.history.count() == 2


def test_a_viewer_may_not_record(world: World) -> None:
    with pytest.raises(NotAllowed):
        services.record_assessment(world.prapa, world.prapa.user, 2566, FULL)
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        # The value as typed; the application's own numbers in the default digit style (core/digits.py).
        ("104.5", "ตัวชี้วัดที่ ๓: 104.5 เกิน ๑๐๐"),
        ("-1", "ตัวชี้วัดที่ ๓: -1 ติดลบ"),
        ("เก้าสิบ", 'ตัวชี้วัดที่ ๓: "เก้าสิบ" ไม่ใช่ตัวเลข'),
        ("90.123", "ตัวชี้วัดที่ ๓: 90.123 มีทศนิยมเกิน ๒ ตำแหน่ง"),
    ],
)
def test_a_bad_value_names_its_indicator_and_nothing_is_written(world: World, value: str, message: str) -> None:
    with pytest.raises(ServiceError) as caught:
        services.record_assessment(world.somchai, world.somchai.user, 2566, {**FULL, 3: value})
    assert caught.value.message.startswith(message)
    assert caught.value.field == "indicator_3"
    assert not Assessment.objects.exists()


def test_a_year_without_a_catalogue_is_refused(world: World) -> None:
    with pytest.raises(ServiceError) as caught:
        services.record_assessment(world.somchai, world.somchai.user, 2570, FULL)
    assert "ยังไม่มีเกณฑ์การประเมิน ITA ปี 2570" in caught.value.message


def test_blank_values_are_left_out_and_the_ita_waits_for_every_tool(world: World) -> None:
    a = services.record_assessment(world.somchai, world.somchai.user, 2568, {1: "90", 2: "", 9: "100", 10: None})
    assert a.scores == {1: Decimal("90.00"), 9: Decimal("100.00")}
    assert a.iit == Decimal("90.00") and a.eit is None and a.ita is None and a.grade == ""


def csv_upload(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


def xlsx_upload(rows: list[list[Any]]) -> io.BytesIO:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out


def test_an_organisations_csv_sheet_one_indicator_a_row(world: World) -> None:
    text = "ผลการประเมิน ITA 2566\nตัวชี้วัด,คะแนน\n" + "".join(f"ตัวชี้วัดที่ {n} ชื่อ,{v}\n" for n, v in FULL.items())
    a = services.import_score_sheet(world.somchai, world.somchai.user, 2566, csv_upload(text), "ita.csv")
    assert (a.ita, a.source) == (Decimal("93.34"), Source.SHEET)


def test_an_organisations_xlsx_sheet_as_one_row_under_a_header(world: World) -> None:
    upload = xlsx_upload([[f"ตัวชี้วัดที่ {n}" for n in FULL], [float(v) for v in FULL.values()]])
    a = services.import_score_sheet(world.somchai, world.somchai.user, 2566, upload, "ita.xlsx")
    assert a.ita == Decimal("93.34")


def test_a_bad_cell_in_an_organisations_sheet_is_named_and_nothing_is_written(world: World) -> None:
    upload = xlsx_upload([["ตัวชี้วัด", "คะแนน"], *[[n, 104.5 if n == 3 else float(v)] for n, v in FULL.items()]])
    with pytest.raises(ServiceError) as caught:
        services.import_score_sheet(world.somchai, world.somchai.user, 2566, upload, "ita.xlsx")
    assert caught.value.message == "แถวที่ ๔ ตัวชี้วัดที่ ๓: 104.5 เกิน ๑๐๐"
    assert not Assessment.objects.exists()


def test_a_sheet_that_is_not_a_sheet_is_refused(world: World) -> None:
    with pytest.raises(ServiceError) as caught:
        services.import_score_sheet(world.somchai, world.somchai.user, 2566, io.BytesIO(b"%PDF-1.4\n"), "ita.pdf")
    assert "ต้องเป็น .csv หรือ .xlsx" in caught.value.message
    with pytest.raises(ServiceError) as caught:
        services.import_score_sheet(world.somchai, world.somchai.user, 2566, io.BytesIO(b"not a zip"), "ita.xlsx")
    assert "ita.xlsx" in caught.value.message
