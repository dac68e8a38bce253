"""A citizen on a phone files a complaint; staff assign and complete it with a public reply; the citizen
sees the new status and the reply on the tracking page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from prongsai.complaints import services
from prongsai.complaints.models import Case
from prongsai.orgs.models import Role
from prongsai.orgs.services import add_member, create_organization, system_user

from .conftest import log_in

PASSWORD = "a-long-test-password"


@pytest.fixture
def klaeng(transactional_db: Any, settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "media"
    system = system_user()
    org = create_organization(system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", province="ระยอง")
    services.settings_for(org)
    nid, _pw = add_member(
        None, system, organization=org, username="nid", full_name="นิด ทดสอบ", role=Role.EDITOR, password=PASSWORD
    )
    return {"org": org, "nid": nid}


def test_a_citizen_files_staff_complete_and_the_citizen_sees_the_reply(klaeng: dict[str, Any], new_page: Any) -> None:
    citizen = new_page(width=390)  # a phone
    citizen.goto("/c/klaeng/")
    citizen.get_by_label("แจ้งซ่อม").check()
    citizen.fill("#id_subject", "ไฟถนนดับ หมู่ ๔")
    citizen.fill("#id_details", "ไฟถนนหน้าวัดดับมาหนึ่งสัปดาห์")
    citizen.fill("#id_place", "หน้าวัดแกลง")
    citizen.get_by_label(re.compile("ยินยอมตามประกาศความเป็นส่วนตัว")).check()
    citizen.get_by_role("button", name="ส่งเรื่อง").click()
    expect(citizen.get_by_text("ได้รับเรื่องของท่านแล้ว")).to_be_visible()
    code = citizen.get_by_test_id("tracking-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{10}", code)
    assert citizen.evaluate("() => document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    case = Case.objects.get()
    assert case.tracking_code == code

    staff = new_page(width=390)
    log_in(staff, "nid", PASSWORD)
    staff.goto("/o/klaeng/complaints/")
    staff.get_by_role("link", name="ไฟถนนดับ หมู่ ๔").click()
    staff.select_option("#id_department", label="กองช่าง")
    staff.get_by_role("button", name="มอบหมาย").click()
    expect(staff.get_by_text("มอบหมายแล้ว")).to_be_visible()
    staff.get_by_test_id("move-in_progress").click()
    expect(staff.get_by_test_id("case-status")).to_have_text("อยู่ระหว่างดำเนินการ")
    staff.locator("#reply-done").fill("เปลี่ยนหลอดไฟเรียบร้อยแล้ว ขอบคุณที่แจ้ง")
    staff.get_by_test_id("move-done").click()
    expect(staff.get_by_test_id("case-status")).to_have_text("ดำเนินการแล้วเสร็จ")

    citizen.goto("/track/")
    citizen.fill("#id_code", code.lower())
    citizen.get_by_role("button", name="ดูสถานะ").click()
    expect(citizen.get_by_test_id("case-status")).to_have_text("ดำเนินการแล้วเสร็จ")
    expect(citizen.get_by_test_id("public-reply")).to_have_text("เปลี่ยนหลอดไฟเรียบร้อยแล้ว ขอบคุณที่แจ้ง")
    expect(citizen.get_by_text("หน้าวัดแกลง")).to_have_count(0)  # no details on the public page
