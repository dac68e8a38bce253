"""How long the PDF of an official document takes (Typst), against WeasyPrint and LibreOffice if present.

Warm, in one process, no database: the snapshot fixtures are rendered directly. Every timed render
gets different data (another version number and signature date). The version is printed in the page
footer, which is part of every element's style chain, so Typst reuses no layout from an earlier
render. seed_pdf_new_cells_ms changes every cell too: it comes out a few ms higher only because its
cells are longer, each with a "(n)" the template measures (with the number in Thai digits and no
parentheses instead, it is the same as seed_pdf_ms). An identical snapshot rendered twice costs
~7 ms, the PDF export: Typst memoises the layout (for 10 compiles).

    thai_breaks           1 when libthai finds the Thai line breaks (pdf.py), 0 when Typst's model does
    seed_pdf_ms           median of 25 renders of the seed report (8 measures, 3 pages)
    seed_pdf_cpu_ms       their median CPU time (process_time: steadier than wall time on a busy machine)
    seed_pdf_new_cells_ms the same with every cell's text changed each time (no cell layout reused)
    x10_pdf_ms            median of 20 renders of the seed's rows repeated 10x (80 measures, 25 pages)
    x10_pdf_cpu_ms        their median CPU time
    seed_docx_ms          median of 25 renders of the seed report as DOCX (python-docx), each on its own data
    x10_peak_mib          peak RSS growth over the x10 renders (ru_maxrss minus the RSS before them;
                          Typst allocates in Rust, out of tracemalloc's sight)
    weasyprint_ms         the same rows as a plain HTML table through WeasyPrint (pip install -e '.[bench]')
    weasyprint_ratio      weasyprint_ms / seed_pdf_ms
    libreoffice_ms        DOCX renderer + `soffice --convert-to pdf` (a new soffice each time), median of 5
    libreoffice_ratio     libreoffice_ms / seed_pdf_ms (when soffice exists)
"""

from __future__ import annotations

import copy
import html
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("PRONGSAI_DATA_DIR", tempfile.mkdtemp(prefix="prongsai-bench-"))
os.environ.setdefault("SECRET_KEY", "bench-secret-key-that-is-long-enough-to-pass")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")

from prongsai.documents import fonts  # noqa: E402
from prongsai.documents.content import layout  # noqa: E402
from prongsai.documents.renderers.docx import render as render_docx  # noqa: E402
from prongsai.documents.renderers.pdf import render, word_breaker  # noqa: E402

REPORT = json.loads((ROOT / "tests" / "fixtures" / "snapshot-klaeng-2567-report-r2.json").read_text("utf-8"))


def report(name: str, value: float, unit: str) -> None:
    print(f"{name} {value:.2f} {unit}", flush=True)


def variant(data: dict[str, Any], n: int, new_cells: bool = False) -> dict[str, Any]:
    """The document again, as version n with other signature dates (and other cell text if asked)."""
    data = copy.deepcopy(data)
    data["version"] = n
    when = (date(2024, 11, 1) + timedelta(days=n)).isoformat()
    for sig in data["signatures"]:
        if sig.get("date"):
            sig["date"] = when
    if new_cells:
        for row in data["rows"]:
            row["title"] += f" ({n})"
            row["methods"] = [f"{m} ({n})" for m in row["methods"]]
            row["results"] = [f"{r} ({n})" for r in row["results"]]
            row["outcome"] += f" ({n})"
    return data


