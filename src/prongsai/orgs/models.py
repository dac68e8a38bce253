"""Organisations, their departments, and who may do what in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from prongsai.core.models import BaseModel


class OrgKind(models.TextChoices):
    SAO = "sao", pgettext_lazy("org kind", "องค์การบริหารส่วนตำบล")
    SUBDISTRICT_MUNI = "tambon", pgettext_lazy("org kind", "เทศบาลตำบล")
    TOWN_MUNI = "mueang", pgettext_lazy("org kind", "เทศบาลเมือง")
    CITY_MUNI = "nakhon", pgettext_lazy("org kind", "เทศบาลนคร")
    PAO = "pao", pgettext_lazy("org kind", "องค์การบริหารส่วนจังหวัด")
    SPECIAL = "special", pgettext_lazy("org kind", "องค์กรปกครองส่วนท้องถิ่นรูปแบบพิเศษ")
    OTHER = "other", pgettext_lazy("org kind", "หน่วยงานอื่น")


# Typical departments per kind (ITA.md, "Local organisations"); each organisation edits its own.
_SAO_DEPARTMENTS = [
    "สำนักปลัด",
    "กองคลัง",
    "กองช่าง",
    "กองการศึกษา ศาสนาและวัฒนธรรม",
    "กองสาธารณสุขและสิ่งแวดล้อม",
    "กองสวัสดิการสังคม",
]
DEFAULT_DEPARTMENTS: dict[str, list[str]] = {
    OrgKind.SAO: _SAO_DEPARTMENTS,
    OrgKind.SUBDISTRICT_MUNI: ["สำนักปลัดเทศบาล", *_SAO_DEPARTMENTS[1:]],
    OrgKind.TOWN_MUNI: ["สำนักปลัดเทศบาล", *_SAO_DEPARTMENTS[1:], "กองยุทธศาสตร์และงบประมาณ"],
    OrgKind.CITY_MUNI: ["สำนักปลัดเทศบาล", *_SAO_DEPARTMENTS[1:], "กองยุทธศาสตร์และงบประมาณ", "กองการประปา"],
    OrgKind.PAO: ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม", "กองแผนและงบประมาณ"],
    OrgKind.SPECIAL: ["สำนักปลัด", "สำนักการคลัง"],
    OrgKind.OTHER: ["สำนักงาน"],
}


class ReportLayout(models.TextChoices):
    """Where the report puts ปัญหา/อุปสรรค: under ข้อเสนอแนะ (the seed's 7 columns) or a column of its own."""

    IN_SUGGESTIONS = (
        "in_suggestions",
        pgettext_lazy("report layout", "๗ คอลัมน์: ปัญหา/อุปสรรค อยู่ในช่องข้อเสนอแนะ (ขึ้นต้นด้วย ปัญหา/อุปสรรค:)"),
    )
    PROBLEMS_COLUMN = (
        "problems_column",
        pgettext_lazy("report layout", "๘ คอลัมน์: ปัญหา/อุปสรรค มีคอลัมน์ของตัวเอง (ก่อนข้อเสนอแนะ)"),
    )


class Organization(BaseModel):
    kind = models.CharField(_("ประเภท"), max_length=16, choices=OrgKind.choices, default=OrgKind.SAO)
    name = models.CharField(_("ชื่อหน่วยงาน"), max_length=200)
    district = models.CharField(_("อำเภอ"), max_length=100, blank=True)
    province = models.CharField(_("จังหวัด"), max_length=100, blank=True)
    code = models.CharField(_("รหัสหน่วยงาน"), max_length=20, blank=True)
    slug = models.SlugField(_("ชื่อย่อในที่อยู่เว็บ"), max_length=60, unique=True)
    is_demo = models.BooleanField(_("ข้อมูลตัวอย่าง"), default=False)
    thai_digits = models.BooleanField(_("ใช้เลขไทยในเอกสาร"), default=True)
    emblem = models.FileField(_("ตราสัญลักษณ์"), upload_to="emblems/", blank=True, max_length=300)
    docx_font = models.CharField(
        _("แบบอักษรในไฟล์ Word"),
        max_length=40,
        choices=[("TH SarabunPSK", "TH SarabunPSK"), ("TH SarabunIT๙", "TH SarabunIT๙")],
        default="TH SarabunPSK",
    )
    font_size = models.PositiveSmallIntegerField(_("ขนาดตัวอักษร (พอยต์ของ TH Sarabun)"), default=16)
    report_layout = models.CharField(
        _("ตารางรายงานผล: ที่ของปัญหา/อุปสรรค"),
        max_length=20,
        choices=ReportLayout.choices,
        default=ReportLayout.IN_SUGGESTIONS,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["province", "district", "name"]
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")

    def __str__(self) -> str:
        return self.name

    @property
    def problems_column(self) -> bool:
        """The organisation's report has a ปัญหา/อุปสรรค column (else they go under ข้อเสนอแนะ)."""
        return self.report_layout == ReportLayout.PROBLEMS_COLUMN


class Department(BaseModel):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("ชื่อส่วนราชการ"), max_length=120)
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="department_unique_name")]
        verbose_name = _("ส่วนราชการ")
        verbose_name_plural = _("ส่วนราชการ")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", pgettext_lazy("role", "ผู้ดูแลหน่วยงาน")
    EDITOR = "editor", pgettext_lazy("role", "ผู้บันทึกข้อมูล")
    APPROVER = "approver", pgettext_lazy("role", "ผู้อนุมัติ (ผู้บริหาร)")
    VIEWER = "viewer", pgettext_lazy("role", "ผู้อ่านอย่างเดียว")
    # Never stored on a Membership: the role an Oversight gives in the organisations it covers.
    OVERSEER = "overseer", pgettext_lazy("role", "ผู้กำกับติดตาม (อ่านอย่างเดียว)")


