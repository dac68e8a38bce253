"""Is this file (or this SHA-256) a published document? Answered from the publication log."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import IO

from prongsai.portal.models import LogAction, LogEntry

SHA256 = re.compile(r"^[0-9a-f]{64}$")


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
