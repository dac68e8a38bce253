"""How long reading the seed report takes in each format (parse only, warm; median of 20 runs), and how many
reports a folder import writes per second.

Targets: seed_txt_ms <= 20, seed_docx_ms <= 50, seed_pdf_ms <= 300, xlsx_merge_bomb_s <= 2. The PDF is the
seed as Prongsai prints it (Typst); the DOCX is the seed as a Word document
(tests/fixtures/import/klaeng-2567-report.docx). Also printed, without a target: the LibreOffice PDF and the
XLSX fixtures.

xlsx_merge_bomb_s: an 18 KB workbook that looks like a measures table (a title, a header reaching column BH)
with one merged range A3:BH5000 (299,880 cells), read (the range is cut to the rows with data); the slowest of
three runs. xlsx_merge_bomb_refused_s: the same with the range A3:BH4999 and text under it (A5000), so that the
range lies within the data: refused (limits.MAX_MERGED_CELLS), the slowest of three runs.

corpus_fields_matched_pct: the share of the fields a careful reader takes from the corpus of other agencies'
tables (tests/fixtures/import/corpus: Word, Excel, CSV and text in layouts other than the seed's) that
read_document reads the same (tests/imports/test_corpus.py says how fields are counted); no target but 100.

batch_reports_per_s >= 10: a folder of 1,000 reports (text, DOCX and XLSX in turn: the seed and its Word and
Excel fixtures, each rewritten for one of 10 fictitious organisations and one of 100 fiscal years, so that no
two files are alike) imported into SQLite through the folder import's service (imports.batch.import_folder),
one sub-folder per organisation; the time covers reading, merging, writing and recording every file.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import _setup
from openpyxl import Workbook, load_workbook

from prongsai.core.thai import to_thai_digits
from prongsai.documents.renderers import get_renderer
from prongsai.imports.batch import IMPORTED, import_folder
from prongsai.imports.readers import ImportFormatError, read_document
from prongsai.orgs.services import create_organization, system_membership, system_user

ROOT = Path(__file__).resolve().parent.parent
IMPORT = ROOT / "tests" / "fixtures" / "import"
RUNS = 20
BATCH_ORGS, BATCH_YEARS = 10, 100  # 1,000 reports
ORG_NAMES = ["ทดสอบ" + letter for letter in "กขคงจฉชซญฎ"]
_YEAR = re.compile(r"(?<![0-9๐-๙])(๒๕[๐-๙]{2}|25[0-9]{2})(?![0-9๐-๙])")


def median_ms(read: Callable[[], object]) -> float:
    read()  # warm: imports, caches
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        read()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    snapshot = json.loads((ROOT / "tests" / "fixtures" / "snapshot-klaeng-2567-report-r2.json").read_text("utf-8"))
    inputs = {
        "seed_txt_ms": _setup.SEED.read_bytes(),
        "seed_docx_ms": (IMPORT / "klaeng-2567-report.docx").read_bytes(),
        "seed_pdf_ms": get_renderer("pdf")(snapshot, None).content,
        "seed_pdf_libreoffice_ms": (IMPORT / "klaeng-2567-report-split.pdf").read_bytes(),
        "seed_xlsx_ms": (IMPORT / "klaeng-2567-report.xlsx").read_bytes(),
    }
    for name, data in inputs.items():
        report = read_document(data)
        assert len(report.measures) == 8, (name, len(report.measures))
        _setup.report(name, median_ms(lambda data=data: read_document(data)), "ms")


def corpus() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.imports.test_corpus import corpus_fields

    matched, counted = corpus_fields()
    _setup.report("corpus_fields_matched_pct", 100 * matched / counted, f"% ({matched}/{counted} fields)")


def merge_bomb(below: str | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"])
    sheet.append(["มาตรการหรือกิจกรรมที่ดำเนินการ", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา", "ผลการดำเนินการ"])
    sheet["BH2"] = "หมายเหตุ"
    sheet["A3"] = "๑. มาตรการส่งเสริมความโปร่งใส"
    sheet.merge_cells("A3:BH4999" if below else "A3:BH5000")
    if below:
        sheet[below] = "หมายเหตุ"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def bomb() -> None:
    for name, data in (("xlsx_merge_bomb_s", merge_bomb()), ("xlsx_merge_bomb_refused_s", merge_bomb("A5000"))):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            try:
                read_document(data, filename="bomb.xlsx")
            except ImportFormatError:
                assert name.endswith("refused_s"), name
            else:
                assert not name.endswith("refused_s"), name
            times.append(time.perf_counter() - start)
        _setup.report(name, max(times), "s")


def _rewrite(text: str, name: str, shift: int) -> str:
    """The seed's text for another organisation and year: every B.E. year moved by `shift`."""

    def move(match: re.Match[str]) -> str:
        year = match.group(1)
        thai = not year.isascii()
        moved = str(int(year.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))) + shift)
        return to_thai_digits(moved) if thai else moved

    return _YEAR.sub(move, text).replace("แกลง", name)


def _docx(data: bytes, name: str, shift: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "word/document.xml":
                content = _rewrite(content.decode("utf-8"), name, shift).encode("utf-8")
            dst.writestr(item, content)
    return out.getvalue()


def _xlsx(data: bytes, name: str, shift: int) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = _rewrite(cell.value, name, shift)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def batch() -> None:
    sources = {
        "txt": _setup.SEED.read_bytes(),
        "docx": (IMPORT / "klaeng-2567-report.docx").read_bytes(),
        "xlsx": (IMPORT / "klaeng-2567-report.xlsx").read_bytes(),
    }
    folder = Path(tempfile.mkdtemp(prefix="prongsai-batch-"))
    hashes = set()
    for o, name in enumerate(ORG_NAMES[:BATCH_ORGS]):
        (folder / name).mkdir()
        for y in range(BATCH_YEARS):
            shift = 2551 + y - 2567  # fiscal years 2551 … 2650
            kind = ("txt", "docx", "xlsx")[(o * BATCH_YEARS + y) % 3]
            if kind == "txt":
                data = _rewrite(sources["txt"].decode("utf-8"), name, shift).encode("utf-8")
            elif kind == "docx":
                data = _docx(sources["docx"], name, shift)
            else:
                data = _xlsx(sources["xlsx"], name, shift)
            hashes.add(hashlib.sha256(data).hexdigest())
            (folder / name / f"report-{2551 + y}.{kind}").write_bytes(data)
    assert len(hashes) == BATCH_ORGS * BATCH_YEARS, "duplicate files"
    actor = system_user()
    memberships = [
        system_membership(create_organization(actor, name=f"องค์การบริหารส่วนตำบล{name}", slug=f"batch-{o}"))
        for o, name in enumerate(ORG_NAMES[:BATCH_ORGS])
    ]
    start = time.perf_counter()
    results = []
    for membership, name in zip(memberships, ORG_NAMES, strict=False):
        results += import_folder(folder / name, membership, actor)
    elapsed = time.perf_counter() - start
    failed = [r for r in results if r.status != IMPORTED]
    assert not failed, [(r.name, r.message) for r in failed[:3]]
    assert sum(r.measures for r in results) == 8 * len(results)
    _setup.report("batch_reports_per_s", len(results) / elapsed, "reports/s")


main()
corpus()
bomb()
batch()
