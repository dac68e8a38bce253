"""ITA catalogues (versioned per year), an organisation's scores per ITA year, and bulk-import batches."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from prongsai.core.models import BaseModel
from prongsai.orgs.models import Organization

INDICATORS = range(1, 11)


class Catalogue(BaseModel):
    """One version of a year's catalogue. Versions are never edited: a correction is a new version.

    The versions are the history (who uploaded or edited what, when); exactly one per year is
    active. Version 1 of a year is the file shipped in the package, stored on first use.
    """

    year = models.PositiveSmallIntegerField(_("ปี ITA (พ.ศ.)"))
    version = models.PositiveIntegerField(_("ฉบับที่"))
    source_name = models.CharField(_("ไฟล์ต้นทาง"), max_length=200)
    content = models.JSONField(_("เนื้อหา"))
    sha256 = models.CharField(max_length=64)
    change = models.CharField(_("สิ่งที่เปลี่ยน"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(_("ฉบับที่ใช้อยู่"), default=True)

    class Meta:
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="ita_catalogue_unique_version"),
            models.UniqueConstraint(
                fields=["year"], condition=models.Q(is_active=True), name="ita_catalogue_one_active"
            ),
        ]
        verbose_name = _("เกณฑ์การประเมิน ITA")
        verbose_name_plural = _("เกณฑ์การประเมิน ITA")

    def __str__(self) -> str:
        return f"ITA {self.year} v{self.version}"

    @property
    def shipped(self) -> bool:
        return self.uploaded_by_id is None

    def item(self, code: str) -> dict[str, Any] | None:
        return next((i for i in self.content.get("oit_items", []) if i["code"].lower() == code.lower()), None)


class Source(models.TextChoices):
    FORM = "form", pgettext_lazy("ita source", "กรอกในแบบฟอร์ม")
    SHEET = "sheet", pgettext_lazy("ita source", "นำเข้าจากไฟล์")
    PASTED = "pasted", pgettext_lazy("ita source", "วางข้อความ")
    NATIONAL = "national sheet", pgettext_lazy("ita source", "นำเข้าจากตารางระดับจังหวัด/ประเทศ")


class ImportBatch(BaseModel):
    """The one audit record of a batch of a national (or provincial) sheet's rows.

    Rows in a batch are written with bulk_create/bulk_update and have no history of their own:
    this record says who wrote them, when, from which file (SHA-256), and how many.
    """

    run = models.UUIDField(_("รหัสการนำเข้า"), db_index=True)  # the same for every batch of one file
    number = models.PositiveIntegerField(_("ชุดที่"))
    year = models.PositiveSmallIntegerField(_("ปี ITA (พ.ศ.)"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source_name = models.CharField(_("ไฟล์"), max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    first_row = models.PositiveIntegerField(_("แถวแรก"))
    last_row = models.PositiveIntegerField(_("แถวสุดท้าย"))
    rows = models.PositiveIntegerField(_("จำนวนแถว"))
    created = models.PositiveIntegerField(_("สร้างใหม่"))
    updated = models.PositiveIntegerField(_("ปรับปรุง"))
    unknown = models.PositiveIntegerField(_("ไม่พบหน่วยงาน"))

    class Meta:
        ordering = ["-created_at", "number"]
        constraints = [models.UniqueConstraint(fields=["run", "number"], name="ita_batch_unique_number")]
        verbose_name = _("ชุดการนำเข้าคะแนน ITA")
        verbose_name_plural = _("ชุดการนำเข้าคะแนน ITA")

    def __str__(self) -> str:
        return f"ITA {self.year} import {self.run} #{self.number}"


def _score(label: Any) -> models.DecimalField[Decimal | None, Decimal | None]:
    return models.DecimalField(label, max_digits=5, decimal_places=2, null=True, blank=True)


class Assessment(BaseModel):
    """An organisation's ITA result of one year: the ten indicator scores and what the formula made of them."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="ita_assessments")
    year = models.PositiveSmallIntegerField(_("ปี ITA (พ.ศ.)"))
    catalogue = models.ForeignKey(Catalogue, on_delete=models.PROTECT, related_name="assessments")
    indicator_1 = _score(_("ตัวชี้วัดที่ 1"))
    indicator_2 = _score(_("ตัวชี้วัดที่ 2"))
    indicator_3 = _score(_("ตัวชี้วัดที่ 3"))
    indicator_4 = _score(_("ตัวชี้วัดที่ 4"))
    indicator_5 = _score(_("ตัวชี้วัดที่ 5"))
    indicator_6 = _score(_("ตัวชี้วัดที่ 6"))
    indicator_7 = _score(_("ตัวชี้วัดที่ 7"))
    indicator_8 = _score(_("ตัวชี้วัดที่ 8"))
    indicator_9 = _score(_("ตัวชี้วัดที่ 9"))
    indicator_10 = _score(_("ตัวชี้วัดที่ 10"))
    iit = _score("IIT")
    eit = _score("EIT")
    oit = _score("OIT")
    iit_share = _score(_("IIT ถ่วงน้ำหนัก"))
    eit_share = _score(_("EIT ถ่วงน้ำหนัก"))
    oit_share = _score(_("OIT ถ่วงน้ำหนัก"))
    ita = _score(_("คะแนน ITA"))
    grade = models.CharField(_("ระดับ"), max_length=8, blank=True)
    passed = models.BooleanField(_("ผ่านเกณฑ์"), null=True, blank=True)
    source = models.CharField(_("ที่มา"), max_length=20, choices=Source.choices, default=Source.FORM)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    import_batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="ita_assessment_unique_year")]
        verbose_name = _("ผลการประเมิน ITA")
        verbose_name_plural = _("ผลการประเมิน ITA")

    def __str__(self) -> str:
        return f"{self.organization} ITA {self.year}"

    @property
    def scores(self) -> dict[int, Decimal]:
        """Indicator number -> score, for the indicators that have one."""
        values = {n: getattr(self, f"indicator_{n}") for n in INDICATORS}
        return {n: v for n, v in values.items() if v is not None}

    @property
    def indicator_values(self) -> list[Decimal | None]:
        return [getattr(self, f"indicator_{n}") for n in INDICATORS]


class IndicatorNote(BaseModel):
    """What the officer writes against one indicator of a year's result: ประเด็นที่ต้องแก้ไข/ปรับปรุง.

    One per assessment and indicator; every change is kept in the history (who, when, the text).
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="notes")
    indicator = models.PositiveSmallIntegerField(_("ตัวชี้วัด"))
    text = models.TextField(_("ประเด็นที่ต้องแก้ไข/ปรับปรุง"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="ita_note_one_per_indicator"),
            models.CheckConstraint(
                condition=models.Q(indicator__gte=1, indicator__lte=10), name="ita_note_indicator_1_to_10"
            ),
        ]
        verbose_name = _("ประเด็นที่ต้องแก้ไข/ปรับปรุง")
        verbose_name_plural = _("ประเด็นที่ต้องแก้ไข/ปรับปรุง")

    def __str__(self) -> str:
        return f"{self.assessment} #{self.indicator}"
