"""Copy-forward in a real browser: the new plan's title says the new year by itself; the other years
the copied text holds are listed for the officer, who accepts one and keeps another."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from prongsai.measures import services
from prongsai.measures.models import Measure
from prongsai.orgs.models import Role
from prongsai.orgs.services import add_member, create_organization, system_user

from .conftest import log_in

PASSWORD = "a-long-test-password"
RANGE = "จัดทำแผนป้องกันการทุจริตประจำปี ๒๕๖๗ – ๒๕๗๐ และรายงานผลในระบบ e-plan nacc"
DEADLINE = "ประชุมคณะทำงานให้แล้วเสร็จภายใน ๓๑ มีนาคม ๒๕๖๗"


@pytest.fixture
def klaeng(transactional_db: Any) -> None:
    system = system_user()
    org = create_organization(system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", province="ระยอง")
    somchai, _pw = add_member(
        None, system, organization=org, username="somchai", full_name="สมชาย ทดสอบ", role=Role.ADMIN, password=PASSWORD
    )
    plan = services.create_plan(
        somchai,
        somchai.user,
        fiscal_year=2567,
        title="มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
        intro="ตามที่ได้วิเคราะห์ผลการประเมิน ITA ในปีงบประมาณ พ.ศ.๒๕๖๗ จึงกำหนดมาตรการดังนี้",
    )
    services.create_measure(
        plan,
        somchai,
        somchai.user,
        services.MeasureData(
            title="การจัดทำแผนปฏิบัติการป้องกันการทุจริต",
            methods=[RANGE, DEADLINE],
            department_ids=[org.departments.get(name="สำนักปลัด").pk],
            months=[(2566, 10)],
        ),
    )


def test_copy_forward_changes_the_year_and_lists_the_rest(klaeng: None, new_page: Any) -> None:
    page = new_page()
    log_in(page, "somchai", PASSWORD)
    page.goto("/o/klaeng/?year=2567")
    page.get_by_role("link", name=re.compile("คัดลอกเป็นแผนปี")).click()
    page.get_by_role("button", name="ยืนยัน คัดลอก").click()  # the confirmation page

    # The new plan's title and introduction say the new year; the measure's own years are unchanged.
    expect(page.locator("#plan-title")).to_have_text("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๘")
    expect(page.get_by_text("ในปีงบประมาณ พ.ศ.๒๕๖๘ จึงกำหนดมาตรการ")).to_be_visible()
    row = page.get_by_test_id("measure-row")
    expect(row).to_contain_text("ประจำปี ๒๕๖๗ – ๒๕๗๐")
    expect(row).to_contain_text("๓๑ มีนาคม ๒๕๖๗")

    # The range and the date are listed, each with its place and its words highlighted.
    panel = page.get_by_test_id("year-review")
    expect(panel.get_by_role("heading", name="ปีที่ต้องตรวจทานหลังคัดลอก")).to_be_visible()
    items = panel.get_by_test_id("year-item")
    expect(items).to_have_count(2)
    range_item = items.filter(has_text="วิธีการดำเนินการ ข้อ ๑")
    date_item = items.filter(has_text="วิธีการดำเนินการ ข้อ ๒")
    expect(range_item.locator("mark")).to_have_text("๒๕๖๗ – ๒๕๗๐")
    expect(date_item.locator("mark")).to_have_text("๒๕๖๗")
    expect(date_item).to_contain_text("๓๑ มีนาคม")

    # Accept the date: its text changes.
    date_item.get_by_role("button", name="ใช้ปี ๒๕๖๘").click()
    expect(page.get_by_text("เปลี่ยน ๒๕๖๗ เป็น ๒๕๖๘ แล้ว")).to_be_visible()
    expect(page.get_by_test_id("measure-row")).to_contain_text("๓๑ มีนาคม ๒๕๖๘")
    expect(page.get_by_test_id("year-item")).to_have_count(1)

    # Keep the range (a four-year plan still running): it stays, and the panel is gone.
    page.get_by_test_id("year-item").get_by_role("button", name="คงไว้").click()
    expect(page.get_by_text("คง ๒๕๖๗ – ๒๕๗๐ ไว้ตามเดิมแล้ว")).to_be_visible()
    expect(page.get_by_test_id("year-review")).to_have_count(0)
    expect(page.get_by_test_id("measure-row")).to_contain_text("ประจำปี ๒๕๖๗ – ๒๕๗๐")

    copied = Measure.objects.get(plan__fiscal_year=2568)
    assert copied.methods == [RANGE, "ประชุมคณะทำงานให้แล้วเสร็จภายใน ๓๑ มีนาคม ๒๕๖๘"]
    assert copied.plan.year_review == []
