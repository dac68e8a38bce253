"""Damaged and foreign files (imports/readers): a clear Thai message, never a crash nor a hang.

Hypothesis mutates a document of every format (bytes flipped, the file cut short, zip entries removed); the
reader must return a report or raise ImportFormatError. PDFs are read in a forked process with a time limit
(pdftotext itself runs under a timeout; this also bounds the geometry in Python). The paths of any agency's
layout (issue #17) too: text tables with cells apart by spaces or TABs, headers with columns never seen
before, two header rows, and the officer's choice of columns — any choice, for any key — over the corpus.
"""

from __future__ import annotations

import io
import multiprocessing
import struct
import time
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.imports.columns import CHOICES
from prongsai.imports.readers import read_document
from prongsai.imports.readers.pdf import SCAN
from prongsai.imports.seed import ImportFormatError

pytestmark = pytest.mark.fuzz

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
IMPORT = FIXTURES / "import"
DOCX = (IMPORT / "klaeng-2567-report.docx").read_bytes()
XLSX = (IMPORT / "klaeng-2567-report.xlsx").read_bytes()
PDF = (IMPORT / "klaeng-2567-report-split.pdf").read_bytes()
TEXT = (IMPORT / "klaeng-2567-report-noisy.txt").read_bytes()
CSV = (
    "มาตรการหรือกิจกรรมที่ดำเนินการ,วิธีการดำเนินการ,ผู้รับผิดชอบ,ระยะเวลา,ผลการดำเนินการ\r\n"
    '"๑. การจัดทำข้อตกลง","๑. จัดประชุม\n๒. มอบหมายงาน",สำนักปลัด,ตุลาคม ๒๕๖๖,"๑. จัดทำ"\r\n'
).encode("utf-8-sig")
HTML = (
    "<table><tr><td>มาตรการ</td><td>วิธีการดำเนินการ</td><td>ผู้รับผิดชอบ</td></tr>"
    "<tr><td><p>๑. การจัดทำ</p></td><td>๑. ก<br>๒. ข</td><td>สำนักปลัด</td></tr></table>"
).encode()
FUZZ = settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
LIMIT = 20.0  # seconds one document may take, in the forked process


def outcome(data: bytes, columns: dict[str, str] | None = None) -> str:
    """ "ok", "error: <Thai message>" or "crash: <exception>" — never raises."""
    try:
        read_document(data, filename="document", columns=columns)
    except ImportFormatError as err:
        return f"error: {err}"
    except BaseException as err:
        return f"crash: {type(err).__name__}: {err}"
    return "ok"


def _child(data: bytes, queue: Any) -> None:
    queue.put(outcome(data))


def outcome_in_process(data: bytes, limit: float = LIMIT) -> str:
    """outcome() in a forked process, killed after `limit` seconds ("hang")."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_child, args=(data, queue))
    process.start()
    process.join(limit)
    if process.is_alive():
        process.kill()
        process.join()
        return "hang"
    return str(queue.get(timeout=5)) if not queue.empty() else f"crash: exit code {process.exitcode}"


def assert_handled(result: str) -> None:
    assert result == "ok" or result.startswith("error: "), result


def flipped(data: bytes, changes: list[tuple[float, int]]) -> bytes:
    out = bytearray(data)
    for where, value in changes:
        out[int(where * (len(out) - 1))] = value
    return bytes(out)


def without_entry(data: bytes, index: int) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    dropped = names[index % len(names)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            if name != dropped:
                target.writestr(name, source.read(name))
    return out.getvalue()


def corrupt_entry(data: bytes, index: int, cut: float, flips: list[tuple[float, int]] | None = None) -> bytes:
    """A valid zip whose one XML entry is cut short, or has bytes changed (a broken part in a sound package)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in source.namelist() if n.endswith(".xml") or n.endswith(".rels")]
    broken = names[index % len(names)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            body = source.read(name)
            if name == broken:
                body = flipped(body, flips) if flips else body[: int(len(body) * cut)]
            target.writestr(name, body)
    return out.getvalue()


changes = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=12)
mutation = st.one_of(
    st.tuples(st.just("flip"), changes),
    st.tuples(st.just("cut"), st.floats(0, 1)),
)


def mutate(data: bytes, how: tuple[str, Any]) -> bytes:
    kind, detail = how
    if kind == "flip":
        return flipped(data, detail)
    return data[: int(len(data) * detail)]


# --- every format, mutated ---------------------------------------------------------------------------------


