"""The organisation admin's page of remembered column layouts (layouts.py): each table header with the choice
for each column, who chose it and when; one can be removed. Admins only: others 403, another organisation 404."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from prongsai.core.viewutils import org_context
from prongsai.imports.layouts import forget_layout, layout_for
from prongsai.imports.mapping import choice_label
from prongsai.imports.models import ColumnLayout
from prongsai.orgs.access import org_for


@dataclass
class LayoutRow:
    layout: ColumnLayout
    columns: list[tuple[str, str]]  # (header as written, its choice in words; "" when read by its header)
    changed: bool  # chosen again after it was first remembered


def _row(layout: ColumnLayout) -> LayoutRow:
    columns = []
    for column in layout.headers:
        key = column.get("key")
        columns.append(
            (str(column.get("header") or ""), choice_label(layout.mapping[key]) if key in layout.mapping else "")
        )
    return LayoutRow(layout, columns, changed=layout.updated_at - layout.created_at > timedelta(seconds=1))


@login_required
@require_GET
def layout_list(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    layouts = list(
        ColumnLayout.objects.filter(organization=membership.organization).select_related("created_by", "updated_by")
    )
    rows = [_row(layout) for layout in layouts]
    return render(request, "imports/layouts.html", org_context(membership, rows=rows))


@login_required
@require_POST
def layout_delete(request: HttpRequest, slug: str, layout_id: str) -> HttpResponse:
    layout, membership = layout_for(request.user, slug, layout_id)
    forget_layout(layout, membership, request.user)
    messages.success(request, _("ลบแบบตารางที่จำไว้แล้ว: ไฟล์ที่มีหัวตารางแบบนี้ครั้งต่อไปจะอ่านตามหัวตาราง"))
    return redirect(reverse("import-layouts", args=[membership.organization.slug]))
