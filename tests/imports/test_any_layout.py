"""Any agency's table (issue #17): columns by meaning, never refused for a column the reader does not know;
text tables whatever their first header cell; the officer's choice of columns (read_document(columns=…),
ParsedReport.columns / layout_key, NoTitleColumn); refusals that say what was read and what to try.

The corpus of whole documents is test_corpus.py; these are the rules one by one, on small tables."""

from __future__ import annotations

import hashlib
import io
import re

import docx
import pytest
from openpyxl import Workbook

from prongsai.imports import stored
from prongsai.imports.columns import CHOICES, compact_key, header_kind, is_header_candidate, is_title_header
from prongsai.imports.readers import read_document
from prongsai.imports.seed import ImportFormatError, NoTitleColumn, ParsedReport
from tests.imports._helpers import IMPORT, SEED

TITLE = "รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗\nองค์การบริหารส่วนตำบลทดสอบ อำเภอเมือง จังหวัดระยอง\n\n"


def text_of(*lines: str) -> bytes:
    return (TITLE + "\n".join(lines) + "\n").encode("utf-8")


def xlsx_of(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def docx_of(rows: list[list[str]]) -> bytes:
    document = docx.Document()
    document.add_paragraph("รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def refusal(data: bytes, **kwargs: object) -> ImportFormatError:
    with pytest.raises(ImportFormatError) as caught:
        read_document(data, filename="file", **kwargs)  # type: ignore[arg-type]
    return caught.value


def fields(report: ParsedReport) -> list[tuple[str, str]]:
    return [(column["header"], column["field"]) for column in report.columns]


# --- columns by meaning ------------------------------------------------------------------------------------


def test_the_choices_are_the_fields_then_extra_and_ignore_each_with_a_thai_label() -> None:
    assert [value for value, _ in CHOICES] == [
        "number",
        "title",
        "methods",
        "responsible",
        "timeframe",
        "indicators",
        "target",
        "results",
        "results_1",
        "results_2",
        "outcome",
        "problems",
        "suggestions",
        "extra",
        "ignore",
    ]
    labels = dict(CHOICES)
    assert labels["methods"] == "วิธีการดำเนินการ" and labels["ignore"] == "ไม่ใช้"
    assert labels["extra"] == "เก็บไว้เป็นข้อมูลเพิ่มเติม"
    assert all(re.search("[ก-ฮ]", label) for label in labels.values())


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("โครงการ/กิจกรรม/มาตรการ", "field"),
        ("ลำดับ", "field"),
        ("หมายเหตุ", "known"),
        ("ภารกิจตามมิติ", "known"),
        ("กลุ่มเป้าหมาย", "known"),
        ("งบประมาณ ๒๕๖๗", "known"),
        ("๒๕๖๗", "known"),
        ("รอบ ๖ เดือน", "known"),
        ("จำนวนผู้เข้าร่วม (คน)", "unknown"),
        ("ความเชื่อมโยงกับยุทธศาสตร์การพัฒนาท้องถิ่น", "unknown"),
        ("๑. จัดอบรม", "data"),
        ("20,000", "data"),
        ("ก" * 90, "data"),
        ("", "empty"),
    ],
)
def test_a_header_cell_is_a_field_a_known_extra_unknown_or_data(cell: str, kind: str) -> None:
    assert header_kind(cell) == kind


def test_a_title_header_is_only_the_words_of_such_headers_never_a_measures_own_title() -> None:
    for header in ("มาตรการหรือกิจกรรมที่ดำเนินการ", "โครงการ/กิจกรรม/มาตรการ", "ชื่อโครงการ", "แผนงาน/โครงการ"):
        assert is_title_header(header), header
    for title in ("โครงการอบรมคุณธรรมจริยธรรม", "มาตรการป้องกันการรับสินบน", "กิจกรรมเดินรณรงค์"):
        assert not is_title_header(title), title


