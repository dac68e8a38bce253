"""The public page in a real browser: the admin publishes the demo report; a citizen on a phone opens
the public page, downloads the PDF and verifies it; a byte changed is not a published document; a
withdrawn file is no longer served but still verifies as withdrawn. axe-core (shipped inside the
axe-playwright-python wheel, no network) finds no serious or critical accessibility violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from prongsai.documents.models import Snapshot
from prongsai.portal import cache

from .conftest import log_in

PASSWORD = "demo-password-for-the-browser-test"


@pytest.fixture
def demo(transactional_db: Any, settings: Any, tmp_path: Path, monkeypatch: Any) -> Snapshot:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("PRONGSAI_ADMIN_PASSWORD", PASSWORD)
    cache.clear_memory()
    call_command("demo", stdout=open("/dev/null", "w"))
    return Snapshot.objects.get(organization__slug="klaeng", kind="report", round=2)


def serious_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.response["passes"], "axe-core did not run"
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def verify(page: Any, path: Path) -> str:
    page.goto("/verify/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="ตรวจสอบ", exact=True).click()
    return str(page.get_by_test_id("verify-result").inner_text())


def test_publish_open_on_a_phone_download_verify_and_withdraw(demo: Snapshot, new_page: Any, tmp_path: Path) -> None:
    admin = new_page()
    log_in(admin, "admin", PASSWORD)
    admin.goto(f"/documents/{demo.pk}/")
    admin.get_by_test_id("publish-link").click()
    expect(admin.get_by_test_id("no-findings")).to_be_visible()
    expect(admin.get_by_test_id("planned-files")).to_contain_text("ita-report-2567-r2-v1.pdf")
    admin.get_by_test_id("publish").click()
    expect(admin.get_by_text("เผยแพร่แล้ว")).to_be_visible()

    phone = new_page(width=390)
    phone.goto("/klaeng/")
    expect(phone.get_by_test_id("demo-banner")).to_contain_text("ข้อมูลตัวอย่าง")
    expect(phone.locator("h1")).to_have_text("องค์การบริหารส่วนตำบลแกลง")
    phone.get_by_role("link", name="รายงานผลการดำเนินการตามมาตรการฯ รอบ ๑๒ เดือน").click()
    expect(phone.get_by_test_id("public-document")).to_contain_text("มาตรการ")
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    with phone.expect_download() as download:
        phone.get_by_test_id("file-pdf").click()
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    result = verify(phone, pdf)
    assert "เป็นเอกสารที่เผยแพร่" in result and "องค์การบริหารส่วนตำบลแกลง" in result and "ฉบับที่ ๑" in result

    altered = tmp_path / "altered.pdf"
    content = bytearray(pdf.read_bytes())
    content[len(content) // 2] ^= 0x01
    altered.write_bytes(bytes(content))
    assert "ไม่ใช่เอกสารที่เผยแพร่" in verify(phone, altered)

    admin.goto("/o/klaeng/publish/")
    admin.get_by_text("ถอนการเผยแพร่").first.click()
    admin.get_by_label("เหตุผล (แสดงบนหน้าสาธารณะ)").first.fill("พบตัวเลขผิดในตาราง")
    admin.get_by_role("button", name="ถอนการเผยแพร่").first.click()
    expect(admin.get_by_text("ถอนการเผยแพร่แล้ว")).to_be_visible()

    response = phone.goto("/klaeng/2567/report-r2/v1.pdf")
    assert response is not None and response.status == 410
    expect(phone.get_by_test_id("withdrawn-note")).to_contain_text("ถอนการเผยแพร่เมื่อ")
    expect(phone.get_by_test_id("withdrawn-note")).to_contain_text("พบตัวเลขผิดในตาราง")
    result = verify(phone, pdf)
    assert "ถอนการเผยแพร่เมื่อ" in result and "พบตัวเลขผิดในตาราง" in result


def test_the_public_pages_have_no_serious_accessibility_violations(demo: Snapshot, new_page: Any) -> None:
    from prongsai.orgs.services import system_membership
    from prongsai.portal.services import documents as publishing

    membership = system_membership(demo.organization)
    publishing.publish(demo, membership, membership.user, decisions={})
    found: list[str] = []
    for width in (390, 1280):
        page = new_page(width=width)
        for path in (
            "/klaeng/",
            "/klaeng/2567/report-r2/",
            "/klaeng/ita/",
            "/klaeng/ita/2568/",
            "/klaeng/ita/2569/o26/",
            "/orgs/",
            "/orgs/?q=ระยอง",
            "/log/",
            "/verify/",
        ):
            page.goto(path)
            assert page.evaluate("() => document.documentElement.lang") == "th"
            found += serious_violations(page)
        page.goto("/verify/")
        page.fill("#id_sha256", "0" * 64)
        page.get_by_role("button", name="ตรวจสอบ", exact=True).click()
        found += serious_violations(page)
    assert found == []
