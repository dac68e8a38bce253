"""A department's measures of a plan as an Excel sheet to fill in for a round, and that sheet read back.

The sheet ("ผลการดำเนินการ"): title rows, a header, one row per measure. Column A (hidden) is the key
"<measure id>:<measure version>:<round's progress version>" at the download; B-D (ลำดับ, มาตรการ, วิธีการ) are
locked and grey; E-J are the round's progress to fill in: results (one numbered line per item), status (a
drop-down of the four Thai status names), the status phrase as written, outcome, problems, suggestions. The
sheet is protected (no password: protection guards against slips, the upload checks everything) except
E-J. A very hidden sheet "_prongsai" holds the plan id, the round, the department and the organisation.

Read back (``read_roundtrip``), each row becomes a merge.Incoming with its key; number, title and methods are
``readonly`` so that a change there is flagged and never applied. Same style as documents/renderers/xlsx.py.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from prongsai.core import thai
from prongsai.imports.incoming import Incoming, RowKey, items
from prongsai.imports.items import digits_to_int, split_items, status_code
from prongsai.imports.limits import MAX_ROWS, Budget, too_many_rows
from prongsai.imports.seed import ImportFormatError
from prongsai.measures.models import Measure, Plan, ProgressStatus, Round
from prongsai.orgs.models import Department

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MARK = "prongsai-roundtrip/1"
META = "_prongsai"
SHEET = "ผลการดำเนินการ"
# (field, header, width); the first four are locked, the rest are filled in.
COLUMNS = (
    ("key", "รหัสมาตรการ (ห้ามแก้)", 12),
    ("number", "ลำดับ", 7),
    ("title", "มาตรการหรือกิจกรรม", 34),
    ("methods", "วิธีการดำเนินการ", 40),
    ("results", "ผลการดำเนินการ (บรรทัดละหนึ่งข้อ)", 44),
    ("status", "สถานะ", 20),
    ("status_text", "ผลลัพธ์หรือความสำเร็จ (ตามที่เขียน)", 22),
    ("outcome", "ผลลัพธ์", 24),
    ("problems", "ปัญหา/อุปสรรค", 24),
    ("suggestions", "ข้อเสนอแนะ", 24),
)
EDITABLE = ("results", "status", "status_text", "outcome", "problems", "suggestions")
HEADER_ROW = 4
LOCKED_FILL = "E7E6E6"
_KEY = re.compile(r"([0-9a-fA-F-]{36}):([0-9]+):([0-9]+)")


def status_names() -> list[str]:
    return [str(label) for label in ProgressStatus.labels]


def filename(plan: Plan, round_no: int, department: Department | None) -> str:
    who = re.sub(r"[^\w\u0e00-\u0e7f-]+", "-", department.name if department else "ทุกส่วนราชการ").strip("-")
    return f"ผลการดำเนินการ-{plan.fiscal_year}-รอบ{round_no}-{who}.xlsx"


def build_workbook(plan: Plan, round_no: int, measures: list[Measure], department: Department | None) -> bytes:
    org = plan.organization
    font = Font(name=org.docx_font or "TH SarabunPSK", size=org.font_size or 16)
    bold = Font(name=font.name, size=font.size, bold=True)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    grey = PatternFill(fill_type="solid", fgColor=LOCKED_FILL)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    round_label = str(Round(round_no).label)
    year = thai.to_thai_digits(str(plan.fiscal_year))
    lines = [
        f"ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ {year} {round_label}",
        f"{org.name} — {department.name if department else 'ทุกส่วนราชการ'}",
        "กรอกเฉพาะช่องสีขาว (ผลการดำเนินการ สถานะ …) แล้วนำเข้าที่ “นำเข้าเอกสาร”; ช่องสีเทาแก้ไม่ได้",
    ]
    for row, text in enumerate(lines, start=1):
        ws.cell(row=row, column=2, value=text).font = bold if row == 1 else font
    for col, (_name, header, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=header)
        cell.font, cell.border, cell.fill = bold, box, grey
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.column_dimensions["A"].hidden = True
    digits = org.thai_digits
    for r, measure in enumerate(measures, start=HEADER_ROW + 1):
        progress = next((p for p in measure.progress.all() if p.round == round_no), None)
        values: dict[str, Any] = {
            "key": f"{measure.pk}:{measure.version}:{progress.version if progress else 0}",
            "number": measure.number,
            "title": measure.title,
            "methods": _lines(list(measure.methods), digits),
            "results": _lines(list(progress.results), digits) if progress else "",
            "status": str(ProgressStatus(progress.status).label) if progress and progress.version else "",
            "status_text": progress.status_text if progress else "",
            "outcome": progress.outcome if progress else "",
            "problems": progress.problems if progress else "",
            "suggestions": progress.suggestions if progress else "",
        }
        for col, (name, _header, _width) in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=r, column=col)
            cell.value = values[name]
            if isinstance(values[name], str):
                cell.data_type = "s"  # never a formula
            cell.font, cell.border = font, box
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if name in EDITABLE:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = grey
    last = HEADER_ROW + max(len(measures), 1)
    choice = DataValidation(
        type="list",
        formula1='"' + ",".join(status_names()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="สถานะ",
        error="เลือกสถานะจากรายการ: " + ", ".join(status_names()),
    )
    ws.add_data_validation(choice)
    choice.add(f"F{HEADER_ROW + 1}:F{last}")
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3).coordinate
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.page_setup.orientation = "landscape"
    meta = wb.create_sheet(META)
    meta.sheet_state = "veryHidden"
    for row, (name, value) in enumerate(
        (
            ("mark", MARK),
            ("plan", str(plan.pk)),
            ("round", round_no),
            ("department", str(department.pk) if department else ""),
            ("organization", str(org.pk)),
            ("downloaded", timezone.now().isoformat()),
        ),
        start=1,
    ):
        meta.cell(row=row, column=1, value=name)
        meta.cell(row=row, column=2, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _lines(values: list[str], thai_digits: bool) -> str:
    """Items as numbered lines: "๑. …\n๒. …" (items.split_items reads them back)."""
    return "\n".join(
        f"{thai.to_thai_digits(str(n)) if thai_digits else n}. {value}" for n, value in enumerate(values, start=1)
    )


# --- reading it back ---------------------------------------------------------------------------------------


@dataclass
class RoundTrip:
    plan_id: str
    round: int
    department_id: str
    organization_id: str
    rows: list[Incoming] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def is_roundtrip(data: bytes) -> bool:
    """A workbook Prongsai made for a department (its hidden sheet), from the bytes."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            workbook = archive.read("xl/workbook.xml")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, NotImplementedError):
        return False
    return f'name="{META}"'.encode() in workbook


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _status(label: str, phrase: str) -> str:
    names = {" ".join(str(label).split()): value for value, label in ProgressStatus.choices}
    return names.get(" ".join(label.split())) or status_code(label) or status_code(phrase)


