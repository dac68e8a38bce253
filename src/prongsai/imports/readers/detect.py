"""What a file is, from its bytes (never its name), and its text when it is text.

Recognised: PDF (``%PDF-`` in its first kilobyte), ZIP packages (``word/document.xml`` -> DOCX,
``xl/workbook.xml`` -> XLSX), HTML (a ``<table``: what the browser's clipboard holds when a Word table is
pasted, or a saved page), text with TABs (the seed's text format, or Excel's "Unicode Text"), other text
(CSV with commas or semicolons). Text is UTF-8 (with or without BOM), UTF-16 (with BOM, or without one when
it plainly is), or TIS-620/Windows-874.

Everything else raises ImportFormatError with a Thai message saying what the file is and what to do: old
Word/Excel files (.doc/.xls, OLE), OpenDocument (.odt/.ods), RTF, pictures (a scan), other archives and
binary files, an empty file.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile

import filetype

from prongsai.imports.limits import MAX_DOCUMENT_XML_BYTES, MAX_SHEET_XML_BYTES, MAX_UNZIPPED_BYTES, LimitError
from prongsai.imports.seed import ImportFormatError

PDF, DOCX, XLSX, HTML, TEXT, CSV = "pdf", "docx", "xlsx", "html", "text", "csv"
NAMES = {
    PDF: "PDF",
    DOCX: "เอกสาร Word (.docx)",
    XLSX: "สมุดงาน Excel (.xlsx)",
    HTML: "หน้าเว็บ (HTML)",
    TEXT: "ข้อความคั่นด้วยแท็บ",
    CSV: "ไฟล์ CSV",
}
# The kinds a file name's extension promises (for a warning when the bytes say otherwise).
EXTENSIONS = {
    "pdf": {PDF},
    "docx": {DOCX},
    "docm": {DOCX},
    "xlsx": {XLSX},
    "xlsm": {XLSX},
    "csv": {CSV, TEXT},
    "tsv": {TEXT, CSV},
    "txt": {TEXT, CSV},
    "htm": {HTML},
    "html": {HTML},
}

SAVE_AS = "เปิดไฟล์ในโปรแกรมเดิมแล้วเลือก “บันทึกเป็น” (Save As)"
WHAT_WORKS = "ใช้ไฟล์ Word (.docx), Excel (.xlsx), PDF ที่มีข้อความ, CSV หรือข้อความที่คัดลอกจากตาราง"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(r"\s*(?:<[!?a-zA-Z]|Version:\d)")
_TABLE = re.compile(r"<table[\s>]", re.IGNORECASE)


def error(message: str) -> ImportFormatError:
    return ImportFormatError(None, message)


def detect(data: bytes) -> tuple[str, str]:
    """(kind, text): kind one of PDF, DOCX, XLSX, HTML, TEXT, CSV; text the decoded text for the last three
    ("" otherwise). Raises ImportFormatError for anything else."""
    if not data.strip(b" \t\r\n\x00\x0c") or data in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise error("ไฟล์ว่างเปล่า — ไม่มีข้อมูลให้นำเข้า: ตรวจว่าเลือกไฟล์ถูก แล้วลองอีกครั้ง")
    if b"%PDF-" in data[:1024]:
        return PDF, ""
    if data.startswith(b"PK"):
        return _package(data), ""
    if data.startswith(_OLE):
        raise error(_old_office(data))
    if data.lstrip().startswith(b"{\\rtf"):
        raise error(f"ไฟล์นี้เป็นเอกสาร RTF ซึ่งยังอ่านไม่ได้: {SAVE_AS} เป็น Word (.docx) แล้วนำเข้าใหม่")
    text = decode(data)
    if text is None:
        raise error(_binary(data))
    if _TABLE.search(text) and (_HTML_START.match(text) or "</t" in text.lower()):
        return HTML, text
    if _HTML_START.match(text) and re.search(r"<(?:html|body|p|div|span)[\s>]", text, re.IGNORECASE):
        raise error(
            "ไฟล์นี้เป็นหน้าเว็บ (HTML) ที่ไม่มีตาราง — คัดลอกตารางมาตรการจาก Word ทั้งตาราง "
            "หรือบันทึกเอกสารเป็น Word (.docx) แล้วนำเข้าใหม่"
        )
    if "\t" in text:
        return TEXT, text
    return CSV, text


def decode(data: bytes) -> str | None:
    """The text of a text file, or None when the bytes are not text in a known encoding."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates: tuple[str, ...] = ("utf-16",)
    elif data.startswith(codecs.BOM_UTF8):
        candidates = ("utf-8-sig",)
    elif len(data) >= 4 and _looks_utf16(data[1::2]):
        candidates = ("utf-16-le",)
    elif len(data) >= 4 and _looks_utf16(data[0::2]):
        candidates = ("utf-16-be",)
    else:
        candidates = ("utf-8", "cp874")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        text = text.removeprefix("\ufeff")
        controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f")
        if "\x00" in text or controls > len(text) // 200:
            return None
        return text
    return None


def _looks_utf16(high_bytes: bytes) -> bool:
    """The high bytes of UTF-16 text: 0 for ASCII, 0x0E for Thai, 0x20 for punctuation such as "–"."""
    if not high_bytes:
        return False
    usual = sum(1 for b in high_bytes if b in (0x00, 0x0E, 0x20))
    return high_bytes.count(0) > 0 and usual >= 0.9 * len(high_bytes)


