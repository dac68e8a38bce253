"""Marking evidence public (an admin's decision, through the same privacy checks), and withdrawing it.

Evidence is published exactly as it was attached: its bytes and SHA-256 stay those recorded at upload.
So a finding cannot be masked in it: the admin confirms it is meant to be public, or withdraws the
evidence (measures) and attaches a redacted copy. A file with no text layer (a scan, an image, an
office file) is "not checked" and needs an explicit confirmation.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.errors import ServiceError
from prongsai.measures.models import Evidence
from prongsai.orgs.models import Membership
from prongsai.portal import cache, log
from prongsai.portal.models import PublishedEvidence
from prongsai.portal.privacy import Finding, bytes_text, scan_text
from prongsai.portal.services.common import (
    mark_withdrawn,
    publisher_line,
    require_admin,
    require_resolved,
    unresolved,
)

DEFAULT_TOPIC = "measures-report"


@dataclass
class EvidencePreview:
    evidence: Evidence
    findings: list[Finding]
    checked: bool
    sha256: str
    decisions: dict[str, str]

    @property
    def unresolved(self) -> list[Finding]:
        return unresolved(self.findings, self.decisions, can_mask=False)


def _check(evidence: Evidence, membership: Membership) -> None:
    require_admin(membership, evidence.measure.plan.organization)
    if evidence.is_withdrawn:
        raise ServiceError(_("หลักฐานนี้ถูกถอนแล้ว เผยแพร่ไม่ได้"))
    if PublishedEvidence.objects.current().filter(evidence=evidence).exists():
        raise ServiceError(_("หลักฐานนี้เผยแพร่อยู่แล้ว"))


def preview(evidence: Evidence, membership: Membership, *, decisions: dict[str, str]) -> EvidencePreview:
    _check(evidence, membership)
    findings = scan_text(evidence.title, _("ชื่อหลักฐาน"))
    if not evidence.file:
        findings += scan_text(evidence.url, _("ลิงก์"))
        return EvidencePreview(evidence, findings, True, "", decisions)
    with evidence.file.open("rb") as fh:
        content = fh.read()
    sha = hashlib.sha256(content).hexdigest()
    if sha != evidence.sha256:
        raise ServiceError(_("ไฟล์หลักฐานที่เก็บไว้ไม่ตรงกับค่า SHA-256 ที่บันทึกตอนแนบ: เผยแพร่ไม่ได้"))
    extension = evidence.filename.rsplit(".", 1)[-1] if "." in evidence.filename else ""
    text = bytes_text(content, extension)
    if text:
        findings += scan_text(text, _("ไฟล์ %(name)s") % {"name": evidence.filename})
    return EvidencePreview(evidence, findings, text is not None, sha, decisions)


@transaction.atomic
def publish(
    evidence: Evidence,
    membership: Membership,
    actor: Any,
    *,
    decisions: dict[str, str],
    confirm_unchecked: bool = False,
    topic: str = DEFAULT_TOPIC,
) -> PublishedEvidence:
    evidence = Evidence.objects.select_for_update().select_related("measure__plan__organization").get(pk=evidence.pk)
    plan = preview(evidence, membership, decisions=decisions)
    require_resolved(plan.findings, decisions, can_mask=False)
    if not plan.checked and not confirm_unchecked:
        raise ServiceError(
            _("ไฟล์นี้ไม่มีข้อความให้ตรวจ (ภาพสแกนหรือรูปภาพ): ยืนยันว่าตรวจข้อมูลส่วนบุคคลด้วยตนเองแล้ว"), "confirm_unchecked"
        )
    measure = evidence.measure
    org = measure.plan.organization
    item = PublishedEvidence.objects.create(
        organization=org,
        evidence=evidence,
        fiscal_year=measure.plan.fiscal_year,
        round=evidence.round,
        topic=(topic or DEFAULT_TOPIC)[:60],
        title=evidence.title,
        measure_number=measure.number,
        measure_title=measure.title,
        filename=evidence.filename,
        content_type=evidence.content_type,
        sha256=plan.sha256,
        size=evidence.size,
        url=evidence.url,
        privacy={
            "findings": [f.to_dict() for f in plan.findings],
            "decisions": {f.id: decisions[f.id] for f in plan.findings},
            "unchecked": [] if plan.checked else ["file"],
        },
        published_by=actor,
        published_at=timezone.now(),
    )
    _log(item, actor, "publish")
    cache.bump()
    return item


def _log(item: PublishedEvidence, actor: Any, action: str, reason: str = "") -> None:
    log.append(
        action=action,
        organization=item.organization.slug,
        organization_name=item.organization.name,
        document="evidence",
        fiscal_year=item.fiscal_year,
        round=item.round,
        version=0,
        format="file" if item.sha256 else "link",
        title=item.title[:300],
        filename=item.filename or item.url[:255],
        sha256=item.sha256,
        size=item.size,
        publisher=publisher_line(item.organization, actor),
        reason=reason,
        subject=str(item.pk),
    )


@transaction.atomic
def withdraw(item: PublishedEvidence, membership: Membership, actor: Any, *, reason: str) -> PublishedEvidence:
    item, reason = mark_withdrawn(item, membership, actor, reason)
    _log(item, actor, "withdraw", reason)
    cache.bump()
    return item
