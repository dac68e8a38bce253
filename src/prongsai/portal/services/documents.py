"""Publishing an approved document version, and withdrawing it.

`preview` shows exactly what would become public: the files rendered from the public copy of the
data (the admin's masks applied) with their SHA-256, and the privacy findings still to decide.
`publish` renders the same files again (Typst output is byte-identical for the same data), checks
they are what the admin confirmed, and stores them with one log entry per file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.errors import ServiceError
from prongsai.documents.models import SignedCopy, Snapshot
from prongsai.documents.renderers import get_renderer
from prongsai.orgs.models import Membership
from prongsai.portal import cache, log
from prongsai.portal.models import FileRole, Publication, PublishedFile
from prongsai.portal.privacy import Finding, bytes_text, masked, scan_data, scan_text
from prongsai.portal.services.common import (
    MASK,
    mark_withdrawn,
    publisher_line,
    require_admin,
    require_resolved,
    unresolved,
)

RENDERED = ("pdf", "docx", "xlsx")


@dataclass
class PlannedFile:
    role: str
    filename: str
    content_type: str
    content: bytes = field(repr=False)
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass
class Preview:
    snapshot: Snapshot
    findings: list[Finding]
    signed: SignedCopy | None
    signed_findings: list[Finding]
    signed_checked: bool
    decisions: dict[str, str]
    include_signed: bool
    public_data: dict[str, Any]
    files: list[PlannedFile]

    @property
    def unresolved(self) -> list[Finding]:
        left = unresolved(self.findings, self.decisions)
        if self.include_signed:
            left += unresolved(self.signed_findings, self.decisions, can_mask=False)
        return left

    @property
    def needs_unchecked_confirmation(self) -> bool:
        return self.include_signed and self.signed is not None and not self.signed_checked

    def hashes(self) -> dict[str, str]:
        return {f.role: f.sha256 for f in self.files}


def _check(snapshot: Snapshot, membership: Membership) -> None:
    require_admin(membership, snapshot.organization)
    if not snapshot.is_approved:
        raise ServiceError(_("เผยแพร่ได้เฉพาะเอกสารฉบับที่อนุมัติแล้ว"))
    if Publication.objects.filter(snapshot=snapshot).exists():
        raise ServiceError(_("เอกสารฉบับนี้เผยแพร่ไปแล้ว (ฉบับที่ถอนแล้วเผยแพร่ซ้ำไม่ได้: สร้างฉบับใหม่)"))


def _read(stored: Any) -> bytes:
    with stored.open("rb") as fh:
        return bytes(fh.read())


def _planned(role: str, filename: str, content_type: str, content: bytes) -> PlannedFile:
    return PlannedFile(role, filename, content_type, content, hashlib.sha256(content).hexdigest())


def preview(
    snapshot: Snapshot, membership: Membership, *, decisions: dict[str, str], include_signed: bool = True
) -> Preview:
    """What publishing would make public, with these decisions (renders the files; nothing is saved)."""
    _check(snapshot, membership)
    findings = scan_data(snapshot.data)
    public_data = masked(snapshot.data, [f for f in findings if decisions.get(f.id) == MASK])
    emblem = _read(snapshot.emblem) if snapshot.emblem else None
    files = []
    for fmt in RENDERED:
        rendered = get_renderer(fmt)(public_data, emblem)
        files.append(_planned(fmt, rendered.filename, rendered.content_type, rendered.content))
    signed = snapshot.signed_copies.order_by("-created_at").first()
    signed_findings: list[Finding] = []
    signed_checked = False
    if signed is not None and include_signed:
        content = _read(signed.file)
        if hashlib.sha256(content).hexdigest() != signed.sha256:
            raise ServiceError(_("ไฟล์ฉบับลงนามที่เก็บไว้ไม่ตรงกับค่า SHA-256 ที่บันทึกไว้: แนบใหม่ก่อนเผยแพร่"))
        text = bytes_text(content, signed.filename.rsplit(".", 1)[-1])
        signed_checked = text is not None
        signed_findings = scan_text(text, _("ฉบับลงนาม")) if text else []
        files.append(_planned(FileRole.SIGNED, signed.filename, signed.content_type, content))
    return Preview(
        snapshot,
        findings,
        signed,
        signed_findings,
        signed_checked,
        decisions,
        include_signed and signed is not None,
        public_data,
        files,
    )


@transaction.atomic
def publish(
    snapshot: Snapshot,
    membership: Membership,
    actor: Any,
    *,
    decisions: dict[str, str],
    include_signed: bool = True,
    confirm_unchecked: bool = False,
    expected: dict[str, str] | None = None,
) -> Publication:
    """Make an approved version public, after every finding is masked or confirmed public."""
    snapshot = Snapshot.objects.select_for_update().select_related("organization", "plan").get(pk=snapshot.pk)
    plan = preview(snapshot, membership, decisions=decisions, include_signed=include_signed)
    require_resolved(plan.findings, decisions)
    if plan.include_signed:
        require_resolved(plan.signed_findings, decisions, can_mask=False)
    if plan.needs_unchecked_confirmation and not confirm_unchecked:
        raise ServiceError(
            _("ฉบับลงนามเป็นภาพสแกน ระบบตรวจข้อมูลส่วนบุคคลไม่ได้ (ยังไม่ได้ตรวจ): ยืนยันว่าตรวจด้วยตนเองแล้ว"), "confirm_unchecked"
        )
    if expected is not None and expected != plan.hashes():
        raise ServiceError(_("ไฟล์ที่จะเผยแพร่ไม่ตรงกับที่ยืนยันไว้: ตรวจทานอีกครั้ง"))
    now = timezone.now()
    publication = Publication.objects.create(
        organization=snapshot.organization,
        snapshot=snapshot,
        kind=snapshot.kind,
        fiscal_year=snapshot.plan.fiscal_year,
        round=snapshot.round,
        version=snapshot.version,
        title=str(snapshot.data.get("title", ""))[:300],
        public_data=plan.public_data,
        privacy={
            "findings": [f.to_dict() for f in plan.findings + plan.signed_findings],
            "decisions": {
                k: v for k, v in decisions.items() if k in {f.id for f in plan.findings + plan.signed_findings}
            },
            "unchecked": [FileRole.SIGNED] if plan.needs_unchecked_confirmation else [],
        },
        published_by=actor,
        published_at=now,
    )
    for planned in plan.files:
        item = PublishedFile(
            publication=publication,
            role=planned.role,
            filename=planned.filename,
            content_type=planned.content_type,
            sha256=planned.sha256,
            size=planned.size,
        )
        item.file.save(f"{publication.pk}-{item.public_name}", ContentFile(planned.content), save=False)
        item.save()
        _log(publication, item, actor, "publish")
    cache.bump()
    return publication


def _log(publication: Publication, item: PublishedFile, actor: Any, action: str, reason: str = "") -> None:
    org = publication.organization
    log.append(
        action=action,
        organization=org.slug,
        organization_name=org.name,
        document=publication.kind,
        fiscal_year=publication.fiscal_year,
        round=publication.round,
        version=publication.version,
        format=item.role,
        title=publication.title,
        filename=item.public_name,
        sha256=item.sha256,
        size=item.size,
        publisher=publisher_line(org, actor),
        reason=reason,
        subject=str(publication.pk),
    )


@transaction.atomic
def withdraw(publication: Publication, membership: Membership, actor: Any, *, reason: str) -> Publication:
    """Stop serving a publication's files; the record and the log keep when, who and why."""
    publication, reason = mark_withdrawn(publication, membership, actor, reason)
    for item in publication.files.all():
        _log(publication, item, actor, "withdraw", reason)
    cache.bump()
    return publication
