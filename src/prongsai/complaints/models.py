"""Complaints, tip-offs and e-service requests from citizens, and how an organisation handles them.

A Case is filed on the public form (or through the API), or registered by staff for the other
channels. Every case gets a registry number (เลขรับ) per organisation per fiscal year and a tracking
code. A case of a corruption kind is *confidential*: only members holding an active CaseOfficer
permission ever see it (complaints/access.py); everyone else sees it only in counts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from prongsai.core.digits import num
from prongsai.core.models import BaseModel
from prongsai.orgs.models import Department, Membership, Organization


class Channel(models.TextChoices):
    WEB = "web", pgettext_lazy("complaint channel", "เว็บไซต์ (แบบฟอร์มออนไลน์)")
    WALK_IN = "walk_in", pgettext_lazy("complaint channel", "มาด้วยตนเอง")
    PHONE = "phone", pgettext_lazy("complaint channel", "โทรศัพท์")
    LETTER = "letter", pgettext_lazy("complaint channel", "หนังสือ/จดหมาย")
    FACEBOOK = "facebook", pgettext_lazy("complaint channel", "Facebook")
    LINE = "line", pgettext_lazy("complaint channel", "LINE")
    DAMRONGTHAM = "damrongtham", pgettext_lazy("complaint channel", "ศูนย์ดำรงธรรม (ส่งต่อ)")
    HOTLINE_1111 = "hotline_1111", pgettext_lazy("complaint channel", "สายด่วน ๑๑๑๑ (ส่งต่อ)")
    OTHER = "other", pgettext_lazy("complaint channel", "หน่วยงานอื่นส่งต่อ")


# Channels staff register by hand (the web channel is the public form and the API).
STAFF_CHANNELS = [c for c in Channel if c != Channel.WEB]


class CaseStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("case status", "รับเรื่อง")
    IN_PROGRESS = "in_progress", pgettext_lazy("case status", "อยู่ระหว่างดำเนินการ")
    DONE = "done", pgettext_lazy("case status", "ดำเนินการแล้วเสร็จ")
    REJECTED = "rejected", pgettext_lazy("case status", "ไม่รับเรื่อง")
    FORWARDED = "forwarded", pgettext_lazy("case status", "ส่งต่อหน่วยงานอื่น")


OPEN_STATUSES = (CaseStatus.RECEIVED, CaseStatus.IN_PROGRESS)
# The only moves the workflow allows; anything else is refused with a message.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    CaseStatus.RECEIVED: (CaseStatus.IN_PROGRESS, CaseStatus.REJECTED, CaseStatus.FORWARDED),
    CaseStatus.IN_PROGRESS: (CaseStatus.DONE, CaseStatus.FORWARDED),
    CaseStatus.DONE: (),
    CaseStatus.REJECTED: (),
    CaseStatus.FORWARDED: (),
}


class ComplaintSettings(models.Model):
    """Per organisation: the privacy notice shown on the form and the LINE Official Account."""

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="complaint_settings")
    privacy_notice = models.TextField(_("ประกาศความเป็นส่วนตัว (เพิ่มเติม)"), blank=True)
    line_basic_id = models.CharField(_("LINE Official Account ID (เช่น @klaeng)"), max_length=40, blank=True)
    # Secrets of the LINE Messaging API channel: written by the admin, never shown back.
    line_channel_secret = models.CharField(max_length=128, blank=True)
    line_access_token = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"complaint settings of {self.organization_id}"

    @property
    def line_ready(self) -> bool:
        return bool(self.line_channel_secret and self.line_access_token)


class CaseKind(BaseModel):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="case_kinds")
    name = models.CharField(_("ประเภทเรื่อง"), max_length=120)
    deadline_days = models.PositiveSmallIntegerField(_("ตอบกลับภายใน (วันทำการ)"), default=15)
    is_corruption = models.BooleanField(_("เรื่องทุจริตและประพฤติมิชอบ (เป็นความลับ)"), default=False)
    active = models.BooleanField(_("เปิดรับ"), default=True)
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="case_kind_unique_name")]
        verbose_name = _("ประเภทเรื่อง")
        verbose_name_plural = _("ประเภทเรื่อง")

    def __str__(self) -> str:
        return self.name


class Holiday(models.Model):
    """A day the organisation is closed (weekends are never working days and need no row)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField(_("วันที่"))
    name = models.CharField(_("ชื่อวันหยุด"), max_length=120)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["organization", "date"], name="holiday_unique_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class RegistryCounter(models.Model):
    """The last registry number given in one organisation's fiscal year; locked while a number is taken."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "fiscal_year"], name="registry_one_per_year")]

    def __str__(self) -> str:
        return f"{self.fiscal_year}: {self.last_number}"


class CaseOfficer(models.Model):
    """The dedicated permission to see and handle corruption reports (and nothing else grants it)."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="case_officer")
    active = models.BooleanField(default=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"case officer {self.membership_id} ({'active' if self.active else 'withdrawn'})"


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> CaseQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: date) -> CaseQuerySet:
        return self.open().filter(due_date__lt=today)

    def not_confidential(self) -> CaseQuerySet:
        return self.filter(confidential=False)


