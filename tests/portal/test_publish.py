"""Publishing: only approved versions, only by the admin, after the privacy checks; public pages show
only what was published; withdrawal stops the files and keeps the record."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.documents import services as documents
from prongsai.documents.models import Snapshot
from prongsai.measures import services as measures
from prongsai.portal.models import LogEntry, Publication
from prongsai.portal.privacy import ID, PHONE
from prongsai.portal.services import documents as publishing

from .conftest import CITIZEN_ID, World, approved_report, record
from .conftest import PHONE as PHONE_NUMBER


def publish(world: World, snapshot: Snapshot, **kwargs: Any) -> Publication:
    return publishing.publish(
        snapshot, world.somchai, world.somchai.user, decisions=kwargs.pop("decisions", {}), **kwargs
    )


def test_an_approved_report_is_published_with_its_files_logged(world: World, report: Snapshot) -> None:
    publication = publish(world, report)
    files = {f.role: f for f in publication.files.all()}
    assert set(files) == {"pdf", "docx", "xlsx"}
    entries = list(LogEntry.objects.order_by("seq"))
    assert [(e.format, e.sha256) for e in entries] == [(r, files[r].sha256) for r in ("pdf", "docx", "xlsx")]
    assert {e.publisher for e in entries} == {"somchai test"}  # the name, never the login
    page = world.client(None).get("/klaeng/2568/report-r2/")
    assert page.status_code == 200
    assert "ลงนามประกาศแล้ว" in page.content.decode()
    download = world.client(None).get("/klaeng/2568/report-r2/v1.pdf")
    assert download.status_code == 200 and download["X-Content-SHA256"] == files["pdf"].sha256


def test_the_published_pdf_is_the_same_bytes_as_the_internal_one_when_nothing_is_masked(
    world: World, report: Snapshot
) -> None:
    publication = publish(world, report)
    assert publication.files.get(role="pdf").sha256 == documents.render_file(report, "pdf").sha256


def test_an_unapproved_version_cannot_be_published(world: World) -> None:
    draft = documents.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="plan")
    with pytest.raises(ServiceError, match="อนุมัติแล้ว"):
        publish(world, draft)
    response = world.client(world.somchai).post(f"/o/klaeng/publish/document/{draft.pk}/")
    assert response.status_code == 400
    assert not Publication.objects.exists() and not LogEntry.objects.exists()


def test_only_the_organisations_admin_may_publish(world: World, report: Snapshot) -> None:
    for who in (world.malee, world.wichai, world.prapa):
        with pytest.raises(NotAllowed):
            publishing.publish(report, who, who.user, decisions={})
    with pytest.raises(NotAllowed):
        publishing.publish(report, world.prasert, world.prasert.user, decisions={})


def test_a_version_is_published_once(world: World, report: Snapshot) -> None:
    publish(world, report)
    with pytest.raises(ServiceError, match="เผยแพร่ไปแล้ว"):
        publish(world, report)


def test_editing_after_publishing_changes_nothing_until_a_new_version_is_approved_and_published(
    world: World, report: Snapshot
) -> None:
    publish(world, report)
    public = world.client(None)
    before = public.get("/klaeng/").content
    record(world, world.palad_measure, ["ผลที่แก้ไขภายหลัง"])
    new = documents.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=2)
    for path in ("/klaeng/", "/klaeng/2568/report-r2/", "/klaeng/data.json"):
        assert "ผลที่แก้ไขภายหลัง" not in public.get(path).content.decode(), path
    assert public.get("/klaeng/").content == before
    documents.approve_snapshot(new, world.wichai, world.wichai.user)
    assert "ผลที่แก้ไขภายหลัง" not in public.get("/klaeng/2568/report-r2/").content.decode()
    publish(world, Snapshot.objects.get(pk=new.pk))
    page = public.get("/klaeng/2568/report-r2/").content.decode()
    assert "ผลที่แก้ไขภายหลัง" in page and "ลงนามประกาศแล้ว" not in page
    assert "ลงนามประกาศแล้ว" in public.get("/klaeng/2568/report-r2/v1/").content.decode()


def test_publishing_stops_until_every_finding_is_masked_or_confirmed(world: World, private_report: Snapshot) -> None:
    preview = publishing.preview(private_report, world.somchai, decisions={})
    kinds = sorted(f.kind for f in preview.findings)
    assert kinds == sorted([ID, PHONE])
    with pytest.raises(ServiceError, match="มาตรการที่ 1") as err:
        publish(world, private_report)
    assert CITIZEN_ID in err.value.message
    only_id = {f.id: "mask" for f in preview.findings if f.kind == ID}
    with pytest.raises(ServiceError, match=PHONE_NUMBER):
        publish(world, private_report, decisions=only_id)
    assert not Publication.objects.exists()


def test_a_masked_number_never_appears_in_the_public_pdf_text_layer(
    world: World, private_report: Snapshot, tmp_path: Path
) -> None:
    preview = publishing.preview(private_report, world.somchai, decisions={})
    decisions = {f.id: ("mask" if f.kind == ID else "public") for f in preview.findings}
    publication = publish(world, private_report, decisions=decisions)
    pdf = tmp_path / "public.pdf"
    pdf.write_bytes(world.client(None).get("/klaeng/2568/report-r2/v1.pdf").getvalue())
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    digits = "".join(ch for ch in text if ch.isdigit() or "๐" <= ch <= "๙")
    plain = text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    assert "นายสมศักดิ์" in text  # the text layer is readable
    assert "1103700248668" not in "".join(c for c in plain if c.isdigit()) and digits
    assert "XXXXX-XX-X" in text  # the mask (the narrow column wraps it)
    assert "081-234-5678" in plain  # confirmed as meant to be public
    # The internal snapshot and its own files are unchanged.
    assert CITIZEN_ID in str(Snapshot.objects.get(pk=private_report.pk).data)
    assert CITIZEN_ID not in str(publication.public_data)
    page = world.client(None).get("/klaeng/2568/report-r2/").content.decode()
    assert CITIZEN_ID not in page and "X-XXXX-XXXXX-XX-X" in page


def test_withdrawing_stops_the_files_and_keeps_the_record(world: World, report: Snapshot) -> None:
    publication = publish(world, report)
    with pytest.raises(ServiceError, match="เหตุผล"):
        publishing.withdraw(publication, world.somchai, world.somchai.user, reason=" ")
    publishing.withdraw(publication, world.somchai, world.somchai.user, reason="พบข้อมูลผิดพลาดในตาราง")
    public = world.client(None)
    gone = public.get("/klaeng/2568/report-r2/v1.pdf")
    assert gone.status_code == 410
    assert "ถอนการเผยแพร่เมื่อ" in gone.content.decode() and "พบข้อมูลผิดพลาดในตาราง" in gone.content.decode()
    page = public.get("/klaeng/2568/report-r2/").content.decode()
    assert "ถอนการเผยแพร่เมื่อ" in page and "ลงนามประกาศแล้ว" not in page
    assert Publication.objects.get(pk=publication.pk).withdrawn_reason == "พบข้อมูลผิดพลาดในตาราง"
    assert [e.action for e in LogEntry.objects.order_by("seq")] == ["publish"] * 3 + ["withdraw"] * 3


def test_the_confirmation_page_shows_the_files_hashes_and_findings_then_publishes(
    world: World, private_report: Snapshot
) -> None:
    client = world.client(world.somchai)
    url = f"/o/klaeng/publish/document/{private_report.pk}/"
    page = client.get(url).content.decode()
    assert CITIZEN_ID in page and PHONE_NUMBER in page and "มาตรการที่ 1" in page
    assert 'data-testid="unresolved"' in page and 'data-testid="publish"' not in page
    preview = publishing.preview(private_report, world.somchai, decisions={})
    choices = {f"f_{f.id}": "mask" for f in preview.findings}
    page = client.get(url, {"reviewed": "1", **choices}).content.decode()
    masked = publishing.preview(private_report, world.somchai, decisions={k[2:]: v for k, v in choices.items()})
    for planned in masked.files:
        assert planned.sha256 in page
    form = {**choices, "reviewed": "1", **{f"sha_{f.role}": f.sha256 for f in masked.files}}
    response = client.post(url, form)
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert {f.role: f.sha256 for f in publication.files.all()} == masked.hashes()
    assert publication.privacy["decisions"] == {k[2:]: "mask" for k in choices}


def test_the_request_form_is_a_document_for_signature(world: World, report: Snapshot) -> None:
    client = world.client(world.somchai)
    preview = client.get(f"/o/klaeng/publish/document/{report.pk}/request.pdf")
    assert preview.status_code == 200 and preview.content.startswith(b"%PDF")
    publication = publish(world, report)
    docx = client.get(f"/o/klaeng/publish/{publication.pk}/request.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    from io import BytesIO

    from docx import Document

    text = "\n".join(c.text for t in Document(BytesIO(docx.content)).tables for row in t.rows for c in row.cells)
    assert (
        "แบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน"
        in "\n".join(p.text for p in Document(BytesIO(docx.content)).paragraphs) + text
    )
    assert publication.files.get(role="pdf").sha256 in text


def test_a_signed_scan_is_published_only_after_an_explicit_confirmation(world: World, report: Snapshot) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    documents.upload_signed_copy(
        report, world.wichai, world.wichai.user, SimpleUploadedFile("signed.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    )
    preview = publishing.preview(report, world.somchai, decisions={})
    assert preview.needs_unchecked_confirmation
    with pytest.raises(ServiceError, match="ยังไม่ได้ตรวจ"):
        publish(world, report)
    publication = publish(world, report, confirm_unchecked=True)
    assert publication.files.get(role="signed").public_name == "v1-signed.png"
    assert world.client(None).get("/klaeng/2568/report-r2/v1-signed.png").status_code == 200
    assert publication.privacy["unchecked"] == ["signed"]


def test_publishing_without_the_signed_copy_needs_no_confirmation(world: World, report: Snapshot) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    documents.upload_signed_copy(
        report, world.wichai, world.wichai.user, SimpleUploadedFile("signed.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    )
    publication = publish(world, report, include_signed=False)
    assert not publication.files.filter(role="signed").exists()


def test_a_later_round_1_report_does_not_replace_round_2(world: World, report: Snapshot) -> None:
    publish(world, report)
    measures_r1 = documents.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=1)
    publish(world, documents.approve_snapshot(measures_r1, world.wichai, world.wichai.user))
    assert world.client(None).get("/klaeng/2568/report-r1/").status_code == 200
    assert "ลงนามประกาศแล้ว" in world.client(None).get("/klaeng/2568/report-r2/").content.decode()
    assert approved_report  # (helper shared with conftest)
    assert measures  # imported for the edit-after-publish test


def test_the_request_form_lists_each_file_as_served_whatever_the_digit_setting(world: World, report: Snapshot) -> None:
    from io import BytesIO

    from docx import Document

    assert world.org.thai_digits  # names such as ita-report-2568-r2-v1.pdf must not become ๒๕๖๘
    publication = publish(world, report)
    client = world.client(world.somchai)
    docx = client.get(f"/o/klaeng/publish/{publication.pk}/request.docx")
    text = "\n".join(c.text for t in Document(BytesIO(docx.content)).tables for row in t.rows for c in row.cells)
    for f in publication.files.all():
        served = world.client(None).get(f"/klaeng/2568/report-r2/{f.public_name}")
        name = served["Content-Disposition"].split('filename="')[1].rstrip('"')
        assert name == f.filename and name in text, name
        assert f.sha256 in text
    assert "https://ita.example.go.th/klaeng/2568/report-r2/v1/" in text
