"""Checking uploaded files by their bytes, not their names."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

import filetype
from django.utils.translation import gettext as _

from prongsai.core.digits import num
from prongsai.core.errors import ServiceError

# extension -> content type served back; the bytes must agree with the extension.
BINARY_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
TEXT_TYPES = {"txt": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8"}
# Bytes that mean "this is not plain text": markup a browser would run.
_ACTIVE_MARKERS = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"<iframe", b"<body")
_EQUIVALENT = {"jpeg": "jpg", "doc": "doc", "xls": "doc", "ppt": "doc"}


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    extension: str
    content_type: str
    size: int
    sha256: str


def sha256_of(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def check_upload(stream: IO[bytes], filename: str, size: int, *, max_mb: int, field: str = "file") -> CheckedFile:
    """Refuse, with a Thai message naming the file, anything too big or whose bytes lie about it."""
    name = PurePath(filename).name or "file"
    if size > max_mb * 1024 * 1024:
        raise ServiceError(
            _('ไฟล์ "%(name)s" มีขนาด %(size)s MB เกินขนาดที่รับได้ %(max)s MB')
            % {"name": name, "size": num(f"{size / 1024 / 1024:.1f}"), "max": num(max_mb)},
            field,
        )
    if size == 0:
        raise ServiceError(_('ไฟล์ "%(name)s" ว่างเปล่า') % {"name": name}, field)
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = ", ".join(sorted({*BINARY_TYPES, *TEXT_TYPES}))
    if extension not in BINARY_TYPES and extension not in TEXT_TYPES:
        raise ServiceError(
            _('ไม่รับไฟล์ชนิด .%(ext)s ("%(name)s"): รับเฉพาะ %(allowed)s')
            % {"ext": extension or "?", "name": name, "allowed": allowed},
            field,
        )
    stream.seek(0)
    head = stream.read(8192)
    stream.seek(0)
    guessed = filetype.guess(head)
    if extension in BINARY_TYPES:
        real = guessed.extension if guessed else None
        if real is None or _EQUIVALENT.get(real, real) != _EQUIVALENT.get(extension, extension):
            raise ServiceError(
                _('เนื้อไฟล์ "%(name)s" ไม่ใช่ไฟล์ .%(ext)s ตามชื่อ (พบเป็น %(real)s): ไม่รับไฟล์นี้')
                % {"name": name, "ext": extension, "real": real or _("ไม่ทราบชนิด")},
                field,
            )
        content_type = BINARY_TYPES[extension]
    else:
        lowered = head.lower()
        if guessed is not None or b"\x00" in head or any(marker in lowered for marker in _ACTIVE_MARKERS):
            raise ServiceError(
                _('ไฟล์ "%(name)s" ไม่ใช่ข้อความธรรมดาตามชื่อ .%(ext)s: ไม่รับไฟล์นี้') % {"name": name, "ext": extension},
                field,
            )
        content_type = TEXT_TYPES[extension]
    return CheckedFile(name, extension, content_type, size, sha256_of(stream))
