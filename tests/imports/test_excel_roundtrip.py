"""A department's Excel: download กองคลัง's measures, fill the round in with openpyxl, upload, preview, confirm."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from prongsai.imports.excel_roundtrip import META, SHEET, status_names
from prongsai.imports.seed import parse_report_bytes
from prongsai.imports.services import import_report
from prongsai.measures import services
from prongsai.measures.models import Measure, Plan, Progress
from prongsai.orgs.models import Membership, Role
from prongsai.orgs.services import add_member, system_user
from tests.imports.conftest import SEED, People, confirm_data, draft_of, upload


@pytest.fixture
def plan(people: People) -> Plan:
    """The seed as an approved plan: the round's results are what is left to fill in."""
    plan = import_report(parse_report_bytes(SEED.read_bytes()), people.somchai, people.somchai.user).plan
    approver, _pw = add_member(None, system_user(), organization=people.org, username="wichai", role=Role.APPROVER)
    services.submit_plan(plan, people.somchai, people.somchai.user)
    return services.approve_plan(plan, approver, approver.user)


def download(people: People, who: Membership, plan: Plan, department: str = "", round_no: int = 1) -> Any:
    dept = str(people.dept(department).pk) if department else ""
    return people.client(who).get(f"/plans/{plan.pk}/excel/download/?department={dept}&round={round_no}")


def sheet_rows(content: bytes) -> tuple[Any, dict[int, int]]:
    """The workbook and measure number -> its row."""
    wb = load_workbook(io.BytesIO(content))
    ws = wb[SHEET]
    rows = {int(ws.cell(row=r, column=2).value): r for r in range(5, ws.max_row + 1) if ws.cell(row=r, column=1).value}
    return wb, rows


def saved(wb: Any) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_sheet_is_the_departments_measures_with_only_the_rounds_cells_open(people: People, plan: Plan) -> None:
    response = download(people, people.malee, plan, "กองคลัง")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    wb, rows = sheet_rows(response.content)
    finance = people.dept("กองคลัง")
    assert sorted(rows) == sorted(m.number for m in plan.measures.filter(departments=finance))
    ws = wb[SHEET]
    assert ws.column_dimensions["A"].hidden and ws.protection.sheet
    row = rows[4]
    measure = plan.measures.get(number=4)
    assert ws.cell(row=row, column=1).value == f"{measure.pk}:{measure.version}:0"
    assert [ws.cell(row=row, column=c).protection.locked for c in range(1, 11)] == [True] * 4 + [False] * 6
    (validation,) = ws.data_validations.dataValidation
    assert validation.formula1 == '"' + ",".join(status_names()) + '"' and "F5" in str(validation.sqref)
    meta = {r[0].value: r[1].value for r in wb[META].iter_rows()}
    assert wb[META].sheet_state == "veryHidden"
    assert (meta["plan"], meta["round"], meta["department"]) == (str(plan.pk), 1, str(finance.pk))


def test_filled_in_sheet_goes_back_through_the_preview_and_records_the_round(people: People, plan: Plan) -> None:
    wb, rows = sheet_rows(download(people, people.malee, plan, "กองคลัง").content)
    ws = wb[SHEET]
    ws.cell(row=rows[4], column=5).value = "๑. เปิดระบบนัดหมายออนไลน์\n๒. ลดเอกสารที่ต้องยื่น"
    ws.cell(row=rows[4], column=6).value = "อยู่ระหว่างดำเนินการ"
    ws.cell(row=rows[4], column=9).value = "งบประมาณจำกัด"
    ws.cell(row=rows[1], column=3).value = "ชื่อมาตรการที่แก้ในไฟล์"  # must not be applied
    ws.cell(row=rows[1], column=5).value = "ประชุมชี้แจงแล้ว"
    ws.cell(row=rows[1], column=6).value = "ดำเนินการแล้วเสร็จ"
    client = people.client(people.malee)
    record = draft_of(upload(client, "klaeng", saved(wb), "กองคลัง.xlsx"))
    assert record.kind == "roundtrip"
    page = client.get(f"/imports/{record.pk}/").content.decode()
    assert 'data-field="title" data-round="" data-applied="0"' in page
    assert "ไม่เปลี่ยนแปลง — ช่องนี้แก้ไม่ได้" in page
    assert page.count('data-round="1" data-applied="1"') == 5  # 4: results, status, problems; 1: results, status
    response = client.post(f"/imports/{record.pk}/confirm/", confirm_data(page))
    assert response.status_code == 302
    four = Progress.objects.get(measure=plan.measures.get(number=4), round=1)
    assert (four.results, four.status, four.problems, four.version) == (
        ["เปิดระบบนัดหมายออนไลน์", "ลดเอกสารที่ต้องยื่น"],
        "in_progress",
        "งบประมาณจำกัด",
        1,
    )
    one = plan.measures.get(number=1)
    assert one.title == "การจัดทำข้อตกลงระหว่างผู้บังคับบัญชา กับผู้ใต้บังคับบัญชา" and one.version == 1
    assert Progress.objects.get(measure=one, round=1).status == "done"
    assert Progress.objects.get(measure=one, round=1).history.first().history_user == people.malee.user


