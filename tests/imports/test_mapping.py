"""The preview's column choices as pure functions (imports/mapping.py): what is sent to the reader, the names
of columns in messages, the words for the reader's own readings."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.core.errors import ServiceError
from prongsai.imports.mapping import check_mapping, choice_label, column_views, mapping_from_form


def col(index: int, header: str, field: str, *, key: str = "", chosen: bool = False) -> dict[str, Any]:
    return {"index": index, "header": header, "key": key or header, "field": field, "chosen": chosen}


COLUMNS = [
    col(0, "ลำดับ", "number"),
    col(1, "มาตรการ", "title"),
    col(2, "ขั้นตอน", "extra"),
    col(3, "งบประมาณปี 2568", "budget:2568", key="งบประมาณปี2568"),
    col(4, "ผู้รับผิดชอบ", "responsible", chosen=True),
]


def test_only_changed_or_chosen_columns_go_to_the_reader() -> None:
    form = {"column-0": "number", "column-1": "title", "column-2": "methods", "column-3": "budget:2568"}
    form["column-4"] = "responsible"
    assert mapping_from_form(COLUMNS, form) == {"ขั้นตอน": "methods", "ผู้รับผิดชอบ": "responsible"}
    assert mapping_from_form(COLUMNS, {**form, "column-3": "ignore"})["งบประมาณปี2568"] == "ignore"


def test_two_columns_of_one_header_cannot_differ() -> None:
    twins = [col(0, "มาตรการ", "title"), col(1, "ผล", "results"), col(2, "ผล", "extra")]
    with pytest.raises(ServiceError) as caught:
        mapping_from_form(twins, {"column-0": "title", "column-1": "results_1", "column-2": "results_2"})
    assert "คอลัมน์ที่ ๒ “ผล”" in caught.value.message and "คอลัมน์ที่ ๓ “ผล”" in caught.value.message


def test_a_year_budget_is_offered_as_read_and_named_in_words() -> None:
    views = column_views(COLUMNS)
    budget = views[3]
    assert budget.name == "column-3" and budget.options[0] == ("budget:2568", "งบประมาณปี ๒๕๖๘")
    assert views[0].options[0][0] == "number"  # a CHOICES reading: no extra option first
    assert choice_label("results_1") == "ผลการดำเนินการ รอบ ๖ เดือน"
    assert choice_label("ignore") != "ignore"


def test_the_title_column_is_needed_and_unique() -> None:
    check_mapping(COLUMNS, {"ขั้นตอน": "methods"})
    with pytest.raises(ServiceError, match="คอลัมน์ที่ ๒ “มาตรการ” และคอลัมน์ที่ ๓ “ขั้นตอน”"):
        check_mapping(COLUMNS, {"ขั้นตอน": "title"})
    with pytest.raises(ServiceError, match="ยังไม่มีคอลัมน์ที่เป็น"):
        check_mapping(COLUMNS, {"มาตรการ": "ignore"})
    with pytest.raises(ServiceError, match="คอลัมน์ที่ ๓ “ขั้นตอน”: ไม่รู้จักความหมาย"):
        check_mapping(COLUMNS, {"ขั้นตอน": "budget:2568"})
