"""Every write to organisations, departments and memberships."""

from __future__ import annotations

import secrets
from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from prongsai.core.audit import delete_audited, save_audited
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.slugs import RESERVED_SLUGS
from prongsai.core.uploads import check_upload
from prongsai.orgs import grants
from prongsai.orgs.models import (
    DEFAULT_DEPARTMENTS,
    MEMBER_ROLES,
    Department,
    Membership,
    Organization,
    OrgKind,
    Oversight,
    OversightLevel,
    ReportLayout,
    Role,
)


def _require_admin(membership: Membership) -> None:
    if not membership.is_admin:
        raise NotAllowed(_("เฉพาะผู้ดูแลหน่วยงานทำรายการนี้ได้"))


@transaction.atomic
def create_organization(
    actor: Any,
    *,
    name: str,
    slug: str,
    kind: str = OrgKind.SAO,
    district: str = "",
    province: str = "",
    code: str = "",
    is_demo: bool = False,
    departments: list[str] | None = None,
) -> Organization:
    if not name.strip():
        raise ServiceError(_("กรุณากรอกชื่อหน่วยงาน"), "name")
    slug = slugify(slug)
    if not slug:
        raise ServiceError(_("ชื่อย่อในที่อยู่เว็บต้องเป็นอักษรอังกฤษหรือตัวเลข เช่น klaeng"), "slug")
    if slug in RESERVED_SLUGS:
        raise ServiceError(_('ชื่อย่อ "%(slug)s" สงวนไว้สำหรับที่อยู่ของระบบ: เลือกชื่ออื่น') % {"slug": slug}, "slug")
    if Organization.objects.filter(slug=slug).exists():
        raise ServiceError(_('ชื่อย่อ "%(slug)s" มีผู้ใช้แล้ว') % {"slug": slug}, "slug")
    org = Organization(
        name=name.strip(),
        slug=slug,
        kind=kind,
        district=district.strip(),
        province=province.strip(),
        code=code.strip(),
        is_demo=is_demo,
    )
    save_audited(org, actor, "create organisation")
    names = DEFAULT_DEPARTMENTS.get(kind, []) if departments is None else departments
    for order, dept_name in enumerate(names, start=1):
        save_audited(Department(organization=org, name=dept_name, order=order), actor, "default departments")
    return org


@transaction.atomic
def add_department(membership: Membership, actor: Any, *, name: str) -> Department:
    _require_admin(membership)
    name = name.strip()
    if not name:
        raise ServiceError(_("กรุณากรอกชื่อส่วนราชการ"), "name")
    org = membership.organization
    if org.departments.filter(name=name).exists():
        raise ServiceError(_('มีส่วนราชการชื่อ "%(name)s" อยู่แล้ว') % {"name": name}, "name")
    order = (org.departments.aggregate(n=Max("order"))["n"] or 0) + 1
    department = Department(organization=org, name=name, order=order)
    save_audited(department, actor, "add department")
    return department


@transaction.atomic
def rename_department(membership: Membership, actor: Any, department: Department, *, name: str) -> Department:
    _require_admin(membership)
    if department.organization_id != membership.organization_id:
        raise NotAllowed(_("ส่วนราชการนี้ไม่ใช่ของหน่วยงานของคุณ"))
    name = name.strip()
    if not name:
        raise ServiceError(_("กรุณากรอกชื่อส่วนราชการ"), "name")
    if membership.organization.departments.exclude(pk=department.pk).filter(name=name).exists():
        raise ServiceError(_('มีส่วนราชการชื่อ "%(name)s" อยู่แล้ว') % {"name": name}, "name")
    department.name = name
    save_audited(department, actor, "rename department")
    return department


@transaction.atomic
def delete_department(membership: Membership, actor: Any, department: Department) -> None:
    _require_admin(membership)
    if department.organization_id != membership.organization_id:
        raise NotAllowed(_("ส่วนราชการนี้ไม่ใช่ของหน่วยงานของคุณ"))
    if department.measures.exists():
        raise ServiceError(_('ส่วนราชการ "%(name)s" ยังรับผิดชอบมาตรการอยู่ จึงลบไม่ได้') % {"name": department.name})
    # Deleting the only department an editor is limited to would widen their limit to every department.
    limited = [
        m.user.get_full_name() or m.user.get_username()
        for m in department.editors.active().filter(role=Role.EDITOR).select_related("user")
    ]
    if limited:
        raise ServiceError(
            _('ส่วนราชการ "%(name)s" เป็นขอบเขตงานของผู้บันทึกข้อมูล %(who)s: แก้ขอบเขตของสมาชิกก่อนจึงลบได้')
            % {"name": department.name, "who": ", ".join(limited)}
        )
    delete_audited(department, actor, "delete department")


