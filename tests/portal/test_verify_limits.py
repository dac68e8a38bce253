"""/verify/ reads no upload larger than every published file: it says so in Thai without hashing it,
and stops reading the request; a pasted hash and a published file still verify."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.documents.models import Snapshot
from prongsai.portal import verification
from prongsai.portal.models import LogAction, LogEntry, Publication
from prongsai.portal.services import documents as publishing
from prongsai.portal.views import verify as verify_views

from .conftest import World

TOO_LARGE = "ใหญ่กว่าเอกสารทุกฉบับที่เผยแพร่ จึงไม่ใช่เอกสารที่เผยแพร่"
GIB = 1024 * 1024 * 1024


@pytest.fixture
def publication(world: World, report: Snapshot) -> Publication:
    return publishing.publish(report, world.somchai, world.somchai.user, decisions={})


@pytest.fixture
def no_hashing(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Fails the test if the page hashes anything (counts calls to sha256_stream)."""
    calls: list[int] = []

    def refuse(stream: Any) -> str:
        calls.append(1)
        raise AssertionError("the upload was hashed")

    monkeypatch.setattr(verification, "sha256_stream", refuse)
    monkeypatch.setattr(verify_views, "sha256_stream", refuse)
    return calls


class EndlessBody:
    """A request body that claims 1 GiB and counts what is read of it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        size = 64 * 1024 if size is None or size < 0 else min(size, 64 * 1024)
        self.read_bytes += size
        return b"x" * size

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def largest_published() -> int:
    sizes = LogEntry.objects.filter(action=LogAction.PUBLISH).values_list("size", flat=True)
    return max(sizes, default=0)


def test_the_cap_is_the_largest_published_file_plus_a_margin_within_an_absolute_ceiling(
    world: World, publication: Publication, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert largest_published() > 0
    assert verification.upload_cap() == largest_published() + verification.MARGIN
    settings.EVIDENCE_MAX_MB = 20
    assert verification.absolute_cap() == 64 * 1024 * 1024
    settings.EVIDENCE_MAX_MB = 100
    assert verification.absolute_cap() == 100 * 1024 * 1024 + verification.MARGIN
    monkeypatch.setattr(verification, "absolute_cap", lambda: 1000)
    assert verification.upload_cap() == 1000


def test_a_one_gibibyte_upload_is_refused_in_thai_before_its_body_is_read(
    world: World, publication: Publication, no_hashing: list[int]
) -> None:
    body = EndlessBody()
    response = world.client(None).generic(
        "POST",
        "/verify/",
        b"",
        content_type="multipart/form-data; boundary=BoUnDaRy",
        **{"wsgi.input": body, "CONTENT_LENGTH": str(GIB)},
    )
    page = response.content.decode()
    assert response.status_code == 413
    assert TOO_LARGE in page and "วางค่า SHA-256" in page
    assert body.read_bytes == 0 and no_hashing == []


def test_a_file_just_over_the_cap_is_stopped_at_the_cap_and_not_hashed(
    world: World, publication: Publication, no_hashing: list[int]
) -> None:
    cap = verification.upload_cap()
    content = b"\x00" * (cap + 1)  # within the form's overhead: only the upload handler can stop it
    response = world.client(None).post("/verify/", {"file": SimpleUploadedFile("big.pdf", content)})
    assert response.status_code == 413
    assert TOO_LARGE in response.content.decode() and no_hashing == []


def test_the_upload_handler_stops_reading_as_soon_as_the_file_passes_the_cap() -> None:
    from django.core.files.uploadhandler import StopUpload

    handler = verification.CappedUpload(100)
    assert handler.receive_data_chunk(b"a" * 60, 0) == b"a" * 60
    with pytest.raises(StopUpload) as stopped:
        handler.receive_data_chunk(b"a" * 60, 60)
    assert stopped.value.connection_reset and handler.stopped


def test_a_pasted_hash_still_verifies_and_the_page_leads_with_the_paste_field(
    world: World, publication: Publication
) -> None:
    sha = publication.files.get(role="pdf").sha256
    page = world.client(None).post("/verify/", {"sha256": sha}).content.decode()
    assert "เป็นเอกสารที่เผยแพร่" in page and sha in page
    form = world.client(None).get("/verify/").content.decode()
    assert form.index('name="sha256"') < form.index('name="file"')


def test_when_both_are_given_the_pasted_hash_is_used_and_the_file_is_not_hashed(
    world: World, publication: Publication, no_hashing: list[int]
) -> None:
    sha = publication.files.get(role="pdf").sha256
    response = world.client(None).post("/verify/", {"sha256": sha, "file": SimpleUploadedFile("x.pdf", b"%PDF-1.4")})
    assert "เป็นเอกสารที่เผยแพร่" in response.content.decode() and no_hashing == []


def test_a_published_file_under_the_cap_still_verifies(world: World, publication: Publication) -> None:
    content = world.client(None).get("/klaeng/2568/report-r2/v1.pdf").getvalue()
    assert len(content) <= verification.upload_cap()
    response = world.client(None).post("/verify/", {"file": SimpleUploadedFile("r.pdf", content)})
    assert response.status_code == 200
    assert "เป็นเอกสารที่เผยแพร่" in response.content.decode()
    assert hashlib.sha256(content).hexdigest() in response.content.decode()


def test_with_nothing_published_a_large_upload_is_refused_but_a_small_one_is_answered(
    world: World, db: None, no_hashing: list[int]
) -> None:
    client = world.client(None)
    big = client.post("/verify/", {"file": SimpleUploadedFile("x.pdf", b"\x00" * (verification.MARGIN + 1))})
    assert big.status_code == 413 and no_hashing == []
