"""The officer fixes the mapping in a real browser: a CSV whose methods column has a header the reader does not
know, mapped to วิธีการดำเนินการ in the preview, read again, confirmed; the admin sees the remembered layout
and removes it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from prongsai.imports.models import ColumnLayout
from prongsai.measures.models import Measure
from prongsai.orgs.models import Role
from prongsai.orgs.services import add_member, create_organization, system_user
from tests.imports._layouts import METHODS_HEADER, table_csv

from .conftest import log_in

PASSWORD = "a-long-test-password"


@pytest.fixture
def klaeng(transactional_db: Any) -> Any:
    system = system_user()
    org = create_organization(system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", province="ระยอง")
    add_member(None, system, organization=org, username="somchai", role=Role.ADMIN, password=PASSWORD)
    return org


def test_the_officer_maps_an_unknown_column_to_the_methods(klaeng: Any, new_page: Any) -> None:
    page = new_page()
    log_in(page, "somchai", PASSWORD)
    page.goto("/o/klaeng/import/")
    page.locator("input[name=file]").set_input_files(
        {"name": "แผนมาตรการ.csv", "mimeType": "text/csv", "buffer": table_csv()}
    )
    page.get_by_role("button", name="อ่านไฟล์และแสดงตัวอย่าง").click()
    expect(page.get_by_role("heading", name="ตรวจก่อนนำเข้า")).to_be_visible()
    page.locator("#id_fiscal_year").fill("2568")
    page.get_by_role("button", name="แสดงตัวอย่างใหม่").click()
    expect(page.get_by_test_id("import-row")).to_have_count(2)

    panel = page.get_by_test_id("columns")
    expect(panel.get_by_role("heading", name="คอลัมน์ในไฟล์")).to_be_visible()
    methods = panel.get_by_label(METHODS_HEADER)
    expect(methods).not_to_have_value("methods")
    methods.select_option("methods")
    panel.get_by_role("button", name="อ่านตารางใหม่ด้วยการจับคู่นี้").click()

    expect(page.get_by_text("อ่านตารางใหม่ด้วยการจับคู่คอลัมน์ที่เลือกแล้ว")).to_be_visible()
    expect(page.get_by_test_id("columns").get_by_label(METHODS_HEADER)).to_have_value("methods")
    expect(page.get_by_test_id("import-row")).to_have_count(2)
    expect(page.get_by_test_id("import-row").first).to_contain_text("เผยแพร่ทางเว็บไซต์")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_text("นำเข้าแล้ว: เพิ่มมาตรการ ๒ ข้อ")).to_be_visible()
    first = Measure.objects.get(plan__organization=klaeng, plan__fiscal_year=2568, number=1)
    assert first.methods == ["จัดทำประกาศเจตจำนง", "เผยแพร่ทางเว็บไซต์"]

    # The admin sees what was remembered, and removes it (the browser asks first).
    page.goto("/o/klaeng/import/")
    page.get_by_test_id("layouts-link").click()
    layout = page.get_by_test_id("layout")
    expect(layout).to_have_count(1)
    expect(layout).to_contain_text(METHODS_HEADER)
    expect(layout).to_contain_text("วิธีการดำเนินการ")
    page.once("dialog", lambda dialog: dialog.accept())
    layout.get_by_role("button", name="ลบแบบตารางนี้").click()
    expect(page.get_by_test_id("no-layouts")).to_be_visible()
    assert not ColumnLayout.objects.filter(organization=klaeng).exists()
