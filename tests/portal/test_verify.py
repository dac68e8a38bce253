"""Verification by file and by hash, on the public page and with `prongsai verify`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from prongsai.documents.models import Snapshot
from prongsai.portal.models import Publication
from prongsai.portal.services import documents as publishing

from .conftest import World


@pytest.fixture
def publication(world: World, report: Snapshot) -> Publication:
    return publishing.publish(report, world.somchai, world.somchai.user, decisions={})


def pdf_bytes(world: World) -> bytes:
    return world.client(None).get("/klaeng/2568/report-r2/v1.pdf").getvalue()


def verify_cli(path: Path) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify", str(path), stdout=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_an_uploaded_published_file_is_named_with_its_organisation_document_version_and_date(
    world: World, publication: Publication
) -> None:
    response = world.client(None).post("/verify/", {"file": SimpleUploadedFile("r.pdf", pdf_bytes(world))})
    page = response.content.decode()
    assert response.status_code == 200
    assert "เป็นเอกสารที่เผยแพร่" in page and "องค์การบริหารส่วนตำบลแกลง" in page
    assert "ฉบับที่ ๑" in page and "๒๕๖๘" in page
    assert publication.files.get(role="pdf").sha256 in page


def test_a_pasted_hash_is_verified_too(world: World, publication: Publication) -> None:
    sha = publication.files.get(role="docx").sha256
    page = world.client(None).get("/verify/", {"sha256": sha.upper()}).content.decode()
    assert "เป็นเอกสารที่เผยแพร่" in page and "docx" in page


def test_the_same_file_with_one_byte_changed_is_not_a_published_document(
    world: World, publication: Publication
) -> None:
    content = bytearray(pdf_bytes(world))
    content[len(content) // 2] ^= 0x01
    page = world.client(None).post("/verify/", {"file": SimpleUploadedFile("r.pdf", bytes(content))}).content.decode()
    assert "ไม่ใช่เอกสารที่เผยแพร่" in page


def test_a_withdrawn_file_still_verifies_as_withdrawn_with_when_and_why(world: World, publication: Publication) -> None:
    content = pdf_bytes(world)
    publishing.withdraw(publication, world.somchai, world.somchai.user, reason="แก้ไขตัวเลขผิด")
    page = world.client(None).post("/verify/", {"file": SimpleUploadedFile("r.pdf", content)}).content.decode()
    assert "ถอนการเผยแพร่เมื่อ" in page and "แก้ไขตัวเลขผิด" in page


def test_asking_with_nothing_or_a_malformed_hash_says_what_is_wrong(world: World, db: None) -> None:
    client = world.client(None)
    assert client.post("/verify/", {}).status_code == 400
    response = client.get("/verify/", {"sha256": "not-a-hash"})
    assert response.status_code == 400 and "๖๔" in response.content.decode()


def test_the_command_line_verifies_a_file(world: World, publication: Publication, tmp_path: Path) -> None:
    good = tmp_path / "good.pdf"
    good.write_bytes(pdf_bytes(world))
    code, output = verify_cli(good)
    assert code == 0 and "PUBLISHED" in output and "klaeng" in output and "v1" in output
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(good.read_bytes() + b"\n")
    code, output = verify_cli(bad)
    assert code == 1 and "NOT PUBLISHED" in output
    publishing.withdraw(publication, world.somchai, world.somchai.user, reason="ผิดฉบับ")
    code, output = verify_cli(good)
    assert code == 1 and "WITHDRAWN" in output and "ผิดฉบับ" in output
