"""Items split right (issue #17): a label before the numbers, numbers inside an item, leftovers — and every change
beyond taking out the markers comes back as a repair (normalise.Repair) with its place, for the import preview."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.imports.item_markers import BULLETS, DASHES, LABELS
from prongsai.imports.items import split_items
from prongsai.imports.normalise import ITEM_KIND_LABELS, Repair

PLACE = "ตาราง 1 แถว 3 คอลัมน์ 5"

# (cell, its items, its repairs as (kind, before, after)): realistic cells of agencies' reports.
CASES = [
    # a bare label before the list is dropped and listed; with or without a colon, on the same line or its own
    (
        "ผลลัพธ์ ๑) ประชาชนได้รับความสะดวก ๒) ลดขั้นตอนการให้บริการ ๓) ประชาชนพึงพอใจร้อยละ ๘๐",
        ["ประชาชนได้รับความสะดวก", "ลดขั้นตอนการให้บริการ", "ประชาชนพึงพอใจร้อยละ ๘๐"],
        [("item_label", "ผลลัพธ์", "")],
    ),
    (
        "ผลการดำเนินการ: 1. จัดประชุมชี้แจง 2. จัดทำคำสั่งมอบหมายงาน",
        ["จัดประชุมชี้แจง", "จัดทำคำสั่งมอบหมายงาน"],
        [("item_label", "ผลการดำเนินการ:", "")],
    ),
    (
        "ได้แก่\n(๑) สำนักปลัด\n(๒) กองคลัง\n(๓) กองช่าง",
        ["สำนักปลัด", "กองคลัง", "กองช่าง"],
        [("item_label", "ได้แก่", "")],
    ),
    (
        "มีดังนี้ ๑. จัดทำแผนพัฒนาบุคลากร ๒. ส่งพนักงานเข้ารับการอบรม",
        ["จัดทำแผนพัฒนาบุคลากร", "ส่งพนักงานเข้ารับการอบรม"],
        [("item_label", "มีดังนี้", "")],
    ),
    (
        "ประกอบด้วย\n- ปลัด อบต.\n- หัวหน้าสำนักปลัด",
        ["ปลัด อบต.", "หัวหน้าสำนักปลัด"],
        [("item_label", "ประกอบด้วย", "")],
    ),
    (
        "ผลการดำเนินการ มีดังนี้ :\n1) ประชุมประจำเดือน 12 ครั้ง\n2) อบรมคุณธรรม 1 ครั้ง",
        ["ประชุมประจำเดือน 12 ครั้ง", "อบรมคุณธรรม 1 ครั้ง"],
        [("item_label", "ผลการดำเนินการ มีดังนี้ :", "")],
    ),
    (
        "ผลลัพธ์๑) มีช่องทางร้องเรียนออนไลน์ ๒) เผยแพร่ทางเว็บไซต์",
        ["มีช่องทางร้องเรียนออนไลน์", "เผยแพร่ทางเว็บไซต์"],
        [("item_label", "ผลลัพธ์", "")],
    ),
    (
        "ผลลัพธ์หรือความสำเร็จของการดำเนินการ\n1.1 จัดทำประกาศ\n1.2 เผยแพร่ประกาศ",
        ["จัดทำประกาศ", "เผยแพร่ประกาศ"],
        [("item_label", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ", "")],
    ),
    # a lead-in that says something (ending with ดังนี้, ได้แก่ … or a colon) is the first item; no repair
    (
        "จัดอบรมให้ความรู้แก่พนักงาน จำนวน ๒ หลักสูตร ดังนี้ ๑. หลักสูตรคุณธรรมจริยธรรม ๒. หลักสูตรวินัย",
        ["จัดอบรมให้ความรู้แก่พนักงาน จำนวน ๒ หลักสูตร ดังนี้", "หลักสูตรคุณธรรมจริยธรรม", "หลักสูตรวินัย"],
        [],
    ),
    (
        "ช่องทางร้องเรียน 3 ช่องทาง: 1) ตู้รับเรื่อง 2) เว็บไซต์ 3) โทรศัพท์",
        ["ช่องทางร้องเรียน 3 ช่องทาง:", "ตู้รับเรื่อง", "เว็บไซต์", "โทรศัพท์"],
        [],
    ),
    (
        "ดำเนินการตามแผน ได้แก่\n• ประชุมคณะทำงาน\n• อบรมพนักงาน",
        ["ดำเนินการตามแผน ได้แก่", "ประชุมคณะทำงาน", "อบรมพนักงาน"],
        [],
    ),
    # any other text before the numbers: the cell is one item, as before
    (
        "ต.ค. ๖๖ - มี.ค. ๖๗ ๑. ประชุม ๒. อบรม",
        ["ต.ค. ๖๖ - มี.ค. ๖๗ ๑. ประชุม ๒. อบรม"],
        [],
    ),
    # numbers inside an item (counted, sections, percentages, decimals, dates, years) start no item
    (
        "๑. ปฏิบัติตามระเบียบฯ ข้อ ๒. ถึงข้อ ๕. ๒. รายงานผลต่อนายก",
        ["ปฏิบัติตามระเบียบฯ ข้อ ๒. ถึงข้อ ๕.", "รายงานผลต่อนายก"],
        [],
    ),
    (
        "๑. ดำเนินการตามมาตรา ๑๒๘ ๒. แต่งตั้งคณะกรรมการ",
        ["ดำเนินการตามมาตรา ๑๒๘", "แต่งตั้งคณะกรรมการ"],
        [],
    ),
    (
        "1. ความพึงพอใจร้อยละ 80 2. ข้อร้องเรียนลดลงร้อยละ 3. 3. ไม่มีเรื่องทุจริต",
        ["ความพึงพอใจร้อยละ 80", "ข้อร้องเรียนลดลงร้อยละ 3.", "ไม่มีเรื่องทุจริต"],
        [],
    ),
    (
        "1) จัดประชุม จำนวน 3 ครั้ง 2) จัดทำรายงานประจำปี 2567",
        ["จัดประชุม จำนวน 3 ครั้ง", "จัดทำรายงานประจำปี 2567"],
        [],
    ),
    (
        "๑. งบประมาณ ๑.๕ ล้านบาท ๒. เบิกจ่ายแล้ว ๑.๒ ล้านบาท",
        ["งบประมาณ ๑.๕ ล้านบาท", "เบิกจ่ายแล้ว ๑.๒ ล้านบาท"],
        [],
    ),
    (
        "๑. รายงานผลภายใน ๓๑ มี.ค. ๖๗ ๒. รายงานรอบ ๑๒ เดือน ภายใน ๓๐ ก.ย. ๖๗",
        ["รายงานผลภายใน ๓๑ มี.ค. ๖๗", "รายงานรอบ ๑๒ เดือน ภายใน ๓๐ ก.ย. ๖๗"],
        [],
    ),
    (
        "๑. ประชาคมหมู่ที่ ๓ บ้านเนิน ๒. ประชาคมหมู่ที่ ๕ บ้านทุ่ง",
        ["ประชาคมหมู่ที่ ๓ บ้านเนิน", "ประชาคมหมู่ที่ ๕ บ้านทุ่ง"],
        [],
    ),
    (
        "1. ประชุมคณะทำงานครั้งที่ 2. เมื่อ 15 ม.ค. 67 2. สรุปผลการประชุม",
        ["ประชุมคณะทำงานครั้งที่ 2. เมื่อ 15 ม.ค. 67", "สรุปผลการประชุม"],
        [],
    ),
    (
        "๑. ลงพื้นที่ ๒. ติดตามผลเป็นประจำทุกเดือนละ ๑ ครั้ง ๓. รายงานหน้าที่ ๔. สรุป",
        ["ลงพื้นที่", "ติดตามผลเป็นประจำทุกเดือนละ ๑ ครั้ง", "รายงานหน้าที่", "สรุป"],
        [],
    ),
    # leftover punctuation at the start of an item
    (
        "๑. แบบสอบถามความพึงพอใจ ๒.. แบบฟอร์มคำร้องทั่วไป",
        ["แบบสอบถามความพึงพอใจ", "แบบฟอร์มคำร้องทั่วไป"],
        [("item_punctuation", "…แบบสอบถามความพึงพอใจ ๒.. แบบฟอร์มคำร้องทั่วไป", "…แบบสอบถามความพึงพอใจ ๒. แบบฟอร์มคำร้องทั่วไป")],
    ),
    (
        "๑) จัดทำคู่มือ ๒) . แบบฟอร์มขอรับบริการ",
        ["จัดทำคู่มือ", "แบบฟอร์มขอรับบริการ"],
        [("item_punctuation", "…จัดทำคู่มือ ๒) . แบบฟอร์มขอรับบริการ", "…จัดทำคู่มือ ๒) แบบฟอร์มขอรับบริการ")],
    ),
    (
        ". แบบฟอร์มคำร้องออนไลน์",
        ["แบบฟอร์มคำร้องออนไลน์"],
        [("item_punctuation", ". แบบฟอร์มคำร้องออนไลน์", "แบบฟอร์มคำร้องออนไลน์")],
    ),
    (
        "1.) จัดทำประกาศ 2.) เผยแพร่ประกาศ",
        ["จัดทำประกาศ", "เผยแพร่ประกาศ"],
        [
            ("item_punctuation", "1.) จัดทำประกาศ…", "1. จัดทำประกาศ…"),
            ("item_punctuation", "…จัดทำประกาศ 2.) เผยแพร่ประกาศ", "…จัดทำประกาศ 2. เผยแพร่ประกาศ"),
        ],
    ),
    # the next number glued to the word before it, or written in another style
    (
        "๑) จัดทำประกาศ ๒) เผยแพร่ทางเว็บไซต์๓) ประชาชนรับทราบ",
        ["จัดทำประกาศ", "เผยแพร่ทางเว็บไซต์", "ประชาชนรับทราบ"],
        [("item_marker", "…เผยแพร่ทางเว็บไซต์๓) ประชาชนรับทราบ", "…เผยแพร่ทางเว็บไซต์ ๓) ประชาชนรับทราบ")],
    ),
    (
        "๑. จัดทำประกาศ ๒. เผยแพร่ประกาศ\n๓) ประชาชนรับทราบ",
        ["จัดทำประกาศ", "เผยแพร่ประกาศ", "ประชาชนรับทราบ"],
        [("item_marker", "…เผยแพร่ประกาศ ๓) ประชาชนรับทราบ", "…เผยแพร่ประกาศ ๓. ประชาชนรับทราบ")],
    ),
    # a number with no text of its own, an item's own number written twice
    (
        "๑. จัดทำประกาศ ๒. เผยแพร่ประกาศ ๓. ติดตามผล ๔.",
        ["จัดทำประกาศ", "เผยแพร่ประกาศ", "ติดตามผล"],
        [("item_number", "…๓. ติดตามผล ๔.", "…๓. ติดตามผล")],
    ),
    (
        "1. จัดทำประกาศ 2. 3. ติดตามผล",
        ["จัดทำประกาศ", "ติดตามผล"],
        [("item_number", "…จัดทำประกาศ 2. 3. ติดตามผล", "…จัดทำประกาศ 3. ติดตามผล")],
    ),
    (
        "๑. จัดทำประกาศ ๒. ๒) ประชาชนรับทราบ",
        ["จัดทำประกาศ", "ประชาชนรับทราบ"],
        [("item_number", "…จัดทำประกาศ ๒. ๒) ประชาชนรับทราบ", "…จัดทำประกาศ ๒. ประชาชนรับทราบ")],
    ),
    # a sub-list inside an item stays in it; a list that changes style goes on in the new one
    (
        "๑. จัดทำแผน\n(๑) แผนอัตรากำลัง\n(๒) แผนพัฒนาบุคลากร\n๒. ประกาศใช้แผน",
        ["จัดทำแผน (๑) แผนอัตรากำลัง (๒) แผนพัฒนาบุคลากร", "ประกาศใช้แผน"],
        [],
    ),
    (
        "1. จัดทำประกาศ 2. เผยแพร่ 3) ติดตามผล 4) สรุปผล",
        ["จัดทำประกาศ", "เผยแพร่", "ติดตามผล", "สรุปผล"],
        [("item_marker", "…จัดทำประกาศ 2. เผยแพร่ 3) ติดตามผล 4)…", "…จัดทำประกาศ 2. เผยแพร่ 3. ติดตามผล 4)…")],
    ),
    # a label with nothing after it, or text after it, is what the cell says
    (
        "ผลลัพธ์",
        ["ผลลัพธ์"],
        [],
    ),
    (
        "ผลลัพธ์ : ประชาชนพึงพอใจ",
        ["ผลลัพธ์ : ประชาชนพึงพอใจ"],
        [],
    ),
    # more: Arabic digits and parentheses after a label, a label with a dash
    (
        "ผลที่ได้รับ (1) ประชาชนพึงพอใจ (2) ลดเวลารอคอย",
        ["ประชาชนพึงพอใจ", "ลดเวลารอคอย"],
        [("item_label", "ผลที่ได้รับ", "")],
    ),
    (
        "ผลการดำเนินงาน -\n๑) จัดทำประกาศ\n๒) ติดประกาศ ณ ที่ทำการ",
        ["จัดทำประกาศ", "ติดประกาศ ณ ที่ทำการ"],
        [("item_label", "ผลการดำเนินงาน -", "")],
    ),
    (
        ": 1) ตู้รับเรื่องร้องเรียน 2) เว็บไซต์",
        ["ตู้รับเรื่องร้องเรียน", "เว็บไซต์"],
        [("item_punctuation", ": 1) ตู้รับเรื่…", "1) ตู้รับเรื่…")],
    ),
    # the seed's own cells split as ever, with no repair
    (
        "๑. จัดทำแผนพัฒนาบุคลากรประจำปี ๒๕๖๗ - ๒๕๖๙ ๒. จัดส่งพนักงานส่วนตำบลเข้ารับ การฝึกอบรม",
        ["จัดทำแผนพัฒนาบุคลากรประจำปี ๒๕๖๗ - ๒๕๖๙", "จัดส่งพนักงานส่วนตำบลเข้ารับ การฝึกอบรม"],
        [],
    ),
    (
        "๑. จัดทำข้อตกลง ๒. จัดทำคำสั่ง ๓.มีการประชุมพนักงาน เป็นประจำทุกเดือนอย่างน้อยเดือนละ ๑ ครั้ง",
        ["จัดทำข้อตกลง", "จัดทำคำสั่ง", "มีการประชุมพนักงาน เป็นประจำทุกเดือนอย่างน้อยเดือนละ ๑ ครั้ง"],
        [],
    ),
]


@pytest.mark.parametrize(("cell", "items", "repairs"), CASES)
def test_realistic_cells_split_into_their_items_with_their_repairs(
    cell: str, items: list[str], repairs: list[tuple[str, str, str]]
) -> None:
    found: list[Repair] = []
    assert split_items(cell, found, PLACE) == items
    assert [(r.kind, r.before, r.after) for r in found] == repairs
    assert all(r.place == PLACE for r in found)
    assert split_items(cell) == items  # the repairs are optional: callers that pass none get the same items


def test_there_are_enough_realistic_cases() -> None:
    assert len(CASES) >= 25
    kinds = {kind for *_, repairs in CASES for kind, _, _ in repairs}
    assert kinds == set(ITEM_KIND_LABELS)


def test_repairs_are_appended_to_the_callers_list() -> None:
    earlier = Repair("nfc", PLACE, "a", "b")
    found = [earlier]
    assert split_items("ผลลัพธ์ ๑. ก ๒. ข", found, "บรรทัดที่ 4") == ["ก", "ข"]
    assert found == [earlier, Repair("item_label", "บรรทัดที่ 4", "ผลลัพธ์", "")]


def test_every_kind_has_a_thai_label() -> None:
    assert all(label and not label.isascii() for label in ITEM_KIND_LABELS.values())
    assert set(ITEM_KIND_LABELS) == {"item_label", "item_marker", "item_punctuation", "item_number"}


@pytest.mark.parametrize("label", LABELS)
def test_each_label_alone_before_a_list_is_dropped(label: str) -> None:
    found: list[Repair] = []
    assert split_items(f"{label} ๑. จัดทำประกาศ ๒. เผยแพร่ประกาศ", found) == ["จัดทำประกาศ", "เผยแพร่ประกาศ"]
    assert [(r.kind, r.before) for r in found] == [("item_label", label)]


@pytest.mark.parametrize(
    "cell",
    [
        "ผลลัพธ์",  # a label with no list after it is what the cell says
        "ผลลัพธ์ : ประชาชนพึงพอใจร้อยละ ๘๐",
        "ค่า 1.5 เท่า",
        "จัดประชุม ๒ ครั้ง ๑. ก ๒. ข",  # other text before the numbers: one item, as written
        "ข้อ ๑. ถึงข้อ ๕.",
        "๑.๕ ล้านบาท",
        "ปี ๒๕๖๗",
        "ภายใน ๓๑ มี.ค. ๖๗",
        "หมู่ที่ ๓ ตำบลแกลง",
        ".",  # punctuation alone is kept: nothing follows it to be a leftover of
        "- ",
    ],
)
def test_cells_that_are_one_item_stay_as_written(cell: str) -> None:
    found: list[Repair] = []
    assert split_items(cell, found) == [" ".join(cell.split())]
    assert found == []


# --- properties ----------------------------------------------------------------------------------------------

# What split_items may take out: the markers (digits, ". ( )", dashes and bullets) and leftover punctuation.
MARKER_CHARS = set("0123456789๐๑๒๓๔๕๖๗๘๙().:;,]" + DASHES + BULLETS)


def content(text: str) -> list[str]:
    """The characters of `text` that split_items must keep, in order: not spaces, not marker characters."""
    return [char for char in text if not char.isspace() and char not in MARKER_CHARS]


def assert_nothing_lost(cell: str) -> None:
    found: list[Repair] = []
    items = split_items(cell, found, PLACE)
    expected = content(cell)
    for repair in found:
        assert repair.kind in ITEM_KIND_LABELS and repair.place == PLACE
        if repair.kind == "item_label":  # the one kind that takes out words: it names them
            label = content(repair.before)
            assert expected[: len(label)] == label
            expected = expected[len(label) :]
    assert content("".join(items)) == expected
    assert all(item and item == item.strip() and item.splitlines() == [item] for item in items)
    assert split_items(cell) == items


FRAGMENTS = [
    *("จัดทำแผน", "ประชุม", "บ้านเนิน", "ข้อ", "ร้อยละ", "ที่", "พื้นที่", "หมู่ที่", "ครั้งที่", "มาตรา", "จำนวน"),
    *("ปี", "มี.ค.", "ได้แก่", "ดังนี้", "ผลลัพธ์", "ผลการดำเนินการ", "ประกอบด้วย", "คือ", "โดย", "a", "ๆ", "ฯ"),
    *("๑.", "๒.", "๓.", "1.", "2.", "3.", "๑)", "๒)", "3)", "(๑)", "(2)", "(3)", "1.1", "1.2", "๑.๕", "๒๕๖๗", "80"),
    *("-", "–", "•", "..", ".", ":", ",", ")", ".)", "(", "]"),
]
SEPARATORS = [" ", "", "\n", "  ", " : ", "\r\n"]
CELLS = st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)), max_size=25).map(
    lambda parts: "".join(fragment + separator for fragment, separator in parts)
)


@settings(max_examples=400)
@given(CELLS)
def test_cells_of_markers_labels_and_counted_numbers_lose_no_character(cell: str) -> None:
    assert_nothing_lost(cell)


@given(st.text(max_size=120))
def test_any_text_loses_no_character_and_never_raises(cell: str) -> None:
    assert_nothing_lost(cell)


@given(
    items=st.lists(st.sampled_from(["จัดทำประกาศ", "เผยแพร่ทางเว็บไซต์", "ประชาชนรับทราบ"]), min_size=1, max_size=6),
    label=st.sampled_from(LABELS),
    colon=st.sampled_from(["", ":", " :", " -"]),
    marker=st.sampled_from(["{}.", "{})", "({})"]),
    newline=st.booleans(),
)
def test_a_bare_label_never_stops_the_split(
    items: list[str], label: str, colon: str, marker: str, newline: bool
) -> None:
    gap = "\n" if newline else " "
    cell = label + colon + gap + gap.join(f"{marker.format(n)} {item}" for n, item in enumerate(items, start=1))
    found: list[Repair] = []
    assert split_items(cell, found) == items
    assert [r.kind for r in found] == ["item_label"]
