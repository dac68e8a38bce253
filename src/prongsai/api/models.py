"""API tokens: a person's key to the JSON API. Only a hash is stored; the token is shown once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from prongsai.core.models import BaseModel


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(BaseModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("ชื่อโทเค็น"), max_length=100)
    # sha256 hex of the token; the token itself is never stored.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The token's first characters, so a person can tell their tokens apart.
    prefix = models.CharField(_("ขึ้นต้นด้วย"), max_length=8, editable=False)
    last_used_at = models.DateTimeField(_("ใช้ล่าสุดเมื่อ"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ยกเลิกเมื่อ"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("โทเค็น API")
        verbose_name_plural = _("โทเค็น API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
