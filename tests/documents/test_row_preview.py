"""The results form and its live preview of the report row (issue #15): the fields carry the words of the
columns they fill, and the preview prints the row as the document will, writing nothing."""

from __future__ import annotations

import html
import re
import uuid
from typing import Any

import pytest

from prongsai.documents import services
from prongsai.documents.content import layout
from prongsai.measures.models import Progress
from prongsai.orgs.models import Organization, ReportLayout

from .conftest import World

TYPED = {
    "results": ["ลงนามประกาศแล้ว", "เผยแพร่ทางเว็บไซต์ 2 ช่องทาง"],
    "status": "done",
    "status_text": "",
    "outcome": "บุคลากร 45 คนรับทราบ\nไม่มีผู้รับของขวัญ",
    "problems": "ประกาศล่าช้า 1 สัปดาห์",
    "suggestions": "ควรลงนามต้นปี",
    "version": "0",
}


def url(measure: Any, round_no: int = 2) -> str:
    return f"/measures/{measure.pk}/progress/{round_no}/preview/"


def text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def preview_cells(body: str) -> list[list[str]]:
    """The preview's table: header cells, then the row's cells (their lines joined by a newline)."""
    head = [text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", body, re.S)]
    cells = re.findall(r"<td>(.*?)</td>", body, re.S)
    row = ["\n".join(text(p) for p in re.findall(r"<p>(.*?)</p>", cell, re.S)) for cell in cells]
    return [head, row]


def layout_setting(world: World, value: str) -> None:
    Organization.objects.filter(pk=world.org.pk).update(report_layout=value)


def test_the_preview_is_the_row_the_document_prints(world: World) -> None:
    client = world.client(world.somchai)
    response = client.post(url(world.palad_measure), TYPED)
    assert response.status_code == 200
    head, row = preview_cells(response.content.decode())
    assert row[5] == "ดำเนินการแล้วเสร็จ\nบุคลากร ๔๕ คนรับทราบ\nไม่มีผู้รับของขวัญ"
    assert row[6] == "ควรลงนามต้นปี\nปัญหา/อุปสรรค: ประกาศล่าช้า ๑ สัปดาห์"
    # Saved and made into the report, the row reads the same.
    assert client.post(f"/measures/{world.palad_measure.pk}/progress/2/", TYPED).status_code == 302
    snapshot = services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=2)
    printed = layout(snapshot.data)
    assert head == printed.headers
    assert row == ["\n".join(lines) for lines in printed.rows[0]]


def test_with_a_problems_column_and_arabic_digits_the_preview_follows_the_settings(world: World) -> None:
    layout_setting(world, ReportLayout.PROBLEMS_COLUMN)
    Organization.objects.filter(pk=world.org.pk).update(thai_digits=False)
    head, row = preview_cells(world.client(world.somchai).post(url(world.palad_measure), TYPED).content.decode())
    assert head[5:] == ["ผลลัพธ์หรือความสำเร็จของการดำเนินการ", "ปัญหา/อุปสรรค", "ข้อเสนอแนะ"]
    assert row[4] == "1. ลงนามประกาศแล้ว\n2. เผยแพร่ทางเว็บไซต์ 2 ช่องทาง"
    assert row[5:] == ["ดำเนินการแล้วเสร็จ\nบุคลากร 45 คนรับทราบ\nไม่มีผู้รับของขวัญ", "ประกาศล่าช้า 1 สัปดาห์", "ควรลงนามต้นปี"]


def test_the_preview_writes_nothing(world: World) -> None:
    before = (Progress.objects.count(), Progress.history.count(), world.org.snapshots.count())
    world.client(world.somchai).post(url(world.palad_measure), TYPED)
    assert (Progress.objects.count(), Progress.history.count(), world.org.snapshots.count()) == before


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        ({"status": "finished"}, "สถานะ"),
        ({"status_text": "ก" * 501}, "ข้อความสถานะ"),
        ({"outcome": "ข" * 5001}, "ผลลัพธ์"),
        ({"results": ["ค" * 3000]}, "ผลการดำเนินการ"),
        ({"version": "not a number"}, ""),
    ],
)
def test_bad_input_shows_the_errors_instead_of_the_row(world: World, changes: dict[str, Any], shown: str) -> None:
    response = world.client(world.somchai).post(url(world.palad_measure), {**TYPED, **changes})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="row-preview-errors"' in body and "<td>" not in body
    assert shown in text(body)


