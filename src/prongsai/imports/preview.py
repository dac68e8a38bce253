"""Between the upload and the confirmation: the draft record, the parsed file, its merge, and what to show.

``parse`` reads a file (a department's Excel from Prongsai, or any report through readers.read_document);
``prepare`` turns it into the merge (merge.py) for a year and a round, with the warnings split into those of
each measure (by their place in the file) and the rest. The web preview, the confirmation, the folder import
and the benchmark all go through these, so that what the officer sees is what is written.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.core.digits import digits, num, thai_digits
from prongsai.imports import stored
from prongsai.imports.excel_roundtrip import RoundTrip, is_roundtrip, read_roundtrip
from prongsai.imports.incoming import incoming_from_report, main_round
from prongsai.imports.items import department_key
from prongsai.imports.limits import LimitError
from prongsai.imports.merge import Merge, Row, build_merge
from prongsai.imports.models import ImportKind, ImportRecord, ImportStatus
from prongsai.imports.readers import read_document
from prongsai.imports.readers.detect import detect
from prongsai.imports.seed import ImportFormatError, NoTitleColumn, ParsedMeasure, ParsedReport
from prongsai.measures.models import Plan
from prongsai.measures.services.plans import MAX_YEAR, MIN_YEAR
from prongsai.orgs.models import Membership, Organization

DRAFT_DAYS = 2  # drafts older than this are deleted at the next upload
_COLUMN = re.compile(r"\s+คอลัมน์\s+\S+$")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def committed(org: Organization, digest: str) -> ImportRecord | None:
    return (
        ImportRecord.objects.filter(organization=org, sha256=digest, status=ImportStatus.COMMITTED)
        .select_related("created_by")
        .first()
    )


def record_committed(
    data: bytes,
    filename: str,
    org: Organization,
    plan: Plan | None,
    actor: Any,
    *,
    fiscal_year: int,
    source_format: str,
    kind: str,
    round_no: int,
    counts: dict[str, int],
) -> ImportRecord:
    """The file as imported into `plan`: its bytes and SHA-256, so that it is never imported twice."""
    return ImportRecord.objects.create(
        organization=org,
        plan=plan,
        sha256=sha256(data),
        filename=filename[:255],
        source_format=source_format,
        kind=kind,
        status=ImportStatus.COMMITTED,
        content=data,
        created_by=actor,
        committed_at=timezone.now(),
        fiscal_year=fiscal_year,
        round=round_no,
        counts=counts,
    )


def already_message(record: ImportRecord) -> str:
    who = record.created_by.get_full_name() or record.created_by.get_username()
    when = thai.format_datetime(record.committed_at or record.created_at, thai_digits())
    return _("ไฟล์นี้นำเข้าแล้วเมื่อ %(when)s โดย %(who)s — ไม่ได้เปลี่ยนแปลงข้อมูลใด") % {"when": when, "who": who}


def store_draft(
    org: Organization, user: Any, session_key: str, data: bytes, filename: str, parsed: Parsed
) -> ImportRecord:
    """The draft of this file in this session (the same upload again reuses it), with the file as read (kept
    for the preview and the confirmation: stored.py); old drafts are dropped."""
    ImportRecord.objects.filter(
        status=ImportStatus.DRAFT, created_at__lt=timezone.now() - timedelta(days=DRAFT_DAYS)
    ).delete()
    digest = sha256(data)
    record = ImportRecord.objects.filter(
        organization=org, sha256=digest, session_key=session_key, status=ImportStatus.DRAFT
    ).first()
    if record is None:
        record = ImportRecord(organization=org, sha256=digest, session_key=session_key, created_by=user)
    record.content = data
    record.filename = filename[:255]
    record.created_by = user
    record.kind, record.source_format = parsed.kind, parsed.source_format
    record.parsed = parsed_to_json(parsed)
    record.save()
    return record


@dataclass
class Unread:
    """A measures table in which no column was taken for the titles (readers: NoTitleColumn): the draft is
    kept and the preview asks the officer which column is which (layouts.py)."""

    message: str
    columns: list[dict[str, Any]]
    layout_key: str


@dataclass
class Parsed:
    kind: str
    source_format: str
    report: ParsedReport | None = None
    roundtrip: RoundTrip | None = None
    unread: Unread | None = None
    mapping: dict[str, str] = field(default_factory=dict)  # the officer's column choices it was read with
    remembered: bool = False  # those choices were the organisation's, remembered for this table layout

    @property
    def columns(self) -> list[dict[str, Any]]:
        """The measures table's columns as read (ParsedReport.columns), or those of a table not read."""
        if self.unread is not None:
            return self.unread.columns
        return list(getattr(self.report, "columns", None) or [])

    @property
    def layout_key(self) -> str:
        if self.unread is not None:
            return self.unread.layout_key
        return str(getattr(self.report, "layout_key", "") or "")