# The roles a membership may hold (an overseer's standing comes from an Oversight, never a membership).
MEMBER_ROLES = [Role.ADMIN, Role.EDITOR, Role.APPROVER, Role.VIEWER]


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(removed_at__isnull=True)


class Membership(BaseModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(
        _("บทบาท"), max_length=16, choices=[(r.value, r.label) for r in MEMBER_ROLES], default=Role.VIEWER
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="editors",
        verbose_name=_("จำกัดเฉพาะส่วนราชการ"),
        help_text=_("เว้นว่างไว้ = แก้ไขได้ทุกส่วนราชการ"),
    )
    removed_at = models.DateTimeField(_("ออกจากหน่วยงานเมื่อ"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[departments])

    objects = MembershipQuerySet.as_manager()

    class Meta:
        # One ACTIVE membership per person and organisation. A leaver's row stays (with what it held,
        # in its history); joining again makes a new row, so nothing tied to the old one comes back.
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=models.Q(removed_at__isnull=True),
                name="membership_one_active",
            )
        ]
        verbose_name = _("สมาชิก")
        verbose_name_plural = _("สมาชิก")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization} ({self.role})"

    @property
    def can_edit(self) -> bool:
        return self.role in (Role.ADMIN, Role.EDITOR)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def can_approve(self) -> bool:
        return self.role == Role.APPROVER


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        """Neither accepted nor revoked nor expired: its link still works."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(BaseModel):
    """An admin's invitation by e-mail: the person becomes a member only when they accept its link.

    The link's token is never stored, only its SHA-256 (`token_hash`); orgs/invitations.py makes the
    token and does every write (create, accept, revoke).
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    full_name = models.CharField(_("ชื่อ-นามสกุล"), max_length=150)
    email = models.EmailField(_("อีเมล"))
    role = models.CharField(
        _("บทบาท"), max_length=16, choices=[(r.value, r.label) for r in MEMBER_ROLES], default=Role.VIEWER
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    departments = models.ManyToManyField(
        Department, blank=True, related_name="invitations", verbose_name=_("จำกัดเฉพาะส่วนราชการ")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("ใช้ได้ถึง"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(_("รับคำเชิญเมื่อ"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.PROTECT, related_name="invitations"
    )
    revoked_at = models.DateTimeField(_("ยกเลิกเมื่อ"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[departments])

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("คำเชิญ")
        verbose_name_plural = _("คำเชิญ")

    def __str__(self) -> str:
        return f"{self.email} → {self.organization} ({self.role})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class OversightLevel(models.TextChoices):
    NATIONAL = "national", pgettext_lazy("oversight", "ทั้งประเทศ")
    PROVINCE = "province", pgettext_lazy("oversight", "จังหวัด")
    DISTRICT = "district", pgettext_lazy("oversight", "อำเภอ")


class OversightQuerySet(models.QuerySet["Oversight"]):
    def active(self) -> OversightQuerySet:
        return self.filter(removed_at__isnull=True)


class Oversight(BaseModel):
    """A district, province or national overseer: reads every organisation in scope, writes nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="oversights")
    level = models.CharField(_("ระดับ"), max_length=16, choices=OversightLevel.choices)
    province = models.CharField(_("จังหวัด"), max_length=100, blank=True)
    district = models.CharField(_("อำเภอ"), max_length=100, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = OversightQuerySet.as_manager()

    class Meta:
        verbose_name = _("ผู้กำกับติดตาม")
        verbose_name_plural = _("ผู้กำกับติดตาม")

    def __str__(self) -> str:
        return f"{self.user} {self.level} {self.province} {self.district}".strip()

    def organizations(self) -> models.QuerySet[Organization]:
        """The organisations in scope."""
        orgs = Organization.objects.all()
        if self.level == OversightLevel.PROVINCE:
            orgs = orgs.filter(province=self.province)
        elif self.level == OversightLevel.DISTRICT:
            orgs = orgs.filter(province=self.province, district=self.district)
        return orgs

    def covers(self, org: Organization) -> bool:
        if self.level == OversightLevel.NATIONAL:
            return True
        if self.level == OversightLevel.PROVINCE:
            return org.province == self.province
        return org.province == self.province and org.district == self.district