def test_a_header_row_may_have_unknown_columns_but_a_data_row_is_never_one() -> None:
    assert is_header_candidate(["ลำดับ", "โครงการ/กิจกรรม", "จำนวนผู้เข้าร่วม (คน)", "หมายเหตุ"])
    assert is_header_candidate(["โครงการ/กิจกรรม/มาตรการ", "หมายเหตุ"])  # the title and a note only
    assert is_header_candidate(["ลำดับ", "รายการ", "ผู้รับผิดชอบ"])  # two fields: a header lacking the title
    assert not is_header_candidate(["โครงการอบรมคุณธรรม", "สำนักปลัด", "ต.ค. ๒๕๖๖"])
    assert not is_header_candidate(["๑", "โครงการ/กิจกรรม", "สำนักปลัด"])
    assert not is_header_candidate(["โครงการ/กิจกรรม", "ประเด็นความเสี่ยง", "ผลผลิต", "ความคุ้มค่า"])
    assert not is_header_candidate(["รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"])
    assert is_header_candidate(["ลำดับ", "รายการ", "ราคา"], {"รายการ": "title"})


def test_unknown_columns_and_budgets_per_year_are_kept_and_described() -> None:
    data = xlsx_of(
        [
            ["ลำดับ", "โครงการ", "งบประมาณ 2567", "งบประมาณ 2568", "ความเชื่อมโยงกับแผนพัฒนา", "ผู้รับผิดชอบ"],
            [1, "อบรมคุณธรรม", 5000, "-", "ยุทธศาสตร์ที่ 1", "สำนักปลัด"],
        ]
    )
    report = read_document(data, filename="plan.xlsx")
    assert fields(report) == [
        ("ลำดับ", "number"),
        ("โครงการ", "title"),
        ("งบประมาณ 2567", "budget:2567"),
        ("งบประมาณ 2568", "budget:2568"),
        ("ความเชื่อมโยงกับแผนพัฒนา", "extra"),
        ("ผู้รับผิดชอบ", "responsible"),
    ]
    assert report.measures[0].extras == {
        "งบประมาณ 2567": "5000",
        "งบประมาณ 2568": "-",
        "ความเชื่อมโยงกับแผนพัฒนา": "ยุทธศาสตร์ที่ 1",
    }
    assert all(column["chosen"] is False for column in report.columns)
    assert [column["key"] for column in report.columns] == [compact_key(header) for header, _ in fields(report)]


def test_the_layout_key_is_the_hash_of_the_header_keys_and_ignores_how_they_are_written() -> None:
    one = read_document(text_of("ลำดับ\tโครงการ/กิจกรรม\tงบประมาณ ๒๕๖๗", "1\tอบรม\t5,000"), filename="a.txt")
    two = read_document(text_of("ลำดับ\tโครงการ / กิจกรรม\tงบประมาณ 2567", "1\tอบรม\t5,000"), filename="b.txt")
    other = read_document(text_of("ลำดับ\tโครงการ/กิจกรรม\tหมายเหตุ", "1\tอบรม\t-"), filename="c.txt")
    keys = "\x1f".join(column["key"] for column in one.columns)
    assert one.layout_key == hashlib.sha256(keys.encode("utf-8")).hexdigest()[:16]
    assert one.layout_key == two.layout_key != other.layout_key
    seed = read_document(SEED.read_bytes(), filename="seed.txt")
    assert len(seed.columns) == 7 and seed.columns[0]["field"] == "title" and len(seed.layout_key) == 16


def test_what_is_kept_on_the_draft_keeps_the_columns() -> None:
    report = read_document(
        (IMPORT / "corpus" / "bangphra-2567-dimensions-two-header-rows.docx").read_bytes(), filename="x.docx"
    )
    assert report.columns[3] == {
        "index": 3,
        "header": "งบประมาณ (บาท) / ๒๕๖๖",
        "key": "งบประมาณ(บาท)/2566",
        "field": "budget:2566",
        "chosen": False,
    }
    assert stored.report_from_dict(stored.report_to_dict(report)) == report
    assert stored.FORMAT >= 2


# --- the officer's choice ----------------------------------------------------------------------------------

LIST = [
    ["ลำดับ", "รายการ", "งบประมาณ (บาท)", "ผู้รับผิดชอบ", "หมายเหตุ"],
    [1, "ประกาศนโยบายไม่รับของขวัญ", "-", "สำนักปลัด", "ประกาศแล้ว"],
    [2, "อบรมคุณธรรมจริยธรรม", 25000, "สำนักปลัด", None],
]