def read_roundtrip(data: bytes) -> RoundTrip:
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged workbook breaks openpyxl in many ways
        raise ImportFormatError(None, "ไฟล์ Excel นี้เสียหรือไม่สมบูรณ์ จึงอ่านไม่ได้: ดาวน์โหลดไฟล์ของส่วนราชการใหม่") from None
    try:
        if META not in wb.sheetnames or SHEET not in wb.sheetnames:
            raise ImportFormatError(None, "ไม่ใช่ไฟล์ Excel ของส่วนราชการที่ดาวน์โหลดจาก Prongsai")
        meta_rows = wb[META].iter_rows(max_col=2, max_row=20, values_only=True)
        meta = {_text(row[0]): _text(row[1]) for row in meta_rows if row}
        if meta.get("mark") != MARK or meta.get("round") not in ("1", "2"):
            raise ImportFormatError(None, "ส่วนข้อมูลที่ซ่อนในไฟล์ Excel ถูกแก้ไข: ดาวน์โหลดไฟล์ของส่วนราชการใหม่")
        result = RoundTrip(meta["plan"], int(meta["round"]), meta.get("department", ""), meta.get("organization", ""))
        budget = Budget()
        for r, values in enumerate(wb[SHEET].iter_rows(max_col=len(COLUMNS), values_only=True), start=1):
            if r <= HEADER_ROW or values.count(None) == len(values):
                continue
            cells = {name: _text(values[i]) if i < len(values) else "" for i, (name, _h, _w) in enumerate(COLUMNS)}
            if not any(cells.values()):
                continue
            if r > MAX_ROWS:
                raise too_many_rows(f"แผ่นงาน {SHEET} แถวที่ {r}")
            budget.row(list(cells.values()), f"แผ่นงาน {SHEET} แถวที่ {r} คอลัมน์ ", letters=True)
            incoming = _row(r, cells, result.round)
            if incoming is None:
                result.notes.append(f"แถวที่ {r}: รหัสมาตรการในคอลัมน์ A หายหรือถูกแก้ไข — ไม่นำเข้าแถวนี้")
            else:
                result.rows.append(incoming)
    finally:
        wb.close()
    if not result.rows:
        raise ImportFormatError(None, "ไม่พบแถวมาตรการในไฟล์ Excel ของส่วนราชการ")
    return result


def _row(r: int, cells: dict[str, str], round_no: int) -> Incoming | None:
    key = _KEY.fullmatch(cells["key"])
    if key is None:
        return None
    number_text = re.sub(r"[^0-9๐-๙]", "", cells["number"])
    progress: dict[str, Any] = {
        "results": items(split_items(cells["results"])),
        "status_text": cells["status_text"],
        "outcome": cells["outcome"],
        "problems": cells["problems"],
        "suggestions": cells["suggestions"],
    }
    status = _status(cells["status"], cells["status_text"])
    if status:
        progress["status"] = status
    return Incoming(
        number=digits_to_int(number_text) if number_text else 0,
        title=cells["title"],
        place=f"แถวที่ {r}",
        fields={"methods": items(split_items(cells["methods"]))},
        progress={round_no: progress},
        readonly=frozenset({"number", "title", "methods"}),
        key=RowKey(key.group(1).lower(), int(key.group(2)), int(key.group(3))),
    )
