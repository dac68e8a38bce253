"""The import pages: upload or paste -> preview -> confirm into a plan; the same file twice changes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from prongsai.documents.renderers import get_renderer
from prongsai.imports.models import ImportRecord, ImportStatus
from prongsai.imports.seed import parse_report_bytes
from prongsai.measures.models import Measure, Plan, Progress
from tests.imports.conftest import FIXTURES, SEED, People, confirm_data, draft_of, preview_and_confirm, upload
from tests.imports.test_readers_formats import _clipboard_html, squeeze

SNAPSHOT = FIXTURES / "snapshot-klaeng-2567-report-r2.json"


def plan_cells(plan: Plan) -> list[dict[str, Any]]:
    """The plan's measures as the report's cells: what the round trip must give back."""
    rows = []
    for m in plan.measures.order_by("number"):
        p = Progress.objects.get(measure=m, round=2)
        rows.append(
            {
                "number": m.number,
                "title": m.title,
                "methods": m.methods,
                "responsible": m.responsible_text,
                "timeframe": m.timeframe_text,
                "results": p.results,
                "outcome": p.status_text,
                "suggestions": p.suggestions,
            }
        )
    return rows


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv", "pdf"])
def test_prongsais_own_document_goes_back_into_a_plan_cell_for_cell(people: People, fmt: str) -> None:
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    rendered = get_renderer(fmt)(snapshot, None)
    client = people.client(people.somchai)
    record = draft_of(upload(client, "klaeng", rendered.content, rendered.filename))
    page, response = preview_and_confirm(client, record, "?fiscal_year=2567&round=2")  # a CSV has no year
    assert page.content.decode().count('data-action="new"') == 8
    assert response.status_code == 302 and response["Location"] == "/o/klaeng/?year=2567"
    plan = Plan.objects.get(organization=people.org, fiscal_year=2567)
    expected = [{key: row[key] for key in plan_cells(plan)[0]} for row in snapshot["rows"]]
    got = plan_cells(plan)
    if fmt == "pdf":  # a PDF does not say where its line breaks were spaces
        assert squeeze(got) == squeeze(expected)
    else:
        assert got == expected
    assert {p.status for p in Progress.objects.filter(measure__plan=plan, round=2)} == {"done"}
    first = plan.measures.get(number=1)
    assert len(first.departments.all()) == 5  # สำนักปลัด กองคลัง กองช่าง กองสาธารณสุขฯ กองการศึกษา ฯ
    record.refresh_from_db()
    assert record.status == ImportStatus.COMMITTED and record.plan == plan and record.source_format == fmt
    assert record.counts["measures_created"] == 8 and record.counts["progress_recorded"] == 8


def test_a_table_pasted_from_word_keeps_line_breaks_inside_cells(people: People) -> None:
    seed = parse_report_bytes(SEED.read_bytes())
    client = people.client(people.staff)
    response = client.post(
        "/o/klaeng/import/", {"pasted": "ข้อความที่เบราว์เซอร์แสดง", "pasted_html": _clipboard_html(seed)}
    )
    record = draft_of(response)
    assert record.filename == "วางจากคลิปบอร์ด.html" and record.source_format == "html"
    preview_and_confirm(client, record)
    measures = list(Measure.objects.filter(plan__fiscal_year=2567).order_by("number"))
    assert [(m.title, m.methods) for m in measures] == [(m.title, m.methods) for m in seed.measures]
    results = [Progress.objects.get(measure=m, round=2).results for m in measures]
    assert results == [m.results for m in seed.measures]


def test_plain_text_pasted_is_read_when_there_is_no_html(people: People) -> None:
    client = people.client(people.somchai)
    record = draft_of(client.post("/o/klaeng/import/", {"pasted": SEED.read_text(encoding="utf-8")}))
    assert record.source_format == "text"
    preview_and_confirm(client, record)
    assert Measure.objects.filter(plan__organization=people.org).count() == 8


def test_the_preview_shows_every_measure_its_repairs_and_warnings_with_their_place(people: People) -> None:
    client = people.client(people.somchai)
    noisy = FIXTURES / "import" / "klaeng-2567-report-noisy.txt"
    record = draft_of(upload(client, "klaeng", noisy.read_bytes(), noisy.name))
    page = client.get(f"/imports/{record.pk}/").content.decode()
    assert page.count('data-testid="import-row"') == 8
    assert page.count('data-testid="repaired"') >= 5  # repaired cells highlighted, their original text kept
    assert "ซ่อมอักษรไทยแล้ว — ข้อความเดิม" in page and "ด\ufffdเนินการแล้ว เสร็จ" in page
    assert "ย้ายวรรณยุกต์กลับตำแหน่งที่ถูกต้อง" in page and "บรรทัดที่ ๒๐ คอลัมน์ ๕" in page  # places in the digit style
    assert 'data-testid="row-warnings"' in page
    assert "เกล่ง" in page  # the seed's own warning (the organisation spelt otherwise), with its line
    assert not Plan.objects.exists()  # a preview writes nothing


def with_new_department() -> str:
    """The seed with measure 5 carried by a department the organisation does not have."""
    seed = SEED.read_text(encoding="utf-8")
    text = seed.replace("สำนักปลัด\tมกราคม ๒๕๖๗", "กองพัสดุและทรัพย์สิน\tมกราคม ๒๕๖๗")
    assert text != seed
    return text


def test_proposed_departments_are_created_only_when_ticked(people: People) -> None:
    text = with_new_department()
    client = people.client(people.somchai)
    record = draft_of(upload(client, "klaeng", text.encode("utf-8"), "report.txt"))
    page = client.get(f"/imports/{record.pk}/").content.decode()
    assert "จะสร้างใหม่: “กองพัสดุและทรัพย์สิน”" in page
    data = confirm_data(page)
    assert len(data["department"]) == 1
    client.post(f"/imports/{record.pk}/confirm/", data)
    created = people.org.departments.get(name="กองพัสดุและทรัพย์สิน")
    assert Measure.objects.filter(departments=created).count() == 1


def test_an_unticked_department_is_kept_as_written_only(people: People) -> None:
    text = with_new_department()
    client = people.client(people.somchai)
    record = draft_of(upload(client, "klaeng", text.encode("utf-8"), "report.txt"))
    page = client.get(f"/imports/{record.pk}/").content.decode()
    data = confirm_data(page)
    del data["department"]
    client.post(f"/imports/{record.pk}/confirm/", data)
    assert not people.org.departments.filter(name="กองพัสดุและทรัพย์สิน").exists()
    assert Measure.objects.filter(responsible_text__contains="กองพัสดุและทรัพย์สิน").count() == 1


def test_an_editor_sees_new_departments_but_cannot_create_them(people: People) -> None:
    text = with_new_department()
    client = people.client(people.staff)
    record = draft_of(upload(client, "klaeng", text.encode("utf-8"), "report.txt"))
    page = client.get(f"/imports/{record.pk}/").content.decode()
    assert "ไม่พบในหน่วยงาน — เก็บไว้ตามที่เขียน" in page
    client.post(f"/imports/{record.pk}/confirm/", confirm_data(page, department=["กองพัสดุและทรัพย์สิน"]))
    assert not people.org.departments.filter(name="กองพัสดุและทรัพย์สิน").exists()
    assert Measure.objects.count() == 8


def snapshot_counts() -> tuple[int, ...]:
    return (
        Plan.objects.count(),
        Measure.objects.count(),
        Measure.history.count(),
        Progress.history.count(),
        ImportRecord.objects.filter(status=ImportStatus.COMMITTED).count(),
    )


def test_the_same_file_twice_is_recognised_by_its_hash_and_changes_nothing(people: People) -> None:
    client = people.client(people.somchai)
    data = SEED.read_bytes()
    preview_and_confirm(client, draft_of(upload(client, "klaeng", data, "seed.txt")))
    before = snapshot_counts()
    staff = people.client(people.staff)
    again = upload(staff, "klaeng", data, "another-name.txt")
    assert again.status_code == 302 and again["Location"] == "/o/klaeng/import/"
    page = staff.get("/o/klaeng/import/")
    message = [str(m) for m in page.context["messages"]]
    assert any(m.startswith("ไฟล์นี้นำเข้าแล้วเมื่อ") and "โดย somchai ทดสอบ" in m for m in message), message
    assert snapshot_counts() == before
    assert ImportRecord.objects.filter(status=ImportStatus.DRAFT).count() == 0


def test_a_draft_confirmed_after_the_same_file_went_in_elsewhere_changes_nothing(people: People) -> None:
    data = SEED.read_bytes()
    first, second = people.client(people.somchai), people.client(people.staff)
    record_a = draft_of(upload(first, "klaeng", data, "seed.txt"))
    record_b = draft_of(upload(second, "klaeng", data, "seed.txt"))
    preview_and_confirm(first, record_a)
    before = snapshot_counts()
    page = second.get(f"/imports/{record_b.pk}/")
    assert page.status_code == 302
    response = second.post(f"/imports/{record_b.pk}/confirm/", {"fiscal_year": "2567", "round": "2"})
    assert response.status_code == 302
    assert snapshot_counts() == before


def test_the_year_is_editable_and_a_measure_that_cannot_be_written_writes_nothing(people: People) -> None:
    client = people.client(people.somchai)
    record = draft_of(upload(client, "klaeng", SEED.read_bytes(), "seed.txt"))
    page = client.get(f"/imports/{record.pk}/?fiscal_year=2570&round=2").content.decode()
    assert "เอกสารระบุปีงบประมาณ ๒๕๖๗ แต่จะนำเข้าเป็นปี ๒๕๗๐" in page
    response = client.post(f"/imports/{record.pk}/confirm/", confirm_data(page))
    assert response.status_code == 302 and "fiscal_year=2570" in response["Location"]
    message = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert any("ไม่ได้บันทึกข้อมูลใด" in m and "บรรทัดที่" in m and "ระยะเวลา" in m for m in message), message
    assert not Plan.objects.exists() and not Measure.objects.exists()
    record.refresh_from_db()
    assert record.status == ImportStatus.DRAFT


def test_a_file_that_is_not_a_report_is_refused_with_a_thai_message(people: People) -> None:
    client = people.client(people.somchai)
    response = upload(client, "klaeng", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "scan.png")
    assert response.status_code == 400
    assert "รูปภาพ" in response.content.decode()
    assert not ImportRecord.objects.exists()