def test_a_table_without_a_title_column_asks_which_column_holds_the_titles() -> None:
    error = refusal(xlsx_of(LIST))
    assert isinstance(error, NoTitleColumn)
    assert [(c["header"], c["field"]) for c in error.columns] == [
        ("ลำดับ", "number"),
        ("รายการ", "extra"),
        ("งบประมาณ (บาท)", "extra"),
        ("ผู้รับผิดชอบ", "responsible"),
        ("หมายเหตุ", "extra"),
    ]
    assert len(error.layout_key) == 16
    assert "แถว 1" in error.message and "มี 3 แถว 5 คอลัมน์" in error.message
    assert "ลำดับ → ลำดับ, รายการ → ?, งบประมาณ (บาท) → ข้อมูลเพิ่มเติม" in error.message
    assert "เลือกคอลัมน์ที่เป็นชื่อมาตรการในหน้าตัวอย่าง" in error.message


def test_the_column_chosen_as_the_title_reads_the_table() -> None:
    first = refusal(xlsx_of(LIST))
    assert isinstance(first, NoTitleColumn)
    report = read_document(xlsx_of(LIST), filename="list.xlsx", columns={"รายการ": "title"})
    assert [(m.number, m.title, m.responsible) for m in report.measures] == [
        (1, "ประกาศนโยบายไม่รับของขวัญ", "สำนักปลัด"),
        (2, "อบรมคุณธรรมจริยธรรม", "สำนักปลัด"),
    ]
    assert report.columns[1] == {"index": 1, "header": "รายการ", "key": "รายการ", "field": "title", "chosen": True}
    assert report.layout_key == first.layout_key


def test_a_choice_overrides_the_reading_by_meaning() -> None:
    data = text_of(
        "มาตรการ\tวิธีการดำเนินการ\tผู้รับผิดชอบ\tหมายเหตุ\tรายละเอียด",
        "อบรมคุณธรรม\tจัดอบรม\tสำนักปลัด\tใช้งบ ๕,๐๐๐ บาท\tอบรมพนักงานทุกคน",
    )
    chosen = {"วิธีการดำเนินการ": "extra", "หมายเหตุ": "ignore", "รายละเอียด": "title", "มาตรการ": "methods"}
    report = read_document(data, filename="x.txt", columns=chosen)
    measure = report.measures[0]
    assert measure.title == "อบรมพนักงานทุกคน"
    assert measure.methods == ["อบรมคุณธรรม"]
    assert measure.extras == {"วิธีการดำเนินการ": "จัดอบรม"}  # the ignored column's text is gone
    assert "ใช้งบ" not in str(report)
    assert any("หมายเหตุ" in warning and "ไม่ใช้" in warning for warning in report.warnings)
    assert [(c["field"], c["chosen"]) for c in report.columns] == [
        ("methods", True),
        ("extra", True),
        ("responsible", False),
        ("ignore", True),
        ("title", True),
    ]


def test_a_chosen_title_takes_the_place_of_the_title_read_by_meaning() -> None:
    data = text_of("ลำดับ\tโครงการ\tกิจกรรมย่อย", "1\tโครงการ ก\tกิจกรรม ข")
    report = read_document(data, filename="x.txt", columns={"กิจกรรมย่อย": "title"})
    assert report.measures[0].title == "กิจกรรม ข"
    assert report.measures[0].extras == {"โครงการ": "โครงการ ก"}
    assert [c["field"] for c in report.columns] == ["number", "extra", "title"]


def test_a_choice_the_reader_does_not_know_is_left_aside() -> None:
    data = text_of("ลำดับ\tโครงการ\tหมายเหตุ", "1\tอบรม\t-")
    assert read_document(data, filename="x.txt", columns={"หมายเหตุ": "nonsense"}).columns[2]["field"] == "extra"


# --- text tables -------------------------------------------------------------------------------------------


def test_a_tab_table_is_read_whatever_its_first_header_cell() -> None:
    report = read_document(
        text_of("ลำดับ\tกิจกรรม\tกลุ่มเป้าหมาย", "๑\tอบรมพนักงาน\tพนักงาน ๔๐ คน", "๒\tเดินรณรงค์\tประชาชน"),
        filename="x.txt",
    )
    assert [(m.number, m.title, m.extras) for m in report.measures] == [
        (1, "อบรมพนักงาน", {"กลุ่มเป้าหมาย": "พนักงาน ๔๐ คน"}),
        (2, "เดินรณรงค์", {"กลุ่มเป้าหมาย": "ประชาชน"}),
    ]
    assert report.source_format == "text" and report.organization == "องค์การบริหารส่วนตำบลทดสอบ"
    assert report.measures[0].place == "บรรทัดที่ 5 คอลัมน์ 1"


