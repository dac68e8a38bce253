"""`prongsai import-report DIR`: every file in its own transaction, a progress bar, a summary table; and
`--dry-run --json` for every format."""

from __future__ import annotations

import io
import json
import re
import zipfile
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from prongsai.core.thai import to_arabic_digits, to_thai_digits
from prongsai.documents.renderers import get_renderer
from prongsai.imports.folder import width
from prongsai.imports.models import ImportRecord, ImportStatus
from prongsai.imports.seed import parse_report_bytes
from prongsai.measures.models import Measure, Plan
from tests.imports.conftest import FIXTURES, SEED, People
from tests.imports.test_readers_formats import _clipboard_html

IMPORT = FIXTURES / "import"
_YEAR = re.compile(r"(?<![0-9๐-๙])(๒๕[๐-๙]{2})(?![0-9๐-๙])")


def moved(text: str, years: int) -> str:
    """Every B.E. year (in Thai digits) of the text moved on by `years`."""
    return _YEAR.sub(lambda m: to_thai_digits(str(int(to_arabic_digits(m.group(1))) + years)), text)


def docx_moved(data: bytes, years: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "word/document.xml":
                content = moved(content.decode("utf-8"), years).encode("utf-8")
            dst.writestr(item, content)
    return out.getvalue()


def xlsx_moved(data: bytes, years: int) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    for row in workbook.active.iter_rows():  # type: ignore[union-attr]
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = moved(cell.value, years)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run(*args: str) -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_report", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a-2567.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b-broken.docx").write_bytes((IMPORT / "klaeng-2567-report.docx").read_bytes()[:3000])
    (tmp_path / "sub" / "c-2568.docx").write_bytes(docx_moved((IMPORT / "klaeng-2567-report.docx").read_bytes(), 1))
    (tmp_path / "sub" / "d-2569.xlsx").write_bytes(xlsx_moved((IMPORT / "klaeng-2567-report.xlsx").read_bytes(), 2))
    (tmp_path / ".hidden.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "notes.md").write_text("not a report")
    return tmp_path


def state() -> tuple[int, ...]:
    return (
        Plan.objects.count(),
        Measure.objects.count(),
        Measure.history.count(),
        ImportRecord.objects.filter(status=ImportStatus.COMMITTED).count(),
    )


def test_a_bad_file_in_the_middle_does_not_stop_the_others(people: People, folder: Path) -> None:
    out, err, failure = run(str(folder), "--org", "klaeng")
    assert failure is not None and "นำเข้าไม่สำเร็จ 1 จาก 4 ไฟล์" in str(failure)
    lines = out.splitlines()
    assert [cell.strip() for cell in lines[0].split(" | ")] == ["ไฟล์", "ปี", "มาตรการ", "สถานะ"]
    assert len({width(line.split(" | ")[0]) for line in lines[:-1] if " | " in line}) == 1  # aligned columns
    rows = {line.split(" | ")[0].strip(): [cell.strip() for cell in line.split(" | ")[1:]] for line in lines[2:-1]}
    assert list(rows) == ["a-2567.txt", "b-broken.docx", "sub/c-2568.docx", "sub/d-2569.xlsx"]
    assert rows["a-2567.txt"][:2] == ["2567", "8"] and rows["a-2567.txt"][2].startswith("นำเข้าแล้ว (เพิ่ม 8")
    assert rows["b-broken.docx"][2].startswith("ผิดพลาด: ") and "Word" in rows["b-broken.docx"][2]
    assert rows["sub/c-2568.docx"][:2] == ["2568", "8"] and rows["sub/d-2569.xlsx"][:2] == ["2569", "8"]
    assert lines[-1] == "รวม 4 ไฟล์: นำเข้า 3 · ข้าม (นำเข้าแล้ว) 0 · ผิดพลาด 1"
    assert sorted(Plan.objects.values_list("fiscal_year", flat=True)) == [2567, 2568, 2569]
    assert all(plan.measures.count() == 8 for plan in Plan.objects.all())
    assert "\r[" in err and "4/4" in err  # the progress bar, rewritten in place
    record = ImportRecord.objects.get(filename="sub/c-2568.docx")
    assert (record.source_format, record.fiscal_year, record.created_by.username) == ("docx", 2568, "prongsai-system")


def test_the_same_folder_again_skips_every_file_by_its_hash(people: People, folder: Path) -> None:
    run(str(folder), "--org", "klaeng")
    before = state()
    out, _err, failure = run(str(folder), "--org", "klaeng")
    assert failure is not None  # the broken file is still broken
    assert out.count("ข้าม — ไฟล์นี้นำเข้าแล้วเมื่อ") == 3
    assert out.splitlines()[-1] == "รวม 4 ไฟล์: นำเข้า 0 · ข้าม (นำเข้าแล้ว) 3 · ผิดพลาด 1"
    assert state() == before


def test_a_folder_of_good_files_exits_cleanly_and_json_lists_them(people: People, folder: Path) -> None:
    (folder / "b-broken.docx").unlink()
    out, _err, failure = run(str(folder), "--org", "klaeng", "--json")
    assert failure is None
    data = json.loads(out)
    assert [(d["file"], d["status"], d["year"]) for d in data] == [
        ("a-2567.txt", "imported", 2567),
        ("sub/c-2568.docx", "imported", 2568),
        ("sub/d-2569.xlsx", "imported", 2569),
    ]


def test_a_folder_dry_run_writes_nothing(people: People, folder: Path) -> None:
    out, _err, failure = run(str(folder), "--dry-run", "--json")
    assert failure is None
    data = json.loads(out)
    assert [d["file"] for d in data] == ["a-2567.txt", "b-broken.docx", "sub/c-2568.docx", "sub/d-2569.xlsx"]
    assert "error" in data[1] and len(data[2]["report"]["measures"]) == 8
    assert state() == (0, 0, 0, 0)


def _documents() -> dict[str, tuple[str, bytes]]:
    snapshot: dict[str, Any] = json.loads((FIXTURES / "snapshot-klaeng-2567-report-r2.json").read_text("utf-8"))
    seed = parse_report_bytes(SEED.read_bytes())
    return {
        "text": ("report.txt", SEED.read_bytes()),
        "docx": ("report.docx", (IMPORT / "klaeng-2567-report-split.docx").read_bytes()),
        "xlsx": ("report.xlsx", (IMPORT / "klaeng-2567-report.xlsx").read_bytes()),
        "pdf": ("report.pdf", get_renderer("pdf")(snapshot, None).content),
        "csv": ("report.csv", get_renderer("csv")(snapshot, None).content),
        "html": ("paste.html", _clipboard_html(seed).encode("utf-8")),
    }


@pytest.mark.parametrize("kind", ["text", "docx", "xlsx", "pdf", "csv", "html"])
def test_dry_run_json_works_for_every_format(db: Any, tmp_path: Path, kind: str) -> None:
    name, data = _documents()[kind]
    path = tmp_path / name
    path.write_bytes(data)
    out, _err, failure = run(str(path), "--dry-run", "--json")
    assert failure is None
    report = json.loads(out)
    assert list(report)[:8] == [
        "title", "organization", "fiscal_year", "district", "province", "intro", "measures", "warnings",
    ]  # fmt: skip
    assert report["source_format"] == kind
    assert [m["number"] for m in report["measures"]] == list(range(1, 9))
    assert {m["status"] for m in report["measures"]} == {"done"}
    assert not Plan.objects.exists()
