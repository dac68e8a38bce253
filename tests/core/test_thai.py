"""core/thai.py on its own: digits, B.E. dates, fiscal years, month phrases."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.core.thai import (
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    MonthPhrase,
    ThaiDateError,
    be_year,
    fiscal_month_index,
    fiscal_year,
    fiscal_year_bounds,
    format_date_long,
    format_date_numeric,
    format_date_short,
    format_datetime,
    format_months,
    format_number,
    month_of_fiscal_index,
    months_in_fiscal_year,
    parse_date,
    parse_month_phrase,
    round_window,
    shift_months,
    thaify_digits,
    to_arabic_digits,
    to_thai_digits,
)

ALL_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
FY2567 = tuple((2566, m) for m in (10, 11, 12)) + tuple((2567, m) for m in range(1, 10))


# --- digits ---


def test_digits_convert_both_ways():
    assert to_thai_digits("พ.ศ. 2567, 0-9") == "พ.ศ. ๒๕๖๗, ๐-๙"
    assert to_arabic_digits("๓๑/๓/๖๗") == "31/3/67"


@given(st.text())
def test_digit_conversion_round_trips_and_touches_nothing_else(s):
    assert to_arabic_digits(to_thai_digits(s)) == to_arabic_digits(s)
    assert to_thai_digits(to_arabic_digits(s)) == to_thai_digits(s)
    assert len(to_thai_digits(s)) == len(s)
    assert to_arabic_digits(thaify_digits(s)) == to_arabic_digits(s)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("พ.ศ. 2567", "พ.ศ. ๒๕๖๗"),
        ("ครั้งที่ 1", "ครั้งที่ ๑"),
        ("o26 และ O12", "o26 และ O12"),
        ("กระดาษ A4 จำนวน 20 แผ่น", "กระดาษ A4 จำนวน ๒๐ แผ่น"),
        ("ระบบ e-plan และ Web2.0", "ระบบ e-plan และ Web2.0"),
        ("เวลา 14:05 น. งบ 1,234.50 บาท", "เวลา ๑๔:๐๕ น. งบ ๑,๒๓๔.๕๐ บาท"),
        ("ดูที่ https://example.go.th/news/12 หรือ www.x.go.th/2567", None),
        ("ข้อ 1.1 (ร้อยละ 85)", "ข้อ ๑.๑ (ร้อยละ ๘๕)"),
    ],
)
def test_thaify_digits_keeps_latin_codes_and_links_arabic(text, expected):
    assert thaify_digits(text) == (expected if expected is not None else text)


def test_format_number_uses_thai_digits_only_when_asked():
    assert format_number(2567, True) == "๒๕๖๗"
    assert format_number(87.57, False) == "87.57"
    assert format_number("1.1", True) == "๑.๑"
    assert format_number(1234567, True, grouping=True) == "๑,๒๓๔,๕๖๗"


# --- dates ---


def test_month_names_are_indexed_by_calendar_month():
    assert THAI_MONTHS[10] == "ตุลาคม"
    assert THAI_MONTHS[2] == "กุมภาพันธ์"
    assert THAI_MONTHS_SHORT[1:] == (
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    )  # fmt: skip


def test_dates_are_formatted_in_buddhist_era():
    d = date(2023, 10, 1)
    assert be_year(d) == 2566
    assert format_date_long(d) == "๑ ตุลาคม ๒๕๖๖"
    assert format_date_long(d, thai_digits=False) == "1 ตุลาคม 2566"
    assert format_date_short(d) == "๑ ต.ค. ๖๖"
    assert format_date_numeric(date(2024, 3, 31)) == "31/03/2567"
    assert format_date_numeric(date(2024, 3, 31), thai_digits=True) == "๓๑/๐๓/๒๕๖๗"


def test_aware_datetimes_are_shown_in_bangkok_time():
    assert format_datetime(datetime(2023, 10, 1, 7, 5, tzinfo=UTC)) == "๑ ต.ค. ๖๖ ๑๔:๐๕ น."
    plus9 = timezone(timedelta(hours=9))
    assert format_datetime(datetime(2023, 10, 1, 16, 5, tzinfo=plus9)) == "๑ ต.ค. ๖๖ ๑๔:๐๕ น."
    assert format_datetime(datetime(2023, 10, 1, 14, 5), thai_digits=False) == "1 ต.ค. 66 14:05 น."  # noqa: DTZ001


@pytest.mark.parametrize(
    "text",
    [
        "๓๑/๓/๖๗",
        "31/03/2567",
        "31-03-2567",
        "31.3.67",
        "๓๑ มี.ค. ๖๗",
        "๓๑ มีนาคม ๒๕๖๗",
        "31 มี.ค. 2567",
        "31 มีค 67",
        "31 มีนา 2567",
        "31มี.ค.67",
        "วันที่ 31 มีนาคม พ.ศ. 2567",
        "  31/3/2567  ",
        "2024-03-31",
        "31/03/2024",
        "31 มีนาคม ค.ศ. 2024",
    ],
)
def test_a_date_is_read_however_people_type_it(text):
    assert parse_date(text) == date(2024, 3, 31)


def test_two_digit_years_are_buddhist_era_and_small_four_digit_years_are_christian_era():
    assert parse_date("1/10/66") == date(2023, 10, 1)
    assert parse_date("1/10/2566") == date(2023, 10, 1)
    assert parse_date("1/10/2023") == date(2023, 10, 1)
    assert parse_date("29 ก.พ. 2567") == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("๓๑ ก.พ. ๖๗", "วันที่ ๓๑ ก.พ. ๒๕๖๗ ไม่มีอยู่จริง"),
        ("29/02/2566", "วันที่ ๒๙ ก.พ. ๒๕๖๖ ไม่มีอยู่จริง"),
        ("32/1/2567", "วันที่ ๓๒ ม.ค. ๒๕๖๗ ไม่มีอยู่จริง"),
        ("abc", 'อ่านวันที่ "abc" ไม่ได้ ใช้รูปแบบ ๓๑/๓/๖๗ หรือ ๓๑ มี.ค. ๖๗'),
        ("31/13/2567", "ไม่มีเดือนที่ ๑๓"),
        ("31 ฟฟฟ 67", 'ไม่รู้จักเดือน "ฟฟฟ"'),
        ("   ", "ยังไม่ได้ใส่วันที่"),
    ],
)
def test_a_bad_date_raises_a_thai_message_naming_the_problem(text, message):
    with pytest.raises(ThaiDateError) as caught:
        parse_date(text)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


@given(ALL_DATES)
def test_long_and_numeric_dates_read_back(d):
    assert parse_date(format_date_long(d)) == d
    assert parse_date(format_date_long(d, thai_digits=False)) == d
    assert parse_date(format_date_numeric(d)) == d
    assert parse_date(format_date_numeric(d, thai_digits=True)) == d
    assert parse_date(d.isoformat()) == d


@given(st.dates(min_value=date(1957, 1, 1), max_value=date(2056, 12, 31)))
def test_short_dates_read_back_within_buddhist_era_2500_to_2599(d):
    assert parse_date(format_date_short(d)) == d


@given(st.text(max_size=40))
def test_parse_date_raises_only_thai_date_errors(text):
    try:
        parse_date(text)
    except ThaiDateError as err:
        assert str(err)


# --- fiscal years ---


def test_fiscal_year_starts_on_the_first_of_october():
    assert fiscal_year(date(2023, 9, 30)) == 2566
    assert fiscal_year(date(2023, 10, 1)) == 2567
    assert fiscal_year_bounds(2567) == (date(2023, 10, 1), date(2024, 9, 30))


def test_round_one_is_october_to_march_and_round_two_the_whole_year():
    assert round_window(2567, 1) == (date(2023, 10, 1), date(2024, 3, 31))
    assert round_window(2567, 2) == (date(2023, 10, 1), date(2024, 9, 30))
    with pytest.raises(ValueError):
        round_window(2567, 3)


@given(ALL_DATES)
def test_every_date_lies_in_the_bounds_of_its_fiscal_year(d):
    start, end = fiscal_year_bounds(fiscal_year(d))
    assert start <= d <= end


def test_fiscal_months_count_from_october():
    assert [fiscal_month_index(m) for m in (10, 11, 12, 1, 9)] == [1, 2, 3, 4, 12]
    assert tuple(month_of_fiscal_index(2567, i) for i in range(1, 13)) == FY2567
    with pytest.raises(ValueError):
        fiscal_month_index(13)
    with pytest.raises(ValueError):
        month_of_fiscal_index(2567, 0)


# --- month phrases ---

OCT_TO_MAR = ((2566, 10), (2566, 11), (2566, 12), (2567, 1), (2567, 2), (2567, 3))


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("ตุลาคม ๒๕๖๖", ((2566, 10),)),
        ("ต.ค. ๖๖", ((2566, 10),)),
        ("มีนาคม 2567", ((2567, 3),)),
        ("ตุลาคม ๒๕๖๖ - มีนาคม ๒๕๖๗", OCT_TO_MAR),
        ("ต.ค. ๖๖ – มี.ค. ๖๗", OCT_TO_MAR),
        ("ตุลาคม ๒๕๖๖ ถึง มีนาคม ๒๕๖๗", OCT_TO_MAR),
        ("๑ ต.ค. ๖๖ - ๓๑ มี.ค. ๖๗", OCT_TO_MAR),
        ("ตุลาคม - มีนาคม ๒๕๖๗", OCT_TO_MAR),
        ("เมษายน - กันยายน ๒๕๖๗", tuple((2567, m) for m in range(4, 10))),
        ("ครั้งที่ ๑ ตุลาคม ๒๕๖๖- มีนาคม ๒๕๖๗ ครั้งที่ ๒ เมษายน ๒๕๖๗- กันยายน ๒๕๖๗", FY2567),
        ("เดือนธันวาคม ๒๕๖๖ และ มิ.ย. ๖๗", ((2566, 12), (2567, 6))),
        ("ตุลาคม - มีนาคม", ()),
        ("รายงานผลการดำเนินการทุก รอบ ๖ เดือน และรายงานผลการดำเนินงานประจำปี", ()),
        ("ตลอดปีงบประมาณ", ()),
        ("ตลอดปีงบประมาณ พ.ศ. ๒๕๖๗", FY2567),
        ("ศาลปกครองและตุลาการ 2566", ()),
        ("", ()),
    ],
)
def test_a_timeframe_phrase_is_read_into_months_and_kept_as_written(text, months):
    assert parse_month_phrase(text) == MonthPhrase(phrase=text, months=months)


def test_whole_year_phrases_need_the_fiscal_year():
    assert parse_month_phrase("ตลอดปีงบประมาณ", fiscal_year=2567).months == FY2567
    assert parse_month_phrase("ตลอดปี", fiscal_year=2567).months == FY2567
    assert parse_month_phrase("ตุลาคม - มีนาคม", fiscal_year=2567).months == OCT_TO_MAR


Q1_2567 = ((2566, 10), (2566, 11), (2566, 12))
Q2_2567 = ((2567, 1), (2567, 2), (2567, 3))
Q3_2567 = ((2567, 4), (2567, 5), (2567, 6))
Q4_2567 = ((2567, 7), (2567, 8), (2567, 9))


@pytest.mark.parametrize(
    ("text", "fy", "months"),
    [
        ("ไตรมาสที่ ๑", 2567, Q1_2567),
        ("ไตรมาสที่ ๒", 2567, Q2_2567),
        ("ไตรมาสที่ 3", 2567, Q3_2567),
        ("ไตรมาสที่ ๔", 2567, Q4_2567),
        ("ไตรมาส ๔", 2568, tuple((2568, m) for m in (7, 8, 9))),
        ("ไตรมาสที่ ๑", None, ()),
        ("ไตรมาสที่ ๒/๒๕๖๗", None, Q2_2567),
        ("ไตรมาสที่ ๒/๖๗", None, Q2_2567),
        ("ไตรมาส ๒ ปีงบประมาณ ๒๕๖๗", None, Q2_2567),
        ("ไตรมาส ๒ ปีงบประมาณ พ.ศ. ๒๕๖๗", 2568, Q2_2567),
        ("ไตรมาสที่ ๒/๒๕๖๗", 2568, Q2_2567),
        ("ไตรมาส 1/2024", None, Q1_2567),  # a ค.ศ. fiscal year
        ("ไตรมาสที่ ๑-๒", 2567, Q1_2567 + Q2_2567),
        ("ไตรมาสที่ ๑ ถึง ไตรมาสที่ ๓", 2567, Q1_2567 + Q2_2567 + Q3_2567),
        ("ไตรมาสที่ ๑ และ ๓", 2567, Q1_2567 + Q3_2567),
        ("ไตรมาสที่ ๕", 2567, ()),
        ("ไตรมาสที่ ๔ (กรกฎาคม - กันยายน ๒๕๖๗)", None, Q4_2567),
        ("ทุก ๖ เดือน", 2567, FY2567),
        ("ทุก 6 เดือน", None, ()),
        ("ทุกเดือน", 2567, FY2567),
        ("ประชุมประจำทุกเดือน ปีงบประมาณ ๒๕๖๗", None, FY2567),
        ("ทุกไตรมาส", 2567, FY2567),
        ("รายงานผลการดำเนินการทุก รอบ ๖ เดือน และรายงานผลการดำเนินงานประจำปี", 2567, FY2567),
        ("ตลอดปี", 2567, FY2567),
        ("ตลอดปีงบประมาณ ๒๕๖๗", 2568, FY2567),
        ("ตุลาคม 2023", None, ((2566, 10),)),
        ("ตุลาคม ค.ศ. 2023 - มีนาคม ค.ศ. 2024", None, OCT_TO_MAR),
        ("October 2023", None, ()),
        ("ทุกคน", 2567, ()),
    ],
)
def test_quarters_every_n_months_and_christian_era_years(text, fy, months):
    assert parse_month_phrase(text, fiscal_year=fy) == MonthPhrase(phrase=text, months=months)


@given(st.text(max_size=80), st.none() | st.integers(2400, 2700))
def test_parse_month_phrase_never_raises_and_keeps_the_phrase(text, fy):
    result = parse_month_phrase(text, fiscal_year=fy)
    assert result.phrase == text
    assert list(result.months) == sorted(set(result.months))


month_sets = st.builds(
    lambda start, offsets: tuple(sorted({((start + k) // 12, (start + k) % 12 + 1) for k in offsets})),
    st.integers(2450 * 12, 2650 * 12),
    st.sets(st.integers(0, 35), min_size=1, max_size=12),
)


@given(month_sets, st.booleans())
def test_formatted_months_read_back(months, thai_digits):
    assert parse_month_phrase(format_months(months, thai_digits=thai_digits)).months == months


def test_months_are_formatted_as_runs():
    assert format_months(((2566, 10),)) == "ตุลาคม ๒๕๖๖"
    assert format_months(OCT_TO_MAR) == "ตุลาคม ๒๕๖๖ - มีนาคม ๒๕๖๗"
    assert format_months([(2567, m) for m in range(4, 10)]) == "เมษายน - กันยายน ๒๕๖๗"
    assert format_months([(2567, 1), (2566, 10), (2567, 3)], thai_digits=False) == (
        "ตุลาคม 2566, มกราคม 2567, มีนาคม 2567"
    )
    assert format_months(()) == ""


def test_months_can_be_checked_against_a_fiscal_year_and_shifted():
    assert months_in_fiscal_year(FY2567, 2567)
    assert not months_in_fiscal_year(((2567, 10),), 2567)
    assert months_in_fiscal_year((), 2567)
    assert shift_months(OCT_TO_MAR, 1) == tuple((y + 1, m) for y, m in OCT_TO_MAR)
    assert months_in_fiscal_year(shift_months(FY2567, 1), 2568)
