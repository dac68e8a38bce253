"""A file chosen on the evidence form survives a refused submit (measures/services/pending.py).

Personas: tests/measures/conftest.py (somchai admin, malee editor limited to กองคลัง, prapa viewer).
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from prongsai.measures.models import Evidence
from prongsai.measures.services import pending
from prongsai.orgs.services import remove_member

from .conftest import World

NOTE = "ประชุมคณะทำงานครั้งที่ ๑\nผู้เข้าร่วม ๑๒ คน\n".encode()
TOKEN = re.compile(r'name="pending_file" value="([0-9a-f]{32})"')


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def chosen(data: bytes = NOTE, name: str = "บันทึกการประชุม.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/plain")


def refused_with_file(world: World, client: Any, measure: Any = None, **fields: Any) -> tuple[str, str]:
    """A submit refused for a bad date, with a file chosen: the page and the kept file's token."""
    measure = measure or world.palad_measure
    data = {"round": "1", "title": "บันทึกการประชุม", "period_start": "๓๑/๑๓/๖๗", "file": chosen(), **fields}
    response = client.post(f"/measures/{measure.pk}/evidence/new/", data)
    assert response.status_code == 400
    page = response.content.decode()
    found = TOKEN.search(page)
    assert found, page
    return page, found.group(1)


def test_a_file_chosen_before_an_error_is_kept_and_used_by_the_corrected_submit(world: World) -> None:
    client = world.client(world.somchai)
    page, token = refused_with_file(world, client)
    assert "อ่านวันที่" in page  # the error is shown on the date …
    assert "ไฟล์ที่เลือกไว้: บันทึกการประชุม.txt (เก็บไว้แล้ว ไม่ต้องเลือกใหม่)" in page  # … and the file is named
    assert Evidence.objects.count() == 0
    corrected = {"round": "1", "title": "บันทึกการประชุม", "period_start": "๑/๑๐/๖๖", "pending_file": token}
    response = client.post(f"/measures/{world.palad_measure.pk}/evidence/new/", corrected)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.filename == "บันทึกการประชุม.txt"
    assert evidence.sha256 == hashlib.sha256(NOTE).hexdigest() and evidence.size == len(NOTE)
    assert evidence.file.read() == NOTE
    # Used once: the kept copy is gone, and its token now finds nothing.
    with pytest.raises(Http404):
        pending.pending_for(world.somchai, world.palad_measure, token)
    assert client.post(f"/measures/{world.palad_measure.pk}/evidence/new/", corrected).status_code == 404
    assert Evidence.objects.count() == 1


def test_another_member_cannot_use_a_kept_file(world: World) -> None:
    """somchai keeps a file on กองคลัง's measure, which malee may edit too: to her it does not exist."""
    measure = world.finance_measure
    _page, token = refused_with_file(world, world.client(world.somchai), measure)
    url = f"/measures/{measure.pk}/evidence/new/"
    data = {"round": "1", "title": "ของคนอื่น", "pending_file": token}
    assert world.client(world.malee).post(url, data).status_code == 404
    assert world.client(world.prasert).post(url, data).status_code == 404  # another organisation
    # A kept file belongs to one form: its owner cannot use it on another measure either.
    other = world.client(world.somchai).post(f"/measures/{world.palad_measure.pk}/evidence/new/", data)
    assert other.status_code == 404
    assert Evidence.objects.count() == 0
    assert pending.pending_for(world.somchai, measure, token).sha256 == hashlib.sha256(NOTE).hexdigest()


@pytest.mark.parametrize("token", ["", "0" * 31, "../../etc/passwd", "g" * 32, "0" * 32])
def test_a_made_up_token_is_not_found(world: World, token: str) -> None:
    data = {"round": "1", "title": "ก", "url": "https://example.go.th/a", "pending_file": token}
    response = world.client(world.somchai).post(f"/measures/{world.palad_measure.pk}/evidence/new/", data)
    assert response.status_code == (302 if token == "" else 404)


def test_the_kept_file_can_be_removed_or_replaced(world: World) -> None:
    client = world.client(world.somchai)
    url = f"/measures/{world.palad_measure.pk}/evidence/new/"
    _page, token = refused_with_file(world, client)
    # Removed: the submit goes on without it (and, with no link either, is refused for that).
    removed = client.post(url, {"round": "1", "title": "ก", "pending_file": token, "drop_pending": "1"})
    assert removed.status_code == 400
    assert "ไฟล์ที่เลือกไว้" not in removed.content.decode()
    assert client.post(url, {"round": "1", "title": "ก", "pending_file": token}).status_code == 404
    # Replaced: a new file chosen with a kept one is the one used.
    _page, token = refused_with_file(world, client)
    other = b"another file\n"
    response = client.post(url, {"round": "1", "title": "ก", "pending_file": token, "file": chosen(other, "อื่น.txt")})
    assert response.status_code == 302
    assert Evidence.objects.get().sha256 == hashlib.sha256(other).hexdigest()
    with pytest.raises(Http404):
        pending.pending_for(world.somchai, world.palad_measure, token)


def test_a_refused_file_is_never_kept_and_the_error_says_so(world: World, settings: Any) -> None:
    settings.EVIDENCE_MAX_MB = 1
    url = f"/measures/{world.palad_measure.pk}/evidence/new/"
    big = chosen(b"x" * (1024 * 1024 + 10), "ใหญ่.txt")
    response = world.client(world.somchai).post(url, {"round": "1", "title": "ก", "period_start": "ผิด", "file": big})
    page = response.content.decode()
    assert response.status_code == 400
    assert "เกินขนาดที่รับได้ ๑ MB" in page
    assert "pending_file" not in page
    assert not default_storage.exists("pending")


def test_kept_files_end_with_the_membership(world: World) -> None:
    measure = world.finance_measure
    _page, theirs = refused_with_file(world, world.client(world.malee), measure)
    _page, mine = refused_with_file(world, world.client(world.somchai), measure)
    remove_member(world.somchai, world.somchai.user, world.malee)
    with pytest.raises(Http404):
        pending.pending_for(world.malee, measure, theirs)
    assert not default_storage.listdir(f"pending/evidence/{world.org.pk}/{world.malee.user_id}")[1]
    assert pending.pending_for(world.somchai, measure, mine)  # nobody else's goes with her