def parse(data: bytes, filename: str = "", *, columns: dict[str, str] | None = None) -> Parsed:
    """The file read (with the officer's column choices, when given): raises ImportFormatError (Thai) when it
    cannot be, or when it is beyond limits.py; NoTitleColumn when no column holds the titles."""
    try:
        if data.startswith(b"PK"):
            detect(data)  # a package's declared sizes checked before anything is unpacked
        if is_roundtrip(data):
            return Parsed(ImportKind.ROUNDTRIP, "xlsx", roundtrip=read_roundtrip(data))
    except LimitError as err:
        raise err.in_file(filename) from None
    report = read_document(data, filename=filename, columns=columns or None)
    return Parsed(ImportKind.REPORT, report.source_format, report=report, mapping=dict(columns or {}))


def unread(data: bytes, err: NoTitleColumn, columns: dict[str, str] | None = None) -> Parsed:
    """A file whose measures table needs the officer's column choices before it can be read."""
    try:
        kind = detect(data)[0]
    except ImportFormatError:
        kind = ""
    found = Unread(str(err), list(err.columns), err.layout_key)
    return Parsed(ImportKind.REPORT, kind, unread=found, mapping=dict(columns or {}))


def parsed_to_json(parsed: Parsed) -> dict[str, Any]:
    return stored.without_nul(
        {
            "format": stored.FORMAT,
            "kind": parsed.kind,
            "source_format": parsed.source_format,
            "report": stored.report_to_dict(parsed.report) if parsed.report is not None else None,
            "roundtrip": stored.roundtrip_to_dict(parsed.roundtrip) if parsed.roundtrip is not None else None,
            "unread": asdict(parsed.unread) if parsed.unread is not None else None,
            "mapping": parsed.mapping,
            "remembered": parsed.remembered,
        }
    )


def parsed_from_json(data: dict[str, Any]) -> Parsed | None:
    """The file as kept on its draft; None when nothing is kept in the current format (or it does not fit)."""
    if not data or data.get("format") != stored.FORMAT:
        return None
    report, sheet, found = data.get("report"), data.get("roundtrip"), data.get("unread")
    try:
        return Parsed(
            data["kind"],
            data["source_format"],
            report=stored.report_from_dict(report) if report is not None else None,
            roundtrip=stored.roundtrip_from_dict(sheet) if sheet is not None else None,
            unread=Unread(**found) if found is not None else None,
            mapping=dict(data.get("mapping") or {}),
            remembered=bool(data.get("remembered")),
        )
    except (KeyError, TypeError, ValueError):
        return None


def parsed_for(record: ImportRecord) -> Parsed:
    """A draft's file as read at the upload (or with the officer's column choices); read again from its bytes
    (with those choices, and kept) only for a draft stored before the reading was kept, or in another format."""
    parsed = parsed_from_json(record.parsed)
    if parsed is None:
        kept = record.parsed.get("mapping") if isinstance(record.parsed, dict) else None
        mapping = {str(k): str(v) for k, v in kept.items()} if isinstance(kept, dict) else {}
        data = bytes(record.content)
        try:
            parsed = parse(data, record.filename, columns=mapping)
        except NoTitleColumn as err:
            parsed = unread(data, err, mapping)
        parsed.remembered = bool(record.parsed.get("remembered")) if isinstance(record.parsed, dict) else False
        record.parsed = parsed_to_json(parsed)
        record.save(update_fields=["parsed", "updated_at"])
    return parsed


@dataclass
class Prepared:
    parsed: Parsed
    fiscal_year: int | None
    round: int
    merge: Merge | None
    error: str = ""  # why nothing can be imported as it stands (the year is missing, another org's file …)
    warnings: list[str] = field(default_factory=list)  # not tied to one measure
    row_warnings: dict[int, list[str]] = field(default_factory=dict)  # row index -> its warnings

    @property
    def report(self) -> ParsedReport | None:
        return self.parsed.report


