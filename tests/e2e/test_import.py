"""Importing in a real browser: a Word table pasted (the clipboard's HTML), the preview, the confirmation."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from prongsai.imports.seed import parse_report_bytes
from prongsai.measures.models import Measure, Progress
from prongsai.orgs.models import Role
from prongsai.orgs.services import add_member, create_organization, system_user
from tests.imports.conftest import SEED
from tests.imports.test_readers_formats import _clipboard_html

from .conftest import log_in

PASSWORD = "a-long-test-password"


@pytest.fixture
def klaeng(transactional_db: Any) -> Any:
    system = system_user()
    org = create_organization(system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", province="ระยอง")
    add_member(None, system, organization=org, username="somchai", role=Role.ADMIN, password=PASSWORD)
    return org


def test_a_word_table_pasted_in_the_browser_is_previewed_and_imported(klaeng: Any, new_page: Any) -> None:
    seed = parse_report_bytes(SEED.read_bytes())
    page = new_page()
    log_in(page, "somchai", PASSWORD)
    page.goto("/o/klaeng/import/")
    area = page.locator("textarea[name=pasted]")
    # A paste event carrying what Word puts on the clipboard: text/html and text/plain.
    area.evaluate(
        """(el, html) => {
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', 'ตาราง');
            el.focus();
            el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        _clipboard_html(seed),
    )
    area.fill("ตาราง")  # what the textarea shows after the paste
    area.evaluate("el => { el.dataset.pasted = el.value; }")
    page.get_by_role("button", name="อ่านไฟล์และแสดงตัวอย่าง").click()
    expect(page.get_by_role("heading", name="ตรวจก่อนนำเข้า")).to_be_visible()
    expect(page.get_by_test_id("import-row")).to_have_count(8)
    page.get_by_test_id("confirm").click()
    expect(page.get_by_text("นำเข้าแล้ว: เพิ่มมาตรการ ๘ ข้อ")).to_be_visible()
    expect(page.get_by_test_id("measure-row")).to_have_count(8)
    first = Measure.objects.get(number=1)
    assert Progress.objects.get(measure=first, round=2).results == seed.measures[0].results
