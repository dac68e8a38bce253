"""Django admin (superusers only): reading, never writing; confidential cases are not listed at all."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from prongsai.complaints.models import Case, CaseAccessLog, CaseKind, Holiday
from prongsai.measures.admin import ReadOnlyHistoryAdmin


@admin.register(Case)
class CaseAdmin(ReadOnlyHistoryAdmin):
    list_display = ["organization", "fiscal_year", "registry_no", "kind", "channel", "status", "received_at"]
    list_filter = ["status", "channel", "fiscal_year"]
    exclude = ["details", "contact_name", "contact_phone", "contact_email", "contact_line", "line_user_id"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(confidential=False)


@admin.register(CaseKind)
class CaseKindAdmin(ReadOnlyHistoryAdmin):
    list_display = ["organization", "name", "deadline_days", "is_corruption", "active"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Holiday)
class HolidayAdmin(ReadOnlyAdmin):
    list_display = ["organization", "date", "name"]


@admin.register(CaseAccessLog)
class CaseAccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "action"]
