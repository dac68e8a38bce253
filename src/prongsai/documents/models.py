"""Documents are rendered from snapshots: the rows frozen when the document was made, never live rows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from prongsai.core.models import BaseModel
from prongsai.measures.models import Plan
from prongsai.orgs.models import Organization


class DocKind(models.TextChoices):
    REPORT = "report", pgettext_lazy("document kind", "รายงานผลการดำเนินการตามมาตรการ")
    PLAN = "plan", pgettext_lazy("document kind", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส")


class DocFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"
    CSV = "csv", "CSV"


class SnapshotStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("snapshot status", "ฉบับร่าง")
    APPROVED = "approved", pgettext_lazy("snapshot status", "อนุมัติแล้ว")


class Snapshot(BaseModel):
    """One numbered version of one document (a plan's report for a round, or the plan itself).

    `data` holds everything the renderers print. Once approved, neither `data` nor any rendered file
    changes: a correction is a new version.
    """

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="snapshots")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="snapshots")
    kind = models.CharField(_("เอกสาร"), max_length=16, choices=DocKind.choices)
    # 1 or 2 for a report; 0 for the plan document (which has no round).
    round = models.PositiveSmallIntegerField(_("รอบ"), default=0)
    version = models.PositiveIntegerField(_("ฉบับที่"))
    data = models.JSONField()
    emblem = models.FileField(upload_to="snapshots/emblems/", blank=True, max_length=300)
    status = models.CharField(_("สถานะ"), max_length=16, choices=SnapshotStatus.choices, default=SnapshotStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("อนุมัติเมื่อ"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["data"])

    class Meta:
        ordering = ["plan", "kind", "round", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "round", "version"], name="snapshot_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.plan.fiscal_year} r{self.round} v{self.version}"

    @property
    def is_approved(self) -> bool:
        return self.status == SnapshotStatus.APPROVED


class RenderedFile(BaseModel):
    """A file rendered from a snapshot, kept with its SHA-256 so a published hash can be checked."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="files")
    format = models.CharField(max_length=8, choices=DocFormat.choices)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    file = models.FileField(upload_to="snapshots/files/", max_length=300)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["snapshot", "format"], name="rendered_one_per_format")]


class SignedCopy(BaseModel):
    """The scan of the version the executive signed by hand, linked to its snapshot."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="signed_copies")
    file = models.FileField(upload_to="snapshots/signed/", max_length=300)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