def _package(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError, NotImplementedError):
        raise error(
            "ไฟล์นี้เสียหรือไม่ครบ (อาจดาวน์โหลดหรือคัดลอกมาไม่สมบูรณ์) จึงเปิดไม่ได้: "
            f"{SAVE_AS} เป็น Word (.docx) หรือ Excel (.xlsx) ใหม่ แล้วนำเข้าอีกครั้ง"
        ) from None
    if sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES:
        raise error("ไฟล์นี้ใหญ่เกินไปเมื่อแตกไฟล์ (เกิน 200 MB) — ตัดส่วนที่ไม่ใช่ตารางมาตรการออก แล้วนำเข้าใหม่")
    if "word/document.xml" in names:
        _check_xml(infos, MAX_DOCUMENT_XML_BYTES)
        return DOCX
    if "xl/workbook.xml" in names:
        _check_xml(infos, MAX_SHEET_XML_BYTES)
        return XLSX
    if any(name.startswith("word/") for name in names) or any(name.startswith("xl/") for name in names):
        raise error(f"ไฟล์ Word/Excel นี้ขาดส่วนที่เก็บเนื้อหา (ไฟล์เสีย) จึงอ่านไม่ได้: {SAVE_AS} ใหม่ แล้วนำเข้าอีกครั้ง")
    if "ppt/presentation.xml" in names:
        raise error(f"ไฟล์นี้เป็นงานนำเสนอ PowerPoint ซึ่งไม่ใช่รายงาน: {WHAT_WORKS}")
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        raise error(f"ไฟล์นี้เป็นเอกสาร OpenDocument (.odt): {SAVE_AS} เป็น Word (.docx) แล้วนำเข้าใหม่")
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        raise error(f"ไฟล์นี้เป็นตารางคำนวณ OpenDocument (.ods): {SAVE_AS} เป็น Excel (.xlsx) แล้วนำเข้าใหม่")
    raise error(f"ไฟล์นี้เป็นไฟล์บีบอัด (ZIP) ที่ไม่ใช่เอกสาร Word หรือ Excel — แตกไฟล์ก่อนแล้วเลือกไฟล์รายงาน: {WHAT_WORKS}")


def _check_xml(infos: list[zipfile.ZipInfo], limit: int) -> None:
    """The XML parts a reader parses, by the sizes the package declares, before anything is unpacked (a small
    file that unpacks to a huge sheet is refused here). The largest part is named."""
    parts = [info for info in infos if info.filename.lower().endswith((".xml", ".rels"))]
    size = sum(info.file_size for info in parts)
    if size > limit:
        largest = max(parts, key=lambda info: info.file_size).filename
        mb = f"{size / 1024 / 1024:,.1f}"
        raise LimitError(
            f"ส่วน {largest}",
            f"ข้อความ XML ในไฟล์เมื่อแตกแล้วมี {mb} MB เกินขีดจำกัด {limit // 1024 // 1024} MB — "
            f"{SAVE_AS} เฉพาะตารางมาตรการเป็นไฟล์ใหม่ แล้วนำเข้าอีกครั้ง",
        )


def _old_office(data: bytes) -> str:
    if "WordDocument".encode("utf-16-le") in data:
        return f"ไฟล์นี้เป็น Word รุ่นเก่า (.doc) ซึ่งอ่านไม่ได้: {SAVE_AS} ชนิด Word (.docx) แล้วนำเข้าใหม่"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return f"ไฟล์นี้เป็น Excel รุ่นเก่า (.xls) ซึ่งอ่านไม่ได้: {SAVE_AS} ชนิด Excel (.xlsx) แล้วนำเข้าใหม่"
    return f"ไฟล์นี้เป็นไฟล์ Office รุ่นเก่า (.doc/.xls) ซึ่งอ่านไม่ได้: {SAVE_AS} เป็น .docx หรือ .xlsx แล้วนำเข้าใหม่"


def _binary(data: bytes) -> str:
    kind = filetype.guess(data[:8192])
    if kind is not None and kind.mime.startswith("image/"):
        return f"ไฟล์นี้เป็นรูปภาพ ({kind.extension.upper()}) ไม่มีข้อความให้อ่าน: ใช้ไฟล์ Word หรือ PDF ที่บันทึกจาก Word หรือทำ OCR ก่อน"
    if kind is not None:
        return f"ไฟล์นี้เป็นไฟล์ชนิด {kind.extension} ซึ่งไม่ใช่รายงาน: {WHAT_WORKS}"
    return f"ไม่รู้จักชนิดของไฟล์นี้ (ไม่ใช่ข้อความ, Word, Excel หรือ PDF): {WHAT_WORKS}"


def name_warning(kind: str, filename: str) -> str | None:
    """A warning when the file's name promises another kind than its bytes are."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    expected = EXTENSIONS.get(extension)
    if expected is None or kind in expected:
        return None
    return f"ชื่อไฟล์ลงท้ายด้วย .{extension} แต่เนื้อไฟล์เป็น{NAMES[kind]}: อ่านตามเนื้อไฟล์"
