"""Scores pasted as text: the two real shapes of tests/fixtures/ita-scores-pasted-2564.txt."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from prongsai.ita.pasted import parse_pasted_scores
from prongsai.ita.scoring import compute, grade_for

from .conftest import shipped

SAMPLE = (Path(__file__).parent.parent / "fixtures" / "ita-scores-pasted-2564.txt").read_text(encoding="utf-8")
TABLE, NEWS = SAMPLE.split("# 2.")
CAT = shipped(2564)


def test_an_assessors_table_gives_the_ita_column_of_each_indicator_row() -> None:
    parsed = parse_pasted_scores(TABLE, CAT)
    assert parsed.scores == {1: Decimal("94.59"), 2: Decimal("90.11"), 3: Decimal("92.79")}
    assert parsed.year == 2564
    assert parsed.tools == {"IIT": Decimal("91.68")}  # the tool column stands on the first row only
    assert any("๔, ๕, ๖, ๗, ๘, ๙, ๑๐" in w for w in parsed.warnings)
    result = compute(CAT, parsed.scores)
    assert result.iit == Decimal("92.50")  # (94.59 + 90.11 + 92.79) / 3, the three rows that survived
    assert result.ita is None and result.grade is None


def test_a_news_item_gives_scores_by_name_and_the_stated_total_and_grade() -> None:
    parsed = parse_pasted_scores(NEWS, CAT)
    assert parsed.scores == {
        1: Decimal("92.06"),
        2: Decimal("83.13"),
        3: Decimal("86.58"),  # "การใช้อำนาจ.86.58คะแนน": a stray dot and no space
        4: Decimal("82.01"),
        9: Decimal("94.92"),  # "การเปิดเผยข้อมูล (OIT).94.92 คะแนน"
        10: Decimal("100.00"),
    }
    assert parsed.year == 2564
    assert parsed.ita == Decimal("91.09")  # not 2.06, the rise on the year before
    assert parsed.grade == "A"
    assert grade_for(CAT, parsed.ita) == parsed.grade
    result = compute(CAT, parsed.scores)
    assert result.oit == Decimal("97.46")
    assert result.eit is None and result.ita is None


def test_thai_digits_and_a_lost_sara_am_are_read() -> None:
    text = (
        "ตัวชี้วัดที่ ๓ การใช้อ\ufffdานาจ ๙๒.๗๙\n"
        "– การใช้ทรัพย์สินของราชการ ๘๒.๐๑ คะแนน\n"
        "– การปรับปรุงระบบการท\u0e4d\u0e32งาน 88 คะแนน"
    )
    assert parse_pasted_scores(text, CAT).scores == {3: Decimal("92.79"), 4: Decimal("82.01"), 8: Decimal("88.00")}


def test_two_different_values_for_one_indicator_keep_the_first_and_say_so() -> None:
    parsed = parse_pasted_scores(SAMPLE, CAT)
    assert parsed.scores[1] == Decimal("94.59")
    assert any("ตัวชี้วัดที่ ๑ พบคะแนนสองค่า" in w for w in parsed.warnings)


def test_a_score_above_100_is_left_out_with_a_warning() -> None:
    parsed = parse_pasted_scores("ตัวชี้วัดที่ 2 การใช้งบประมาณ 104.5", CAT)
    assert parsed.scores == {}
    assert any("เกิน ๑๐๐" in w for w in parsed.warnings)


def test_text_without_scores_says_so() -> None:
    parsed = parse_pasted_scores("สวัสดีครับ ไม่มีคะแนนในข้อความนี้")
    assert parsed.scores == {}
    assert parsed.warnings == ["ไม่พบคะแนนรายตัวชี้วัดในข้อความ"]
