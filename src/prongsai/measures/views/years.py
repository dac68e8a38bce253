"""The years to review after copy-forward: the plan page's panel posts here (accept or keep)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.digits import num
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.measures import services
from prongsai.measures.access import plan_for
from prongsai.measures.services import YearDecision

_ONE: dict[str, Callable[..., YearDecision]] = {"accept": services.accept_year, "keep": services.keep_year}
_ALL: dict[str, Callable[..., YearDecision]] = {
    "accept-all": services.accept_all_years,
    "keep-all": services.keep_all_years,
}


def _report(request: HttpRequest, action: str, result: YearDecision) -> None:
    if action == "accept":
        messages.success(request, _("เปลี่ยน %(old)s เป็น %(new)s แล้ว") % {"old": result.found, "new": result.replacement})
    elif action == "keep":
        messages.success(request, _("คง %(old)s ไว้ตามเดิมแล้ว") % {"old": result.found})
    elif action == "accept-all":
        messages.success(request, _("เปลี่ยนเป็นปีใหม่แล้ว %(n)s รายการ") % {"n": num(result.accepted)})
    else:
        messages.success(request, _("คงปีเดิมไว้ %(n)s รายการ") % {"n": num(result.kept)})
    if result.stale:
        messages.warning(
            request,
            _("อีก %(n)s รายการไม่ได้เปลี่ยน เพราะข้อความถูกแก้ไขหลังคัดลอก: ตรวจดูเองแล้วกด “คงไว้”") % {"n": num(result.stale)},
        )
    if result.not_allowed:
        messages.warning(
            request,
            _("อีก %(n)s รายการเป็นมาตรการของส่วนราชการอื่น ผู้รับผิดชอบมาตรการนั้นเป็นผู้ตรวจทาน") % {"n": num(result.not_allowed)},
        )


@login_required
@require_POST
def plan_years(request: HttpRequest, plan_id: str, action: str) -> HttpResponse:
    if action not in _ONE and action not in _ALL:
        raise Http404
    plan, membership = plan_for(request.user, plan_id, write=True)
    args: list[Any] = [plan, membership, request.user]
    if action in _ONE:
        args.append(request.POST.get("item", ""))
    decide = _ONE.get(action) or _ALL[action]
    try:
        result = decide(*args)
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        messages.error(request, err.message)
    else:
        _report(request, action, result)
    return redirect(f"/o/{plan.organization.slug}/?year={plan.fiscal_year}#year-review")
