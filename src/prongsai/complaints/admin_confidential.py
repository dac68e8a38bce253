"""Corruption reports (Case.confidential) in the Django admin: hidden, unless the viewer is their officer.

The admin is for superusers, but being a superuser grants nothing here: a confidential case, its
history rows and every row that carries its content are shown only to a superuser who is also an
active case officer (complaints.services.setup.is_case_officer) of the case's organisation — the
same rule as complaints/access.py — and every time one is shown to them it is written to
CaseAccessLog, as the app does. For anyone else the case does not exist: it is left out of the
changelist, the raw-id popup, search and autocomplete (get_queryset), its change page answers as
for a missing row (the admin's redirect to its index), its history list and history versions give
404 (also for a case that once was confidential), and a delete page that would list it (an
organisation's, a user's) names it and its rows without their content or a link.

- ConfidentialCaseAdmin: for the Case admin (queryset, change view, history list, history version).
- ConfidentialDeleteListMixin: for every admin that can delete something a case hangs off.
- log_admin_access: the access-log write.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects, quote
from django.db import router, transaction
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from prongsai.complaints.models import Case, CaseAccessLog
from prongsai.complaints.services.setup import is_case_officer
from prongsai.measures.admin import ReadOnlyHistoryAdmin
from prongsai.orgs.access import as_uuid
from prongsai.orgs.models import Membership

_CACHE = "_prongsai_officer_orgs"


def officer_organizations(request: HttpRequest) -> set[Any]:
    """Ids of the organisations whose corruption reports the request's user may see (once per request)."""
    cached = getattr(request, _CACHE, None)
    if cached is None:
        user = request.user
        memberships = Membership.objects.active().filter(user=user) if user.is_authenticated else []
        cached = {m.organization_id for m in memberships if is_case_officer(m)}
        setattr(request, _CACHE, cached)
    return cached


@transaction.atomic
def log_admin_access(user: Any, cases: Iterable[Case], action: str) -> None:
    """One CaseAccessLog row per case given (callers pass the confidential ones; the log is itself the audit record)."""
    rows = [CaseAccessLog(case=c, user=user, action=action[:40]) for c in cases]
    if rows:
        CaseAccessLog.objects.bulk_create(rows)


class ConfidentialCaseAdmin(ReadOnlyHistoryAdmin):
    """A case is in the admin only when the viewer may see it; every view of a confidential one is logged."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        shown = Q(confidential=False) | Q(organization_id__in=officer_organizations(request))
        return super().get_queryset(request).filter(shown)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and obj.confidential:
            log_admin_access(request.user, [obj], "admin view")
        return obj

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")  # None when it redirected
        if changelist is not None:
            log_admin_access(request.user, [c for c in changelist.result_list if c.confidential], "admin list")
        return response

    def _visible(self, request: HttpRequest, object_id: str) -> tuple[Case, bool]:
        """(the case, whether it is or ever was confidential) if the viewer may see every recorded
        version of it, else 404 — also for a case that no longer exists: its history is not shown alone."""
        case = self.get_queryset(request).filter(pk=as_uuid(object_id)).first()
        if case is None:
            raise Http404
        secret = case.confidential or Case.history.filter(id=case.pk, confidential=True).exists()
        if secret and case.organization_id not in officer_organizations(request):
            raise Http404
        return case, secret

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None) -> Any:
        case, secret = self._visible(request, object_id)
        response = super().history_view(request, str(case.pk), extra_context)
        if secret:
            log_admin_access(request.user, [case], "admin history")
        return response

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: dict[str, Any] | None = None
    ) -> Any:
        case, secret = self._visible(request, object_id)
        if not version_id.isdigit() or not Case.history.filter(id=case.pk, history_id=version_id).exists():
            raise Http404
        response = super().history_form_view(request, str(case.pk), version_id, extra_context)
        if secret:
            log_admin_access(request.user, [case], "admin history version")
        return response


# --- delete pages ------------------------------------------------------------------------------


def _case_of(obj: Model) -> Any:
    """The case an object carries content of (itself, its history row, or its `case`), or None."""
    if isinstance(obj, Case) or getattr(obj, "instance_type", None) is Case:
        return obj
    return getattr(obj, "case", None) if hasattr(obj, "case_id") else None


def _hidden(obj: Model) -> bool:
    case = _case_of(obj)
    return bool(case is not None and getattr(case, "confidential", False))


def deleted_objects(objs: Any, request: HttpRequest, admin_site: admin.AdminSite) -> Any:
    """django.contrib.admin.utils.get_deleted_objects, naming a corruption report's rows (the case,
    its events, files, access-log lines) without their content or a link to them."""
    try:
        obj = objs[0]
    except IndexError:
        return [], {}, set(), []
    collector = NestedObjects(using=router.db_for_write(obj._meta.model), origin=objs)
    collector.collect(objs)
    perms_needed: set[Any] = set()

    def format_callback(obj: Model) -> str:
        opts = obj._meta
        if _hidden(obj):
            return f"{capfirst(opts.verbose_name)}: {_('(เรื่องที่เป็นความลับ)')}"
        no_edit_link = f"{capfirst(opts.verbose_name)}: {obj}"
        if not admin_site.is_registered(obj.__class__):
            return no_edit_link
        if not admin_site.get_model_admin(obj.__class__).has_delete_permission(request, obj):
            perms_needed.add(opts.verbose_name)
        try:
            url = reverse(f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change", None, (quote(obj.pk),))
        except NoReverseMatch:
            return no_edit_link
        return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)

    to_delete = collector.nested(format_callback)
    protected = [format_callback(o) for o in collector.protected]
    model_count = {model._meta.verbose_name_plural: len(found) for model, found in collector.model_objs.items()}  # type: ignore[attr-defined]
    return to_delete, model_count, perms_needed, protected


class ConfidentialDeleteListMixin:
    """For every admin whose delete page could list a case or a row carrying a case's content."""

    admin_site: admin.AdminSite

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        return deleted_objects(objs, request, self.admin_site)
