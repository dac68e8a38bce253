"""Evidence becomes public only when an admin marks it so, through the same privacy checks."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.measures import services as measures
from prongsai.measures.models import Evidence
from prongsai.portal.models import LogEntry, PublishedEvidence
from prongsai.portal.services import evidence as publishing

from .conftest import World

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def add(world: World, name: str, content: bytes, title: str = "ภาพกิจกรรม") -> Evidence:
    return measures.add_evidence(
        world.palad_measure, 2, world.somchai, world.somchai.user, title=title, upload=SimpleUploadedFile(name, content)
    )


def test_evidence_is_not_public_until_an_admin_publishes_it(world: World) -> None:
    evidence = add(world, "minutes.txt", "บันทึกการประชุม ไม่มีข้อมูลส่วนบุคคล".encode())
    assert not PublishedEvidence.objects.exists()
    assert "minutes.txt" not in world.client(None).get("/klaeng/").content.decode()
    for who in (world.malee, world.wichai, world.prapa):
        with pytest.raises(NotAllowed):
            publishing.publish(evidence, who, who.user, decisions={})
    item = publishing.publish(evidence, world.somchai, world.somchai.user, decisions={})
    client = world.client(None)
    assert "บันทึกการประชุม" not in client.get("/klaeng/").content.decode()  # the title is what shows
    assert f"/klaeng/evidence/{item.pk}/" in client.get("/klaeng/").content.decode()
    download = client.get(f"/klaeng/evidence/{item.pk}/file")
    assert download.status_code == 200 and download["X-Content-SHA256"] == evidence.sha256
    assert LogEntry.objects.get().sha256 == evidence.sha256
    # It shows under the OIT item of the measures report of its fiscal year (ITA 2569 O26 → FY2568).
    assert f"/klaeng/evidence/{item.pk}/" in client.get("/klaeng/ita/2569/o26/").content.decode()


def test_a_finding_in_an_evidence_file_must_be_confirmed_public_it_cannot_be_masked(world: World) -> None:
    evidence = add(world, "contacts.txt", "ผู้ประสานงาน โทร 081-234-5678".encode())
    preview = publishing.preview(evidence, world.somchai, decisions={})
    [finding] = preview.findings
    assert finding.place == "ไฟล์ contacts.txt"
    with pytest.raises(ServiceError, match="ปิดบังข้อมูลไม่ได้"):
        publishing.publish(evidence, world.somchai, world.somchai.user, decisions={finding.id: "mask"})
    item = publishing.publish(evidence, world.somchai, world.somchai.user, decisions={finding.id: "public"})
    assert item.privacy["decisions"] == {finding.id: "public"}


def test_a_scan_is_not_checked_and_needs_an_explicit_confirmation(world: World) -> None:
    evidence = add(world, "scan.png", PNG)
    assert not publishing.preview(evidence, world.somchai, decisions={}).checked
    response = world.client(world.somchai).post(f"/o/klaeng/publish/evidence/{evidence.pk}/", {})
    assert response.status_code == 400 and "ยังไม่ได้ตรวจ" in response.content.decode()
    response = world.client(world.somchai).post(
        f"/o/klaeng/publish/evidence/{evidence.pk}/", {"confirm_unchecked": "on", "topic": "measures-report"}
    )
    assert response.status_code == 302
    assert PublishedEvidence.objects.get().privacy["unchecked"] == ["file"]


def test_withdrawn_evidence_is_no_longer_served_and_says_why(world: World) -> None:
    evidence = add(world, "minutes.txt", b"ok")
    item = publishing.publish(evidence, world.somchai, world.somchai.user, decisions={})
    publishing.withdraw(item, world.somchai, world.somchai.user, reason="แนบผิดไฟล์")
    client = world.client(None)
    gone = client.get(f"/klaeng/evidence/{item.pk}/file")
    assert gone.status_code == 410 and "แนบผิดไฟล์" in gone.content.decode()
    assert "ถอนการเผยแพร่เมื่อ" in client.get(f"/klaeng/evidence/{item.pk}/").content.decode()
    # It may be published again later, as a new record.
    publishing.publish(evidence, world.somchai, world.somchai.user, decisions={})
    assert PublishedEvidence.objects.count() == 2


def test_evidence_withdrawn_inside_the_organisation_cannot_be_published(world: World) -> None:
    evidence = add(world, "minutes.txt", b"ok")
    measures.withdraw_evidence(evidence, world.somchai, world.somchai.user, reason="ผิด")
    with pytest.raises(ServiceError, match="ถอนแล้ว"):
        publishing.publish(Evidence.objects.get(pk=evidence.pk), world.somchai, world.somchai.user, decisions={})


def test_the_measure_page_offers_the_admin_to_publish_evidence(world: World) -> None:
    evidence = add(world, "minutes.txt", b"ok")
    url = f"/o/klaeng/publish/evidence/{evidence.pk}/"
    assert url in world.client(world.somchai).get(f"/measures/{world.palad_measure.pk}/").content.decode()
    assert url not in world.client(world.malee).get(f"/measures/{world.palad_measure.pk}/").content.decode()


def test_a_pdf_with_a_text_layer_is_read_with_pdftotext(world: World) -> None:
    from prongsai.documents.renderers import get_renderer

    data = {
        "kind": "table",
        "filename": "contacts",
        "document_date": "2025-01-01",
        "identifier": "contacts",
        "version": 1,
        "thai_digits": False,
        "table": {"title_lines": ["รายชื่อผู้ประสานงาน"], "headers": ["ชื่อ", "โทรศัพท์"], "widths": [50, 50],
                  "rows": [["สมชาย", "081-234-5678"]]},
    }  # fmt: skip
    pdf = get_renderer("pdf")(data, None).content
    evidence = add(world, "contacts.pdf", pdf, title="รายชื่อ")
    preview = publishing.preview(evidence, world.somchai, decisions={})
    assert preview.checked
    assert [(f.kind, f.value) for f in preview.findings] == [("phone", "081-234-5678")]
