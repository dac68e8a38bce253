"""Importing files without a preview: the folder import of `prongsai import-report DIR` (and the benchmark).

``import_file`` does what the web confirmation does with the preview's defaults, in its own transaction: the
file's SHA-256 already imported into the organisation -> skipped, nothing written; else parsed (with the
organisation's remembered column choices for its table's layout: layouts.py), merged into the plan of its year
(created when missing) and recorded as an ImportRecord. Unmatched departments are kept as written unless
``create_departments``. Any error is returned (Thai), never raised: one bad file does not
stop a folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from prongsai.core.errors import ServiceError
from prongsai.imports.apply import Counts, apply_merge
from prongsai.imports.layouts import read_for
from prongsai.imports.preview import already_message, committed, prepare, record_committed, sha256
from prongsai.imports.seed import ImportFormatError
from prongsai.orgs.models import Membership

SUFFIXES = {".txt", ".tsv", ".csv", ".docx", ".docm", ".xlsx", ".xlsm", ".pdf", ".html", ".htm"}
IMPORTED, SKIPPED, ERROR = "imported", "skipped", "error"


@dataclass
class FileResult:
    name: str
    status: str
    year: int | None = None
    measures: int = 0
    message: str = ""
    counts: Counts = field(default_factory=Counts)


def supported_files(folder: Path) -> list[Path]:
    """Every file of a supported kind under `folder` (recursively), sorted; hidden files and folders left out."""
    found = []
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if path.is_file() and path.suffix.lower() in SUFFIXES and not any(p.startswith((".", "~$")) for p in parts):
            found.append(path)
    return sorted(found)


def import_file(
    data: bytes,
    name: str,
    membership: Membership,
    actor: Any,
    *,
    fiscal_year: int | None = None,
    round_no: int | None = None,
    create_departments: bool = False,
) -> FileResult:
    org = membership.organization
    digest = sha256(data)
    done = committed(org, digest)
    if done is not None:
        return FileResult(name, SKIPPED, done.fiscal_year, message=already_message(done))
    year = fiscal_year
    try:
        parsed = read_for(org, data, name, keep_unread=False)  # with the organisation's remembered columns
        prepared = prepare(parsed, org, membership, year=fiscal_year, round_no=round_no)
        year = prepared.fiscal_year
        if prepared.error or prepared.merge is None:
            return FileResult(name, ERROR, prepared.fiscal_year, message=prepared.error)
        merge = prepared.merge
        report = parsed.report
        with transaction.atomic():
            plan, counts = apply_merge(
                merge,
                membership,
                actor,
                title=report.title if report else "",
                intro=report.intro if report else "",
                create_departments={d.key for d in merge.new_departments} if create_departments else (),
            )
            record_committed(
                data, name, org, plan, actor, fiscal_year=merge.fiscal_year,
                source_format=parsed.source_format, kind=parsed.kind, round_no=prepared.round, counts=counts.as_dict(),
            )  # fmt: skip
    except ImportFormatError as err:
        return FileResult(name, ERROR, message=str(err))
    except ServiceError as err:
        return FileResult(name, ERROR, year, message=err.message)
    except IntegrityError:
        return FileResult(name, SKIPPED, message=_("ไฟล์นี้นำเข้าแล้ว (พร้อมกันจากที่อื่น) — ไม่ได้เปลี่ยนแปลงข้อมูลใด"))
    return FileResult(name, IMPORTED, merge.fiscal_year, len(merge.rows), counts=counts)


def import_folder(
    folder: Path,
    membership: Membership,
    actor: Any,
    *,
    round_no: int | None = None,
    create_departments: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[FileResult]:
    """Every supported file under `folder`, in name order, each in its own transaction."""
    files = supported_files(folder)
    return list(_each(files, folder, membership, actor, round_no, create_departments, progress))


def _each(
    files: list[Path],
    folder: Path,
    membership: Membership,
    actor: Any,
    round_no: int | None,
    create_departments: bool,
    progress: Callable[[int, int, str], None] | None,
) -> Iterator[FileResult]:
    for index, path in enumerate(files, start=1):
        name = str(path.relative_to(folder))
        if progress is not None:
            progress(index - 1, len(files), name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield FileResult(name, ERROR, message=_("อ่านไฟล์ไม่ได้: %(why)s") % {"why": exc.strerror})
            continue
        yield import_file(data, name, membership, actor, round_no=round_no, create_departments=create_departments)
    if progress is not None:
        progress(len(files), len(files), "")
