"""The parser of the yearly measures report, against the real 2567 report of อบต.แกลง and bad inputs."""

from __future__ import annotations

import codecs
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.imports.items import join_items, split_departments, split_items, status_code
from prongsai.imports.seed import (
    ImportFormatError,
    ParsedReport,
    parse_report_bytes,
    parse_report_text,
    report_to_json,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "klaeng-2567-measures-report.txt"
COVER = "องค์การบริหารส่วนตำบลแกลง"


def seed_report() -> ParsedReport:
    return parse_report_bytes(SEED.read_bytes())


def seed_rows() -> list[tuple[int, list[str]]]:
    """The data rows of the fixture, split here without the parser: (file line, cells)."""
    rows = []
    for number, line in enumerate(SEED.read_text(encoding="utf-8").split("\n"), start=1):
        if "\t" in line and not line.startswith("มาตรการหรือกิจกรรม"):
            rows.append((number, line.split("\t")))
    return rows


def assert_cell_is_items(raw: str, items: list[str]) -> None:
    """The raw cell is exactly its items, each behind its number 1, 2, 3… (Thai or Arabic digits)."""
    text = raw.strip()
    if not text:
        assert items == []
        return
    for item in items:
        assert item in raw
    if items == [text]:
        return
    position = 0
    for expected, item in enumerate(items, start=1):
        token = re.compile(r"\s*([0-9๐-๙]+)\.\s*").match(text, position)
        assert token is not None, (text[position:], item)
        assert int(token.group(1)) == expected  # int() reads Thai digits too
        assert text.startswith(item, token.end()), (text[token.end() :], item)
        position = token.end() + len(item)
    assert position == len(text)


def test_the_seed_has_eight_measures_numbered_one_to_eight() -> None:
    report = seed_report()
    assert [m.number for m in report.measures] == [1, 2, 3, 4, 5, 6, 7, 8]


def test_the_first_two_measures_have_the_numbered_items_of_their_cells() -> None:
    first, second = seed_report().measures[:2]
    assert len(first.methods) == 2
    assert len(first.results) == 3
    assert len(second.methods) == 3
    assert len(second.results) == 2
    assert first.title == "การจัดทำข้อตกลงระหว่างผู้บังคับบัญชา กับผู้ใต้บังคับบัญชา"
    assert first.results[2] == "มีการประชุมพนักงาน เป็นประจำทุกเดือนอย่างน้อยเดือนละ ๑ ครั้ง"


def test_every_status_of_the_seed_is_done_and_the_outcome_is_kept_as_written() -> None:
    measures = seed_report().measures
    assert {m.status for m in measures} == {"done"}
    assert measures[0].outcome == "ดำเนินการแล้ว เสร็จ"
    assert measures[5].outcome == "ดำเนินการแล้วเสร็จ"


def test_every_cell_of_the_seed_survives_the_parse() -> None:
    rows = seed_rows()
    measures = seed_report().measures
    assert len(rows) == len(measures)
    for (line, cells), measure in zip(rows, measures, strict=True):
        assert len(cells) == 7
        first, methods, responsible, timeframe, results, outcome, suggestions = cells
        assert measure.line == line
        assert re.fullmatch(r"[๐-๙]+\.\s*" + re.escape(measure.title), first.strip())
        assert int(first.split(".")[0]) == measure.number
        assert_cell_is_items(methods, measure.methods)
        assert_cell_is_items(results, measure.results)
        assert measure.responsible == responsible.strip()
        assert measure.timeframe == timeframe.strip()
        assert measure.outcome == outcome.strip()
        assert measure.suggestions == suggestions.strip()


def test_a_cell_without_numbering_is_one_item() -> None:
    eighth = seed_report().measures[7]
    assert len(eighth.methods) == 1
    assert eighth.methods[0].startswith("จัดทำประกาศแนวทางการปฏิบัติ")
    assert eighth.methods[0].endswith("เป็นต้น")


def test_the_typos_of_the_seed_survive() -> None:
    measures = seed_report().measures
    assert "ข่าวกการฝึกอบรม" in measures[1].methods[2]
    assert measures[7].results == ["จัดทำประกาศมาตรการส่งเสริมคุณธรรมและความโปร่งใภายในหน่วยงาน"]


def test_a_year_range_stays_inside_the_item_text() -> None:
    measures = seed_report().measures
    assert measures[1].results[0] == "จัดทำแผนพัฒนาบุคลากรประจำปี ๒๕๖๗ - ๒๕๖๙"
    assert "๒๕๖๗ – ๒๕๗๐" in measures[5].results[0]


def test_the_departments_are_split_into_names_as_written() -> None:
    first = seed_report().measures[0]
    assert first.departments == ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองสาธารณสุขฯ", "กองการศึกษา ฯ"]
    assert first.responsible == "สำนักปลัด กองคลัง กองช่าง กองสาธารณสุขฯ กองการศึกษา ฯ"


def test_the_cover_gives_title_organisation_place_and_fiscal_year() -> None:
    report = seed_report()
    assert report.title == ("รายงานผลการดำเนินการตามมาตรการ เพื่อส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ.๒๕๖๗")
    assert report.organization == COVER
    assert report.district == "เมืองระยอง"
    assert report.province == "ระยอง"
    assert report.fiscal_year == 2567
    assert report.intro.startswith("ตามที่ได้ดำเนินการวิเคราะห์ผลการประเมิน ITA ขององค์การบริหารส่วนตำบลเกล่ง")
    assert report.intro.endswith("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ดังต่อไปนี้")
    assert report.intro in SEED.read_text(encoding="utf-8")


def test_the_other_spellings_of_the_organisation_are_warned_with_their_lines() -> None:
    warnings = seed_report().warnings
    assert warnings == [
        f'บรรทัดที่ 13: ชื่อหน่วยงานสะกดว่า "องค์การบริหารส่วนตำบลเกล่ง" ต่างจากหน้าปก "{COVER}"',
        f'บรรทัดที่ 17: ชื่อหน่วยงานสะกดว่า "องค์การบริหารส่วนตำบลเกล่ง" ต่างจากหน้าปก "{COVER}"',
        f'บรรทัดที่ 25: ชื่อหน่วยงานสะกดว่า "อบต.แก่ง" ต่างจากหน้าปก "{COVER}"',
        f'บรรทัดที่ 30: ชื่อหน่วยงานสะกดว่า "อบต.แก่ง" ต่างจากหน้าปก "{COVER}"',
    ]


def test_the_json_has_exactly_the_agreed_keys() -> None:
    data = report_to_json(seed_report())
    assert list(data) == [
        "title",
        "organization",
        "fiscal_year",
        "district",
        "province",
        "intro",
        "measures",
        "warnings",
    ]
    assert list(data["measures"][0]) == [
        "number",
        "title",
        "methods",
        "departments",
        "responsible",
        "timeframe",
        "results",
        "status",
        "outcome",
        "suggestions",
    ]
    assert data["fiscal_year"] == 2567


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: text.encode("utf-16"),
        lambda text: text.encode("cp874"),
    ],
    ids=["crlf", "utf-8-bom", "utf-16-bom", "cp874"],
)
def test_other_encodings_and_line_ends_give_the_same_report(encode: Callable[[str], bytes]) -> None:
    expected = report_to_json(seed_report())
    assert report_to_json(parse_report_bytes(encode(SEED.read_text(encoding="utf-8")))) == expected


