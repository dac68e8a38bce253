"""A file chosen on the evidence form, kept when the form comes back with an error, so it is not lost.

A browser never sends a chosen file again: after a refused submit (a bad date, a title too long) the
form would come back with its file field empty and the person might not notice. Instead the file is
kept as a *pending upload* of that person, for that measure: checked by its bytes like any evidence
file (core/uploads.py; a file that is itself refused is never kept), stored under
``pending/evidence/<organisation>/<user>/<token>`` in the default storage with a small JSON beside it
(name, size, SHA-256, measure, when), and named on the form by its token. The corrected submit uses it
without choosing again; choosing another file replaces it; the person may remove it.

A token is found only in its own member's folder and for its own measure: anyone else's token, or a
made-up one, is "not found" (404). Like the imports' drafts (imports/services.py), pending uploads
end with the membership (orgs/grants.py, "pending evidence files"), and any older than PENDING_DAYS
are deleted the next time the same person keeps one.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404
from django.utils import timezone

from prongsai.core.uploads import check_upload
from prongsai.measures.models import Measure
from prongsai.orgs import grants
from prongsai.orgs.models import Membership

PENDING_DAYS = 2  # pending uploads older than this are deleted the next time their owner keeps one
_TOKEN = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class PendingUpload:
    token: str
    filename: str
    size: int
    sha256: str
    measure_id: str
    path: str  # of the bytes in the default storage

    def open(self) -> File:
        """The kept bytes as a file to hand to add_evidence (name and size as chosen)."""
        stored = default_storage.open(self.path, "rb")
        return File(stored, name=self.filename)


def _folder(organization_id: Any, user_id: Any) -> str:
    return f"pending/evidence/{organization_id}/{user_id}"


def _paths(membership: Membership, token: str) -> tuple[str, str]:
    folder = _folder(membership.organization_id, membership.user_id)
    return f"{folder}/{token}.bin", f"{folder}/{token}.json"


def _drop_old(membership: Membership) -> None:
    folder = _folder(membership.organization_id, membership.user_id)
    if not default_storage.exists(folder):
        return
    cutoff = timezone.now() - timedelta(days=PENDING_DAYS)
    for name in default_storage.listdir(folder)[1]:
        if name.endswith(".json") and default_storage.get_modified_time(f"{folder}/{name}") < cutoff:
            discard(membership, name.removesuffix(".json"))


def keep(membership: Membership, measure: Measure, upload: UploadedFile) -> PendingUpload:
    """Keep a chosen file for the next submit of this measure's evidence form.

    Raises ServiceError (field "file", naming the file) if the file itself would be refused as evidence.
    """
    checked = check_upload(upload, upload.name or "file", upload.size or 0, max_mb=settings.EVIDENCE_MAX_MB)
    _drop_old(membership)
    token = secrets.token_hex(16)
    data_path, meta_path = _paths(membership, token)
    upload.seek(0)
    default_storage.save(data_path, upload)
    meta = {
        "filename": checked.filename,
        "size": checked.size,
        "sha256": checked.sha256,
        "measure": str(measure.pk),
        "kept_at": timezone.now().isoformat(),
    }
    default_storage.save(meta_path, ContentFile(json.dumps(meta, ensure_ascii=False).encode()))
    return PendingUpload(token, checked.filename, checked.size, checked.sha256, str(measure.pk), data_path)


def pending_for(membership: Membership, measure: Measure, token: str) -> PendingUpload:
    """This member's pending upload for this measure; any other token (another member's, another
    measure's, one made up or already used) is 404."""
    if not _TOKEN.fullmatch(token or ""):
        raise Http404
    data_path, meta_path = _paths(membership, token)
    if not default_storage.exists(meta_path) or not default_storage.exists(data_path):
        raise Http404
    with default_storage.open(meta_path, "rb") as fh:
        meta = json.loads(fh.read().decode())
    if meta.get("measure") != str(measure.pk):
        raise Http404
    return PendingUpload(token, meta["filename"], int(meta["size"]), meta["sha256"], meta["measure"], data_path)


def discard(membership: Membership, token: str) -> None:
    """Delete one pending upload of this member (used, replaced or removed); a missing one is no error."""
    if not _TOKEN.fullmatch(token or ""):
        return
    for path in _paths(membership, token):
        default_storage.delete(path)


def _end_pending_evidence(member: Membership, actor: Any) -> None:
    """A leaver's pending evidence files in that organisation end with the membership (orgs/grants.py)."""
    folder = _folder(member.organization_id, member.user_id)
    if not default_storage.exists(folder):
        return
    for name in default_storage.listdir(folder)[1]:
        default_storage.delete(f"{folder}/{name}")


grants.register("pending evidence files", _end_pending_evidence)