def _check_departments(org: Organization, department_ids: list[Any]) -> list[Department]:
    """The organisation's departments with these ids; any other id (foreign, missing, malformed) is refused."""
    message = _("ส่วนราชการที่เลือกไม่ใช่ของหน่วยงานนี้")
    try:
        wanted = {value if isinstance(value, UUID) else UUID(str(value)) for value in department_ids}
    except (ValueError, TypeError, AttributeError):
        raise ServiceError(message, "departments") from None
    departments = list(Department.objects.filter(organization=org, pk__in=wanted))
    if len(departments) != len(wanted):
        raise ServiceError(message, "departments")
    return departments


@transaction.atomic
def add_member(
    membership: Membership | None,
    actor: Any,
    *,
    organization: Organization,
    username: str,
    email: str = "",
    full_name: str = "",
    role: str = Role.VIEWER,
    position: str = "",
    department_ids: list[Any] | None = None,
    password: str | None = None,
) -> tuple[Membership, str | None]:
    """Set-up commands only (demo, tests' personas): make `username` a member at once.

    Returns the membership and, for a new account, its first password. `membership` must be None:
    an admin never attaches an existing account; they invite by e-mail (orgs/invitations.py) and
    the person accepts. A former member gets a new membership row: nothing they held comes back.
    """
    if membership is not None:
        raise NotAllowed(_("ผู้ดูแลหน่วยงานเพิ่มสมาชิกได้ด้วยการส่งคำเชิญเท่านั้น"))
    if role not in MEMBER_ROLES:
        raise ServiceError(_("บทบาทไม่ถูกต้อง"), "role")
    username = username.strip()
    if not username:
        raise ServiceError(_("กรุณากรอกชื่อผู้ใช้"), "username")
    departments = _check_departments(organization, department_ids or [])
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    new_password = None
    if user is not None and not user.is_active:
        raise ServiceError(_('บัญชี "%(u)s" ถูกปิดใช้งาน จึงเพิ่มเป็นสมาชิกไม่ได้') % {"u": username}, "username")
    if user is None:
        new_password = password or secrets.token_urlsafe(12)
        first, _sep, last = full_name.strip().partition(" ")
        user = User.objects.create_user(
            username=username, email=email.strip(), password=new_password, first_name=first, last_name=last
        )
    member = join(user, organization, actor, role=role, position=position, departments=departments)
    return member, new_password


def join(
    user: Any,
    organization: Organization,
    actor: Any,
    *,
    role: str,
    position: str,
    departments: list[Department],
    reason: str = "add member",
) -> Membership:
    """A new active membership (callers are in a transaction); an active member already is refused."""
    if Membership.objects.active().filter(user=user, organization=organization).exists():
        raise ServiceError(_('ผู้ใช้ "%(u)s" เป็นสมาชิกของหน่วยงานนี้อยู่แล้ว') % {"u": user.get_username()}, "username")
    member = Membership(user=user, organization=organization, role=role, position=position.strip())
    save_audited(member, actor, reason)
    if departments:
        member.departments.set(departments)
    return member


@transaction.atomic
def update_member(
    membership: Membership,
    actor: Any,
    member: Membership,
    *,
    role: str,
    position: str,
    department_ids: list[Any],
) -> Membership:
    _require_admin(membership)
    if member.organization_id != membership.organization_id:
        raise NotAllowed(_("สมาชิกนี้ไม่ใช่ของหน่วยงานของคุณ"))
    if member.removed_at is not None:
        raise ServiceError(_("ผู้นี้ออกจากหน่วยงานแล้ว: เพิ่มกลับได้ด้วยการเชิญใหม่"))
    if role not in MEMBER_ROLES:
        raise ServiceError(_("บทบาทไม่ถูกต้อง"), "role")
    if member.pk == membership.pk and role != Role.ADMIN:
        raise ServiceError(_("คุณลดบทบาทผู้ดูแลของตัวเองไม่ได้: ให้ผู้ดูแลอีกคนทำแทน"), "role")
    departments = _check_departments(membership.organization, department_ids)
    member.role = role
    member.position = position.strip()
    save_audited(member, actor, "change role")
    member.departments.set(departments)
    return member


