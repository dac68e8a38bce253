"""Dates an administrator sets: for one organisation, or (no organisation) for every organisation.

The deadlines service (registry.py) returns them beside the dates it computes (the rounds); nothing
else stores a deadline, and no date is invented: a date that is neither a round's end nor set here
does not exist for Prongsai.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from prongsai.core.models import BaseModel
from prongsai.orgs.models import Organization


class SetDeadlineQuerySet(models.QuerySet["SetDeadline"]):
    def active(self) -> SetDeadlineQuerySet:
        return self.filter(removed_at__isnull=True)

    def for_org(self, org: Organization | None, fiscal_year: int) -> SetDeadlineQuerySet:
        """The organisation's own dates and those set for every organisation."""
        scope = models.Q(organization__isnull=True)
        if org is not None:
            scope |= models.Q(organization=org)
        return self.active().filter(scope, fiscal_year=fiscal_year)


class SetDeadline(BaseModel):
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="set_deadlines"
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    title = models.CharField(_("เรื่อง"), max_length=300)
    due = models.DateField(_("วันที่ครบกำหนด"))
    note = models.TextField(_("หมายเหตุ"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Removing keeps the row (and its history): a date that was announced stays on the record.
    removed_at = models.DateTimeField(_("ยกเลิกเมื่อ"), null=True, blank=True)
    history = HistoricalRecords()

    objects = SetDeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["due", "title"]
        indexes = [models.Index(fields=["fiscal_year", "organization"], name="deadline_year_org_idx")]
        verbose_name = _("กำหนดการ")
        verbose_name_plural = _("กำหนดการ")

    def __str__(self) -> str:
        return f"{self.due} {self.title}"
