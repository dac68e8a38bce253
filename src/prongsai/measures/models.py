"""A year's plan of measures, their progress per round, and the evidence behind it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from prongsai.core.digits import lazy_digits
from prongsai.core.models import BaseModel
from prongsai.orgs.models import Department, Organization


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan status", "ร่าง")
    SUBMITTED = "submitted", pgettext_lazy("plan status", "เสนออนุมัติแล้ว")
    APPROVED = "approved", pgettext_lazy("plan status", "อนุมัติแล้ว")


class PlanQuerySet(models.QuerySet["Plan"]):
    def for_org(self, org: Organization) -> PlanQuerySet:
        return self.filter(organization=org)


class Plan(BaseModel):
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="plans")
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    title = models.CharField(_("ชื่อแผน"), max_length=300, blank=True)
    intro = models.TextField(_("บทนำ"), blank=True)
    status = models.CharField(_("สถานะ"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("เสนอเมื่อ"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("อนุมัติเมื่อ"), null=True, blank=True)
    # How many times the plan has been approved; > 0 means its measures may never be deleted.
    approvals_count = models.PositiveIntegerField(default=0)
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies")
    # The signature block of the documents, as edited before approval:
    # {"reporter"|"reviewer"|"approver": {"name", "position", "date" (ISO)}}; blanks are filled
    # from the plan's submission and approval.
    signatures = models.JSONField(_("ผู้ลงนามในเอกสาร"), default=dict, blank=True)
    # Copy-forward only: the B.E. years found in the copied text that the officer accepts (moved on a
    # year) or keeps, one by one; empty once all are decided. Items: measures/year_review.py.
    year_review = models.JSONField(_("ปีที่ต้องตรวจทานหลังคัดลอก"), default=list, blank=True)
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["organization", "fiscal_year"], name="plan_one_per_year")]
        # A year's plans (and their organisations) read from the index alone (the overseers' dashboard).
        indexes = [models.Index(fields=["fiscal_year", "organization", "id"], name="plan_year_org_idx")]
        verbose_name = _("แผนมาตรการ")
        verbose_name_plural = _("แผนมาตรการ")

    def __str__(self) -> str:
        return f"{self.organization} {self.fiscal_year}"

    @property
    def measures_locked(self) -> bool:
        """Measures are fixed while the plan awaits approval or is approved (amend to change them)."""
        return self.status != PlanStatus.DRAFT

    @property
    def was_ever_approved(self) -> bool:
        return self.approvals_count > 0


class PlanApproval(BaseModel):
    """Append-only record of each approval, with the approved content frozen as it was."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="approvals")
    number = models.PositiveIntegerField(_("ครั้งที่"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField()
    content = models.JSONField(_("เนื้อหาที่อนุมัติ"))

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="approval_unique_number")]


class Measure(BaseModel):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="measures")
    number = models.PositiveIntegerField(_("ลำดับ"))
    title = models.TextField(_("มาตรการหรือกิจกรรม"))
    methods = models.JSONField(_("วิธีการดำเนินการ"), default=list, blank=True)
    departments = models.ManyToManyField(Department, blank=True, related_name="measures")
    # The ผู้รับผิดชอบ cell exactly as written (imports keep it; the UI shows it when set).
    responsible_text = models.CharField(_("ผู้รับผิดชอบ (ตามที่เขียน)"), max_length=500, blank=True)
    timeframe_text = models.CharField(_("ระยะเวลา"), max_length=500, blank=True)
    # (year B.E., month) pairs read from the phrase or chosen in the form; [] when only a phrase.
    months = models.JSONField(_("เดือนที่ดำเนินการ"), default=list, blank=True)
    timeframe_needs_review = models.BooleanField(_("ระยะเวลาต้องตรวจทาน"), default=False)
    indicators = models.JSONField(_("ตัวชี้วัด ITA ที่เกี่ยวข้อง"), default=list, blank=True)
    # Stable topic keys of the OIT items the measure serves (e.g. "no-gift", "measures-report"): the
    # same key across ITA years, whatever code the year's catalogue gives the item.
    oit_topics = models.JSONField(_("ข้อ OIT ที่เกี่ยวข้อง"), default=list, blank=True)
    target = models.TextField(_("เป้าหมาย"), blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[departments])

    class Meta:
        ordering = ["plan", "number"]
        # (plan, id): the measures of a year's plans read from the index alone (the overseers' dashboard).
        indexes = [models.Index(fields=["plan", "id"], name="measure_plan_id_idx")]
        verbose_name = _("มาตรการ")
        verbose_name_plural = _("มาตรการ")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def responsible_display(self) -> str:
        if self.responsible_text:
            return self.responsible_text
        return " ".join(d.name for d in self.departments.all())

    def to_dict(self) -> dict[str, Any]:
        """The fields a user edits, for conflict messages and frozen copies."""
        return {
            "number": self.number,
            "title": self.title,
            "methods": list(self.methods),
            "departments": sorted(d.name for d in self.departments.all()),
            "responsible_text": self.responsible_text,
            "timeframe_text": self.timeframe_text,
            "months": [list(m) for m in self.months],
            "indicators": list(self.indicators),
            "oit_topics": list(self.oit_topics),
            "target": self.target,
            "version": self.version,
        }


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("progress status", "ยังไม่ดำเนินการ")
    IN_PROGRESS = "in_progress", pgettext_lazy("progress status", "อยู่ระหว่างดำเนินการ")
    DONE = "done", pgettext_lazy("progress status", "ดำเนินการแล้วเสร็จ")
    CANCELLED = "cancelled", pgettext_lazy("progress status", "ยกเลิก")