@transaction.atomic
def remove_member(membership: Membership, actor: Any, member: Membership) -> Membership:
    """A leaver loses access at once and every grant tied to the membership ends (orgs/grants.py);
    the record (and all they did) stays."""
    _require_admin(membership)
    if member.organization_id != membership.organization_id:
        raise NotAllowed(_("สมาชิกนี้ไม่ใช่ของหน่วยงานของคุณ"))
    if member.pk == membership.pk:
        raise ServiceError(_("คุณนำตัวเองออกจากหน่วยงานไม่ได้"))
    if member.removed_at is not None:
        raise ServiceError(_("ผู้นี้ออกจากหน่วยงานแล้ว"))
    member.removed_at = timezone.now()
    save_audited(member, actor, "remove member")
    grants.end_all(member, actor)  # every grant held through this membership ends with it
    return member


def system_user() -> Any:
    """The named account recorded as the actor of command-line work when no person is named."""
    from django.conf import settings

    User = get_user_model()
    user, _created = User.objects.get_or_create(
        username=settings.SYSTEM_USERNAME, defaults={"first_name": "Prongsai", "is_active": False}
    )
    return user


def system_membership(organization: Organization) -> Membership:
    """An unsaved admin membership of the system account, for command-line work on `organization`.

    Nothing is stored: it only lets the services record the system account as the actor.
    """
    return Membership(user=system_user(), organization=organization, role=Role.ADMIN)


EMBLEM_TYPES = ("png", "jpg", "jpeg")


@transaction.atomic
def update_document_settings(
    membership: Membership,
    actor: Any,
    *,
    thai_digits: bool,
    docx_font: str,
    font_size: int,
    emblem: Any = None,
    remove_emblem: bool = False,
    report_layout: str | None = None,
) -> Organization:
    """How the organisation's documents look: digits, Word font, size, the emblem (PNG or JPEG), and where
    the report prints ปัญหา/อุปสรรค (`report_layout`, a ReportLayout; None keeps the current one)."""
    _require_admin(membership)
    org = Organization.objects.select_for_update().get(pk=membership.organization_id)
    if docx_font not in dict(Organization._meta.get_field("docx_font").choices or []):
        raise ServiceError(_("แบบอักษรไม่ถูกต้อง"), "docx_font")
    if not 12 <= font_size <= 20:
        raise ServiceError(_("ขนาดตัวอักษรต้องอยู่ระหว่าง ๑๒ ถึง ๒๐ พอยต์"), "font_size")
    if report_layout is not None and report_layout not in ReportLayout.values:
        raise ServiceError(_("รูปแบบตารางไม่ถูกต้อง"), "report_layout")
    org.thai_digits = thai_digits
    org.docx_font = docx_font
    org.font_size = font_size
    if report_layout is not None:
        org.report_layout = report_layout
    if emblem is not None:
        checked = check_upload(emblem, emblem.name or "emblem", emblem.size or 0, max_mb=2, field="emblem")
        if checked.extension not in EMBLEM_TYPES:
            raise ServiceError(_('ตราสัญลักษณ์ "%(name)s" ต้องเป็นไฟล์ PNG หรือ JPEG') % {"name": checked.filename}, "emblem")
        org.emblem.save(f"{org.slug}-{checked.sha256[:12]}.{checked.extension}", emblem, save=False)
    elif remove_emblem:
        org.emblem = None
    save_audited(org, actor, "document settings")
    return org


@transaction.atomic
def add_oversight(actor: Any, *, username: str, level: str, province: str = "", district: str = "") -> Oversight:
    """Give a person read-only oversight of a district, a province or the whole country (superusers)."""
    if level not in OversightLevel.values:
        raise ServiceError(_("ระดับต้องเป็น national, province หรือ district"), "level")
    if level in (OversightLevel.PROVINCE, OversightLevel.DISTRICT) and not province.strip():
        raise ServiceError(_("ระบุจังหวัด"), "province")
    if level == OversightLevel.DISTRICT and not district.strip():
        raise ServiceError(_("ระบุอำเภอ"), "district")
    user = get_user_model().objects.filter(username=username.strip()).first()
    if user is None:
        raise ServiceError(_('ไม่พบผู้ใช้ "%(u)s"') % {"u": username}, "username")
    oversight = Oversight(user=user, level=level, province=province.strip(), district=district.strip())
    save_audited(oversight, actor, "add oversight")
    return oversight
