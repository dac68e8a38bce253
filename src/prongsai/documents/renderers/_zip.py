"""Shared by the OOXML renderers (DOCX, XLSX): deterministic zip containers, XML-safe text.

python-docx and openpyxl stamp every zip entry with the current time, so the same snapshot would
give different bytes (and a different published SHA-256) on every render. `rezip` rewrites a
package with one fixed timestamp (the document's date), a fixed entry order and fixed entry
attributes. The bytes then depend only on the content — and on zlib, whose deflate output is stable
for a given version and level.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

# The earliest date a zip entry can carry (MS-DOS epoch).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_FIRST = "[Content_Types].xml"  # OPC readers expect it first

# Characters XML 1.0 cannot carry (lxml and openpyxl raise on them). `content.layout` already
# removes control characters; this is the renderers' own guard, for data that did not come through it.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def zip_timestamp(document_date: str | None) -> tuple[int, int, int, int, int, int]:
    """The entries' timestamp: midnight of the document's date, or 1980-01-01 if unusable."""
    try:
        day = date.fromisoformat(str(document_date))
    except ValueError:
        return ZIP_EPOCH
    if not 1980 <= day.year <= 2107:  # the range a zip entry can record
        return ZIP_EPOCH
    return (day.year, day.month, day.day, 0, 0, 0)


def write_zip(entries: dict[str, bytes], document_date: str | None, *, level: int = 6) -> bytes:
    """A zip of `entries` with fixed timestamps, attributes and order ([Content_Types].xml first)."""
    stamp = zip_timestamp(document_date)
    names = sorted(entries, key=lambda n: (n != _FIRST, n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # otherwise the platform's value (3 on Unix, 0 on Windows)
            info.external_attr = 0
            zf.writestr(info, entries[name], compresslevel=level)
    return out.getvalue()


def rezip(package: bytes, document_date: str | None, *, level: int = 6) -> bytes:
    """`package` rewritten deterministically (see module docstring)."""
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        entries = {info.filename: zf.read(info) for info in zf.infolist()}
    return write_zip(entries, document_date, level=level)
