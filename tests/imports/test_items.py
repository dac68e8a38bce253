"""The cell splitter (imports/items.py): item markers, the sequence rule, bullets, status phrases, departments."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.imports.items import (
    department_key,
    digits_to_int,
    item_number_spans,
    join_items,
    match_department,
    split_departments,
    split_items,
    split_measure_number,
    status_code,
)


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        # each marker style, Thai or Arabic digits
        ("๑. a ๒. b", ["a", "b"]),
        ("1. a 2. b", ["a", "b"]),
        ("๑) a ๒) b", ["a", "b"]),
        ("1) a 2) b", ["a", "b"]),
        ("(1) a (2) b", ["a", "b"]),
        ("(๑) a (๒) b (๓) c", ["a", "b", "c"]),
        ("๑. a 2. b ๓. c", ["a", "b", "c"]),  # Thai and Arabic digits mixed in one list
        ("๑. จัดทำ ๒. จัดส่ง ๓.มีการประชุม", ["จัดทำ", "จัดส่ง", "มีการประชุม"]),
        # on many lines: the lines of one item are joined with a space
        ("๑. จัดทำแผน\nพัฒนาบุคลากร\n๒. ส่งอบรม", ["จัดทำแผน พัฒนาบุคลากร", "ส่งอบรม"]),
        ("1)  a\r\n   b\r\n2) c", ["a b", "c"]),
        ("ข้อความยาว\nที่ขึ้นบรรทัดใหม่\n  เพราะหน้ากระดาษ", ["ข้อความยาว ที่ขึ้นบรรทัดใหม่ เพราะหน้ากระดาษ"]),
        # the sequence rule
        ("๑. รอบ ๖ เดือน ๓. ไม่ใช่ข้อ", ["รอบ ๖ เดือน ๓. ไม่ใช่ข้อ"]),
        ("๒. ไม่เริ่มที่หนึ่ง ๓. ต่อ", ["๒. ไม่เริ่มที่หนึ่ง ๓. ต่อ"]),
        ("(2) a (3) b", ["(2) a (3) b"]),
        ("1. a 2. b 2. c 3. d", ["a", "b 2. c", "d"]),
        ("ดังนี้ 1. a 2. b", ["a", "b"]),  # a bare label before the list is dropped (and listed as a repair)
        ("ค่า 1. a 2. b", ["ค่า 1. a 2. b"]),  # any other text before the numbers: not a list
        ("๑. a", ["a"]),
        # sub-numbering: own items only without a "1." list around them, and at least two of them
        ("1.1 a 1.2 b 1.3 c", ["a", "b", "c"]),
        ("๒.๑ a ๒.๒ b", ["a", "b"]),
        ("1. a 1.1 x 1.2 y 2. b", ["a 1.1 x 1.2 y", "b"]),
        ("1.1 a 2.2 b", ["1.1 a 2.2 b"]),
        ("1.5 เท่า", ["1.5 เท่า"]),
        ("1.1 ล้านบาท", ["1.1 ล้านบาท"]),
        ("ค่า 1.5 เท่า", ["ค่า 1.5 เท่า"]),
        # year ranges and dashes inside a sentence are text
        ("๑. แผนปี ๒๕๖๗ - ๒๕๖๙ ๒. ส่งอบรม", ["แผนปี ๒๕๖๗ - ๒๕๖๙", "ส่งอบรม"]),
        ("จัดทำแผนพัฒนาบุคลากร ๒๕๖๗ - ๒๕๖๙", ["จัดทำแผนพัฒนาบุคลากร ๒๕๖๗ - ๒๕๖๙"]),
        ("ต.ค. ๖๖ - มี.ค. ๖๗\n- ไม่ใช่รายการ", ["ต.ค. ๖๖ - มี.ค. ๖๗ - ไม่ใช่รายการ"]),
        # bullets
        ("- a\n- b", ["a", "b"]),
        ("-a\n  -b\n-c", ["a", "b", "c"]),
        ("• a • b\n• c", ["a", "b", "c"]),
        ("– แผน ๒๕๖๗ – ๒๕๗๐\n– ส่งอบรม", ["แผน ๒๕๖๗ – ๒๕๗๐", "ส่งอบรม"]),
        ("- a - b", ["a - b"]),  # a dash bullet only at the start of a line
        ("- a\nต่อ\n- b", ["a ต่อ", "b"]),
        ("- ", ["-"]),
        ("-", ["-"]),  # a lone dash means "nothing": kept as written
        ("-5 %", ["-5 %"]),
        ("1. a\n- x\n- y\n2. b", ["a - x - y", "b"]),  # bullets inside a numbered item stay in it
        ("   ", []),
        ("", []),
    ],
)
def test_the_items_of_a_cell(cell: str, items: list[str]) -> None:
    assert split_items(cell) == items


def test_the_legacy_helpers_still_work() -> None:
    assert digits_to_int("๒๕๖๗") == 2567 == digits_to_int("2567")
    assert item_number_spans("๑. a ๒. b") == [(0, 2), (5, 7)]
    assert item_number_spans("๒. a") == []
    assert split_measure_number("๑. การจัดทำข้อตกลง") == (1, "การจัดทำข้อตกลง")
    assert split_measure_number("(๓) ไม่ใช่") == (None, "(๓) ไม่ใช่")
    assert join_items(["a", "b"]) == "๑. a ๒. b"
    assert split_departments("สำนักปลัด กองการศึกษา ฯ") == ["สำนักปลัด", "กองการศึกษา ฯ"]


# An item as people write one: it starts with a letter (punctuation at the start of an item is a leftover that
# split_items takes out: test_items_repairs.py).
LINE = (
    st.text(alphabet="กขคงจดตนบปมยรลวสหอะาิีุูเแโใไ่้ ()/,.", min_size=1, max_size=20)
    .map(str.strip)
    .filter(lambda line: line != "" and line[0] in "กขคงจดตนบปมยรลวสหอเแโใไ")
)


@given(items=st.lists(LINE, min_size=1, max_size=6), bullet=st.sampled_from(["- ", "-", "• ", "– "]))
def test_bulleted_lines_split_back_into_the_same_items(items: list[str], bullet: str) -> None:
    assert split_items("\n".join(bullet + item for item in items)) == items


@given(
    items=st.lists(LINE, min_size=1, max_size=6), style=st.sampled_from(["{}.", "{})", "({})"]), newline=st.booleans()
)
def test_numbered_items_split_back_in_every_style(items: list[str], style: str, newline: bool) -> None:
    cell = ("\n" if newline else " ").join(f"{style.format(n)} {item}" for n, item in enumerate(items, start=1))
    assert split_items(cell) == items


@given(st.text(max_size=80))
def test_any_cell_gives_items_that_are_stripped_single_lines(cell: str) -> None:
    for item in split_items(cell):
        assert item and item == item.strip() and item.splitlines() == [item]


# --- status phrases ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("ดำเนินการแล้วเสร็จ", "done"),
        ("ดำเนินการแล้ว เสร็จ", "done"),
        ("ดำเนินการได้", "done"),
        ("ดำเนินการเสร็จสิ้น", "done"),
        ("ด\ufffdเนินการแล้วเสร็จ", "done"),
        ("อยู่ระหว่างดำเนินการ", "in_progress"),
        ("ดำเนินการได้บางส่วน", "in_progress"),
        ("ยังดำเนินการไม่แล้วเสร็จ", "in_progress"),
        ("ยังไม่ได้ดำเนินการ", "not_started"),
        ("ไม่สามารถดำเนินการได้", "cancelled"),
        ("ไม่สามารถ ดำเนินการได้ เนื่องจากงบประมาณไม่เพียงพอ", "cancelled"),
        ("ยกเลิก", "cancelled"),
        ("ดีมาก", ""),
    ],
)
def test_status_phrases(phrase: str, code: str) -> None:
    assert status_code(phrase) == code


# --- departments -------------------------------------------------------------------------------------------

ABT = [
    "สำนักปลัด",
    "กองคลัง",
    "กองช่าง",
    "กองการศึกษา ศาสนาและวัฒนธรรม",
    "กองสาธารณสุขและสิ่งแวดล้อม",
    "กองสวัสดิการสังคม",
]


def test_department_keys_ignore_spaces_abbreviation_marks_and_the_word_office() -> None:
    assert department_key("สำนักงานปลัด") == department_key("สำนักปลัด") == "สำนักปลัด"
    assert department_key("กองสาธารณสุขฯ") == department_key("กองสาธารณสุข ฯ") == "กองสาธารณสุข"
    assert department_key("กองการศึกษา ศาสนาและวัฒนธรรม") == "กองการศึกษาศาสนาและวัฒนธรรม"
    assert department_key("กองเเผนงาน") == "กองแผนงาน"


@pytest.mark.parametrize(
    ("written", "known"),
    [
        ("สำนักปลัด", "สำนักปลัด"),
        ("สำนักงานปลัด", "สำนักปลัด"),
        ("กองสาธารณสุขฯ", "กองสาธารณสุขและสิ่งแวดล้อม"),
        ("กองสาธารณสุข", "กองสาธารณสุขและสิ่งแวดล้อม"),
        ("กองสาธารณสุขและสิ่งแวดล้อม", "กองสาธารณสุขและสิ่งแวดล้อม"),
        ("กองการศึกษา ฯ", "กองการศึกษา ศาสนาและวัฒนธรรม"),
        ("กองการศึกษาศาสนาและวัฒนธรรม", "กองการศึกษา ศาสนาและวัฒนธรรม"),
        ("สำนักปลัดองค์การบริหารส่วนตำบล", "สำนักปลัด"),
        ("กองส่งเสริมการเกษตร", None),
        ("กอง", None),
        ("", None),
    ],
)
def test_a_written_department_matches_the_one_it_means(written: str, known: str | None) -> None:
    assert match_department(written, ABT) == known


def test_two_offices_of_the_permanent_secretary_stay_distinct() -> None:
    both = ["สำนักปลัด", "สำนักปลัดเทศบาล", "กองสวัสดิการสังคม", "กองสวัสดิการ"]
    assert match_department("สำนักปลัด", both) == "สำนักปลัด"
    assert match_department("สำนักงานปลัดเทศบาล", both) == "สำนักปลัดเทศบาล"
    assert match_department("สำนักปลัด", ["สำนักปลัดเทศบาล", "กองคลัง"]) == "สำนักปลัดเทศบาล"
    assert match_department("กองสวัสดิการ", both) == "กองสวัสดิการ"
    assert match_department("กองสวัสดิการสังคมฯ", both) == "กองสวัสดิการสังคม"
    assert match_department("กองสวัส", both) is None  # ambiguous prefix
