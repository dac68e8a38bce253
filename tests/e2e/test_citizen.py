"""A citizen on a 390-px phone finds the complaint form and tracking on the organisation's public
page; the request form the admin signs names the published files exactly as a download saves them;
the staff menu folds behind one button on a phone."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from docx import Document
from playwright.sync_api import expect

from prongsai.documents.models import Snapshot
from prongsai.portal import cache
from prongsai.portal.models import Publication

from .conftest import log_in

PASSWORD = "demo-password-for-the-browser-test"


@pytest.fixture
def demo(transactional_db: Any, settings: Any, tmp_path: Path, monkeypatch: Any) -> Snapshot:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("PRONGSAI_ADMIN_PASSWORD", PASSWORD)
    cache.clear_memory()
    call_command("demo", stdout=open("/dev/null", "w"))
    return Snapshot.objects.get(organization__slug="klaeng", kind="report", round=2)


def test_a_citizen_on_a_phone_finds_the_complaint_form_and_tracking(demo: Snapshot, new_page: Any) -> None:
    phone = new_page(width=390)
    phone.goto("/klaeng/")
    complain = phone.get_by_test_id("link-complain")
    expect(complain).to_be_visible()
    expect(phone.get_by_test_id("link-track")).to_be_visible()
    box = complain.bounding_box()
    assert box is not None and box["y"] < 400  # above the fold, before the documents
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    complain.click()
    expect(phone).to_have_url("/c/klaeng/")
    expect(phone.locator("h1")).to_be_visible()
    phone.go_back()
    phone.get_by_test_id("link-track").click()
    expect(phone).to_have_url("/track/")


def test_the_request_form_names_the_files_as_a_download_saves_them(
    demo: Snapshot, new_page: Any, tmp_path: Path
) -> None:
    admin = new_page()
    log_in(admin, "admin", PASSWORD)
    admin.goto(f"/documents/{demo.pk}/")
    admin.get_by_test_id("publish-link").click()
    admin.get_by_test_id("publish").click()
    expect(admin.get_by_text("เผยแพร่แล้ว")).to_be_visible()
    with admin.expect_download() as request_form:
        admin.get_by_role("link", name="Word").first.click()
    saved = tmp_path / "request.docx"
    request_form.value.save_as(saved)
    document = Document(BytesIO(saved.read_bytes()))
    text = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)

    publication = Publication.objects.get(snapshot=demo)
    citizen = new_page(width=390)
    citizen.goto("/klaeng/2567/report-r2/")
    for item in publication.files.all():
        with citizen.expect_download() as download:
            citizen.get_by_test_id(f"file-{item.role}").click()
        name = download.value.suggested_filename
        assert f": {name}" in text, (name, text)
        assert item.sha256 in text


def test_the_staff_menu_folds_behind_one_button_on_a_phone(demo: Snapshot, new_page: Any) -> None:
    phone = new_page(width=390)
    log_in(phone, "admin", PASSWORD)
    phone.goto("/o/klaeng/")
    menu = phone.get_by_role("button", name="เมนู")
    expect(menu).to_be_visible()
    expect(phone.get_by_role("link", name="เรื่องร้องเรียน")).to_be_hidden()
    menu.click()
    expect(phone.get_by_role("link", name="เรื่องร้องเรียน")).to_be_visible()
    assert menu.get_attribute("aria-expanded") == "true"
    wide = phone.context.new_page()
    wide.set_viewport_size({"width": 1280, "height": 900})
    wide.goto("/o/klaeng/")
    expect(wide.get_by_role("button", name="เมนู")).to_be_hidden()
    expect(wide.get_by_role("link", name="เรื่องร้องเรียน")).to_be_visible()
