"""The organisation admin's pages: members (invite by e-mail, change role, remove a leaver) and departments."""

from __future__ import annotations

import logging
from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.viewutils import add_service_error, org_context
from prongsai.orgs import invitations, services
from prongsai.orgs.access import department_for, member_for, org_for
from prongsai.orgs.forms import DepartmentForm, DocumentSettingsForm, InviteForm, MemberForm, RemoveMemberForm
from prongsai.orgs.models import Department, Invitation, Membership, Role

log = logging.getLogger(__name__)


def _name(member: Membership) -> str:
    return member.user.get_full_name() or member.user.get_username()


def invitation_link(request: HttpRequest, invitation: Invitation) -> str:
    """The accept link at the address the admin is using (its host is checked against ALLOWED_HOSTS), so a
    copied link works where the admin works, whatever PRONGSAI_SITE_URL says."""
    return request.build_absolute_uri(reverse("invitation-accept", args=[invitations.invitation_token(invitation)]))


def _send_invitation(request: HttpRequest, invitation: Invitation) -> None:
    """E-mail the link; a mail failure is a warning (the admin copies the link instead), never a 500."""
    org = invitation.organization
    subject = _("คำเชิญเข้าระบบโปร่งใสของ %(org)s") % {"org": org.name}
    body = _(
        "เรียน %(name)s\n\n"
        "ผู้ดูแลของ %(org)s เชิญคุณเป็นสมาชิกของระบบโปร่งใส ในบทบาท %(role)s\n\n"
        "รับคำเชิญได้ที่ลิงก์นี้ (ใช้ได้ครั้งเดียว ภายใน %(days)s วัน):\n%(url)s\n\n"
        "ถ้าคุณไม่ได้คาดว่าจะได้รับคำเชิญนี้ ไม่ต้องทำอะไร"
    ) % {
        "name": invitation.full_name,
        "org": org.name,
        "role": invitation.get_role_display(),
        "days": invitations.INVITATION_DAYS,
        "url": invitation_link(request, invitation),
    }
    try:
        send_mail(subject, body, None, [invitation.email])
    except OSError:  # smtplib.SMTPException is an OSError
        log.exception("invitation e-mail failed")
        messages.warning(
            request, _("ส่งอีเมลถึง %(email)s ไม่สำเร็จ: คัดลอกลิงก์จากรายการคำเชิญไปให้เจ้าตัวเอง") % {"email": invitation.email}
        )


