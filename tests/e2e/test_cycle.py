"""The year's cycle in a real browser: add a measure, record progress with evidence, submit, approve."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from prongsai.measures import services
from prongsai.measures.models import Evidence, Measure
from prongsai.orgs.models import Role
from prongsai.orgs.services import add_member, create_organization, system_user

from .conftest import log_in

PASSWORD = "a-long-test-password"


@pytest.fixture
def klaeng(transactional_db: Any, settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "media"
    system = system_user()
    org = create_organization(system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", province="ระยอง", is_demo=True)
    people = {}
    for username, role in [("somchai", Role.ADMIN), ("wichai", Role.APPROVER), ("prapa", Role.VIEWER)]:
        people[username], _pw = add_member(
            None,
            system,
            organization=org,
            username=username,
            full_name=f"{username} ทดสอบ",
            role=role,
            password=PASSWORD,
        )
    services.create_plan(people["somchai"], people["somchai"].user, fiscal_year=2568)
    return {"org": org, **people}


def test_the_yearly_cycle_in_the_browser(klaeng: dict[str, Any], new_page: Any, tmp_path: Path) -> None:
    page = new_page()
    log_in(page, "somchai", PASSWORD)
    expect(page.get_by_text("ข้อมูลตัวอย่าง").first).to_be_visible()

    # Add a measure with two methods; the method rows are added without a page reload.
    page.get_by_test_id("year-steps").get_by_role("link", name="เพิ่มมาตรการ").click()  # the checklist's button
    page.fill("#id_title", "ประกาศนโยบายไม่รับของขวัญ (No Gift Policy)")
    marker = page.evaluate("() => (window.__sameDocument = 'yes')")
    page.get_by_test_id("add-methods").click()
    page.get_by_test_id("add-methods").click()
    rows = page.locator("#methods-list textarea[name=methods]")
    expect(rows).to_have_count(2)
    rows.nth(0).fill("จัดทำประกาศนโยบาย")
    rows.nth(1).fill("เผยแพร่ทางเว็บไซต์และเพจของ อบต.")
    assert page.evaluate("() => window.__sameDocument") == marker
    page.get_by_label("สำนักปลัด").check()
    page.select_option("#id_month_from", "2567-10")
    page.select_option("#id_month_to", "2567-12")
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("เพิ่มมาตรการที่ ๑ แล้ว")).to_be_visible()
    row = page.get_by_test_id("measure-row").first
    expect(row).to_contain_text("จัดทำประกาศนโยบาย")
    expect(row).to_contain_text("ตุลาคม - ธันวาคม ๒๕๖๗")
    expect(page.get_by_test_id("progress-text-1")).to_contain_text("(๐%)")

    # Record round-1 progress, attach an evidence file, and watch the progress bar move.
    row.get_by_role("link").first.click()
    page.get_by_test_id("round-1").get_by_role("link", name="บันทึกผลการดำเนินการ").click()
    page.get_by_test_id("add-results").click()
    page.locator("#results-list textarea[name=results]").first.fill("ลงนามประกาศแล้วเมื่อ ๑ ต.ค. ๖๗")
    page.select_option("#id_status", "done")
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("บันทึกผลการดำเนินการแล้ว")).to_be_visible()
    page.get_by_test_id("round-1").get_by_role("link", name="แนบหลักฐาน").click()
    pdf = tmp_path / "ประกาศ-no-gift.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.fill("#id_title", "ประกาศ No Gift Policy ที่ลงนามแล้ว")
    page.set_input_files("#id_file", str(pdf))
    page.fill("#id_period_start", "๑ ต.ค. ๖๗")
    page.get_by_role("button", name="แนบหลักฐาน").click()
    expect(page.get_by_role("link", name="ประกาศ No Gift Policy ที่ลงนามแล้ว")).to_be_visible()
    assert Evidence.objects.get().sha256
    page.get_by_role("link", name=re.compile("แผนปีงบประมาณ")).click()
    expect(page.get_by_test_id("progress-text-1")).to_contain_text("แล้วเสร็จ ๑ จาก ๑ มาตรการ (๑๐๐%)")
    bar = page.get_by_test_id("progress-round-1").get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", "100")

    # Edit the measure and find the change in its history.
    page.get_by_test_id("measure-row").first.get_by_role("link").first.click()
    page.get_by_role("link", name="แก้ไขมาตรการ").click()
    page.fill("#id_title", "ประกาศเจตนารมณ์ No Gift Policy")
    page.get_by_role("button", name="บันทึก").click()
    history = page.get_by_test_id("history")
    expect(history).to_contain_text("ประกาศนโยบายไม่รับของขวัญ (No Gift Policy) → ประกาศเจตนารมณ์ No Gift Policy")
    expect(history).to_contain_text("somchai ทดสอบ")

    # Submit for approval.
    page.get_by_role("link", name=re.compile("แผนปีงบประมาณ")).click()
    page.get_by_role("link", name="เสนอผู้บริหารอนุมัติ").first.click()
    page.get_by_role("button", name="ยืนยัน เสนออนุมัติ").click()  # the confirmation page
    expect(page.get_by_test_id("plan-status")).to_have_text("เสนออนุมัติแล้ว")
    expect(page.get_by_role("link", name="อนุมัติแผน")).to_have_count(0)

    # The approver (ปลัด) approves.
    approver = new_page()
    log_in(approver, "wichai", PASSWORD)
    approver.get_by_role("link", name="อนุมัติแผน").first.click()
    approver.get_by_role("button", name="ยืนยัน อนุมัติแผน").click()
    expect(approver.get_by_test_id("plan-status")).to_have_text("อนุมัติแล้ว")

    # A viewer reads, but cannot edit: no edit controls, and the edit address answers 403.
    viewer = new_page(width=390)  # a phone
    log_in(viewer, "prapa", PASSWORD)
    expect(viewer.get_by_test_id("measure-row")).to_have_count(1)
    expect(viewer.get_by_role("link", name="เพิ่มมาตรการ")).to_have_count(0)
    measure = Measure.objects.get()
    viewer.goto(f"/measures/{measure.pk}/")
    expect(viewer.get_by_role("link", name="แก้ไขมาตรการ")).to_have_count(0)
    expect(viewer.get_by_role("link", name="บันทึกผลการดำเนินการ")).to_have_count(0)
    response = viewer.goto(f"/measures/{measure.pk}/progress/1/")
    assert response is not None and response.status == 403
    expect(viewer.get_by_role("heading", name="คุณไม่มีสิทธิ์ทำรายการนี้")).to_be_visible()