def test_a_tis_620_file_is_read() -> None:
    text = SEED.read_text(encoding="utf-8").replace("–", "-")  # TIS-620 has no en dash
    assert report_to_json(parse_report_bytes(text.encode("tis-620"))) == report_to_json(parse_report_text(text))


def test_a_row_with_three_cells_is_refused_naming_its_line() -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_report_bytes((FIXTURES / "bad-three-cells.txt").read_bytes())
    assert caught.value.line == 10
    assert str(caught.value) == ("บรรทัดที่ 10: อ่านตารางไม่ได้ — พบ 3 ช่อง แต่ตารางรายงานต้องมี 7 ช่องคั่นด้วยแท็บ")


def test_a_text_without_the_table_header_is_refused_naming_the_first_column() -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_report_bytes((FIXTURES / "bad-no-header.txt").read_bytes())
    assert caught.value.line is not None
    assert "มาตรการหรือกิจกรรมที่ดำเนินการ" in caught.value.message
    assert "หัวตาราง" in caught.value.message


@pytest.mark.parametrize("name", ["bad-page.html", "bad-measures.csv"])
def test_a_web_page_or_a_csv_is_refused_with_a_line_number(name: str) -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_report_bytes((FIXTURES / name).read_bytes())
    assert caught.value.line is not None
    assert str(caught.value).startswith(f"บรรทัดที่ {caught.value.line}: ")


def test_an_english_text_is_refused_with_a_line_number() -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_report_text("\nHello, world\nmeasure\tmethod\n")
    assert caught.value.line == 2


@pytest.mark.parametrize("data", [b"", b"   \r\n\n  \n"])
def test_an_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_report_bytes(data)
    assert caught.value.line is None
    assert "ว่าง" in str(caught.value)


def test_random_bytes_are_refused() -> None:
    for seed in range(20):
        data = random.Random(seed).randbytes(4000)  # noqa: S311 - test data, not secrets
        with pytest.raises(ImportFormatError):
            parse_report_bytes(data)


@pytest.mark.parametrize("encoding", ["latin-1", "utf-8", "cp874"])
def test_random_bytes_decoded_as_text_are_refused_with_a_line_number(encoding: str) -> None:
    for seed in range(20):
        text = random.Random(seed).randbytes(4000).decode(encoding, errors="replace")  # noqa: S311
        with pytest.raises(ImportFormatError) as caught:
            parse_report_text(text)
        assert caught.value.line is not None


