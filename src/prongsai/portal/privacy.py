"""Personal data (PDPA) before publishing: Thai national ID numbers, phone numbers, e-mail addresses.

`scan_data` reads every printed string of a snapshot's data and names the place of each finding;
`masked` returns a copy of the data with the chosen findings masked (digits and the mailbox name
become X), so the public files are rendered from the copy and the internal snapshot stays as it was.
`file_text` reads an evidence file: text files directly, PDFs with poppler's `pdftotext` (in a
subprocess, with a timeout), anything else (images, scans, office files) gives None: "not checked".

Evidence is published exactly as stored (its SHA-256 is what was uploaded), so a finding in an
evidence file cannot be masked: the admin confirms it is meant to be public, or withdraws the
evidence and attaches a redacted copy.
"""

from __future__ import annotations

import copy
import hashlib
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from prongsai.core import thai
from prongsai.documents.content import PLAN_COLUMNS, report_columns

PDFTOTEXT_TIMEOUT = 30

ID = "national_id"
PHONE = "phone"
EMAIL = "email"

_ID = re.compile(r"(?<![0-9])(?<![0-9]-)[0-9][ -]?[0-9]{4}[ -]?[0-9]{5}[ -]?[0-9]{2}[ -]?[0-9](?![0-9])(?!-[0-9])")
_PHONE = re.compile(r"(?<![0-9+])(?:\+66[ -]?|0)[2-9](?:[ -]?[0-9]){7,8}(?![0-9])")
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Keys of snapshot data that are not printed text (ids, dates, settings).
_SKIP_KEYS = {
    "schema",
    "kind",
    "identifier",
    "document_date",
    "emblem_sha256",
    "docx_font",
    "removed_controls",
    "filename",
}


def valid_national_id(digits: str) -> bool:
    """13 digits whose last is the check digit: (11 - Σ d[i]·(13-i) mod 11) mod 10."""
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


@dataclass(frozen=True)
class Finding:
    kind: str
    value: str
    place: str
    path: str  # where in the data ("rows.2.results.0") or "file"

    @property
    def id(self) -> str:
        return hashlib.sha256(f"{self.kind}|{self.path}|{self.value}".encode()).hexdigest()[:12]

    @property
    def kind_label(self) -> str:
        return {ID: _("เลขประจำตัวประชาชน"), PHONE: _("หมายเลขโทรศัพท์"), EMAIL: _("อีเมล")}[self.kind]

    def to_dict(self) -> dict[str, str]:
        return {**asdict(self), "id": self.id}


def find(text: str) -> list[tuple[str, str]]:
    """(kind, value as written) of every finding in a text; Thai digits count like Arabic ones."""
    plain = thai.to_arabic_digits(text)  # one character for one: positions stay the same
    found: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []
    for m in _ID.finditer(plain):
        if valid_national_id(re.sub(r"[ -]", "", m.group())):
            found.append((ID, text[m.start() : m.end()]))
            taken.append(m.span())
    for m in _PHONE.finditer(plain):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            found.append((PHONE, text[m.start() : m.end()]))
    for m in _EMAIL.finditer(plain):
        found.append((EMAIL, text[m.start() : m.end()]))
    return found


def _columns(data: dict[str, Any]) -> dict[str, str]:
    if data.get("kind") != "report":
        return dict(PLAN_COLUMNS)
    columns = dict(report_columns(data))
    # Layout 2: the status phrase prints in the outcome column, problems without a column under ข้อเสนอแนะ.
    return {"status_text": columns["outcome"], "problems": columns.get("problems", columns["suggestions"]), **columns}


def _place(data: dict[str, Any], path: list[Any]) -> str:
    if path[0] == "rows" and len(path) >= 3:
        row = data["rows"][path[1]]
        column = _columns(data).get(path[2], path[2])
        where = _("มาตรการที่ %(n)s · %(col)s") % {"n": row.get("number", path[1] + 1), "col": column}
        return where + (_(" ข้อ %(i)s") % {"i": path[3] + 1} if len(path) > 3 else "")
    if path[0] == "signatures":
        return _("ผู้ลงนาม (%(role)s)") % {"role": data["signatures"][path[1]].get("role", "")}
    if path[0] == "table" and len(path) >= 4 and path[1] == "rows":
        return _("ตาราง แถวที่ %(r)s คอลัมน์ที่ %(c)s") % {"r": path[2] + 1, "c": path[3] + 1}
    return {"title": _("ชื่อเอกสาร"), "intro": _("บทนำ"), "organization": _("ชื่อหน่วยงาน")}.get(path[0], str(path[0]))


def _strings(value: Any, path: list[Any]) -> Iterator[tuple[list[Any], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _SKIP_KEYS:
                yield from _strings(item, [*path, key])
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, [*path, i])


def scan_data(data: dict[str, Any]) -> list[Finding]:
    """Every finding in a snapshot's printed text, with its place."""
    findings: list[Finding] = []
    seen: set[str] = set()
    for path, text in _strings(data, []):
        for kind, value in find(text):
            finding = Finding(kind, value, _place(data, path), ".".join(map(str, path)))
            if finding.id not in seen:
                seen.add(finding.id)
                findings.append(finding)
    return findings


def scan_text(text: str, place: str) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[str] = set()
    for kind, value in find(text):
        finding = Finding(kind, value, place, "file")
        if finding.id not in seen:
            seen.add(finding.id)
            findings.append(finding)
    return findings


def mask_value(kind: str, value: str) -> str:
    if kind == EMAIL:
        box, _at, domain = value.partition("@")
        return f"{box[:1]}{'X' * max(len(box) - 1, 3)}@{domain}"
    return re.sub(r"[0-9๐-๙]", "X", value)


def masked(data: dict[str, Any], findings: list[Finding]) -> dict[str, Any]:
    """A deep copy of `data` with each finding's value masked at its place."""
    result = copy.deepcopy(data)
    for finding in findings:
        keys: list[Any] = [int(k) if k.isdigit() else k for k in finding.path.split(".")]
        parent = result
        for key in keys[:-1]:
            parent = parent[key]
        parent[keys[-1]] = parent[keys[-1]].replace(finding.value, mask_value(finding.kind, finding.value))
    return result


def file_text(path: Path, extension: str) -> str | None:
    """The text of a stored file, or None when it has no text we can read (a scan, an image)."""
    extension = extension.lower()
    if extension in ("txt", "csv"):
        return path.read_bytes().decode("utf-8", errors="replace")
    if extension != "pdf":
        return None
    try:
        done = subprocess.run(  # noqa: S603 - fixed program, the path is ours
            ["pdftotext", "-q", "-enc", "UTF-8", str(path), "-"],  # noqa: S607 - poppler-utils on PATH
            capture_output=True,
            timeout=PDFTOTEXT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = done.stdout.decode("utf-8", errors="replace")
    return text if text.strip() else None


def bytes_text(content: bytes, extension: str) -> str | None:
    """`file_text` for bytes in memory (a field file that may live in any storage)."""
    with tempfile.NamedTemporaryFile(suffix=f".{extension}") as fh:
        fh.write(content)
        fh.flush()
        return file_text(Path(fh.name), extension)
