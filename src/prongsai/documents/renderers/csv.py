"""CSV: the snapshot's table, one row per measure, for spreadsheets and other systems.

UTF-8 with a byte-order mark (so Excel reads Thai correctly), the layout's headers, each cell's lines
joined with newlines. Guarded against formula injection by `defusedcsv` (as pretix does): a cell
starting with = + - @ | or % gets a leading apostrophe, unless it is a plain number such as "-5".
That includes legitimate Thai text such as "-ลดขั้นตอน" (it comes out as "'-ลดขั้นตอน"): the
price of the guard. defusedcsv leaves a leading tab or carriage return alone, which OWASP also lists,
so this module adds the apostrophe for those itself.
"""

from __future__ import annotations

import io
from typing import Any

from defusedcsv import csv as defusedcsv

from prongsai.documents.content import base_filename, layout
from prongsai.documents.renderers import Rendered

CONTENT_TYPE = "text/csv; charset=utf-8"


def _guard(value: str) -> str:
    if value[:1] in ("\t", "\r"):
        return "'" + value
    return value


def rows(data: dict[str, Any]) -> list[list[str]]:
    """The table as text: the header row, then one row per measure."""
    lay = layout(data)
    return [list(lay.headers)] + [["\n".join(lines) for lines in cells] for cells in lay.rows]


def render(data: dict[str, Any], emblem: bytes | None = None) -> Rendered:
    out = io.StringIO(newline="")
    writer = defusedcsv.writer(out, lineterminator="\r\n")
    for row in rows(data):
        writer.writerow([_guard(value) for value in row])
    content = out.getvalue().encode("utf-8-sig")
    return Rendered(base_filename(data) + ".csv", CONTENT_TYPE, content)