def _members_context(request: HttpRequest, membership: Membership, **extra: Any) -> dict[str, Any]:
    everyone = list(
        Membership.objects.filter(organization=membership.organization)
        .select_related("user")
        .prefetch_related("departments")
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    active = [m for m in everyone if m.removed_at is None]
    removed = sorted((m for m in everyone if m.removed_at is not None), key=attrgetter("removed_at"), reverse=True)
    pending = list(
        Invitation.objects.pending().filter(organization=membership.organization).prefetch_related("departments")
    )
    for invitation in pending:
        invitation.link = invitation_link(request, invitation)  # type: ignore[attr-defined]
    return org_context(membership, members=active, removed=removed, invitations=pending, **extra)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    org = membership.organization
    form = InviteForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation, _token = invitations.create_invitation(
                membership,
                request.user,
                full_name=data["full_name"],
                email=data["email"],
                role=data["role"],
                position=data["position"],
                department_ids=form.department_ids(),
            )
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            _send_invitation(request, invitation)
            messages.success(
                request,
                _("ส่งคำเชิญถึง %(name)s (%(email)s) แล้ว: เป็นสมาชิกเมื่อเจ้าตัวรับคำเชิญ")
                % {"name": invitation.full_name, "email": invitation.email},
            )
            return redirect("org-members", org.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/members.html", _members_context(request, membership, form=form), status=status)


def _member_form_page(
    request: HttpRequest, membership: Membership, member: Membership, form: MemberForm, remove_form: RemoveMemberForm
) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    context = org_context(membership, member=member, form=form, remove_form=remove_form)
    return render(request, "orgs/member_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, slug: str, member_id: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    member = member_for(membership, member_id)
    initial = {
        "role": member.role,
        "position": member.position,
        "departments": [str(d.pk) for d in member.departments.all()],
    }
    form = MemberForm(request.POST or None, organization=membership.organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_member(
                membership,
                request.user,
                member,
                role=form.cleaned_data["role"],
                position=form.cleaned_data["position"],
                department_ids=form.department_ids(),
            )
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            messages.success(request, _("บันทึกบทบาทของ %(name)s แล้ว") % {"name": _name(member)})
            return redirect("org-members", slug)
    return _member_form_page(request, membership, member, form, RemoveMemberForm())


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, member_id: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    member = member_for(membership, member_id)
    remove_form = RemoveMemberForm(request.POST)
    if remove_form.is_valid():
        try:
            services.remove_member(membership, request.user, member)
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            add_service_error(request, remove_form, err)
        else:
            messages.success(
                request,
                _("นำ %(name)s ออกจากหน่วยงานแล้ว: เข้าระบบของหน่วยงานนี้ไม่ได้อีก งานที่เคยทำยังอยู่ในประวัติ")
                % {"name": _name(member)},
            )
            return redirect("org-members", slug)
    initial = {
        "role": member.role,
        "position": member.position,
        "departments": [str(d.pk) for d in member.departments.all()],
    }
    form = MemberForm(organization=membership.organization, initial=initial)
    return _member_form_page(request, membership, member, form, remove_form)


def _departments_page(
    request: HttpRequest,
    membership: Membership,
    *,
    form: DepartmentForm,
    editing: Department | None = None,
    rename_form: DepartmentForm | None = None,
) -> HttpResponse:
    departments = membership.organization.departments.annotate(
        measure_count=Count("measures", distinct=True),
        editor_count=Count(
            "editors", filter=Q(editors__removed_at__isnull=True, editors__role=Role.EDITOR), distinct=True
        ),
    )
    status = 400 if request.method == "POST" else 200
    context = org_context(
        membership, departments=list(departments), form=form, editing=editing, rename_form=rename_form
    )
    return render(request, "orgs/departments.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def departments(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            department = services.add_department(membership, request.user, name=form.cleaned_data["name"])
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            messages.success(request, _("เพิ่ม %(name)s แล้ว") % {"name": department.name})
            return redirect("org-departments", slug)
    return _departments_page(request, membership, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def department_edit(request: HttpRequest, slug: str, department_id: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    department = department_for(membership, department_id)
    old_name = department.name
    rename_form = DepartmentForm(request.POST or None, initial={"name": department.name}, prefix="rename")
    if request.method == "POST" and rename_form.is_valid():
        try:
            services.rename_department(membership, request.user, department, name=rename_form.cleaned_data["name"])
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            add_service_error(request, rename_form, err)
        else:
            messages.success(request, _("เปลี่ยนชื่อ %(old)s เป็น %(new)s แล้ว") % {"old": old_name, "new": department.name})
            return redirect("org-departments", slug)
    return _departments_page(request, membership, form=DepartmentForm(), editing=department, rename_form=rename_form)


@login_required
@require_POST
def department_delete(request: HttpRequest, slug: str, department_id: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    department = department_for(membership, department_id)
    name = department.name
    try:
        services.delete_department(membership, request.user, department)
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("ลบ %(name)s แล้ว") % {"name": name})
    return redirect("org-departments", slug)


@login_required
@require_http_methods(["GET", "POST"])
def document_settings(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug, admin=True)
    org = membership.organization
    initial = {
        "thai_digits": org.thai_digits,
        "docx_font": org.docx_font,
        "font_size": org.font_size,
        "report_layout": org.report_layout,
    }
    form = DocumentSettingsForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.update_document_settings(
                membership,
                request.user,
                thai_digits=d["thai_digits"],
                docx_font=d["docx_font"],
                font_size=d["font_size"],
                emblem=d["emblem"],
                remove_emblem=d["remove_emblem"],
                report_layout=d["report_layout"] or None,
            )
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            messages.success(request, _("บันทึกการตั้งค่าเอกสารแล้ว: มีผลกับเอกสารฉบับที่สร้างต่อจากนี้"))
            return redirect("org-settings", org.slug)
    status = 400 if request.method == "POST" else 200
    context = {"org": org, "membership": membership, "form": form}
    return render(request, "orgs/settings.html", context, status=status)
