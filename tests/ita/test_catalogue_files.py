"""The shipped catalogues, and the schema check that names the file and the line of an error."""

from __future__ import annotations

import json
from typing import Any

import pytest

from prongsai.ita import catalogue as files

from .conftest import shipped


def dump(content: dict[str, Any]) -> str:
    return json.dumps(content, ensure_ascii=False, indent=2)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def refused(text: str) -> files.CatalogueError:
    with pytest.raises(files.CatalogueError) as caught:
        files.load_text(text, "2566.json")
    return caught.value


def test_every_year_from_2563_to_2569_is_shipped_and_valid() -> None:
    assert files.shipped_years() == list(range(2563, 2570))
    for year in files.shipped_years():
        content = files.load_text(files.shipped_text(year) or "", f"{year}.json")
        assert content["year"] == year
        assert [t["weight"] for t in content["tools"]] == [30, 30, 40]
        assert [i["number"] for i in content["indicators"]] == list(range(1, 11))
        assert content["pass_mark"] == 85
        assert [b["grade"] for b in content["bands"]] == ["AA", "A", "B", "C", "D", "E", "F"]


def test_what_is_assumed_is_marked_so() -> None:
    assert [y for y in range(2563, 2570) if shipped(y)["assumed"]] == [2569]
    assert [y for y in range(2563, 2570) if shipped(y)["bands_assumed"]] == [2563, 2564, 2567, 2568, 2569]


def test_2566_has_its_43_confirmed_items_and_o42_o43_are_the_measures() -> None:
    items = shipped(2566)["oit_items"]
    assert [i["code"] for i in items] == [f"o{n}" for n in range(1, 44)]
    assert all(i["confirmed"] for i in items)
    assert {i["indicator"] for i in items[:30]} == {9} and {i["indicator"] for i in items[30:]} == {10}
    by_topic = {i["topic"]: i["code"] for i in items}
    assert (by_topic["measures"], by_topic["measures-report"]) == ("o42", "o43")


def test_a_topic_keeps_its_key_across_years_while_the_code_changes() -> None:
    def code(year: int, topic: str) -> str:
        return next(i["code"] for i in shipped(year)["oit_items"] if i["topic"] == topic)

    assert [code(y, "measures-report") for y in (2565, 2566, 2569)] == ["o43", "o43", "O26"]
    assert [code(y, "complaint-statistics") for y in (2566, 2568, 2569)] == ["o29", "O19", "O18"]


def test_2568_and_2569_mark_unconfirmed_items_and_the_codes_not_found() -> None:
    y2568, y2569 = shipped(2568), shipped(2569)
    assert len(y2568["oit_items"]) + len(y2568["unknown_items"]) == 26
    assert [i["code"] for i in y2568["oit_items"] if i["confirmed"]] == ["O1", "O2", "O3", "O4"]
    assert not any(i["confirmed"] for i in y2569["oit_items"])
    o26 = next(i for i in y2569["oit_items"] if i["code"] == "O26")
    assert o26["covers"] == {"fiscal_year_offset": -1, "round": 2}  # the FY2568 report


def test_broken_json_is_refused_with_the_decoders_line() -> None:
    text = dump(shipped(2566)).replace('"pass_mark": 85,', '"pass_mark": 85', 1)
    err = refused(text)
    assert err.line == line_of(text, '"pass_mark"') + 1
    assert err.message.startswith(f"2566.json บรรทัดที่ {err.line}: ไม่ใช่ JSON ที่ถูกต้อง")


def test_weights_that_do_not_add_up_to_100_are_refused_on_the_tools_line() -> None:
    content = shipped(2566)
    content["tools"][2]["weight"] = 30
    text = dump(content)
    err = refused(text)
    assert err.line == line_of(text, '"tools"')
    assert "รวมกันต้องเป็น 100 (ได้ 90)" in err.message


def test_an_indicator_number_outside_1_to_10_is_refused_on_its_line() -> None:
    content = shipped(2566)
    content["indicators"][9]["number"] = 11
    text = dump(content)
    err = refused(text)
    assert err.line == line_of(text, '"number": 11')
    assert "indicators/9/number ต้องเป็นจำนวนเต็ม 1 ถึง 10" in err.message


def test_a_gap_between_bands_is_refused() -> None:
    content = shipped(2566)
    content["bands"][2]["max"] = 84.9  # B would end at 84.90, leaving 84.91-84.99 without a grade
    text = dump(content)
    err = refused(text)
    assert err.line == line_of(text, '"max": 84.9')
    assert "ต่อเนื่องกัน" in err.message


def test_bands_that_do_not_reach_0_are_refused() -> None:
    content = shipped(2566)
    content["bands"].pop()
    assert "ระดับต่ำสุดต้องเริ่มที่ 0" in refused(dump(content)).message


def test_a_duplicate_item_code_is_refused_on_the_second_ones_line() -> None:
    content = shipped(2566)
    content["oit_items"][5]["code"] = "O3"  # o3 already; codes compare without case
    text = dump(content)
    err = refused(text)
    assert err.line == line_of(text, '"code": "O3"')
    assert 'รหัสข้อ "O3" ซ้ำกับรายการที่ 3' in err.message


def test_a_missing_key_and_an_unknown_key_are_named() -> None:
    content = shipped(2566)
    del content["oit_items"][0]["confirmed"]
    assert 'ขาดคีย์ "confirmed"' in refused(dump(content)).message
    content = shipped(2566)
    content["oit_items"][1]["confimed"] = True
    text = dump(content)
    err = refused(text)
    assert 'ไม่รู้จักคีย์ "confimed"' in err.message
    assert err.line == line_of(text, '"confimed"')


def test_an_item_on_an_indicator_of_another_tool_is_refused() -> None:
    content = shipped(2566)
    content["oit_items"][0]["indicator"] = 3
    assert "ตัวชี้วัดต้องเป็นตัวชี้วัดของ OIT (9, 10)" in refused(dump(content)).message


def test_text_that_is_not_utf8_is_refused() -> None:
    with pytest.raises(files.CatalogueError) as caught:
        files.load_bytes('{\n"year": "๒๕๖๖"}'.encode("cp874"), "x.json")
    assert caught.value.line == 2