@pytest.mark.parametrize("base", [DOCX, XLSX, TEXT, CSV, HTML], ids=["docx", "xlsx", "text", "csv", "html"])
@FUZZ
@given(how=mutation)
def test_a_mutated_document_is_read_or_refused_with_a_message(base: bytes, how: tuple[str, Any]) -> None:
    start = time.perf_counter()
    assert_handled(outcome(mutate(base, how)))
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("base", [DOCX, XLSX], ids=["docx", "xlsx"])
@FUZZ
@given(index=st.integers(0, 100), cut=st.floats(0, 0.99), how=st.sampled_from(["drop", "cut", "flip"]), flips=changes)
def test_a_package_with_a_part_missing_or_broken_is_read_or_refused_with_a_message(
    base: bytes, index: int, cut: float, how: str, flips: list[tuple[float, int]]
) -> None:
    if how == "drop":
        data = without_entry(base, index)
    else:
        data = corrupt_entry(base, index, cut, flips if how == "flip" else None)
    assert_handled(outcome(data))


@FUZZ
@given(how=mutation)
def test_a_mutated_pdf_is_read_or_refused_in_time(how: tuple[str, Any]) -> None:
    assert_handled(outcome_in_process(mutate(PDF, how)))


@FUZZ
@given(noise=st.binary(min_size=0, max_size=400))
def test_random_bytes_are_refused_with_a_message(noise: bytes) -> None:
    assert_handled(outcome(noise))


# --- named cases: what the message says --------------------------------------------------------------------


def message(data: bytes, filename: str = "") -> str:
    with pytest.raises(ImportFormatError) as caught:
        read_document(data, filename=filename)
    assert caught.value.message == str(caught.value) or caught.value.line is not None
    return caught.value.message


