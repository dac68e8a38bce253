"""Django admin for superusers: organisations can be set up here; members are managed in the app."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from prongsai.orgs.models import Department, Membership, Organization, Oversight


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "district", "province", "slug", "is_demo"]
    list_filter = ["kind", "province", "is_demo"]
    search_fields = ["name", "district", "province", "slug"]


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organization", "order"]
    search_fields = ["name", "organization__name"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organization", "role", "removed_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "organization__name"]


@admin.register(Oversight)
class OversightAdmin(SimpleHistoryAdmin):
    list_display = ["user", "level", "province", "district", "removed_at"]
    list_filter = ["level", "province"]
    search_fields = ["user__username", "province", "district"]
