"""How long reading the seed report takes in each format (parse only, warm; median of 20 runs).

Targets: seed_txt_ms <= 20, seed_docx_ms <= 50, seed_pdf_ms <= 300. The PDF is the seed as Prongsai prints
it (Typst); the DOCX is the seed as a Word document (tests/fixtures/import/klaeng-2567-report.docx). Also
printed, without a target: the LibreOffice PDF and the XLSX fixtures.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import _setup

from prongsai.documents.renderers import get_renderer
from prongsai.imports.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
IMPORT = ROOT / "tests" / "fixtures" / "import"
RUNS = 20


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


main()
