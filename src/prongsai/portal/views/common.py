"""What every public page carries: the log head, the demo mark, OpenGraph tags, the last change."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from prongsai.core import thai
from prongsai.orgs.models import Organization
from prongsai.portal import log
from prongsai.portal.public import site_url


def public_render(
    request: HttpRequest,
    template: str,
    *,
    title: str,
    description: str,
    path: str,
    org: Organization | None = None,
    last_changed: Any = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    head = log.head()
    # Demo data is marked on every public page: the organisation's own, or (on the national pages)
    # when any organisation shown here may be a demo one.
    demo = org.is_demo if org is not None else Organization.objects.filter(is_demo=True).exists()
    context = {
        "public_org": org,
        "show_demo": demo,
        "page_title": title,
        "og": {"title": title, "description": description, "url": site_url(path)},
        "log_head": head,
        "last_changed": last_changed,
        # The complaint statistics linked from every page of an organisation: this fiscal year's.
        "complaints_year": thai.fiscal_year(timezone.localdate()),
        **extra,
    }
    return render(request, template, context, status=status)


def gone(request: HttpRequest, *, org: Organization, what: str, withdrawn_at: Any, reason: str) -> HttpResponse:
    """HTTP 410: the file was published and then withdrawn; the page says when and why."""
    return public_render(
        request,
        "portal/withdrawn.html",
        title=what,
        description=what,
        path=request.path,
        org=org,
        last_changed=withdrawn_at,
        status=410,
        what=what,
        withdrawn_at=withdrawn_at,
        reason=reason,
    )
