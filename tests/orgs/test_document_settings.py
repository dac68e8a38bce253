"""The admin sets how documents look: Thai digits, the Word font, the size, the emblem."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.orgs.models import Organization

from .conftest import World


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def url(world: World) -> str:
    return f"/o/{world.org.slug}/settings/"


def test_the_admin_sets_digits_font_size_and_emblem(world: World) -> None:
    client = world.client(world.somchai)
    assert client.get(url(world)).status_code == 200
    emblem = SimpleUploadedFile("ตรา.png", tiny_png())
    r = client.post(url(world), {"docx_font": "TH SarabunIT๙", "font_size": "15", "emblem": emblem})
    assert r.status_code == 302
    org = Organization.objects.get(pk=world.org.pk)
    assert (org.thai_digits, org.docx_font, org.font_size) == (False, "TH SarabunIT๙", 15)
    assert org.emblem.read() == tiny_png()
    assert org.history.first().history_user == world.somchai.user


def test_an_emblem_that_is_not_an_image_or_a_bad_size_is_refused_and_nothing_changes(world: World) -> None:
    client = world.client(world.somchai)
    r = client.post(
        url(world),
        {
            "thai_digits": "on",
            "docx_font": "TH SarabunPSK",
            "font_size": "16",
            "emblem": SimpleUploadedFile("ตรา.pdf", b"%PDF-1.4\n%%EOF"),
        },
    )
    assert r.status_code == 400 and "ต้องเป็นไฟล์ PNG หรือ JPEG" in r.content.decode()
    r = client.post(url(world), {"docx_font": "TH SarabunPSK", "font_size": "40"})
    assert r.status_code == 400
    org = Organization.objects.get(pk=world.org.pk)
    assert (org.thai_digits, org.font_size, bool(org.emblem)) == (True, 16, False)


def test_only_the_admin_reaches_the_settings(world: World) -> None:
    assert world.client(None).get(url(world)).status_code == 302
    assert world.client(world.prasert).get(url(world)).status_code == 404
    for member in (world.malee, world.wichai):
        assert world.client(member).get(url(world)).status_code == 403
        assert world.client(member).post(url(world), {"font_size": "12"}).status_code == 403


def test_the_admin_chooses_where_the_report_prints_problems(world: World) -> None:
    client = world.client(world.somchai)
    page = client.get(url(world)).content.decode()
    assert "๗ คอลัมน์: ปัญหา/อุปสรรค อยู่ในช่องข้อเสนอแนะ" in page and "๘ คอลัมน์" in page
    assert Organization.objects.get(pk=world.org.pk).report_layout == "in_suggestions"  # the seed's 7 columns
    settings = {"thai_digits": "on", "docx_font": "TH SarabunPSK", "font_size": "16"}
    r = client.post(url(world), {**settings, "report_layout": "problems_column"})
    assert r.status_code == 302
    org = Organization.objects.get(pk=world.org.pk)
    assert org.report_layout == "problems_column" and org.problems_column
    latest = org.history.first()
    assert latest.history_user == world.somchai.user and latest.report_layout == "problems_column"
    assert client.post(url(world), {**settings, "report_layout": "nine_columns"}).status_code == 400
    assert client.post(url(world), settings).status_code == 302  # not sent: the layout stays
    assert Organization.objects.get(pk=world.org.pk).report_layout == "problems_column"