def test_a_table_typed_with_spaces_places_each_cell_under_its_column() -> None:
    report = read_document(
        text_of(
            "มาตรการ           ผู้รับผิดชอบ     ระยะเวลา      สถานะ",
            "1. อบรมพนักงาน     สำนักปลัด       ต.ค. 66       ดำเนินการแล้วเสร็จ",
            "2. เดินรณรงค์                      ธ.ค. 66       อยู่ระหว่างดำเนินการ",
            "3. ประกาศนโยบาย  กองคลัง  ม.ค. 67  ดำเนินการแล้วเสร็จ",
        ),
        filename="x.txt",
    )
    assert [(m.title, m.responsible, m.timeframe, m.status) for m in report.measures] == [
        ("อบรมพนักงาน", "สำนักปลัด", "ต.ค. 66", "done"),
        ("เดินรณรงค์", "", "ธ.ค. 66", "in_progress"),  # placed by where its cells start
        ("ประกาศนโยบาย", "กองคลัง", "ม.ค. 67", "done"),  # as many cells as columns: in order
    ]
    placed = [warning for warning in report.warnings if "ตำแหน่ง" in warning]
    assert placed == [
        "บรรทัดที่ 6: แถวนี้มี 3 ช่อง แต่หัวตารางมี 4 คอลัมน์ จึงจัดแต่ละช่องไว้ใต้หัวคอลัมน์ที่ตรงกับตำแหน่งของช่องนั้น — ตรวจในหน้าตัวอย่างว่าถูกคอลัมน์"
    ]


def test_a_signature_under_a_spaces_table_ends_it_with_a_warning() -> None:
    report = read_document(
        text_of(
            "มาตรการ        ผู้รับผิดชอบ     สถานะ",
            "1. อบรม         สำนักปลัด       ดำเนินการแล้วเสร็จ",
            "",
            "ลงชื่อ    ผู้รายงาน",
            "(นายสมชาย ใจดี)   ปลัด อบต.",
        ),
        filename="x.txt",
    )
    assert len(report.measures) == 1
    assert [w for w in report.warnings if "หลังตาราง" in w] == [
        "บรรทัดที่ 7: ข้อความหลังตารางไม่ได้นำเข้า",
        "บรรทัดที่ 8: ข้อความหลังตารางไม่ได้นำเข้า",
    ]


def test_a_line_of_the_table_not_split_into_cells_is_left_out_with_a_warning() -> None:
    report = read_document(
        text_of("ลำดับ\tโครงการ\tผู้รับผิดชอบ", "1\tอบรม\tสำนักปลัด", "มิติที่ 2 การบริหารราชการ", "2\tรณรงค์\tกองคลัง"),
        filename="x.txt",
    )
    assert [m.title for m in report.measures] == ["อบรม", "รณรงค์"]
    assert "บรรทัดที่ 6: ข้อความนี้อยู่ในตารางแต่ไม่ได้แบ่งเป็นช่อง จึงไม่ได้นำเข้า" in report.warnings


def test_a_seven_column_text_with_the_seeds_first_cell_but_other_columns_is_read_by_meaning() -> None:
    header = "มาตรการหรือกิจกรรม\tตัวชี้วัด\tเป้าหมาย\tงบประมาณ\tผู้รับผิดชอบ\tผลการดำเนินงาน\tหมายเหตุ"
    report = read_document(text_of(header, "๑. อบรม\tร้อยละผู้เข้าร่วม\tร้อยละ ๘๐\t-\tสำนักปลัด\tอบรมแล้ว\t"), filename="x")
    measure = report.measures[0]
    assert (measure.responsible, measure.results, measure.methods) == ("สำนักปลัด", ["อบรมแล้ว"], [])
    assert measure.extras == {"ตัวชี้วัด": "ร้อยละผู้เข้าร่วม", "เป้าหมาย": "ร้อยละ ๘๐", "งบประมาณ": "-"}


