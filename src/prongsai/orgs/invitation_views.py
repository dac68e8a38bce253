"""Invitations: the admin revokes a pending one; the invited person accepts the link.

The accept page (/accounts/invite/<token>/) needs no account. A visitor without an account chooses a
username and password there; a logged-in person accepts into their own account with an explicit
button. An unknown, expired, used or revoked link gets a page saying which, in Thai (404 or 410).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.viewutils import add_service_error
from prongsai.orgs import invitations
from prongsai.orgs.access import invitation_for, org_for
from prongsai.orgs.forms import NewAccountForm
from prongsai.orgs.invitations import InvitationUnusable
from prongsai.orgs.models import Invitation, Membership


@login_required
@require_POST
def revoke(request: HttpRequest, slug: str, invitation_id: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    invitation = invitation_for(membership, invitation_id)
    try:
        invitations.revoke_invitation(membership, request.user, invitation)
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("ยกเลิกคำเชิญของ %(name)s แล้ว: ลิงก์ใช้ไม่ได้อีก") % {"name": invitation.full_name})
    return redirect("org-members", slug)


def _unusable(request: HttpRequest, err: InvitationUnusable) -> HttpResponse:
    status = 404 if err.reason == "unknown" else 410
    return render(
        request, "orgs/invitation_unusable.html", {"message": err.message, "reason": err.reason}, status=status
    )


def _page(request: HttpRequest, invitation: Invitation, status: int = 200, **extra: Any) -> HttpResponse:
    context = {"invitation": invitation, "org": invitation.organization, **extra}
    return render(request, "orgs/invitation_accept.html", context, status=status)


def _joined(request: HttpRequest, member: Membership) -> HttpResponse:
    messages.success(
        request,
        _("ยินดีต้อนรับ: คุณเป็นสมาชิกของ %(org)s แล้ว ในบทบาท %(role)s")
        % {"org": member.organization.name, "role": member.get_role_display()},
    )
    return redirect("org-home", member.organization.slug)


@never_cache
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitations.invitation_for_token(token)
    except InvitationUnusable as err:
        return _unusable(request, err)
    if request.user.is_authenticated:
        return _accept_into_account(request, token, invitation)
    form = NewAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = invitations.accept_with_new_account(token, username=data["username"], password=data["password1"])
        except InvitationUnusable as err:
            return _unusable(request, err)
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            login(request, member.user, backend="django.contrib.auth.backends.ModelBackend")
            return _joined(request, member)
    return _page(request, invitation, status=400 if request.method == "POST" else 200, form=form)


def _accept_into_account(request: HttpRequest, token: str, invitation: Invitation) -> HttpResponse:
    """Only an explicit press of the button attaches the logged-in account; nothing is matched silently."""
    error = ""
    if request.method == "POST":
        if request.POST.get("accept") != "account":
            error = _("กดปุ่ม “รับคำเชิญเข้าบัญชีนี้” เพื่อยืนยัน")
        else:
            try:
                member = invitations.accept_into_account(token, request.user)
            except InvitationUnusable as err:
                return _unusable(request, err)
            except ServiceError as err:
                error = err.message
            else:
                return _joined(request, member)
    status = 400 if error else 200
    return _page(request, invitation, status=status, account_error=error)