def times10(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    rows = [copy.deepcopy(row) for _ in range(10) for row in data["rows"]]
    for number, row in enumerate(rows, start=1):
        row["number"] = number
    data["rows"] = rows
    return data


def timed(
    make: Callable[[int], dict[str, Any]], run: Callable[[dict[str, Any]], object], count: int
) -> tuple[float, float]:
    """Median wall-clock and median CPU milliseconds of `count` runs, each on its own data."""
    inputs = [make(n) for n in range(2, count + 2)]  # built before timing
    wall, cpu = [], []
    for data in inputs:
        start, start_cpu = time.perf_counter(), time.process_time()
        run(data)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def median_ms(make: Callable[[int], dict[str, Any]], run: Callable[[dict[str, Any]], object], count: int) -> float:
    return timed(make, run, count)[0]


def rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def weasyprint_html(data: dict[str, Any]) -> str:
    printed = layout(data)
    folder = fonts.font_dir()
    size = printed.font_size * 2 / 3
    e = html.escape
    cols = "".join(f'<col style="width:{w}%">' for w in printed.widths)
    head = "".join(f"<th>{e(h)}</th>" for h in printed.headers)
    body = "".join(
        "<tr>" + "".join("<td>" + "".join(f"<p>{e(line)}</p>" for line in cell) + "</td>" for cell in row) + "</tr>"
        for row in printed.rows
    )
    titles = "".join(f"<p class=t>{e(t)}</p>" for t in printed.title_lines + printed.org_lines)
    return f"""<!doctype html><html lang=th><head><meta charset=utf-8><style>
@font-face {{ font-family: Laksaman; src: url("file://{folder}/Laksaman.ttf"); }}
@font-face {{ font-family: Laksaman; font-weight: bold; src: url("file://{folder}/Laksaman-Bold.ttf"); }}
@page {{ size: A4 landscape; margin: 1.6cm 2cm 1.8cm;
  @bottom-center {{ content: "หน้า " counter(page) " / " counter(pages); font: {size * 0.85}pt Laksaman; }} }}
body {{ font: {size}pt/1.6 Laksaman; }} p {{ margin: 0 0 0.3em; }} .t {{ text-align: center; font-weight: bold; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
th, td {{ border: 0.5pt solid black; vertical-align: top; padding: 0.45em 0.4em; }}
th {{ background: #ebebeb; }} thead {{ display: table-header-group; }}
</style></head><body>{titles}<p>{e(printed.intro)}</p>
<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>"""


def main() -> None:
    report("thai_breaks", float(word_breaker() is not None), "bool")
    for n in range(3):  # warm: fonts loaded, Typst's caches filled
        render(variant(REPORT, 100 + n), None)
    seed, seed_cpu = timed(lambda n: variant(REPORT, n), lambda d: render(d, None), 25)
    report("seed_pdf_ms", seed, "ms")
    report("seed_pdf_cpu_ms", seed_cpu, "ms")
    fresh = median_ms(lambda n: variant(REPORT, 1000 + n, new_cells=True), lambda d: render(d, None), 25)
    report("seed_pdf_new_cells_ms", fresh, "ms")
    render_docx(variant(REPORT, 99), None)
    report("seed_docx_ms", median_ms(lambda n: variant(REPORT, n), lambda d: render_docx(d, None), 25), "ms")

    big = times10(REPORT)
    render(variant(big, 500), None)
    before = rss_mib()
    x10, x10_cpu = timed(lambda n: variant(big, n), lambda d: render(d, None), 20)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report("x10_pdf_ms", x10, "ms")
    report("x10_pdf_cpu_ms", x10_cpu, "ms")
    report("x10_peak_mib", max(0.0, peak - before), "MiB-rss-delta")

    try:
        import weasyprint  # optional: the bench extra
    except ImportError:
        print("weasyprint not installed: skipped (pip install -e '.[bench]')", file=sys.stderr)
    else:
        weasyprint.HTML(string=weasyprint_html(REPORT)).write_pdf()
        wp = median_ms(
            lambda n: variant(REPORT, n), lambda d: weasyprint.HTML(string=weasyprint_html(d)).write_pdf(), 20
        )
        report("weasyprint_ms", wp, "ms")
        report("weasyprint_ratio", wp / seed, "x")

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        with tempfile.TemporaryDirectory(prefix="prongsai-bench-lo-") as folder:
            profile = Path(folder, "profile").as_uri()

            def convert(data: dict[str, Any]) -> None:
                src = Path(folder, "doc.docx")
                src.write_bytes(render_docx(data, None).content)
                subprocess.run(
                    [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                     "--outdir", folder, str(src)],
                    check=True, capture_output=True,
                )  # fmt: skip

            convert(REPORT)
            lo = median_ms(lambda n: variant(REPORT, n), convert, 5)
        report("libreoffice_ms", lo, "ms")
        report("libreoffice_ratio", lo / seed, "x")
    else:
        print("libreoffice missing: libreoffice_ratio skipped", file=sys.stderr)


if __name__ == "__main__":
    main()