class Round(models.IntegerChoices):
    # Labels written in this request's digit style (core/digits.py): "รอบ 6 เดือน" for an organisation using Arabic.
    SIX_MONTHS = 1, lazy_digits(pgettext_lazy("round", "รอบ ๖ เดือน (ต.ค.–มี.ค.)"))
    TWELVE_MONTHS = 2, lazy_digits(pgettext_lazy("round", "รอบ ๑๒ เดือน (ต.ค.–ก.ย.)"))


class Progress(BaseModel):
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="progress")
    round = models.PositiveSmallIntegerField(_("รอบ"), choices=Round.choices)
    results = models.JSONField(_("ผลการดำเนินการ"), default=list, blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=16, choices=ProgressStatus.choices, default=ProgressStatus.NOT_STARTED
    )
    # The status phrase as the user wrote it (e.g. "ดำเนินการแล้ว เสร็จ"); shown in documents.
    status_text = models.CharField(_("ผลลัพธ์หรือความสำเร็จ (ตามที่เขียน)"), max_length=500, blank=True)
    outcome = models.TextField(_("ผลลัพธ์"), blank=True)
    suggestions = models.TextField(_("ข้อเสนอแนะ"), blank=True)
    problems = models.TextField(_("ปัญหา/อุปสรรค"), blank=True)
    version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "round"]
        constraints = [models.UniqueConstraint(fields=["measure", "round"], name="progress_one_per_round")]
        # The measures done in a round, read from the index alone (the overseers' dashboard).
        indexes = [models.Index(fields=["status", "round", "measure"], name="progress_status_round_idx")]
        verbose_name = _("ผลการดำเนินการ")
        verbose_name_plural = _("ผลการดำเนินการ")

    def __str__(self) -> str:
        return f"{self.measure} / {self.round}"

    @property
    def status_display(self) -> str:
        return self.status_text or str(self.get_status_display())

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.round,
            "results": list(self.results),
            "status": self.status,
            "status_text": self.status_text,
            "outcome": self.outcome,
            "suggestions": self.suggestions,
            "problems": self.problems,
            "version": self.version,
        }


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    plan = instance.measure.plan
    return f"evidence/{plan.organization_id}/{plan.fiscal_year}/{instance.id}"


class EvidenceQuerySet(models.QuerySet["Evidence"]):
    def current(self) -> EvidenceQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class Evidence(BaseModel):
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="evidence")
    round = models.PositiveSmallIntegerField(_("รอบ"), choices=Round.choices)
    title = models.CharField(_("ชื่อหลักฐาน"), max_length=300)
    file = models.FileField(_("ไฟล์"), upload_to=evidence_upload_to, blank=True, max_length=300)
    filename = models.CharField(_("ชื่อไฟล์"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField(_("ลิงก์"), max_length=1000, blank=True)
    period_start = models.DateField(_("ช่วงเวลาที่หลักฐานครอบคลุม: ตั้งแต่"), null=True, blank=True)
    period_end = models.DateField(_("ถึง"), null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(_("ถอนเมื่อ"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_reason = models.TextField(_("เหตุผลที่ถอน"), blank=True)
    history = HistoricalRecords()

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "round", "created_at"]
        verbose_name = _("หลักฐาน")
        verbose_name_plural = _("หลักฐาน")

    def __str__(self) -> str:
        return self.title

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
