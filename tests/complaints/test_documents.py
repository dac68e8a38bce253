"""The receipt and the statistics table as documents (through the documents pipeline)."""

from __future__ import annotations

import csv
import io
from typing import Any

import docx

from prongsai.complaints.documents import stats_data
from prongsai.complaints.stats import year_stats
from prongsai.documents.content import layout


def test_statistics_of_a_year_with_no_cases_say_so(db: Any, world: Any) -> None:
    data = stats_data(world.org, 2560, year_stats(world.org, 2560))
    doc = layout(data)
    assert doc.intro == "ไม่มีเรื่องร้องเรียน"
    assert doc.rows[0] == [["รวมทั้งปีงบประมาณ"], ["๐"], ["๐"], ["๐"], ["๐"], ["๐"]]
    assert len(doc.rows) >= 1 + 12 + 4 + 2


def test_the_statistics_download_as_csv_and_word_match_the_cases(client: Any, world: Any) -> None:
    case = world.file()
    year = case.fiscal_year
    response = client.get(f"/c/{world.org.slug}/stats/{year}/csv/")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["ช่วงเวลา / ประเภท", "ทั้งหมด"]
    assert rows[1][:2] == ["รวมทั้งปีงบประมาณ", "๑"]
    r = client.get(f"/c/{world.org.slug}/stats/{year}/docx/")
    table = docx.Document(io.BytesIO(r.content)).tables[0]
    assert table.rows[1].cells[1].text == "๑"
    assert client.get(f"/c/{world.org.slug}/stats/{year}/exe/").status_code == 404


def test_the_receipt_downloads_as_word_for_staff_only(world: Any) -> None:
    case = world.file()
    url = f"/complaints/{case.pk}/receipt.docx"
    staff = world.client(world.nid)
    r = staff.get(url)
    assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment")
    text = "\n".join(c.text for row in docx.Document(io.BytesIO(r.content)).tables[0].rows for c in row.cells)
    assert case.tracking_code in text and "ใบรับเรื่อง" in "\n".join(
        p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs
    )
    assert world.client(None).get(url).status_code == 302