def test_a_measure_saved_since_the_download_is_a_conflict_skipped_unless_chosen(people: People, plan: Plan) -> None:
    wb, rows = sheet_rows(download(people, people.somchai, plan, "กองคลัง").content)
    four = plan.measures.get(number=4)
    services.record_progress(
        four, 1, people.staff, people.staff.user, services.ProgressData(results=["ผลที่บันทึกในระบบ"]), expected_version=0
    )
    wb[SHEET].cell(row=rows[4], column=5).value = "ผลจากไฟล์"
    wb[SHEET].cell(row=rows[8], column=5).value = "ผลของข้อแปด"
    client = people.client(people.somchai)
    record = draft_of(upload(client, "klaeng", saved(wb), "กองคลัง.xlsx"))
    page = client.get(f"/imports/{record.pk}/").content.decode()
    assert 'data-action="conflict" data-number="4"' in page
    assert "ค่าที่บันทึกไว้ตอนนี้" in page and "ผลที่บันทึกในระบบ" in page and "ผลจากไฟล์" in page
    client.post(f"/imports/{record.pk}/confirm/", confirm_data(page))
    assert Progress.objects.get(measure=four, round=1).results == ["ผลที่บันทึกในระบบ"]
    assert Progress.objects.get(measure=plan.measures.get(number=8), round=1).results == ["ผลของข้อแปด"]
    record.refresh_from_db()
    assert record.counts["skipped"] == 1


def test_ticking_use_the_files_value_overwrites_a_conflict(people: People, plan: Plan) -> None:
    wb, rows = sheet_rows(download(people, people.somchai, plan, "กองคลัง").content)
    four = plan.measures.get(number=4)
    services.record_progress(
        four, 1, people.staff, people.staff.user, services.ProgressData(results=["ผลที่บันทึกในระบบ"]), expected_version=0
    )
    wb[SHEET].cell(row=rows[4], column=5).value = "ผลจากไฟล์"
    client = people.client(people.somchai)
    record = draft_of(upload(client, "klaeng", saved(wb), "กองคลัง.xlsx"))
    page = client.get(f"/imports/{record.pk}/").content.decode()
    client.post(f"/imports/{record.pk}/confirm/", confirm_data(page, use_file=[str(four.pk)]))
    progress = Progress.objects.get(measure=four, round=1)
    assert (progress.results, progress.version) == (["ผลจากไฟล์"], 2)


def test_an_editor_limited_to_a_department_gets_only_its_measures(people: People, plan: Plan) -> None:
    assert download(people, people.malee, plan, "สำนักปลัด").status_code == 403
    assert download(people, people.malee, plan).status_code == 403  # all departments
    wb, rows = sheet_rows(download(people, people.somchai, plan).content)  # the admin's sheet of every measure
    assert len(rows) == 8
    for number in (2, 4):  # สำนักปลัด only; กองคลัง
        wb[SHEET].cell(row=rows[number], column=5).value = f"ผลข้อ {number}"
    client = people.client(people.malee)
    record = draft_of(upload(client, "klaeng", saved(wb), "ทั้งหมด.xlsx"))
    page = client.get(f"/imports/{record.pk}/").content.decode()
    assert 'data-action="forbidden" data-number="2"' in page
    assert "ไม่ใช่มาตรการของส่วนราชการของคุณ — ไม่นำเข้า" in page
    client.post(f"/imports/{record.pk}/confirm/", confirm_data(page))
    assert Progress.objects.get(measure__plan=plan, measure__number=2, round=1).version == 0
    assert Progress.objects.get(measure__plan=plan, measure__number=4, round=1).results == ["ผลข้อ 4"]


def test_a_limited_editor_cannot_import_a_whole_report(people: People) -> None:
    response = upload(people.client(people.malee), "klaeng", SEED.read_bytes(), "seed.txt")
    assert response.status_code == 400
    assert "Excel ของส่วนราชการ" in response.content.decode()
    assert not Measure.objects.exists()


def test_a_sheet_of_another_organisations_plan_is_refused(people: People, plan: Plan) -> None:
    content = download(people, people.somchai, plan, "กองคลัง").content
    client = people.client(people.prasert)
    record = draft_of(upload(client, "bankhai", content, "กองคลัง.xlsx"))
    page = client.get(f"/imports/{record.pk}/").content.decode()
    assert 'data-testid="preview-error"' in page and "ไม่มีในหน่วยงานนี้" in page
    assert "import-confirm" not in page and 'action="/imports/' not in page
