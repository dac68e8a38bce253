"""Documents made before a layout change render to the same bytes after it (issue #15).

The SHA-256 of every format of the two committed schema-1 snapshots was taken with the code of commit
9bf3ab5, before the report row changed. A published file's hash must keep verifying, and a format
first requested years later must come out exactly as it would have on the day it was made.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from prongsai.documents.renderers import get_renderer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

BEFORE = {
    ("snapshot-klaeng-2567-report-r2.json", "pdf"): "9157677b3f8ad004eeff2e0e1f428ea9c2e53e8c58363f7b8cb390fabe16f4a2",
    ("snapshot-klaeng-2567-report-r2.json", "docx"): "0247af0954b89f4f02b8236029edea8720b2596b6e5f9662f8a015a058a7a152",
    ("snapshot-klaeng-2567-report-r2.json", "xlsx"): "58c2b830b1c642902b6e3babafcbee6ccc734b3fbf2ffdf1c1347ec0a5711936",
    ("snapshot-klaeng-2567-report-r2.json", "csv"): "c59b32c32cc4a1cc321b6bb9d3fde8a4bc245d9881909217f17a22db7c0e6b7c",
    ("snapshot-klaeng-2567-plan.json", "pdf"): "be1b94f525984b546fa3d3c658c0fbf770dc19169a2923f29c0d619fa867058d",
    ("snapshot-klaeng-2567-plan.json", "docx"): "4c681a4135232063990d8753c6197572f543ade72afa9fe31f9b444236e85094",
    ("snapshot-klaeng-2567-plan.json", "xlsx"): "e442ea5141aef208450f35df6b7b6b5f3883e3347cb6aceed275be0de3ee0173",
    ("snapshot-klaeng-2567-plan.json", "csv"): "4865497116183076daf0ed7fcc8ab9fdb764cc8f263778c2b8b6eab6d162feb5",
}


@pytest.mark.parametrize(("name", "fmt"), sorted(BEFORE))
def test_snapshot_made_before_the_change_renders_to_the_same_bytes(name: str, fmt: str) -> None:
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    content = get_renderer(fmt)(data, None).content
    assert hashlib.sha256(content).hexdigest() == BEFORE[(name, fmt)]
