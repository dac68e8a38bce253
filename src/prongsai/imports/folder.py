"""The folder mode of `prongsai import-report DIR`: a progress bar on stderr, a summary table on stdout.

The bar is plain text rewritten with "\\r" (no dependency); the table is aligned by display width (Thai vowels
and tone marks above or below a letter take no column). The work itself is imports/batch.py.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from prongsai.imports.batch import ERROR, IMPORTED, SKIPPED, FileResult, import_folder, supported_files
from prongsai.imports.preview import parse
from prongsai.imports.seed import ImportFormatError, report_to_json

CHECKED = "checked"  # --dry-run: read, not written
BAR = 24
NAME = 40  # characters of a file name shown in the bar


def width(text: str) -> int:
    return sum(
        0
        if unicodedata.category(char) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(char) in "WF"
        else 1
        for char in text
    )


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


class ProgressBar:
    def __init__(self, command: BaseCommand) -> None:
        self.out = command.stderr
        self.last = 0

    def __call__(self, done: int, total: int, name: str) -> None:
        filled = BAR * done // total if total else BAR
        shown = name if len(name) <= NAME else "…" + name[-(NAME - 1) :]
        line = f"[{'#' * filled}{'-' * (BAR - filled)}] {done}/{total} {shown}"
        self.out.write("\r" + pad(line, self.last), ending="")
        self.last = width(line)
        if done >= total:
            self.out.write("")
        self.out.flush()


def status_text(result: FileResult) -> str:
    if result.status == IMPORTED:
        c = result.counts
        return (
            f"นำเข้าแล้ว (เพิ่ม {c.measures_created} แก้ไข {c.measures_updated} บันทึกผล {c.progress_recorded}"
            + (f" ข้าม {c.skipped}" if c.skipped else "")
            + ")"
        )
    if result.status == SKIPPED:
        return f"ข้าม — {result.message}"
    if result.status == ERROR:
        return f"ผิดพลาด: {result.message}"
    return result.message


def table(results: list[FileResult]) -> str:
    header = ("ไฟล์", "ปี", "มาตรการ", "สถานะ")
    rows = [
        (r.name, str(r.year or "—"), str(r.measures) if r.status in (IMPORTED, CHECKED) else "—", status_text(r))
        for r in results
    ]
    sizes = [max(width(row[i]) for row in [header, *rows]) for i in range(3)]
    lines = [
        " | ".join(pad(cell, sizes[i]) if i < 3 else cell for i, cell in enumerate(row)) for row in [header, *rows]
    ]
    lines.insert(1, "-+-".join("-" * size for size in sizes) + "-+-" + "-" * 10)
    count = {status: sum(1 for r in results if r.status == status) for status in (IMPORTED, SKIPPED, ERROR, CHECKED)}
    if count[CHECKED]:
        lines.append(f"รวม {len(results)} ไฟล์: อ่านได้ {count[CHECKED]} · ผิดพลาด {count[ERROR]} (ไม่ได้บันทึกข้อมูลใด)")
    else:
        lines.append(
            f"รวม {len(results)} ไฟล์: นำเข้า {count[IMPORTED]} · ข้าม (นำเข้าแล้ว) {count[SKIPPED]} · ผิดพลาด {count[ERROR]}"
        )
    return "\n".join(lines)


def run(command: Any, folder: Path, opts: dict[str, Any]) -> None:
    if opts["dry_run"]:
        _dry_run(command, folder, opts["json"])
        return
    membership = command.acting_membership(opts)
    results = import_folder(
        folder,
        membership,
        membership.user,
        round_no=opts["round"],
        create_departments=opts["create_departments"],
        progress=ProgressBar(command),
    )
    if opts["json"]:
        payload = [
            {"file": r.name, "status": r.status, "year": r.year, "measures": r.measures, "message": r.message}
            | ({"counts": r.counts.as_dict()} if r.status == IMPORTED else {})
            for r in results
        ]
        command.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        command.stdout.write(table(results))
    failed = [r for r in results if r.status == ERROR]
    if failed:
        raise CommandError(f"นำเข้าไม่สำเร็จ {len(failed)} จาก {len(results)} ไฟล์ — ไฟล์อื่นนำเข้าตามตารางด้านบน")
    if not results:
        raise CommandError(f"ไม่พบไฟล์ที่นำเข้าได้ใน {folder} (.docx .xlsx .pdf .csv .txt .html)")


def _dry_run(command: Any, folder: Path, as_json: bool) -> None:
    files = supported_files(folder)
    bar = ProgressBar(command)
    payload: list[dict[str, Any]] = []
    results: list[FileResult] = []
    for index, path in enumerate(files):
        bar(index, len(files), path.name)
        name = str(path.relative_to(folder))
        try:
            parsed = parse(path.read_bytes(), path.name)
        except (ImportFormatError, OSError) as err:
            payload.append({"file": name, "error": str(err)})
            results.append(FileResult(name, ERROR, message=str(err)))
            continue
        if parsed.report is not None:
            report = parsed.report
            payload.append({"file": name, "report": report_to_json(report)})
            results.append(FileResult(name, CHECKED, report.fiscal_year, len(report.measures), "อ่านได้ (ไม่ได้บันทึก)"))
        else:
            assert parsed.roundtrip is not None
            rows = len(parsed.roundtrip.rows)
            payload.append({"file": name, "roundtrip": {"plan": parsed.roundtrip.plan_id, "rows": rows}})
            results.append(FileResult(name, CHECKED, None, rows, "Excel ของส่วนราชการ (ไม่ได้บันทึก)"))
    bar(len(files), len(files), "")
    if as_json:
        command.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        command.stdout.write(table(results))
