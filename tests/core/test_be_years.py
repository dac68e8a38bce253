"""The B.E. year finder (core/be_years.py) on Thai text as agencies write it."""

from __future__ import annotations

from pathlib import Path

import pytest

from prongsai.core.be_years import DATE, FISCAL, RANGE, YEAR, find_years, shift_fiscal_year
from prongsai.imports.seed import parse_report_text

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "klaeng-2567-measures-report.txt"


def found(text: str) -> list[tuple[str, tuple[int, ...], str]]:
    return [(m.text, m.years, m.kind) for m in find_years(text)]


@pytest.mark.parametrize(
    ("text", "shifted"),
    [
        ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"),
        ("ในปีงบประมาณ พ.ศ.๒๕๖๗ และ", "ในปีงบประมาณ พ.ศ.๒๕๖๘ และ"),
        ("แผนปฏิบัติการประจำปี ๒๕๖๗", "แผนปฏิบัติการประจำปี ๒๕๖๘"),
        ("ปีงบประมาณ 2567", "ปีงบประมาณ 2568"),
        ("ประจำปี พ.ศ. 2567", "ประจำปี พ.ศ. 2568"),
        ("ปีงบประมาณ (พ.ศ. ๒๕๖๗)", "ปีงบประมาณ (พ.ศ. ๒๕๖๘)"),
        ("ปีงบประมาณ ๖๗", "ปีงบประมาณ ๖๘"),
    ],
)
def test_the_fiscal_year_after_its_words_moves_on_in_the_digits_written(text: str, shifted: str) -> None:
    [mention] = find_years(text)
    assert mention.kind == FISCAL and mention.years == (2567,)
    new, count = shift_fiscal_year(text, 2567, 1)
    assert count == 1 and new.endswith(shifted) and len(new) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ประจำปี ๒๕๖๗ – ๒๕๗๐", [("๒๕๖๗ – ๒๕๗๐", (2567, 2570), RANGE)]),
        ("แผนพัฒนาบุคลากร ๒๕๖๗ - ๒๕๖๙", [("๒๕๖๗ - ๒๕๖๙", (2567, 2569), RANGE)]),
        ("แผนพัฒนาท้องถิ่น (๒๕๖๖-๒๕๗๐)", [("๒๕๖๖-๒๕๗๐", (2566, 2570), RANGE)]),
        ("ปีงบประมาณ พ.ศ. ๒๕๖๗-๖๙", [("๒๕๖๗-๖๙", (2567, 2569), RANGE)]),
        ("ปี 2567 ถึง 2570", [("2567 ถึง 2570", (2567, 2570), RANGE)]),
        ("ปี ๖๗/๖๘", [("๖๗/๖๘", (2567, 2568), RANGE)]),
        ("ภายในวันที่ ๓๑ มีนาคม ๒๕๖๗", [("๒๕๖๗", (2567,), DATE)]),
        ("ประชุมเมื่อ ๑ ต.ค. ๖๖", [("๖๖", (2566,), DATE)]),
        ("ลงนาม ๓๑/๓/๖๗", [("๖๗", (2567,), DATE)]),
        ("ลงนาม 31/03/2567", [("2567", (2567,), DATE)]),
        ("ภายในปี ๖๗", [("๖๗", (2567,), YEAR)]),
        ("ตั้งแต่ พ.ศ. ๖๗ เป็นต้นไป", [("๖๗", (2567,), YEAR)]),
        ("ผลการประเมิน ITA 2567 ได้ ๘๕ คะแนน", [("2567", (2567,), YEAR)]),
        ("ตุลาคม ๒๕๖๖- มีนาคม ๒๕๖๗", [("๒๕๖๖", (2566,), DATE), ("๒๕๖๗", (2567,), DATE)]),
        ("ภายในปี ๒๕๖๗ ปีละ ๒ ครั้ง", [("๒๕๖๗", (2567,), YEAR)]),
    ],
)
def test_ranges_dates_and_short_years_are_found_and_never_moved_on_by_themselves(
    text: str, expected: list[tuple[str, tuple[int, ...], str]]
) -> None:
    assert found(text) == expected
    assert shift_fiscal_year(text, 2567, 1) == (text, 0)


@pytest.mark.parametrize(
    "text",
    [
        "งบประมาณ 2500 บาท",
        "อบรม ๖๐ คน",
        "โทร 038-2567-12",
        "ระบบ e-plan2567",
        "เวลา ๑๐.๓๐ น.",
        "อายุ ๖๐ ปี",
        "ข้อ ๖๗ ของระเบียบ",
        "เลขที่ 12567",
        "ครั้งที่ ๑ ๒ ๓",
    ],
)
def test_numbers_that_are_not_years_are_left_alone(text: str) -> None:
    assert found(text) == []


def test_a_year_other_than_the_plans_after_the_fiscal_words_is_not_moved() -> None:
    text = "ผลการประเมินปีงบประมาณ พ.ศ. ๒๕๖๖ และแผนประจำปีงบประมาณ พ.ศ. ๒๕๖๗"
    assert shift_fiscal_year(text, 2567, 1) == ("ผลการประเมินปีงบประมาณ พ.ศ. ๒๕๖๖ และแผนประจำปีงบประมาณ พ.ศ. ๒๕๖๘", 1)


def test_shifted_keeps_digits_and_width() -> None:
    [thai_range] = find_years("๒๕๖๗ – ๒๕๗๐")
    [arabic_short] = find_years("ปี 67")
    [short_range] = find_years("ปี ๖๗-๖๘")
    assert thai_range.shifted(1) == "๒๕๖๘ – ๒๕๗๑"
    assert arabic_short.shifted(1) == "68"
    assert short_range.shifted(2) == "๖๙-๗๐"


def test_the_seed_report() -> None:
    """The seed's title and introduction say ๒๕๖๗ five times after ปีงบประมาณ; its results hold two ranges."""
    raw = SEED.read_text(encoding="utf-8")
    report = parse_report_text(raw)
    kinds = [(m.kind, m.text) for m in find_years(raw)]
    assert kinds.count((FISCAL, "๒๕๖๗")) == 5
    assert (RANGE, "๒๕๖๗ – ๒๕๗๐") in kinds and (RANGE, "๒๕๖๗ - ๒๕๖๙") in kinds
    assert all(kind in (FISCAL, RANGE, DATE) for kind, _text in kinds)

    title, in_title = shift_fiscal_year(report.title, 2567, 1)
    intro, in_intro = shift_fiscal_year(report.intro, 2567, 1)
    assert title.endswith("ประจำปีงบประมาณ พ.ศ.๒๕๖๘") and in_title == 1
    assert in_intro == 3 and "๒๕๖๗" not in intro
    assert intro.count("ปีงบประมาณ พ.ศ.๒๕๖๘") == 2 and "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ดังต่อไปนี้" in intro

    results = [item for m in report.measures for item in m.results]
    ranges = [(m.text, m.years) for text in results for m in find_years(text)]
    assert ranges == [("๒๕๖๗ - ๒๕๖๙", (2567, 2569)), ("๒๕๖๗ – ๒๕๗๐", (2567, 2570))]
    for text in results:
        assert shift_fiscal_year(text, 2567, 1) == (text, 0)