def png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\x00\xff" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def scan_pdf() -> bytes:
    """A one-page PDF whose page is only a picture (what a scanner makes): no text layer."""
    side = 40
    pixels = zlib.compress(bytes(255 if (x // 4 + y // 4) % 2 else 0 for y in range(side) for x in range(side * 3)))
    content = b"q 500 0 0 700 40 70 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 "
        b"/Filter /FlateDecode /Length %d >>\nstream\n" % (side, side, len(pixels)) + pixels + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return out.getvalue()


def ole(stream: str) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + stream.encode("utf-16-le") + b"\x00" * 512


def test_a_scanned_pdf_says_it_needs_a_text_layer() -> None:
    assert message(scan_pdf(), "scan.pdf") == SCAN


@pytest.mark.parametrize("data", [b"", b"  \r\n\n ", b"\xef\xbb\xbf"], ids=["empty", "blank", "bom"])
def test_an_empty_file_says_so(data: bytes) -> None:
    assert "ว่างเปล่า" in message(data)


def test_a_picture_says_it_has_no_text_and_what_to_use() -> None:
    text = message(png(), "report.docx")
    assert "รูปภาพ (PNG)" in text and "OCR" in text


def test_a_zip_of_other_files_says_it_is_no_word_or_excel_file() -> None:
    text = message(zip_of({"a.txt": b"hello", "b/c.bin": bytes(range(256))}), "report.docx")
    assert "ZIP" in text and "Word" in text and "Excel" in text


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (DOCX[: len(DOCX) // 2], "เสียหรือไม่ครบ"),
        (XLSX[: len(XLSX) // 3], "เสียหรือไม่ครบ"),
        (PDF[: len(PDF) // 2], "ไม่ครบ"),
        (corrupt_entry(DOCX, 0, 0.5), "Word"),
    ],
    ids=["docx", "xlsx", "pdf", "docx-broken-part"],
)
def test_a_truncated_or_damaged_document_says_it_is_damaged_and_what_to_do(data: bytes, says: str) -> None:
    text = message(data)
    assert says in text
    assert any(hint in text for hint in ("บันทึก", "ดาวน์โหลด", "นำเข้า"))


def test_a_docx_without_its_document_part_says_the_file_is_damaged() -> None:
    source = zipfile.ZipFile(io.BytesIO(DOCX))
    files = {name: source.read(name) for name in source.namelist() if name != "word/document.xml"}
    assert "ไฟล์เสีย" in message(zip_of(files))


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (ole("WordDocument"), ".docx"),
        (ole("Workbook"), ".xlsx"),
        (b"{\\rtf1\\ansi report}", ".docx"),
        (zip_of({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), ".docx"),
        (zip_of({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}), ".xlsx"),
    ],
    ids=["doc", "xls", "rtf", "odt", "ods"],
)
def test_an_old_or_other_office_file_says_how_to_save_it(data: bytes, says: str) -> None:
    text = message(data)
    assert says in text and "บันทึกเป็น" in text


def test_a_web_page_without_a_table_says_what_to_copy() -> None:
    assert "ไม่มีตาราง" in message(b"<!DOCTYPE html><html><body><p>hello</p></body></html>")


def test_a_document_without_a_measures_table_says_which_columns_are_needed() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("บันทึกข้อความ")
    document.add_table(rows=2, cols=2).cell(0, 0).text = "ชื่อ"
    out = io.BytesIO()
    document.save(out)
    text = message(out.getvalue())
    assert "ไม่พบตารางมาตรการ" in text and "มาตรการหรือกิจกรรม" in text


def test_a_pdf_with_a_page_of_text_but_no_table_says_so() -> None:
    from prongsai.documents.renderers import get_renderer

    plan = FIXTURES / "snapshot-klaeng-2567-report-r2.json"
    import json

    data = json.loads(plan.read_text(encoding="utf-8"))
    data["rows"] = []
    rendered = get_renderer("pdf")(data, None)
    text = message(rendered.content)
    assert "ไม่มีแถวมาตรการ" in text or "ไม่พบตารางมาตรการ" in text


# --- any agency's layout: text tables, unknown columns, the officer's choice -------------------------------

CORPUS = IMPORT / "corpus"
HEADERS = [
    "ลำดับ",
    "ที่",
    "โครงการ/กิจกรรม/มาตรการ",
    "มาตรการ",
    "ชื่อโครงการ",
    "วิธีดำเนินการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลา",
    "ผลการดำเนินงาน",
    "ผลการดำเนินการ รอบ ๖ เดือน",
    "รอบ ๑๒ เดือน",
    "สถานะ",
    "ตัวชี้วัด",
    "เป้าหมาย",
    "กลุ่มเป้าหมาย",
    "ภารกิจตามมิติ",
    "งบประมาณ ๒๕๖๗",
    "งบประมาณ (บาท)",
    "๒๕๖๘",
    "หมายเหตุ",
    "จำนวนผู้เข้าร่วม (คน)",
    "รายการ",
    "",
]
thai_text = st.text(alphabet="กขคงจฉชซดตนบปผพมยรลวสหอะาิีุู่้ัเแโไำ ๐๑๒๓1234.-/()", max_size=40)
cell = st.one_of(st.sampled_from(HEADERS), thai_text)
separator = st.sampled_from(["\t", "  ", "   ", "\t\t", " \t ", "      "])


@st.composite
def text_table(draw: st.DrawFn) -> bytes:
    """A title, a header of known and unknown columns (maybe two rows), rows of any text, any separators."""
    width = draw(st.integers(1, 9))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=width, max_size=width))
    lines = [draw(thai_text) for _ in range(draw(st.integers(0, 3)))]
    lines.append(draw(separator).join(header))
    if draw(st.booleans()):
        lines.append(draw(separator).join(draw(st.lists(cell, min_size=1, max_size=width + 2))))
    for _ in range(draw(st.integers(0, 6))):
        lines.append(draw(separator).join(draw(st.lists(cell, min_size=0, max_size=width + 2))))
    return "\n".join(lines).encode(draw(st.sampled_from(["utf-8", "utf-16"])))


@FUZZ
@given(data=text_table())
def test_a_text_table_of_any_layout_is_read_or_refused_with_a_message(data: bytes) -> None:
    assert_handled(outcome(data))


@FUZZ
@given(header=st.lists(cell, min_size=1, max_size=8), rows=st.lists(st.lists(cell, max_size=9), max_size=5))
def test_a_csv_or_html_table_with_columns_never_seen_before_is_read_or_refused(
    header: list[str], rows: list[list[str]]
) -> None:
    csv_text = "\r\n".join(",".join(f'"{c}"' for c in row) for row in [header, *rows])
    assert_handled(outcome(csv_text.encode("utf-8-sig")))
    html_rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in [header, *rows])
    assert_handled(outcome(f"<table>{html_rows}</table>".encode()))


@pytest.mark.parametrize(
    "name", sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".docx", ".xlsx", ".csv", ".txt"))
)
@FUZZ
@given(
    choices=st.dictionaries(
        st.one_of(st.sampled_from([h.replace(" ", "") for h in HEADERS]), st.text(max_size=10)),
        st.one_of(st.sampled_from([value for value, _ in CHOICES]), st.just("budget:2567"), st.text(max_size=8)),
        max_size=6,
    )
)
def test_any_choice_of_columns_reads_the_file_or_refuses_it_with_a_message(name: str, choices: dict[str, str]) -> None:
    assert_handled(outcome((CORPUS / name).read_bytes(), choices))
