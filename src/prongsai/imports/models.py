"""What was imported: one row per file (or paste), from upload to confirmation.

A *draft* holds the uploaded bytes between the upload and the confirmation, and the file as read at the upload
(``parsed``, stored.py: the preview and the confirmation use it, the file is not read again; nothing is kept in
the session cookie), keyed by the file's SHA-256 and the browser session that uploaded it.
A *committed* row says the file went in: when, by whom, into which plan, with what counts. An organisation
imports a file (by its SHA-256) once: the same bytes again change nothing.

A *column layout* is what an officer chose, in a preview, for the columns of a measures table (layouts.py):
remembered per organisation under the table's layout key (from its header cells) and used again for the next
file whose table has the same header.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from prongsai.core.models import BaseModel
from prongsai.measures.models import Plan
from prongsai.orgs.models import Organization


class ImportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("import status", "รอยืนยัน")
    COMMITTED = "committed", pgettext_lazy("import status", "นำเข้าแล้ว")


class ImportKind(models.TextChoices):
    REPORT = "report", pgettext_lazy("import kind", "รายงานหรือแผน")
    ROUNDTRIP = "roundtrip", pgettext_lazy("import kind", "Excel ของส่วนราชการ")


class ImportRecord(BaseModel):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="imports")
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports")
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(_("ชื่อไฟล์"), max_length=255, blank=True)
    source_format = models.CharField(_("รูปแบบ"), max_length=16, blank=True)
    kind = models.CharField(max_length=16, choices=ImportKind.choices, default=ImportKind.REPORT)
    status = models.CharField(max_length=16, choices=ImportStatus.choices, default=ImportStatus.DRAFT)
    content = models.BinaryField(editable=False, default=b"")  # the file as uploaded
    parsed = models.JSONField(editable=False, default=dict, blank=True)  # a draft's file as read (stored.py)
    session_key = models.CharField(max_length=64, blank=True)  # the browser session of a draft
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    committed_at = models.DateTimeField(_("นำเข้าเมื่อ"), null=True, blank=True)
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), null=True, blank=True)
    round = models.PositiveSmallIntegerField(_("รอบ"), null=True, blank=True)
    # {"measures_created", "measures_updated", "progress_recorded", "departments_created", "skipped"}
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "sha256"],
                condition=models.Q(status="committed"),
                name="import_once_per_org",
            )
        ]
        indexes = [models.Index(fields=["organization", "sha256"], name="import_org_sha")]
        verbose_name = _("การนำเข้าเอกสาร")
        verbose_name_plural = _("การนำเข้าเอกสาร")

    def __str__(self) -> str:
        return f"{self.filename or self.sha256[:12]} ({self.status})"


class ColumnLayout(BaseModel):
    """The officer's choice for each column of one table layout (its header cells), for one organisation.

    ``headers``: the columns in order as [{"header": text as written, "key": header key}], for display;
    ``mapping``: header key -> a value of imports.columns.CHOICES, as given to readers.read_document(columns=).
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="column_layouts")
    layout_key = models.CharField(_("รหัสแบบตาราง"), max_length=64)
    headers = models.JSONField(_("หัวตาราง"), default=list)
    mapping = models.JSONField(_("การจับคู่คอลัมน์"), default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "layout_key"], name="column_layout_once_per_org")
        ]
        verbose_name = _("แบบตารางที่จำไว้")
        verbose_name_plural = _("แบบตารางที่จำไว้")

    def __str__(self) -> str:
        return f"{self.organization_id}:{self.layout_key}"