def test_odd_input_never_answers_500(world: World) -> None:
    client = world.client(world.somchai)
    surrogate = "\ud800".encode("utf-8", "surrogatepass")
    for data in [{}, {"status": ["done", "x"]}, {"results": "\x00\x01"}, {"outcome": surrogate}]:
        assert client.post(url(world.palad_measure), data).status_code == 200, data
    with_controls = client.post(url(world.palad_measure), {**TYPED, "outcome": "มี\x07ระฆัง\u200b"})
    assert "มีระฆัง" in text(with_controls.content.decode())


def test_the_preview_is_guarded_like_the_results_form(world: World) -> None:
    m = world.palad_measure  # สำนักปลัด's: malee (กองคลัง only) may not record its results
    anonymous = world.client(None).post(url(m), TYPED)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    assert world.client(world.prasert).post(url(m), TYPED).status_code == 404
    assert world.client(world.prapa).post(url(m), TYPED).status_code == 403
    assert world.client(world.wichai).post(url(m), TYPED).status_code == 403
    assert world.client(world.malee).post(url(m), TYPED).status_code == 403
    assert world.client(world.malee).post(url(world.finance_measure), TYPED).status_code == 200
    client = world.client(world.somchai)
    assert client.get(url(m)).status_code == 405
    assert client.post(url(m, 3), TYPED).status_code == 404
    assert client.post(f"/measures/{uuid.uuid4()}/progress/2/preview/", TYPED).status_code == 404


def labels(body: str) -> dict[str, str]:
    return {name: text(label) for name, label in re.findall(r'<label for="id_(\w+)"[^>]*>(.*?)</label>', body, re.S)}


def test_the_form_labels_each_field_with_its_column(world: World) -> None:
    client = world.client(world.somchai)
    form_url = f"/measures/{world.palad_measure.pk}/progress/2/"
    body = client.get(form_url).content.decode()
    legends = [text(legend) for legend in re.findall(r"<legend>(.*?)</legend>", body, re.S)]
    assert legends[:2] == ["ผลการดำเนินการ", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"]
    outcome_fieldset = text(body.split('data-testid="outcome-column"')[1].split("</fieldset>")[0])
    assert "ข้อความสถานะ" in outcome_fieldset and "ผลลัพธ์ (บรรทัดถัดไปของช่อง)" in outcome_fieldset
    found = labels(body)
    assert found["suggestions"] == "ข้อเสนอแนะ:"
    assert found["problems"] == "ข้อเสนอแนะ (ขึ้นต้นด้วย ปัญหา/อุปสรรค:):"
    assert body.index('id="id_suggestions"') < body.index('id="id_problems"')  # problems end the cell
    assert f'hx-post="{url(world.palad_measure)}"' in body and 'hx-include="#progress-form"' in body

    layout_setting(world, ReportLayout.PROBLEMS_COLUMN)
    body = client.get(form_url).content.decode()
    assert labels(body)["problems"] == "ปัญหา/อุปสรรค:"
    assert body.index('id="id_problems"') < body.index('id="id_suggestions"')  # the column before ข้อเสนอแนะ


def test_saving_keeps_what_was_typed_in_every_field(world: World) -> None:
    client = world.client(world.somchai)
    assert client.post(f"/measures/{world.palad_measure.pk}/progress/2/", TYPED).status_code == 302
    p = Progress.objects.get(measure=world.palad_measure, round=2)
    assert (p.status, p.status_text, p.outcome, p.problems, p.suggestions) == (
        "done",
        "",
        TYPED["outcome"],
        TYPED["problems"],
        TYPED["suggestions"],
    )
