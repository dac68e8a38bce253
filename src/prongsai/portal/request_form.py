"""แบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน: a table document for signature.

Rendered through the documents pipeline (documents.content.table_layout and the shared renderers),
so it takes the organisation's digits and fonts like every other document.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from prongsai.core import thai
from prongsai.orgs.models import Organization

TITLE = "แบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน"
FORMATS = ("pdf", "docx")


def form_data(
    org: Organization,
    *,
    subject: str,
    details: list[str],
    files: list[tuple[str, str, str]],
    url: str,
    requester: str,
    requester_position: str,
    on: date,
    identifier: str,
) -> dict[str, Any]:
    """files: (label, filename, sha256) of each file that becomes public, with the name it is served under."""
    place = thai.place_line(org.district, org.province)
    rows: list[list[Any]] = [
        ["หน่วยงาน", org.name],
        ["วัน/เดือน/ปี", thai.format_date_long(on, thai_digits=False)],
        ["หัวข้อ", subject],
        # File names, hashes and the address exactly as served: never touched by the digit setting.
        [
            "รายละเอียดข้อมูล (โดยสรุปหรือเอกสารแนบ)",
            [*details, *({"as_is": f"{label}: {name}"} for label, name, _s in files)],
        ],
        ["ค่า SHA256 ของไฟล์ที่เผยแพร่", [{"as_is": f"{label}: {sha}"} for label, _n, sha in files] or ["-"]],
        ["Link ภายนอก", {"as_is": url}],
        ["หมายเหตุ", "ตรวจสอบไฟล์ที่เผยแพร่ได้ที่หน้าตรวจสอบเอกสาร โดยเทียบค่า SHA256"],
    ]
    return {
        "kind": "table",
        "filename": f"publish-request-{identifier[:8]}",
        "document_date": on.isoformat(),
        "identifier": identifier,
        "version": 1,
        "thai_digits": org.thai_digits,
        "font_size": org.font_size,
        "docx_font": org.docx_font,
        "table": {
            "title_lines": [TITLE],
            "org_lines": [org.name, place] if place else [org.name],
            "headers": ["รายการ", "รายละเอียด"],
            "widths": [30, 70],
            "rows": rows,
            "signatures": [
                {"role": "ผู้รับผิดชอบการให้ข้อมูล", "name": requester, "position": requester_position, "date": ""},
                {"role": "ผู้อนุมัติรับรอง", "name": "", "position": "", "date": ""},
                {"role": "ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่", "name": "", "position": "", "date": ""},
            ],
            "footer": f"{TITLE} · {identifier[:8]}",
        },
    }
