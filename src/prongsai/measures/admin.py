"""Django admin, for superusers only (the site's has_permission is set in prongsai.urls)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from prongsai.measures.models import Evidence, Measure, Plan, PlanApproval, Progress


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """Integrity: writes go through the services (and the UI); the admin only reads and shows history."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyHistoryAdmin):
    list_display = ["organization", "fiscal_year", "status", "approved_at"]
    list_filter = ["status", "fiscal_year"]
    search_fields = ["organization__name"]


@admin.register(Measure)
class MeasureAdmin(ReadOnlyHistoryAdmin):
    list_display = ["plan", "number", "title"]
    search_fields = ["title", "plan__organization__name"]


@admin.register(Progress)
class ProgressAdmin(ReadOnlyHistoryAdmin):
    list_display = ["measure", "round", "status"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title", "measure", "round", "sha256", "withdrawn_at"]


@admin.register(PlanApproval)
class PlanApprovalAdmin(ReadOnlyHistoryAdmin):
    list_display = ["plan", "number", "approved_by", "approved_at"]
