"""Django admin (superusers only): reading, never writing. A corruption report (confidential case) is
shown only to its organisation's case officers, and logged each time (admin_confidential.py)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from prongsai.complaints.admin_confidential import ConfidentialCaseAdmin, officer_organizations
from prongsai.complaints.models import Case, CaseAccessLog, CaseKind, Holiday
from prongsai.measures.admin import ReadOnlyHistoryAdmin


@admin.register(Case)
class CaseAdmin(ConfidentialCaseAdmin):
    list_display = ["organization", "fiscal_year", "registry_no", "kind", "channel", "status", "received_at"]
    list_filter = ["status", "channel", "fiscal_year"]
    exclude = ["details", "contact_name", "contact_phone", "contact_email", "contact_line", "line_user_id"]


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
    """Who opened which organisation's corruption reports, when. Every line is about a confidential
    case, so the case itself is neither named nor linked, and what was done is cut to its verb
    ("download", not the file's name) unless the viewer is a case officer of that organisation."""

    list_display = ["at", "user", "organization", "what"]
    fields = ["at", "user", "organization", "what"]
    readonly_fields = ["at", "user", "organization", "what"]
    list_select_related = ["user", "case__organization"]

    @admin.display(description=_("หน่วยงาน"))
    def organization(self, row: CaseAccessLog) -> str:
        return str(row.case.organization)

    @admin.display(description=_("การกระทำ"))
    def what(self, row: CaseAccessLog) -> str:
        return row.action

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        row = super().get_object(request, object_id, from_field)
        if row is not None:  # read-only: never saved (and the table refuses UPDATE anyway)
            row.action = self._shown(request, row)
        return row

    def _shown(self, request: HttpRequest, row: CaseAccessLog) -> str:
        if row.case.organization_id in officer_organizations(request):
            return row.action
        return row.action.split(" ", 1)[0]

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        changelist = super().get_changelist_instance(request)
        for row in changelist.result_list:
            row.action = self._shown(request, row)
        return changelist

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        # No filtering on what was done or on the case through the address (it would reveal both).
        return lookup.split("__", 1)[0] in {"at", "user"}
