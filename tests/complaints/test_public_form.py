"""The citizen's form at /c/<slug>/: no account, a tracking code, an e-mail, and what it refuses."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from prongsai.complaints.models import Case, CaseAttachment, Channel
from prongsai.complaints.services.intake import CODE_ALPHABET

from .conftest import CORRUPTION, World, form_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_form_shows_the_kinds_the_privacy_notice_and_the_consent_box(world: World) -> None:
    r = Client().get("/c/klaeng/")
    assert r.status_code == 200
    page = r.content.decode()
    for kind in ("ร้องเรียน/ร้องทุกข์ทั่วไป", CORRUPTION, "ขอข้อมูลข่าวสาร", "ขอรับความช่วยเหลือ", "แจ้งซ่อม"):
        assert kind in page
    assert "ประกาศความเป็นส่วนตัว" in page
    assert 'name="consent"' in page
    assert 'class="hp"' in page  # the honeypot is hidden from people


def test_a_valid_filing_stores_the_case_and_shows_its_tracking_code(world: World) -> None:
    pdf = SimpleUploadedFile("รูปถนน.pdf", PDF, content_type="application/pdf")
    r = Client().post("/c/klaeng/", {**form_data(world), "attachments": [pdf]})
    assert r.status_code == 302
    case = Case.objects.get()
    assert r["Location"] == f"/c/klaeng/thanks/{case.tracking_code}/"
    assert case.channel == Channel.WEB and case.consent_at is not None and case.registered_by is None
    assert len(case.tracking_code) >= 10 and set(case.tracking_code) <= set(CODE_ALPHABET)
    assert case.contact_line == "somchai-line"
    attachment = CaseAttachment.objects.get(case=case)
    assert attachment.filename == "รูปถนน.pdf" and attachment.size == len(PDF) and len(attachment.sha256) == 64

    thanks = Client().get(r["Location"])
    assert thanks.status_code == 200
    assert case.tracking_code in thanks.content.decode()
    assert "๑/๒๕" in thanks.content.decode()  # the registry number, in Thai digits
    assert thanks["Cache-Control"] == "no-store" and thanks["Referrer-Policy"] == "no-referrer"


def test_the_citizen_gets_the_code_by_e_mail_when_they_gave_an_address(world: World) -> None:
    Client().post("/c/klaeng/", form_data(world))
    case = Case.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["somchai.r@example.com"]
    assert case.tracking_code in message.subject and case.tracking_code in message.body
    assert f"/track/{case.tracking_code}/" in message.body


def test_an_anonymous_filing_needs_no_contact_and_sends_no_mail(world: World) -> None:
    data = form_data(world, contact_name="", contact_phone="", contact_email="", contact_line="")
    r = Client().post("/c/klaeng/", data)
    assert r.status_code == 302
    case = Case.objects.get()
    assert case.anonymous
    assert mail.outbox == []


def test_without_consent_nothing_is_stored_and_the_form_says_why(world: World) -> None:
    r = Client().post("/c/klaeng/", form_data(world, consent=None))
    assert r.status_code == 400
    assert "กรุณายินยอมตามประกาศความเป็นส่วนตัว" in r.content.decode()
    assert Case.objects.count() == 0
    assert "ถนนหน้าตลาดเป็นหลุมลึก" in r.content.decode()  # what they typed is kept


def test_a_filled_honeypot_is_refused_and_nothing_is_stored(world: World) -> None:
    r = Client().post("/c/klaeng/", form_data(world, website="http://spam.example"))
    assert r.status_code == 400
    assert "ช่องสำหรับตรวจจับโปรแกรมอัตโนมัติ" in r.content.decode()
    assert Case.objects.count() == 0


def test_a_file_whose_bytes_lie_about_its_type_is_refused(world: World) -> None:
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is a windows program", content_type="image/jpeg")
    r = Client().post("/c/klaeng/", {**form_data(world), "attachments": [fake]})
    assert r.status_code == 400
    assert "photo.jpg" in r.content.decode() and "ไม่รับไฟล์นี้" in r.content.decode()
    assert Case.objects.count() == 0 and CaseAttachment.objects.count() == 0


def test_a_type_citizens_may_not_attach_and_an_oversized_file_are_refused(world: World, settings: Any) -> None:
    settings.COMPLAINT_ATTACHMENT_MAX_MB = 1
    sheet = SimpleUploadedFile("list.csv", b"a,b\n1,2\n", content_type="text/csv")
    r = Client().post("/c/klaeng/", {**form_data(world), "attachments": [sheet]})
    assert r.status_code == 400 and "list.csv" in r.content.decode()
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024 + 1), content_type="application/pdf")
    r = Client().post("/c/klaeng/", {**form_data(world), "attachments": [big]})
    assert r.status_code == 400 and "เกินขนาดที่รับได้" in r.content.decode()
    assert Case.objects.count() == 0


def test_more_files_than_allowed_are_refused(world: World, settings: Any) -> None:
    settings.COMPLAINT_MAX_ATTACHMENTS = 2
    files = [SimpleUploadedFile(f"{i}.pdf", PDF, content_type="application/pdf") for i in range(3)]
    r = Client().post("/c/klaeng/", {**form_data(world), "attachments": files})
    assert r.status_code == 400 and "ไม่เกิน ๒ ไฟล์" in r.content.decode()
    assert Case.objects.count() == 0


def test_a_kind_of_another_organisation_or_a_closed_kind_is_refused(world: World) -> None:
    foreign = world.kind(org=world.other)
    r = Client().post("/c/klaeng/", form_data(world) | {"kind": str(foreign.pk)})
    assert r.status_code == 400
    closed = world.kind("แจ้งซ่อม")
    closed.active = False
    closed.save()
    r = Client().post("/c/klaeng/", form_data(world) | {"kind": str(closed.pk)})
    assert r.status_code == 400
    assert Case.objects.count() == 0


def test_an_unknown_organisation_is_404(world: World) -> None:
    assert Client().get("/c/nowhere/").status_code == 404
    assert Client().post("/c/nowhere/", {}).status_code == 404


def test_a_corruption_tip_off_is_filed_as_confidential(world: World) -> None:
    Client().post("/c/klaeng/", form_data(world, kind=CORRUPTION))
    case = Case.objects.get()
    assert case.confidential and case.kind.is_corruption


def test_the_thanks_page_of_another_organisation_or_a_wrong_code_is_404(world: World) -> None:
    case = world.file()
    assert Client().get(f"/c/bankhai/thanks/{case.tracking_code}/").status_code == 404
    assert Client().get("/c/klaeng/thanks/AAAAAAAAAA/").status_code == 404


def test_the_poster_has_an_svg_qr_code_leading_to_the_form(world: World) -> None:
    r = Client().get("/c/klaeng/poster/")
    assert r.status_code == 200
    page = r.content.decode()
    assert re.search(r"<svg[^>]*class=\"segno\"", page)
    assert "http://127.0.0.1:8000/c/klaeng/" in page
    assert world.org.name in page
