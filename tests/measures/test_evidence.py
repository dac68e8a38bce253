"""Evidence: checked by its bytes, hashed, served to members only as an attachment, withdrawn never erased."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.core.errors import ServiceError
from prongsai.measures import services
from prongsai.measures.models import Evidence

from .conftest import World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def add(world: World, f: SimpleUploadedFile | None = None, url: str = "") -> Evidence:
    return services.add_evidence(
        world.palad_measure, 1, world.somchai, world.somchai.user, title="รายงานการประชุม", upload=f, url=url
    )


def test_a_pdf_is_stored_with_its_sha256(world: World) -> None:
    e = add(world, upload("report.pdf", PDF))
    assert e.sha256 == hashlib.sha256(PDF).hexdigest()
    assert e.content_type == "application/pdf" and e.size == len(PDF)
    assert e.file.read() == PDF


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "ไม่ใช่ไฟล์ .pdf"),
        ("page.pdf", b"<!doctype html><html><script>alert(1)</script></html>", "ไม่ใช่ไฟล์ .pdf"),
        ("notes.txt", b"<html><body><script>alert(1)</script>", "ไม่ใช่ข้อความธรรมดา"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "ไม่รับไฟล์ชนิด .svg",
        ),
        ("run.exe", b"MZ\x90\x00", "ไม่รับไฟล์ชนิด .exe"),
    ],
)
def test_files_whose_bytes_do_not_match_their_name_are_refused(
    world: World, name: str, data: bytes, words: str
) -> None:
    with pytest.raises(ServiceError) as err:
        add(world, upload(name, data))
    assert words in err.value.message and name in err.value.message
    assert not Evidence.objects.exists()


def test_a_file_over_the_size_limit_is_refused(world: World, settings: Any) -> None:
    settings.EVIDENCE_MAX_MB = 1
    with pytest.raises(ServiceError) as err:
        add(world, upload("big.pdf", PDF + b"0" * (1024 * 1024)))
    assert "เกินขนาดที่รับได้ ๑ MB" in err.value.message  # the default digit style (core/digits.py)
    assert not Evidence.objects.exists()


def test_a_link_is_evidence_too_and_must_be_http(world: World) -> None:
    e = add(world, url="https://www.klaeng.go.th/news/1")
    assert e.url.endswith("/news/1") and not e.file
    with pytest.raises(ServiceError):
        add(world, url="javascript:alert(1)")


def test_withdrawing_keeps_the_record_with_who_and_why(world: World) -> None:
    e = add(world, upload("report.pdf", PDF))
    services.withdraw_evidence(e, world.somchai, world.somchai.user, reason="แนบผิดไฟล์")
    e.refresh_from_db()
    assert e.is_withdrawn and e.withdrawn_by == world.somchai.user and e.withdrawn_reason == "แนบผิดไฟล์"
    assert e.file.read() == PDF
    with pytest.raises(ServiceError):
        services.withdraw_evidence(e, world.somchai, world.somchai.user, reason="อีกครั้ง")


def test_withdrawing_needs_a_reason(world: World) -> None:
    e = add(world, upload("report.pdf", PDF))
    with pytest.raises(ServiceError):
        services.withdraw_evidence(e, world.somchai, world.somchai.user, reason=" ")


def test_evidence_is_served_only_to_members_as_an_attachment(world: World) -> None:
    e = add(world, upload("report.pdf", PDF))
    url = f"/evidence/{e.pk}/download/"
    response = world.client(world.prapa).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    assert world.client(world.prasert).get(url).status_code == 404
    assert world.client(None).get(url).status_code == 302
