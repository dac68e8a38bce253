"""Is this file (or this SHA-256) a published document? Answered from the publication log.

A file larger than every published file cannot be one: the page takes uploads up to the largest
published file's size plus a margin (and never more than an absolute ceiling), refuses a larger
request before reading its body (its Content-Length), and stops reading a file part at the cap
(CappedUpload) — an anonymous 1 GiB upload is neither stored nor hashed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db.models import Max

from prongsai.portal.models import LogAction, LogEntry

SHA256 = re.compile(r"^[0-9a-f]{64}$")
MIB = 1024 * 1024
# Over the largest published file: room for any file that could still be one, so the answer
# "not published" is certain for anything larger.
MARGIN = MIB
# The form's other parts (the token, the pasted hash, the boundaries) are a few hundred bytes.
FORM_OVERHEAD = 64 * 1024


def absolute_cap() -> int:
    """Never more than this, whatever is published: the larger of 64 MiB and the evidence limit."""
    return max(64 * MIB, int(settings.EVIDENCE_MAX_MB) * MIB + MARGIN)


def upload_cap() -> int:
    """The largest upload the page reads: the largest published file plus MARGIN (one aggregate
    over the publication log), within absolute_cap()."""
    largest = LogEntry.objects.filter(action=LogAction.PUBLISH).aggregate(n=Max("size"))["n"] or 0
    return min(int(largest) + MARGIN, absolute_cap())


class CappedUpload(FileUploadHandler):
    """First of the request's upload handlers: passes a file's bytes on to the next handler until the
    file is larger than `cap`, then stops reading the request (StopUpload) and sets `stopped`."""

    def __init__(self, cap: int, request: Any = None) -> None:
        super().__init__(request)
        self.cap = cap
        self.stopped = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start + len(raw_data) > self.cap:
            self.stopped = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


@dataclass
class Match:
    published: LogEntry
    withdrawn: LogEntry | None

    @property
    def path(self) -> str:
        e = self.published
        if e.document == "evidence":
            return f"/{e.organization}/evidence/{e.subject}/"
        doc = "plan" if e.document == "plan" else f"report-r{e.round}"
        return f"/{e.organization}/{e.fiscal_year}/{doc}/v{e.version}/"


def sha256_stream(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text or "").lower()


def lookup(sha256: str) -> list[Match]:
    """Every publication of a file with this hash (normally one), with its withdrawal if any."""
    sha256 = normalise(sha256)
    if not SHA256.match(sha256):
        return []
    entries = list(LogEntry.objects.filter(sha256=sha256).order_by("seq"))
    withdrawals = {(e.subject, e.format): e for e in entries if e.action == LogAction.WITHDRAW}
    return [Match(e, withdrawals.get((e.subject, e.format))) for e in entries if e.action == LogAction.PUBLISH]
