"""One interface for every format: `render(data, emblem) -> Rendered(filename, content_type, content)`.

`data` is a snapshot's frozen JSON (schema in documents/content.py); `emblem` the organisation's
emblem image bytes frozen with it, or None. Renderers read nothing else: the same snapshot renders to
the same document on any machine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple


class Rendered(NamedTuple):
    filename: str
    content_type: str
    content: bytes


Renderer = Callable[[dict[str, Any], bytes | None], Rendered]


def get_renderer(fmt: str) -> Renderer:
    """The renderer of a format (imported lazily: Typst and python-docx load only when used)."""
    if fmt == "pdf":
        from prongsai.documents.renderers.pdf import render as render_pdf

        return render_pdf
    if fmt == "docx":
        from prongsai.documents.renderers.docx import render as render_docx

        return render_docx
    if fmt == "xlsx":
        from prongsai.documents.renderers.xlsx import render as render_xlsx

        return render_xlsx
    if fmt == "csv":
        from prongsai.documents.renderers.csv import render as render_csv

        return render_csv
    raise ValueError(f"unknown format {fmt!r}")