def prepare(
    parsed: Parsed, org: Organization, membership: Membership, *, year: int | None = None, round_no: int | None = None
) -> Prepared:
    if parsed.roundtrip is not None:
        return _prepare_roundtrip(parsed, parsed.roundtrip, org, membership)
    if parsed.unread is not None:
        return Prepared(parsed, year, round_no or 2, None, error=parsed.unread.message)
    report = parsed.report
    assert report is not None
    fiscal_year = year or report.fiscal_year or None
    main = main_round(report, round_no)
    prepared = Prepared(parsed, fiscal_year, main, None)
    if report.organization and department_key(report.organization) != department_key(org.name):
        prepared.warnings.append(
            _('หน่วยงานในเอกสาร "%(doc)s" ต่างจากหน่วยงานที่นำเข้า "%(org)s"') % {"doc": report.organization, "org": org.name}
        )
    if report.fiscal_year and fiscal_year and report.fiscal_year != fiscal_year:
        prepared.warnings.append(
            _("เอกสารระบุปีงบประมาณ %(doc)s แต่จะนำเข้าเป็นปี %(year)s")
            % {"doc": num(report.fiscal_year), "year": num(fiscal_year)}
        )
    if not fiscal_year:
        prepared.error = _("ไม่พบปีงบประมาณในเอกสาร: ระบุปีงบประมาณ (พ.ศ.) แล้วกดแสดงตัวอย่างอีกครั้ง")
    elif not MIN_YEAR <= fiscal_year <= MAX_YEAR:
        prepared.error = digits(_("ปีงบประมาณ %(year)s ไม่ถูกต้อง: ใช้ปี พ.ศ. เช่น ๒๕๖๘")) % {"year": num(fiscal_year)}
    else:
        incoming = incoming_from_report(report, main)
        prepared.merge = build_merge(org, fiscal_year, incoming, membership)
    _split_warnings(prepared, report)
    return prepared


def _prepare_roundtrip(parsed: Parsed, sheet: RoundTrip, org: Organization, membership: Membership) -> Prepared:
    plan = Plan.objects.filter(pk=sheet.plan_id, organization=org).first() if _uuid(sheet.plan_id) else None
    prepared = Prepared(parsed, plan.fiscal_year if plan else None, sheet.round, None, warnings=list(sheet.notes))
    if plan is None:
        prepared.error = _("ไฟล์ Excel นี้เป็นของแผนที่ไม่มีในหน่วยงานนี้ (ของหน่วยงานอื่น หรือแผนถูกลบ): ดาวน์โหลดไฟล์ใหม่จากหน้าแผน")
        return prepared
    prepared.merge = build_merge(org, plan.fiscal_year, sheet.rows, membership, plan=plan, roundtrip=True)
    return prepared


def _uuid(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-fA-F-]{36}", text))


def _prefix(place: str) -> str:
    return _COLUMN.sub("", place)


def _split_warnings(prepared: Prepared, report: ParsedReport) -> None:
    """Each warning that names a measure's row goes with that measure; the rest are shown at the top."""
    prefixes = [_prefix(m.place or f"บรรทัดที่ {m.line}") for m in report.measures]
    unique = {p for p in prefixes if prefixes.count(p) == 1}
    for warning in report.warnings:
        head = warning.split(":", 1)[0]
        owner = next(
            (i for i, p in enumerate(prefixes) if p in unique and (head == p or head.startswith(p + " "))), None
        )
        if owner is None:
            prepared.warnings.append(warning)
        else:
            prepared.row_warnings.setdefault(owner, []).append(warning)


@dataclass
class CellView:
    label: str
    value: Any  # str or list of items
    original: str = ""  # the text before repair, when it was repaired

    @property
    def items(self) -> list[str] | None:
        return list(self.value) if isinstance(self.value, list) else None


def cells(measure: ParsedMeasure) -> list[CellView]:
    """A parsed measure's cells as the file has them, the repaired ones with their original text."""
    shown: list[tuple[str, str, Any]] = [
        ("title", _("มาตรการหรือกิจกรรม"), measure.title),
        ("methods", _("วิธีการดำเนินการ"), measure.methods),
        ("responsible", _("ผู้รับผิดชอบ"), measure.responsible),
        ("timeframe", _("ระยะเวลา"), measure.timeframe),
    ]
    if measure.results_1 or measure.results_2:
        shown += [
            ("results_1", digits(_("ผลการดำเนินการ รอบ ๖ เดือน")), measure.results_1),
            ("results_2", digits(_("ผลการดำเนินการ รอบ ๑๒ เดือน")), measure.results_2),
        ]
    else:
        shown.append(("results", _("ผลการดำเนินการ"), measure.results))
    shown += [
        ("outcome", _("ผลลัพธ์หรือความสำเร็จ"), measure.outcome),
        ("problems", _("ปัญหา/อุปสรรค"), measure.problems),
        ("suggestions", _("ข้อเสนอแนะ"), measure.suggestions),
    ]
    shown += [(name, name, value) for name, value in measure.extras.items()]
    return [CellView(label, value, measure.original.get(name, "")) for name, label, value in shown if value]


@dataclass
class RowView:
    row: Row
    cells: list[CellView]
    warnings: list[str]


def row_views(prepared: Prepared) -> list[RowView]:
    if prepared.merge is None:
        return []
    return [
        RowView(
            row,
            cells(row.incoming.parsed) if row.incoming.parsed is not None else [],
            prepared.row_warnings.get(index, []),
        )
        for index, row in enumerate(prepared.merge.rows)
    ]
