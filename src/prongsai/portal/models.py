"""What the public sees: published document versions, published evidence, and the publication log.

A `Publication` is one approved snapshot made public: `public_data` is the snapshot's data with the
privacy findings the admin chose to mask masked (the internal snapshot is never changed), and its
`files` were rendered from that copy. `PublishedEvidence` marks one evidence file or link public.
Withdrawing keeps the record (when, who, why) and stops the files from being served.

`LogEntry` is the publication log: one entry per published (or withdrawn) file, each carrying the
hash of the entry before it. Its table, like every history table, refuses UPDATE and DELETE in the
database (triggers.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.models import BaseModel
from prongsai.documents.models import Snapshot
from prongsai.measures.models import Evidence
from prongsai.orgs.models import Organization


class PublicQuerySet(models.QuerySet):
    def current(self) -> PublicQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class Withdrawable(BaseModel):
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"))
    # {"findings": [...], "decisions": {finding id: "mask"|"public"}, "unchecked": [...]}
    privacy = models.JSONField(default=dict, blank=True)
    withdrawn_at = models.DateTimeField(_("ถอนการเผยแพร่เมื่อ"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_reason = models.TextField(_("เหตุผลที่ถอน"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def last_changed(self) -> object:
        return self.withdrawn_at or self.published_at


class Publication(Withdrawable):
    """One approved document version made public."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="publications")
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="publications")
    kind = models.CharField(max_length=16)
    fiscal_year = models.PositiveIntegerField()
    round = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    public_data = models.JSONField()

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "kind", "-round", "-version"]
        indexes = [models.Index(fields=["organization", "fiscal_year"], name="portal_pub_org_year")]
        constraints = [models.UniqueConstraint(fields=["snapshot"], name="portal_publication_once")]

    def __str__(self) -> str:
        return f"{self.organization.slug} {self.doc_key} {self.fiscal_year} v{self.version}"

    @property
    def doc_key(self) -> str:
        """The document's part of its public address: plan, report-r1 or report-r2."""
        return "plan" if self.kind == "plan" else f"report-r{self.round}"


class FileRole(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"
    SIGNED = "signed", pgettext_lazy("published file", "ฉบับลงนาม")


class PublishedFile(BaseModel):
    """A public file of a publication: rendered from the public (masked) data, or the signed scan."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="files")
    role = models.CharField(max_length=8, choices=FileRole.choices)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    file = models.FileField(upload_to="public/", max_length=300)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["publication", "role"]
        constraints = [models.UniqueConstraint(fields=["publication", "role"], name="portal_file_one_per_role")]

    @property
    def public_name(self) -> str:
        """The file's name in its address: v1.pdf, v1.docx, v1-signed.pdf."""
        ext = self.filename.rsplit(".", 1)[-1].lower() if "." in self.filename else "bin"
        suffix = "-signed" if self.role == FileRole.SIGNED else ""
        return f"v{self.publication.version}{suffix}.{ext}"


class PublishedEvidence(Withdrawable):
    """One evidence file or link an admin marked public (the measures' Evidence row is not changed)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="published_evidence")
    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="publications")
    fiscal_year = models.PositiveIntegerField()
    round = models.PositiveSmallIntegerField()
    # The OIT topic (ITA catalogue) it belongs with; evidence shows with the measures report by default.
    topic = models.CharField(max_length=60, default="measures-report")
    title = models.CharField(max_length=300)
    measure_number = models.PositiveIntegerField()
    measure_title = models.TextField()
    filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    size = models.PositiveBigIntegerField(default=0)
    url = models.URLField(max_length=1000, blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "round", "measure_number", "published_at"]
        indexes = [models.Index(fields=["organization", "fiscal_year"], name="portal_ev_org_year")]


class LogAction(models.TextChoices):
    PUBLISH = "publish", pgettext_lazy("log action", "เผยแพร่")
    WITHDRAW = "withdraw", pgettext_lazy("log action", "ถอนการเผยแพร่")


class LogEntry(models.Model):
    """One entry of the publication log. Never updated or deleted (the database refuses both)."""

    seq = models.PositiveBigIntegerField(primary_key=True)
    at = models.DateTimeField()
    action = models.CharField(max_length=16, choices=LogAction.choices)
    organization = models.CharField(max_length=60)  # the slug
    organization_name = models.CharField(max_length=200)
    document = models.CharField(max_length=16)  # report, plan or evidence
    fiscal_year = models.PositiveIntegerField()
    round = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=0)
    format = models.CharField(max_length=8, blank=True)  # pdf, docx, xlsx, signed, file, link
    title = models.CharField(max_length=300)
    filename = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    size = models.PositiveBigIntegerField(default=0)
    publisher = models.CharField(max_length=150)
    reason = models.TextField(blank=True)
    subject = models.CharField(max_length=36, db_index=True)  # the Publication or PublishedEvidence id
    prev_hash = models.CharField(max_length=64, unique=True)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.organization} {self.filename} {self.entry_hash[:12]}"


class PublicPage(models.Model):
    """A rendered public page (HTML, JSON, CSV, XML), kept until the next publication changes it."""

    key = models.CharField(max_length=300, primary_key=True)
    generation = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    body = models.BinaryField()

    def __str__(self) -> str:
        return self.key


class CacheGeneration(models.Model):
    """One row: bumped on every publication, withdrawal, organisation or catalogue change."""

    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.value)
