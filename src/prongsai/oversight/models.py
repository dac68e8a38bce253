"""The audit record of bulk generation: one row per batch of the synthetic country.

Rows written by `prongsai gen-demo` (organisations, departments, plans, measures, progress, report
snapshots, ITA assessments, complaints) are made with bulk_create and carry NO history rows of
their own: this record says who made them, when, with which command and seed, and how many of
each kind. Every generated organisation is marked `is_demo=True` and named "… ตัวอย่าง …".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel


class GenerationBatch(BaseModel):
    run = models.UUIDField(_("รหัสการสร้างข้อมูล"), db_index=True)  # the same for every batch of one run
    number = models.PositiveIntegerField(_("ชุดที่"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    command = models.CharField(_("คำสั่ง"), max_length=300)
    seed = models.BigIntegerField(_("ค่าเริ่มสุ่ม"))
    years = models.CharField(_("ปีงบประมาณ"), max_length=100)
    first_org = models.PositiveIntegerField(_("หน่วยงานลำดับแรก"))
    last_org = models.PositiveIntegerField(_("หน่วยงานลำดับสุดท้าย"))
    # Model label -> rows written in this batch, e.g. {"orgs.Organization": 500, "measures.Progress": 9812}.
    counts = models.JSONField(_("จำนวนแถว"), default=dict)

    class Meta:
        ordering = ["-created_at", "number"]
        constraints = [models.UniqueConstraint(fields=["run", "number"], name="oversight_batch_unique_number")]
        verbose_name = _("ชุดการสร้างข้อมูลตัวอย่าง")
        verbose_name_plural = _("ชุดการสร้างข้อมูลตัวอย่าง")

    def __str__(self) -> str:
        return f"gen-demo {self.run} #{self.number}"
