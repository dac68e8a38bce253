"""Django admin, for superusers only: it reads. Writes go through the services and the ITA pages."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from prongsai.ita.models import Assessment, Catalogue, ImportBatch, IndicatorNote


class _ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Catalogue)
class CatalogueAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["year", "version", "is_active", "source_name", "uploaded_by", "created_at"]
    list_filter = ["year", "is_active"]


@admin.register(Assessment)
class AssessmentAdmin(_ReadOnly, SimpleHistoryAdmin):
    list_display = ["organization", "year", "ita", "grade", "source", "updated_at"]
    list_filter = ["year", "grade", "source"]
    search_fields = ["organization__name", "organization__code"]


@admin.register(ImportBatch)
class ImportBatchAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["run", "number", "year", "actor", "rows", "created", "updated", "unknown", "created_at"]
    list_filter = ["year"]


@admin.register(IndicatorNote)
class IndicatorNoteAdmin(_ReadOnly, SimpleHistoryAdmin):
    list_display = ["assessment", "indicator", "updated_by", "updated_at"]
    list_filter = ["assessment__year"]
    search_fields = ["assessment__organization__name", "text"]
