"""The results form is the report row (issue #15), in a real browser: the officer types results, outcome and
problems, watches the row the report will print under the form (HTMX, no reload), saves, makes the report,
and finds the same row in its PDF (text layer), DOCX and CSV."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from playwright.sync_api import expect

from prongsai.measures import services
from prongsai.measures.models import Progress
from prongsai.orgs.models import Role
from prongsai.orgs.services import add_member, create_organization, system_user

from .conftest import log_in

PASSWORD = "a-long-test-password"
RESULTS = ["ลงนามประกาศเจตนารมณ์แล้ว", "เผยแพร่ทางเว็บไซต์ 2 ช่องทาง"]
OUTCOME = "บุคลากร 45 คนรับทราบนโยบาย\nไม่พบการรับของขวัญตลอดปี"
PROBLEMS = "ผู้บริหารลงนามล่าช้า 2 สัปดาห์"
SUGGESTIONS = "ควรลงนามตั้งแต่ต้นปีงบประมาณ"
HEADERS = [
    "มาตรการหรือกิจกรรมที่ดำเนินการ",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลา",
    "ผลการดำเนินการ",
    "ผลลัพธ์หรือความสำเร็จของการดำเนินการ",
    "ปัญหา/อุปสรรค",
    "ข้อเสนอแนะ",
]


@pytest.fixture
def klaeng(transactional_db: Any, settings: Any, tmp_path: Path) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    system = system_user()
    org = create_organization(system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", province="ระยอง")
    somchai, _pw = add_member(
        None, system, organization=org, username="somchai", full_name="สมชาย ใจดี", role=Role.ADMIN, password=PASSWORD
    )
    plan = services.create_plan(somchai, somchai.user, fiscal_year=2568)
    palad = org.departments.get(name="สำนักปลัด")
    return services.create_measure(
        plan,
        somchai,
        somchai.user,
        services.MeasureData(
            title="ประกาศเจตนารมณ์ No Gift Policy",
            methods=["จัดทำประกาศ"],
            department_ids=[palad.pk],
            months=[(2567, 10)],
        ),
    )


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_the_officer_sees_the_report_row_while_typing_and_finds_it_in_the_documents(
    klaeng: Any, new_page: Any, tmp_path: Path
) -> None:
    measure = klaeng
    page = new_page()
    log_in(page, "somchai", PASSWORD)

    # The admin chooses the report with a ปัญหา/อุปสรรค column (the document settings).
    page.goto("/o/klaeng/settings/")
    page.get_by_label(re.compile("๘ คอลัมน์")).check()
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("บันทึกการตั้งค่าเอกสารแล้ว")).to_be_visible()

    # The results form: each field named after its column; the row appears under the form as it is typed.
    page.goto(f"/measures/{measure.pk}/progress/2/")
    expect(page.locator("legend", has_text="ผลลัพธ์หรือความสำเร็จของการดำเนินการ")).to_be_visible()
    expect(page.get_by_label("ปัญหา/อุปสรรค")).to_be_visible()
    preview = page.get_by_test_id("row-preview")
    expect(preview.locator("th")).to_have_count(8)  # loaded with the page, before any typing
    marker = page.evaluate("() => (window.__sameDocument = 'yes')")
    page.get_by_test_id("add-results").click()
    page.get_by_test_id("add-results").click()
    items = page.locator("#results-list textarea[name=results]")
    items.nth(0).fill(RESULTS[0])
    items.nth(1).fill(RESULTS[1])
    page.select_option("#id_status", "done")
    page.get_by_label("ผลลัพธ์ (บรรทัดถัดไปของช่อง)").fill(OUTCOME)
    page.get_by_label("ปัญหา/อุปสรรค").fill(PROBLEMS)
    page.fill("#id_suggestions", SUGGESTIONS)
    cells = preview.locator("td")
    expect(cells.nth(5)).to_contain_text("ไม่พบการรับของขวัญตลอดปี")
    expect(cells.nth(6)).to_have_text("ผู้บริหารลงนามล่าช้า ๒ สัปดาห์")
    expect(cells.nth(7)).to_have_text(SUGGESTIONS)
    assert page.evaluate("() => window.__sameDocument") == marker  # no reload
    headers = [squeeze(h) for h in preview.locator("th").all_inner_texts()]
    assert headers == [squeeze(h) for h in HEADERS]
    shown = [lines(cell) for cell in cells.all_inner_texts()]
    assert shown[4] == ["๑. ลงนามประกาศเจตนารมณ์แล้ว", "๒. เผยแพร่ทางเว็บไซต์ ๒ ช่องทาง"]
    assert shown[5] == ["ดำเนินการแล้วเสร็จ", "บุคลากร ๔๕ คนรับทราบนโยบาย", "ไม่พบการรับของขวัญตลอดปี"]

    # A field too long: the preview names the problem instead of the row; fixed, the row is back.
    page.get_by_label("ข้อความสถานะตามที่เขียน (บรรทัดแรกของช่อง)").evaluate(
        "(el) => { el.removeAttribute('maxlength'); el.value = 'ก'.repeat(501);"
        " el.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    expect(page.get_by_test_id("row-preview-errors")).to_contain_text("ข้อความสถานะ")
    page.get_by_label("ข้อความสถานะตามที่เขียน (บรรทัดแรกของช่อง)").fill("")
    expect(cells.nth(6)).to_have_text("ผู้บริหารลงนามล่าช้า ๒ สัปดาห์")
    shown = [lines(cell) for cell in cells.all_inner_texts()]
    assert not Progress.objects.filter(measure=measure, version__gt=0).exists()  # the preview saved nothing

    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("บันทึกผลการดำเนินการแล้ว")).to_be_visible()
    saved = Progress.objects.get(measure=measure, round=2)
    assert (saved.outcome.replace("\r\n", "\n"), saved.problems) == (OUTCOME, PROBLEMS)

    # The report, made from the documents page.
    page.goto(f"/plans/{measure.plan_id}/documents/")
    page.select_option("#id_kind", "report")
    page.select_option("#id_round", "2")
    page.get_by_role("button", name="สร้างเอกสารฉบับใหม่").click()
    expect(page.get_by_text("สร้างเอกสารฉบับที่")).to_be_visible()
    snapshot_id = page.url.rstrip("/").split("/")[-1]

    def download(fmt: str) -> bytes:
        response = page.request.get(f"/documents/{snapshot_id}/download/{fmt}/")
        assert response.ok, fmt
        return response.body()

    table = list(csv.reader(io.StringIO(download("csv").decode("utf-8-sig"))))
    assert table[0] == HEADERS
    assert [lines(cell) for cell in table[1]] == shown

    word = docx.Document(io.BytesIO(download("docx"))).tables[0]
    assert [lines(cell.text) for cell in word.rows[1].cells] == shown

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(download("pdf"))
    text = squeeze(
        subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    )
    for expected in ("บุคลากร๔๕คนรับทราบนโยบาย", "ไม่พบการรับของขวัญตลอดปี", "ผู้บริหารลงนามล่าช้า๒สัปดาห์", "ปัญหา/อุปสรรค"):
        assert expected in text, expected
    # In the PDF's text layer the row reads as in the preview, cell after cell.
    assert squeeze("".join("".join(cell) for cell in shown[4:])) in text