def test_the_seed_and_its_noisy_text_still_take_the_seeds_own_path() -> None:
    for path in (SEED, IMPORT / "klaeng-2567-report-noisy.txt"):
        report = read_document(path.read_bytes(), filename=path.name)
        assert len(report.measures) == 8 and report.source_format == "text"
        assert report.measures[0].place == "บรรทัดที่ 20"  # the seed path's place: the line alone


# --- refusals that help ------------------------------------------------------------------------------------


def test_a_tab_row_lacking_cells_is_refused_naming_its_line_and_what_to_do() -> None:
    error = refusal((IMPORT.parent / "bad-three-cells.txt").read_bytes())
    assert error.line == 10
    assert "แถวนี้มี 3 ช่อง แต่หัวตาราง (บรรทัดที่ 8) มี 7 คอลัมน์" in error.message
    assert "“-”" in error.message and "คัดลอกตารางจาก Word มาวางในหน้านำเข้า" in error.message


def test_a_text_without_a_table_says_what_was_read_in_the_officers_words() -> None:
    error = refusal(text_of("ขอรายงานผลการดำเนินงานดังนี้", "อบรมพนักงานแล้ว"))
    assert error.line is not None
    assert "อ่านข้อความได้ 4 บรรทัด" in error.message and "คัดลอกตารางจาก Word" in error.message
    for word in ("แท็บ", "TAB", "tab", "regex", "delimiter"):
        assert word not in error.message


def test_a_document_without_a_measures_table_says_what_tables_it_has() -> None:
    error = refusal(docx_of([["ชื่อ", "ตำแหน่ง"], ["นายสมชาย", "ปลัด"]]))
    assert "ไม่พบตารางมาตรการ" in error.message
    assert "อ่านได้ 1 ตาราง: ตาราง 1 มี 2 แถว 2 คอลัมน์ (แถวแรกที่มีหลายช่อง: ชื่อ | ตำแหน่ง)" in error.message
    assert "คัดลอกตารางจาก Word มาวางในหน้านำเข้า" in error.message


def test_a_header_without_rows_says_what_the_header_was_taken_to_be() -> None:
    error = refusal(docx_of([["ลำดับ", "โครงการ/กิจกรรม", "จำนวนผู้เข้าร่วม"], ["", "", ""]]))
    assert "พบหัวตารางแต่ไม่มีแถวมาตรการ" in error.message
    assert "ลำดับ → ลำดับ, โครงการ/กิจกรรม → มาตรการหรือกิจกรรม, จำนวนผู้เข้าร่วม → ?" in error.message


def test_a_heading_across_the_table_is_kept_with_the_measures_under_it_and_a_total_is_no_measure() -> None:
    data = docx_of(
        [
            ["ลำดับ", "โครงการ/กิจกรรม", "งบประมาณ (บาท)", "ผู้รับผิดชอบ"],
            ["มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต", "", "", ""],
            ["๑", "อบรมคุณธรรม", "๕,๐๐๐", "สำนักปลัด"],
            ["มิติที่ ๒ การบริหารราชการเพื่อป้องกันการทุจริต", "", "", ""],
            ["๒", "ประกาศนโยบาย", "-", "สำนักปลัด"],
            ["", "รวมทั้งสิ้น", "๕,๐๐๐", ""],
        ]
    )
    report = read_document(data, filename="plan.docx")
    assert [(m.number, m.title, m.extras) for m in report.measures] == [
        (1, "อบรมคุณธรรม", {"หัวข้อ": "มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต", "งบประมาณ (บาท)": "๕,๐๐๐"}),
        (2, "ประกาศนโยบาย", {"หัวข้อ": "มิติที่ ๒ การบริหารราชการเพื่อป้องกันการทุจริต", "งบประมาณ (บาท)": "-"}),
    ]
    assert "ตาราง 1 แถว 6 คอลัมน์ 2: แถวรวม “รวมทั้งสิ้น” ไม่ได้นำเข้าเป็นมาตรการ" in report.warnings
    assert any(w.startswith("ตาราง 1 แถว 2 คอลัมน์ 1: “มิติที่ ๑") for w in report.warnings)