def test_undecodable_bytes_are_refused_without_a_line() -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_report_bytes(bytes(range(256)))
    assert caught.value.line is None


def test_a_missing_empty_seventh_cell_is_accepted() -> None:
    text = SEED.read_text(encoding="utf-8")
    stripped = "\n".join(line.rstrip("\t ") for line in text.split("\n"))
    assert report_to_json(parse_report_text(stripped)) == report_to_json(seed_report())


def test_a_phrase_that_is_no_status_leaves_the_status_empty_with_a_warning() -> None:
    text = SEED.read_text(encoding="utf-8").replace("ดำเนินการแล้วเสร็จ\t", "ดีมาก\t", 1)
    report = parse_report_text(text)
    assert report.measures[5].status == ""
    assert report.measures[5].outcome == "ดีมาก"
    assert any(w.startswith("บรรทัดที่ 29: ") and "ดีมาก" in w for w in report.warnings)


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("ดำเนินการแล้วเสร็จ", "done"),
        ("ดำเนินการแล้ว เสร็จ", "done"),
        ("ดำเนินการเรียบร้อยแล้ว", "done"),
        ("แล้วเสร็จ", "done"),
        ("ด\u0e4dาเนินการแล้วเสร็จ", "done"),
        ("อยู่ระหว่างดำเนินการ", "in_progress"),
        ("ยังไม่ดำเนินการ", "not_started"),
        ("ยัง ไม่ ดำเนินการ", "not_started"),
        ("ยกเลิก", "cancelled"),
        ("ไม่ได้ดำเนินการ", "cancelled"),
        ("", ""),
        ("ดีมาก", ""),
    ],
)
def test_the_status_phrase_is_read_ignoring_spaces(phrase: str, code: str) -> None:
    assert status_code(phrase) == code


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        ("๑. a ๒. b", ["a", "b"]),
        ("๑. จัดทำ ๒. จัดส่ง ๓.มีการประชุม", ["จัดทำ", "จัดส่ง", "มีการประชุม"]),
        ("1. one 2. two", ["one", "two"]),
        ("๑. แผนปี ๒๕๖๗ - ๒๕๖๙ ๒. ส่งอบรม", ["แผนปี ๒๕๖๗ - ๒๕๖๙", "ส่งอบรม"]),
        ("๑. รอบ ๖ เดือน ๓. ไม่ใช่ข้อ", ["รอบ ๖ เดือน ๓. ไม่ใช่ข้อ"]),
        ("๒. ไม่เริ่มที่หนึ่ง", ["๒. ไม่เริ่มที่หนึ่ง"]),
        ("ค่า 1.5 เท่า", ["ค่า 1.5 เท่า"]),
        ("ไม่มีเลขข้อ", ["ไม่มีเลขข้อ"]),
        ("   ", []),
    ],
)
def test_the_items_of_a_cell_are_split_only_on_numbers_running_from_one(cell: str, items: list[str]) -> None:
    assert split_items(cell) == items


def test_join_items_writes_thai_numbers_by_default() -> None:
    assert join_items(["a", "b"]) == "๑. a ๒. b"
    assert join_items(["a", "b"], thai_digits=False) == "1. a 2. b"
    assert join_items(["a", "b"], numbered=False) == "a b"


def test_a_lone_abbreviation_mark_joins_the_previous_department() -> None:
    assert split_departments("กองการศึกษา ฯ สำนักปลัด") == ["กองการศึกษา ฯ", "สำนักปลัด"]
    assert split_departments("") == []


ITEM_TEXT = st.text(alphabet=st.characters(categories=("L", "M", "P", "Zs")), min_size=1, max_size=30).filter(
    lambda text: text == text.strip() and text != ""
)


@given(items=st.lists(ITEM_TEXT, min_size=1, max_size=6), thai_digits=st.booleans())
def test_joined_items_split_back_into_the_same_items(items: list[str], thai_digits: bool) -> None:
    assert split_items(join_items(items, thai_digits=thai_digits)) == items


@settings(max_examples=200)
@given(data=st.binary(max_size=400))
def test_any_bytes_give_a_report_or_an_import_format_error(data: bytes) -> None:
    try:
        parse_report_bytes(data)
    except ImportFormatError:
        pass


@settings(max_examples=200)
@given(picks=st.lists(st.integers(min_value=0, max_value=30), max_size=40), noise=st.text(max_size=20))
def test_any_shuffle_of_the_seed_lines_gives_a_report_or_an_import_format_error(picks: list[int], noise: str) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    text = "\n".join(lines[i] for i in picks) + noise
    try:
        parse_report_text(text)
    except ImportFormatError as error:
        assert error.line is None or 1 <= error.line <= len(re.split(r"\r\n|\r|\n", text))