class Case(BaseModel):
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="cases")
    kind = models.ForeignKey(CaseKind, on_delete=models.PROTECT, related_name="cases", verbose_name=_("ประเภท"))
    # Copied from the kind when filed, so a later change to the kind never exposes a report.
    confidential = models.BooleanField(default=False)
    channel = models.CharField(_("ช่องทาง"), max_length=16, choices=Channel.choices, default=Channel.WEB)
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ"))
    registry_no = models.PositiveIntegerField(_("เลขรับ"))
    tracking_code = models.CharField(_("รหัสติดตามเรื่อง"), max_length=16, unique=True)
    subject = models.CharField(_("เรื่อง"), max_length=300)
    details = models.TextField(_("รายละเอียด"))
    place = models.CharField(_("สถานที่เกิดเหตุ"), max_length=300, blank=True)
    contact_name = models.CharField(_("ชื่อผู้แจ้ง"), max_length=200, blank=True)
    contact_phone = models.CharField(_("โทรศัพท์"), max_length=40, blank=True)
    contact_email = models.EmailField(_("อีเมล"), blank=True)
    contact_line = models.CharField(_("LINE ID"), max_length=100, blank=True)
    consent_at = models.DateTimeField(_("ยินยอมตามประกาศความเป็นส่วนตัวเมื่อ"), null=True, blank=True)
    status = models.CharField(_("สถานะ"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.RECEIVED)
    status_reason = models.TextField(_("เหตุผลที่ไม่รับเรื่อง"), blank=True)
    forwarded_to = models.CharField(_("ส่งต่อไปยัง"), max_length=300, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases", verbose_name=_("ส่วนราชการ")
    )
    received_at = models.DateTimeField(_("รับเรื่องเมื่อ"))
    due_date = models.DateField(_("กำหนดตอบกลับ"))
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set when the citizen sends the tracking code to the organisation's LINE Official Account.
    line_user_id = models.CharField(max_length=64, blank=True)
    history = HistoricalRecords()

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "fiscal_year", "registry_no"], name="case_unique_registry")
        ]
        indexes = [
            models.Index(fields=["organization", "received_at"]),
            # The overseers' counts per fiscal year (oversight/queries.py), read from the index alone.
            models.Index(fields=["fiscal_year", "organization", "status", "confidential"], name="case_year_counts"),
        ]
        verbose_name = _("เรื่องร้องเรียน")
        verbose_name_plural = _("เรื่องร้องเรียน")

    def __str__(self) -> str:
        return f"{self.registry_display} {self.organization.slug}"

    @property
    def registry_display(self) -> str:
        """เลขรับ as written in the register: "๑/๒๕๖๘" (in the request's digit style, core/digits.py)."""
        return num(f"{self.registry_no}/{self.fiscal_year}")

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_date < today

    @property
    def anonymous(self) -> bool:
        return not (self.contact_name or self.contact_phone or self.contact_email or self.contact_line)

    def allowed_moves(self) -> tuple[str, ...]:
        return TRANSITIONS.get(self.status, ())


def _attachment_path(instance: Any, filename: str) -> str:
    return f"complaints/{instance.case.organization_id}/{instance.case_id}/{filename}"


class CaseAttachment(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=300)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.filename


class EventKind(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("case event", "รับเรื่อง")
    ASSIGNED = "assigned", pgettext_lazy("case event", "มอบหมายส่วนราชการ")
    STATUS = "status", pgettext_lazy("case event", "เปลี่ยนสถานะ")
    NOTE = "note", pgettext_lazy("case event", "บันทึกภายใน")
    REPLY = "reply", pgettext_lazy("case event", "ตอบผู้ร้อง")
    LINE_LINKED = "line_linked", pgettext_lazy("case event", "ผู้ร้องเชื่อม LINE")


class CaseEvent(BaseModel):
    """The case's timeline (append-only). Public events (status, replies) show on the tracking page."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=16, choices=CaseStatus.choices, blank=True)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(blank=True)
    public = models.BooleanField(default=False)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    line_sent_at = models.DateTimeField(null=True, blank=True)
    delivery_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at}"


class CaseAccessLog(models.Model):
    """Who opened a confidential case, when, and what they did (append-only)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="access_log")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=40)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at} {self.user_id} {self.action}"


class RateBucket(models.Model):
    """Recent hits of one client key (a keyed hash, never the address itself) for the sliding-window limit."""

    key = models.CharField(max_length=64, primary_key=True)
    hits = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self) -> str:
        return self.key
