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
    seed_pdf_paired_ms    the seed report's PDF again, each render taken in turn with the WeasyPrint ones
    weasyprint_ms         the same document through WeasyPrint (pip install -e '.[bench]'): HTML with the
                          same title block, introduction, table (header row repeated, numbered items
                          hanging), signatures and footer, in the same font, size, margins and columns
    weasyprint_ratio      weasyprint_ms / seed_pdf_paired_ms (renders in turn: the machine's drift cancels)
    weasyprint_table_only_ms / _ratio   the bench's earlier, smaller WeasyPrint page: titles,
                          introduction and table only (no signatures, no version, no hanging numbers)
    libreoffice_ms        DOCX renderer + `soffice --convert-to pdf` (a new soffice each time), median of 5
    libreoffice_ratio     libreoffice_ms / seed_pdf_ms (when soffice exists)
"""

from __future__ import annotations

import copy
import html
import json
import os
import re
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
from prongsai.documents.renderers.pdf import render  # noqa: E402
from prongsai.documents.renderers.thai_breaks import word_breaker  # noqa: E402

# A numbered item of a cell ("๑. ..."), as pdf.py prints it: its lines hang after the number.
NUMBERED = re.compile(r"^[0-9๐-๙]+\.\s+")
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
    """The same document as the Typst template, as HTML for WeasyPrint: title block, introduction,
    the table (header row repeated, numbered items hanging after their numbers), the signatures, and
    the footer (Thai page numbers, version). Same font, size, margins, column widths and insets.
    """
    printed = layout(data)
    folder = fonts.font_dir()
    size = printed.font_size * 2 / 3
    e = html.escape

    def line(text: str) -> str:
        m = NUMBERED.match(text)
        if not m:
            return f"<p>{e(text)}</p>"
        return f"<p class=n><span class=num>{e(m.group())}</span>{e(text[m.end() :])}</p>"

    cols = "".join(f'<col style="width:{w}%">' for w in printed.widths)
    head = "".join(f"<th>{e(h)}</th>" for h in printed.headers)
    body = "".join(
        "<tr>" + "".join("<td>" + "".join(line(t) for t in cell) + "</td>" for cell in row) + "</tr>"
        for row in printed.rows
    )
    titles = "".join(f"<p class=t>{e(t)}</p>" for t in printed.title_lines)
    orgs = "".join(f"<p class=o>{e(t)}</p>" for t in printed.org_lines)

    def signature(s: dict[str, str]) -> str:
        role = f"<p><b>{e(s['role'])}</b></p>" if s.get("role") else ""
        name = f"({s['name']})" if s.get("name") else ""
        rest = "".join(f"<p>{e(v)}</p>" for v in (name, s.get("position", ""), s.get("date", "")) if v)
        return f"<div>{role}<p class=sp>(ลงชื่อ) {'.' * 45}</p>{rest}</div>"

    signs = "".join(signature(s) for s in printed.signatures)
    return f"""<!doctype html><html lang=th><head><meta charset=utf-8><style>
@font-face {{ font-family: Laksaman; src: url("file://{folder}/Laksaman.ttf"); }}
@font-face {{ font-family: Laksaman; font-weight: bold; src: url("file://{folder}/Laksaman-Bold.ttf"); }}
@page {{ size: A4 landscape; margin: 1.6cm 2cm 1.8cm;
  @bottom-center {{ content: "หน้า " counter(page, thai) " / " counter(pages, thai); font: {size * 0.85}pt Laksaman; }}
  @bottom-right {{ content: "{e(printed.footer)}"; font: {size * 0.72}pt Laksaman; color: #505050; }} }}
body {{ font: {size}pt/1.3 Laksaman; }} p {{ margin: 0 0 0.3em; }}
.t {{ text-align: center; font-weight: bold; margin: 0; }} .t:first-child {{ font-size: 1.1em; }}
.o {{ text-align: center; margin: 0; }} .o:first-of-type {{ margin-top: 0.35em; }}
.intro {{ text-indent: 2.5em; margin: 0.5em 0 0.4em; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
th, td {{ border: 0.5pt solid black; vertical-align: top; padding: 0.45em 0.4em; }}
th {{ background: #ebebeb; text-align: center; vertical-align: middle; }} thead {{ display: table-header-group; }}
p.n {{ padding-left: 1.4em; text-indent: -1.4em; }} .num {{ display: inline-block; text-indent: 0; min-width: 1.4em; }}
.signs {{ display: flex; margin-top: 1.4em; break-inside: avoid; text-align: center; }} .signs div {{ flex: 1; }}
.sp {{ margin-top: 1.4em; }}
</style></head><body>{titles}{orgs}<p class=intro>{e(printed.intro)}</p>
<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
<div class=signs>{signs}</div></body></html>"""


def weasyprint_table_html(data: dict[str, Any]) -> str:
    """The bench's earlier WeasyPrint page: titles, introduction and the table only (no signatures,
    no version in the footer, no hanging numbers), kept to compare with earlier figures."""
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


def weasyprint_compare() -> None:
    """WeasyPrint against Typst, taken in turns on the same data so both see the same machine.

    Measured here, before the 80-measure renders fill Typst's caches, like seed_pdf_ms. On these
    shared 2-core machines the speed of the whole machine drifts by 15-20 % from minute to minute;
    a ratio of two medians taken minutes apart carries that drift, a ratio of paired renders not.
    """
    try:
        import weasyprint  # optional: the bench extra
    except ImportError:
        print("weasyprint not installed: skipped (pip install -e '.[bench]')", file=sys.stderr)
        return
    weasyprint.HTML(string=weasyprint_html(REPORT)).write_pdf()
    weasyprint.HTML(string=weasyprint_table_html(REPORT)).write_pdf()
    pages: dict[str, Callable[[dict[str, Any]], object]] = {
        "typst": lambda d: render(d, None),
        "weasyprint": lambda d: weasyprint.HTML(string=weasyprint_html(d)).write_pdf(),
        "table_only": lambda d: weasyprint.HTML(string=weasyprint_table_html(d)).write_pdf(),
    }
    runs: dict[str, list[float]] = {name: [] for name in pages}
    for n in range(2000, 2025):
        data = variant(REPORT, n)
        for name, run in pages.items():
            start = time.perf_counter()
            run(data)
            runs[name].append(time.perf_counter() - start)
    typst_ms, wp_ms, table_ms = (statistics.median(runs[k]) * 1000 for k in ("typst", "weasyprint", "table_only"))
    report("seed_pdf_paired_ms", typst_ms, "ms")
    report("weasyprint_ms", wp_ms, "ms")
    report("weasyprint_ratio", wp_ms / typst_ms, "x")
    report("weasyprint_table_only_ms", table_ms, "ms")
    report("weasyprint_table_only_ratio", table_ms / typst_ms, "x")


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

    weasyprint_compare()

    big = times10(REPORT)
    render(variant(big, 500), None)
    before = rss_mib()
    x10, x10_cpu = timed(lambda n: variant(big, n), lambda d: render(d, None), 20)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report("x10_pdf_ms", x10, "ms")
    report("x10_pdf_cpu_ms", x10_cpu, "ms")
    report("x10_peak_mib", max(0.0, peak - before), "MiB-rss-delta")

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
