"""Reading a measures report from the documents people have: Word, PDF, Excel, CSV, HTML, text.

``read_document(data, filename=..., columns=...)`` recognises the format from the bytes (detect.py), reads it
with its reader (docx.py, pdf.py, sheet.py, html.py, text.py: the seed's TAB text through seed.py, any other
text table by meaning) and returns the same ``ParsedReport`` as seed.py, with every cell repaired by
normalise.repair and each repair reported. Any table is read whose header names the measures' column, whatever
other columns it has (columns.py); ``columns`` is the officer's choice (header key -> a columns.CHOICES value)
over that reading, and names the title column of a table whose header does not (else ``NoTitleColumn``,
carrying the table's columns for the officer to choose from). ``report.columns`` / ``report.layout_key``
describe the measures table's columns as read.

Bounded: every reader counts what it reads against imports/limits.py (cells, characters, rows, merged cells,
pages, paragraphs, tables; a package's unpacked XML before it is parsed) and stops at the first limit with
``limits.LimitError``, its message naming the limit and the place, the file's name in front.

Errors: only ``ImportFormatError``, its message Thai, saying what is wrong and what to do. A damaged file
that makes a library fail in an unexpected way is reported as damaged (and logged), never as a crash.
"""

from __future__ import annotations

import logging

from prongsai.imports.limits import MAX_HTML_CHARS, MAX_TEXT_CHARS, SPLIT, LimitError, exceeded
from prongsai.imports.readers.detect import CSV, DOCX, HTML, NAMES, PDF, SAVE_AS, TEXT, XLSX, detect, name_warning
from prongsai.imports.seed import ImportFormatError, NoTitleColumn, ParsedReport

log = logging.getLogger(__name__)

__all__ = ["ImportFormatError", "NoTitleColumn", "read_document"]


def read_document(data: bytes, *, filename: str = "", columns: dict[str, str] | None = None) -> ParsedReport:
    """The report in a document of any supported format, read with the officer's choice of columns; raises
    ImportFormatError (Thai; NoTitleColumn when no column is known to hold the measures' titles) otherwise."""
    try:
        kind, text = detect(data)
        if kind == HTML and len(text) > MAX_HTML_CHARS:  # the text of its cells is counted as it is read
            advice = "บันทึกเอกสารเป็น Word (.docx) แล้วนำเข้าไฟล์นั้นแทน"
            raise exceeded("", "หน้าเว็บ (HTML) นี้", len(text), MAX_HTML_CHARS, "ตัวอักษร", advice)
        if kind != HTML and len(text) > MAX_TEXT_CHARS:
            raise exceeded("", "ข้อความในไฟล์", len(text), MAX_TEXT_CHARS, "ตัวอักษร", SPLIT)
    except LimitError as err:
        raise err.in_file(filename) from None
    try:
        report = _read(kind, data, text, columns or None)
    except LimitError as err:
        raise err.in_file(filename) from None
    except ImportFormatError:
        raise
    except RecursionError:
        raise ImportFormatError(None, f"{NAMES[kind]}นี้ซ้อนกันลึกเกินไปจนอ่านไม่ได้: {SAVE_AS} ใหม่") from None
    except Exception:  # a damaged file breaks python-docx/openpyxl/lxml in many ways
        log.info("import: %s could not be read", kind, exc_info=True)
        raise ImportFormatError(None, _damaged(kind)) from None
    warning = name_warning(kind, filename)
    if warning:
        report.warnings.insert(0, warning)
    return report


def _read(kind: str, data: bytes, text: str, columns: dict[str, str] | None) -> ParsedReport:
    if kind == PDF:
        from prongsai.imports.readers.pdf import read_pdf

        return read_pdf(data, columns)
    if kind == DOCX:
        from prongsai.imports.readers.docx import read_docx

        return read_docx(data, columns)
    if kind == XLSX:
        from prongsai.imports.readers.sheet import read_xlsx

        return read_xlsx(data, columns)
    if kind == HTML:
        from prongsai.imports.readers.html import read_html

        return read_html(text, columns)
    from prongsai.imports.readers.text import read_delimited, read_tabbed

    if kind == TEXT:
        return read_tabbed(text, columns)
    assert kind == CSV
    return read_delimited(text, columns)


def _damaged(kind: str) -> str:
    if kind == DOCX:
        return f"ไฟล์ Word นี้เสียหรือไม่สมบูรณ์ จึงอ่านไม่ได้: {SAVE_AS} เป็น Word (.docx) ใหม่ แล้วนำเข้าอีกครั้ง"
    if kind == XLSX:
        return f"ไฟล์ Excel นี้เสียหรือไม่สมบูรณ์ จึงอ่านไม่ได้: {SAVE_AS} เป็น Excel (.xlsx) ใหม่ แล้วนำเข้าอีกครั้ง"
    if kind == PDF:
        return "ไฟล์ PDF นี้เสียหรือไม่สมบูรณ์ จึงอ่านไม่ได้: บันทึกเป็น PDF จาก Word ใหม่ หรือนำเข้าไฟล์ Word แทน"
    return f"อ่าน{NAMES[kind]}นี้ไม่ได้: ตรวจไฟล์แล้วลองใหม่ หรือบันทึกเป็น Word (.docx) หรือ Excel (.xlsx)"
