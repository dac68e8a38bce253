"""Forms for the organisation admin's pages. They validate input; services do the writes."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.digits import lazy_digits
from prongsai.orgs.models import MEMBER_ROLES, Organization, ReportLayout, Role

# What each role allows, shown next to its choice so an admin knows what they grant.
ROLE_HELP = {
    Role.ADMIN: _("จัดการสมาชิกและส่วนราชการ และบันทึกข้อมูลได้ทุกส่วนราชการ"),
    Role.EDITOR: _("บันทึกมาตรการ ผลการดำเนินการ และหลักฐาน จะจำกัดเฉพาะบางส่วนราชการก็ได้"),
    Role.APPROVER: _("ปลัดหรือนายก: อนุมัติแผน หรือส่งแผนกลับไปแก้ไข อ่านข้อมูลได้ทั้งหมด"),
    Role.VIEWER: _("อ่านข้อมูลได้อย่างเดียว แก้ไขไม่ได้"),
}


def role_choices() -> list[tuple[str, Any]]:
    return [(r.value, format_lazy("{} — {}", r.label, ROLE_HELP[r])) for r in MEMBER_ROLES]


class MemberForm(forms.Form):
    """Role, position and the department limit: what an admin sets when inviting or editing."""

    role = forms.ChoiceField(
        label=_("บทบาท"),
        choices=role_choices,
        initial=Role.VIEWER,
        widget=forms.RadioSelect,
        error_messages={"required": _("กรุณาเลือกบทบาท"), "invalid_choice": _("บทบาทไม่ถูกต้อง")},
    )
    position = forms.CharField(
        label=_("ตำแหน่ง"),
        required=False,
        max_length=200,
        help_text=_("เช่น นักวิเคราะห์นโยบายและแผน หรือ ปลัด อบต."),
        error_messages={"max_length": _("ตำแหน่งยาวเกิน %(limit_value)d ตัวอักษร")},
    )
    departments = forms.MultipleChoiceField(
        label=_("จำกัดเฉพาะส่วนราชการ"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("ใช้กับผู้บันทึกข้อมูลเท่านั้น: เว้นว่างไว้ = บันทึกได้ทุกส่วนราชการ"),
        error_messages={"invalid_choice": _("ส่วนราชการที่เลือกไม่ใช่ของหน่วยงานนี้")},
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        departments = cast(forms.MultipleChoiceField, self.fields["departments"])
        departments.choices = [(str(d.pk), d.name) for d in organization.departments.all()]

    def department_ids(self) -> list[str]:
        """The limit applies to editors only; for any other role it is cleared."""
        if self.cleaned_data.get("role") != Role.EDITOR:
            return []
        return list(self.cleaned_data.get("departments") or [])


class InviteForm(MemberForm):
    """Who to invite: a name and an e-mail. No username: the person chooses it (or uses their own) on accepting."""

    full_name = forms.CharField(
        label=_("ชื่อ-นามสกุล"),
        max_length=150,
        error_messages={
            "required": _("กรุณากรอกชื่อ-นามสกุลของผู้ที่จะเชิญ"),
            "max_length": _("ชื่อ-นามสกุลยาวเกิน %(limit_value)d ตัวอักษร"),
        },
    )
    email = forms.EmailField(
        label=_("อีเมล"),
        help_text=lazy_digits(_("ระบบส่งลิงก์รับคำเชิญไปที่อีเมลนี้ และคุณคัดลอกลิงก์ไปให้เจ้าตัวเองได้ (ใช้ได้ ๗ วัน ครั้งเดียว)")),
        error_messages={"required": _("กรุณากรอกอีเมล"), "invalid": _("อีเมลไม่ถูกต้อง เช่น name@example.go.th")},
    )

    field_order = ["full_name", "email", "role", "position", "departments"]


class NewAccountForm(forms.Form):
    """The accept page for a person without an account: the username and password they choose."""

    username = forms.CharField(
        label=_("ตั้งชื่อผู้ใช้ (สำหรับเข้าระบบ)"),
        max_length=150,
        validators=[UnicodeUsernameValidator(message=_("ชื่อผู้ใช้ใช้ได้เฉพาะตัวอักษร ตัวเลข และ @ . + - _ (ห้ามเว้นวรรค)"))],
        error_messages={
            "required": _("กรุณาตั้งชื่อผู้ใช้"),
            "max_length": _("ชื่อผู้ใช้ยาวเกิน %(limit_value)d ตัวอักษร"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("ตั้งรหัสผ่าน"),
        strip=False,
        help_text=lazy_digits(_("อย่างน้อย ๑๐ ตัวอักษร และไม่ใช่รหัสผ่านที่คาดเดาง่าย")),
        error_messages={"required": _("กรุณาตั้งรหัสผ่าน")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("ยืนยันรหัสผ่าน"),
        strip=False,
        error_messages={"required": _("กรุณากรอกรหัสผ่านอีกครั้ง")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("รหัสผ่านสองช่องไม่ตรงกัน"))
        return data


class RemoveMemberForm(forms.Form):
    confirm = forms.BooleanField(
        label=pgettext_lazy("remove member", "ยืนยันว่าผู้นี้ออกจากหน่วยงานแล้ว และต้องเข้าระบบของหน่วยงานนี้ไม่ได้อีก"),
        error_messages={"required": _("กรุณาติ๊กยืนยันก่อนนำสมาชิกออก")},
    )


class DepartmentForm(forms.Form):
    name = forms.CharField(
        label=_("ชื่อส่วนราชการ"),
        max_length=120,
        error_messages={
            "required": _("กรุณากรอกชื่อส่วนราชการ"),
            "max_length": _("ชื่อส่วนราชการยาวเกิน %(limit_value)d ตัวอักษร"),
        },
    )


class DocumentSettingsForm(forms.Form):
    thai_digits = forms.BooleanField(label=_("ใช้เลขไทยในเอกสาร"), required=False)
    docx_font = forms.ChoiceField(
        label=_("แบบอักษรในไฟล์ Word"), choices=[("TH SarabunPSK", "TH SarabunPSK"), ("TH SarabunIT๙", "TH SarabunIT๙")]
    )
    font_size = forms.IntegerField(
        label=_("ขนาดตัวอักษร (พอยต์ของ TH Sarabun)"), min_value=12, max_value=20, help_text=_("ค่ามาตรฐาน ๑๖")
    )
    report_layout = forms.ChoiceField(
        label=_("ตารางรายงานผล: ปัญหา/อุปสรรค พิมพ์ที่ใด"),
        choices=ReportLayout.choices,
        required=False,  # not sent: the current layout stays
        widget=forms.RadioSelect,
        help_text=_("ใช้กับรายงานผลฉบับที่สร้างต่อจากนี้ รายงานที่สร้างไว้แล้วคงเดิมทุกตัวอักษร"),
        error_messages={"invalid_choice": _("รูปแบบตารางไม่ถูกต้อง")},
    )
    emblem = forms.FileField(label=_("ตราสัญลักษณ์ (PNG หรือ JPEG)"), required=False)
    remove_emblem = forms.BooleanField(label=_("ลบตราสัญลักษณ์"), required=False)
