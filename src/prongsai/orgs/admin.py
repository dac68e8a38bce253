"""Django admin for superusers: organisations can be set up here; members are managed in the app.

Their delete pages list what hangs off the row; a corruption report among it is named without its
content (complaints/admin_confidential.py), and so is it on a user's delete page.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from prongsai.complaints.admin_confidential import ConfidentialDeleteListMixin
from prongsai.orgs.models import Department, Invitation, Membership, Organization, Oversight

User = get_user_model()
if admin.site.is_registered(User):  # django.contrib.auth's admin comes first in INSTALLED_APPS
    admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(ConfidentialDeleteListMixin, UserAdmin):
    """Accounts are never deleted (their history would lose its actor): deactivate one instead."""

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Organization)
class OrganizationAdmin(ConfidentialDeleteListMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "district", "province", "slug", "is_demo"]
    list_filter = ["kind", "province", "is_demo"]
    search_fields = ["name", "district", "province", "slug"]


@admin.register(Department)
class DepartmentAdmin(ConfidentialDeleteListMixin, SimpleHistoryAdmin):
    list_display = ["name", "organization", "order"]
    search_fields = ["name", "organization__name"]


@admin.register(Membership)
class MembershipAdmin(ConfidentialDeleteListMixin, SimpleHistoryAdmin):
    """Read only: a membership is made by accepting an invitation and ended by remove_member, which ends
    every grant tied to it (orgs/grants.py); an edit here would skip that."""

    list_display = ["user", "organization", "role", "removed_at"]
    ordering = ["organization__name", "user__username", "-created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "organization__name"]

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Oversight)
class OversightAdmin(ConfidentialDeleteListMixin, SimpleHistoryAdmin):
    list_display = ["user", "level", "province", "district", "removed_at"]
    list_filter = ["level", "province"]
    search_fields = ["user__username", "province", "district"]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    """Read here; invitations are made, accepted and revoked in the app (the token is never stored)."""

    list_display = ["email", "full_name", "organization", "role", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email", "full_name", "organization__name"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
