"""Columns by meaning (imports/columns.py): header variants, two-row headers, extras, repeated headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.imports.columns import ColumnError, ColumnMap, classify, is_header_row, map_columns, round_of

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "klaeng-2567-measures-report.txt"


def seed_tab_rows() -> list[list[str]]:
    return [line.split("\t") for line in SEED.read_text(encoding="utf-8").split("\n") if "\t" in line]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("ลำดับ", "number"),
        ("ลำดับที่", "number"),
        ("ที่", "number"),
        ("มาตรการหรือกิจกรรมที่ดำเนินการ", "title"),
        ("มาตรการหรือกิจกรรม ที่ดำเนินการ", "title"),
        ("มาตรการ", "title"),
        ("กิจกรรมการดำเนินงาน", "title"),
        ("โครงการ/กิจกรรม/มาตรการ", "title"),
        ("มาตรการ/กิจกรรม", "title"),
        ("วิธีการดำเนินการ", "methods"),
        ("วิธีดำเนินการ", "methods"),
        ("แนวทางการดำเนินการ", "methods"),
        ("ผู้รับผิดชอบ", "responsible"),
        ("หน่วยงานที่รับผิดชอบ", "responsible"),
        ("ผู้รับผิดชอบ/หน่วยงาน", "responsible"),
        ("ระยะเวลา", "timeframe"),
        ("ระยะเวลาดำเนินการ", "timeframe"),
        ("ห้วงเวลา", "timeframe"),
        ("ตัวชี้วัด", "indicators"),
        ("ตัวชี้วัด ITA ที่เกี่ยวข้อง", "indicators"),
        ("ผลการดำเนินการ", "results"),
        ("ผลการดำเนินงาน", "results"),
        ("ปัญหา/อุปสรรค", "problems"),
        ("ปัญหาอุปสรรค", "problems"),
        ("ผลลัพธ์หรือความสำเร็จของการดำเนินการ", "outcome"),
        ("ผลลัพธ์หรือ ความสำเร็จของ การดำเนินการ", "outcome"),
        ("ผลลัพธ์", "outcome"),
        ("ผลสำเร็จ", "outcome"),
        ("สถานะ", "outcome"),
        ("ข้อเสนอแนะ", "suggestions"),
        ("เป้าหมาย", "target"),
        ("ตัวชี้วัดความสำเร็จ", "target"),
        # the noise of real documents
        ("ผลการด\ufffdเนินการ", "results"),
        ("ผลการด\u0e4d\u0e32เนินการ", "results"),
        ("เเนวทางการดำเนินการ", "methods"),
        ("ผู้รับ\nผิดชอบ", "responsible"),
        ("ผลลัพธ์หรือ\nความสำเร็จของ\nการดำเนินการ", "outcome"),
        ("  ระยะเวลา ดำเนินการ ", "timeframe"),
        ("งบประมาณ (บาท)", None),
        ("หมายเหตุ", None),
        ("", None),
    ],
)
def test_every_variant_of_a_header_names_its_field(header: str, field: str | None) -> None:
    assert classify(header) == field


def test_the_seed_header_maps_to_its_seven_fields() -> None:
    header = seed_tab_rows()[0]
    assert map_columns([header]) == ColumnMap(
        fields={
            "title": 0,
            "methods": 1,
            "responsible": 2,
            "timeframe": 3,
            "results": 4,
            "outcome": 5,
            "suggestions": 6,
        },
        extras={},
        header_rows=1,
    )


@pytest.mark.parametrize("spanned", ["", "ผลการดำเนินการ"])  # a merged cell arrives empty or repeated
def test_a_two_row_header_splits_results_into_rounds(spanned: str) -> None:
    top = ["ลำดับ", "มาตรการ/กิจกรรม", "ผู้รับผิดชอบ", "ผลการดำเนินการ", spanned, "ปัญหา/อุปสรรค"]
    bottom = ["", "", "", "รอบ ๖ เดือน", "รอบ ๑๒ เดือน", ""]
    columns = map_columns([top, bottom])
    assert columns.header_rows == 2
    assert columns.fields == {
        "number": 0,
        "title": 1,
        "responsible": 2,
        "results_1": 3,
        "results_2": 4,
        "problems": 5,
    }
    assert columns.extras == {}


def test_each_round_may_have_its_own_problems_column() -> None:
    top = ["ที่", "มาตรการ", "รอบ 6 เดือน (ต.ค.-มี.ค.)", "", "รอบ 12 เดือน", "รอบ 12 เดือน", "งบประมาณ (บาท)"]
    bottom = ["ที่", "มาตรการ", "ผลการดำเนินการ", "ปัญหา/อุปสรรค", "ผลการดำเนินการ", "ปัญหา/อุปสรรค", ""]
    columns = map_columns([top, bottom])
    assert columns.fields == {
        "number": 0,
        "title": 1,
        "results_1": 2,
        "problems_1": 3,
        "results_2": 4,
        "problems_2": 5,
    }
    assert columns.extras == {"งบประมาณ (บาท)": 6}


def test_a_single_round_column_says_its_round() -> None:
    columns = map_columns([["มาตรการ", "ผลการดำเนินการ รอบ ๖ เดือน"]])
    assert columns.fields == {"title": 0, "results_1": 1}
    assert round_of("รอบที่ ๒") == 2 and round_of("รอบ ๑๒ เดือน") == 2 and round_of("ผลการดำเนินการ") is None


def test_extra_columns_are_kept_under_their_header_text() -> None:
    header = ["ลำดับ", "กิจกรรมการดำเนินงาน", "งบประมาณ\n(บาท)", "ระยะเวลาดำเนินการ", "หมายเหตุ", "", "หมายเหตุ"]
    columns = map_columns([header])
    assert columns.fields == {"number": 0, "title": 1, "timeframe": 3}
    assert columns.extras == {"งบประมาณ (บาท)": 2, "หมายเหตุ": 4, "คอลัมน์ 6": 5, "หมายเหตุ (2)": 6}


def test_a_second_column_of_a_field_goes_to_extras() -> None:
    columns = map_columns([["มาตรการ", "ผู้รับผิดชอบ", "หน่วยงานที่รับผิดชอบ"]])
    assert columns.fields == {"title": 0, "responsible": 1}
    assert columns.extras == {"หน่วยงานที่รับผิดชอบ": 2}


@given(st.permutations(["ลำดับ", "โครงการ/กิจกรรม/มาตรการ", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "งบประมาณ (บาท)"]))
def test_every_column_is_mapped_once_whatever_the_order(header: list[str]) -> None:
    columns = map_columns([header])
    assert sorted([*columns.fields.values(), *columns.extras.values()]) == list(range(len(header)))
    assert header[columns.fields["title"]] == "โครงการ/กิจกรรม/มาตรการ"


def test_a_data_row_under_the_header_is_not_taken_as_a_second_header_row() -> None:
    header, first_row = seed_tab_rows()[:2]
    columns = map_columns([header, first_row])
    assert columns.header_rows == 1
    assert columns.fields["title"] == 0


def test_a_header_cell_continued_on_a_second_row_is_joined() -> None:
    columns = map_columns([["มาตรการหรือกิจกรรม", "ผู้รับผิดชอบ"], ["ที่ดำเนินการ", ""]])
    assert columns.header_rows == 2
    assert columns.fields == {"title": 0, "responsible": 1}


def test_a_header_without_a_title_column_raises_a_thai_message_naming_it() -> None:
    with pytest.raises(ColumnError) as error:
        map_columns([["ลำดับ", "ผู้รับผิดชอบ", "งบประมาณ (บาท)"]])
    assert isinstance(error.value, ValueError)
    assert error.value.missing == "title"
    assert "ไม่พบคอลัมน์" in str(error.value) and "มาตรการหรือกิจกรรม" in str(error.value)
    assert "ลำดับ | ผู้รับผิดชอบ | งบประมาณ (บาท)" in str(error.value)
    with pytest.raises(ColumnError):
        map_columns([])


def test_repeated_header_rows_are_recognised_by_meaning() -> None:
    rows = seed_tab_rows()
    headers = [row for row in rows if row[0].startswith("มาตรการหรือ")]
    data = [row for row in rows if not row[0].startswith("มาตรการหรือ")]
    assert len(headers) == 3 and len(data) == 8
    assert all(is_header_row(row) for row in headers)
    assert not any(is_header_row(row) for row in data)
    assert is_header_row(["โครงการ/กิจกรรม/มาตรการ", "ผู้รับผิดชอบ/หน่วยงาน", "งบประมาณ (บาท)"])
    assert is_header_row(["", "", "รอบ ๖ เดือน", "รอบ ๑๒ เดือน", ""])  # the second line of a two-row header
    assert not is_header_row(["", "", ""])
    assert not is_header_row(["มาตรการภายในเพื่อป้องกันการทุจริต", "สำนักปลัด", "เมษายน ๒๕๖๗"])
    assert not is_header_row(["ผลการดำเนินการ"])  # one field name alone could be a cell's text
