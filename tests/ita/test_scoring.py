"""The formula and the grades, against values worked out by hand (ITA.md: 30/30/40, tool = mean)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from prongsai.ita.scoring import compute, grade_for

from .conftest import every, scores, shipped

CAT = shipped(2566)


def test_a_full_set_of_indicators_gives_tools_shares_ita_and_grade() -> None:
    # IIT = (94.59+90.11+92.79+93.00+88.51)/5 = 91.80; EIT = 268.19/3 = 89.3967; OIT = 194.92/2 = 97.46
    # ITA = 27.54 + 26.819 + 38.984 = 93.343 -> 93.34 (A)
    result = compute(
        CAT, scores("94.59", "90.11", "92.79", "93.00", "88.51", "91.20", "89.34", "87.65", "94.92", "100")
    )
    assert (result.iit, result.eit, result.oit) == (Decimal("91.80"), Decimal("89.40"), Decimal("97.46"))
    assert (result.iit_share, result.eit_share, result.oit_share) == (
        Decimal("27.54"),
        Decimal("26.82"),
        Decimal("38.98"),
    )
    assert result.ita == Decimal("93.34")
    assert result.grade == "A"
    assert result.passed is True
    assert result.complete


def test_a_share_is_the_tool_score_times_its_weight() -> None:
    result = compute(CAT, {1: Decimal(90), 2: Decimal(90), 3: Decimal(90), 4: Decimal(90), 5: Decimal(90)})
    assert result.iit == Decimal("90.00")
    assert result.iit_share == Decimal("27.00")  # of 30
    assert compute(CAT, {9: Decimal(90), 10: Decimal(90)}).oit_share == Decimal("36.00")  # of 40


def test_the_published_uthai_thani_iit_gives_its_published_share() -> None:
    # NACC ITA 2564 table 4.16: IIT 91.68, weighted 27.50 (27.504)
    assert compute(CAT, {n: Decimal("91.68") for n in range(1, 6)}).iit_share == Decimal("27.50")


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("100", "AA"),
        ("95.00", "AA"),
        ("94.99", "A"),
        ("85.00", "A"),
        ("84.99", "B"),
        ("75.00", "B"),
        ("74.99", "C"),
        ("65", "C"),
        ("64.99", "D"),
        ("55", "D"),
        ("54.99", "E"),
        ("50", "E"),
        ("49.99", "F"),
        ("0", "F"),
    ],
)
def test_every_indicator_at_a_band_edge_gives_that_bands_grade(score: str, grade: str) -> None:
    result = compute(CAT, every(score))
    assert result.ita == Decimal(score).quantize(Decimal("0.01"))
    assert result.grade == grade
    assert result.passed is (Decimal(score) >= 85)


def test_84_995_rounds_half_up_to_85_and_an_a() -> None:
    # 0.3*84.99 + 0.3*85.00 + 0.4*((84.99+85.00)/2) = 25.497 + 25.5 + 33.998 = 84.995
    result = compute(CAT, scores(*["84.99"] * 5, *["85.00"] * 3, "84.99", "85.00"))
    assert result.ita == Decimal("85.00")
    assert result.grade == "A"
    assert result.passed is True
    assert grade_for(CAT, Decimal("84.995")) == "A"
    assert grade_for(CAT, Decimal("84.994")) == "B"


def test_a_tool_with_no_indicator_is_none_and_so_is_the_ita() -> None:
    result = compute(CAT, scores("90", "90", "90", "90", "90", None, None, None, "100", "100"))
    assert result.iit == Decimal("90.00") and result.oit == Decimal("100.00")
    assert result.eit is None and result.eit_share is None
    assert result.ita is None and result.grade is None and result.passed is None
    assert result.missing == (6, 7, 8)


def test_a_tool_with_some_indicators_is_the_mean_of_those_present() -> None:
    result = compute(CAT, scores("90", "80", None, None, None, "70", None, None, "60", None))
    assert (result.iit, result.eit, result.oit) == (Decimal("85.00"), Decimal("70.00"), Decimal("60.00"))
    assert result.ita == Decimal("70.50")  # 25.5 + 21 + 24
    assert result.missing == (3, 4, 5, 7, 8, 10)
    assert not result.complete


def test_no_scores_give_nothing() -> None:
    result = compute(CAT, {})
    assert (result.iit, result.eit, result.oit, result.ita, result.grade) == (None, None, None, None, None)


def test_the_weights_and_bands_come_from_the_catalogue() -> None:
    other = shipped(2566)
    other["tools"][0]["weight"], other["tools"][2]["weight"] = 40, 30
    other["pass_mark"] = 95
    result = compute(other, scores(*["100"] * 5, *["90"] * 3, *["80"] * 2))
    assert result.iit_share == Decimal("40.00") and result.oit_share == Decimal("24.00")
    assert result.ita == Decimal("91.00")
    assert result.passed is False
