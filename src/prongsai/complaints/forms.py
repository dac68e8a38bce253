"""Forms of the complaints pages. They validate input; the services do the writes."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.complaints.models import STAFF_CHANNELS, CaseKind, CaseStatus, Channel
from prongsai.complaints.services.intake import IntakeData
from prongsai.core import limits
from prongsai.core.digits import lazy_digits
from prongsai.core.forms import ThaiDateField
from prongsai.orgs.models import Department


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the service checks each one's size and bytes."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _kind_choices(kinds: list[CaseKind]) -> list[tuple[str, str]]:
    return [(str(k.pk), k.name) for k in kinds]


class _CaseFields(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภทเรื่อง"), widget=forms.RadioSelect)
    subject = forms.CharField(label=_("เรื่อง"), **limits.form_limit(_("เรื่อง"), limits.COMPLAINT_SUBJECT))
    details = forms.CharField(
        label=_("รายละเอียด"),
        **limits.form_limit(_("รายละเอียด"), limits.COMPLAINT_DETAILS),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("เกิดอะไรขึ้น เมื่อไร ใครเกี่ยวข้อง และต้องการให้หน่วยงานทำอะไร"),
    )
    place = forms.CharField(
        label=_("สถานที่ (ถ้ามี)"), required=False, **limits.form_limit(_("สถานที่"), limits.COMPLAINT_PLACE)
    )
    attachments = MultipleFileField(
        label=_("ไฟล์แนบ (ถ้ามี)"),
        required=False,
        help_text=lazy_digits(_("รูปภาพ PDF หรือเอกสาร ไม่เกิน ๕ ไฟล์ ไฟล์ละไม่เกิน ๑๐ MB")),
    )
    contact_name = forms.CharField(
        label=_("ชื่อ-นามสกุล"), required=False, **limits.form_limit(_("ชื่อผู้แจ้ง"), limits.CONTACT_NAME)
    )
    contact_phone = forms.CharField(
        label=_("โทรศัพท์"), required=False, **limits.form_limit(_("โทรศัพท์"), limits.CONTACT_PHONE)
    )
    contact_email = forms.EmailField(
        label=_("อีเมล"),
        required=False,
        help_text=_("ถ้าใส่ จะได้รับรหัสติดตามและคำตอบทางอีเมล"),
        **limits.form_limit(_("อีเมล"), limits.CONTACT_EMAIL),
    )
    contact_line = forms.CharField(
        label=_("LINE ID"), required=False, **limits.form_limit(_("LINE ID"), limits.CONTACT_LINE)
    )

    def __init__(self, *args: Any, kinds: list[CaseKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = _kind_choices(kinds)

    def intake_data(self, consent: bool) -> IntakeData:
        d = self.cleaned_data
        return IntakeData(
            kind_id=d["kind"],
            subject=d["subject"],
            details=d["details"],
            place=d["place"],
            contact_name=d["contact_name"],
            contact_phone=d["contact_phone"],
            contact_email=d["contact_email"],
            contact_line=d["contact_line"],
            consent=consent,
        )


class PublicCaseForm(_CaseFields):
    consent = forms.BooleanField(
        label=_("ข้าพเจ้าได้อ่านและยินยอมตามประกาศความเป็นส่วนตัวข้างต้น"),
        error_messages={"required": _("กรุณายินยอมตามประกาศความเป็นส่วนตัวก่อนส่งเรื่อง")},
    )
    # The honeypot: hidden from people (CSS and aria), filled in by form-filling robots.
    website = forms.CharField(
        label=_("ช่องนี้สำหรับตรวจจับโปรแกรมอัตโนมัติ กรุณาเว้นว่าง"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class RegisterCaseForm(_CaseFields):
    channel = forms.ChoiceField(label=_("ช่องทางที่รับเรื่อง"), choices=[(c.value, c.label) for c in STAFF_CHANNELS])
    field_order = ["channel", "kind", "subject", "details", "place", "attachments"]


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("ค้นหา"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("สถานะ"), required=False)
    kind = forms.ChoiceField(label=_("ประเภท"), required=False)
    channel = forms.ChoiceField(label=_("ช่องทาง"), required=False)
    department = forms.ChoiceField(label=_("ส่วนราชการ"), required=False)
    overdue = forms.BooleanField(label=_("เกินกำหนดเท่านั้น"), required=False)

    def __init__(self, *args: Any, kinds: list[CaseKind], departments: list[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every: list[tuple[str, Any]] = [("", _("ทั้งหมด"))]
        cast(forms.ChoiceField, self.fields["status"]).choices = every + list(CaseStatus.choices)
        cast(forms.ChoiceField, self.fields["kind"]).choices = every + _kind_choices(kinds)
        cast(forms.ChoiceField, self.fields["channel"]).choices = every + list(Channel.choices)
        cast(forms.ChoiceField, self.fields["department"]).choices = (
            every + [("none", _("ยังไม่มอบหมาย"))] + [(str(d.pk), d.name) for d in departments]
        )


class AssignForm(forms.Form):
    department = forms.ChoiceField(label=_("มอบหมายให้ส่วนราชการ"), required=False)

    def __init__(self, *args: Any, departments: list[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["department"]).choices = [("", _("— ยังไม่มอบหมาย —"))] + [
            (str(d.pk), d.name) for d in departments
        ]


class MoveForm(forms.Form):
    to = forms.ChoiceField(choices=CaseStatus.choices)
    reason = forms.CharField(
        label=_("เหตุผลที่ไม่รับเรื่อง"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        **limits.form_limit(_("เหตุผลที่ไม่รับเรื่อง"), limits.REASON),
    )
    forwarded_to = forms.CharField(
        label=_("ส่งต่อไปยังหน่วยงาน"),
        required=False,
        **limits.form_limit(_("ส่งต่อไปยังหน่วยงาน"), limits.CASE_FORWARDED_TO),
    )
    reply = forms.CharField(
        label=_("ข้อความถึงผู้ร้อง (ถ้ามี)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        **limits.form_limit(_("ข้อความถึงผู้ร้อง"), limits.CASE_REPLY),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("บันทึกภายใน (ผู้ร้องไม่เห็น)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        **limits.form_limit(_("บันทึกภายใน"), limits.CASE_NOTE),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("ตอบผู้ร้อง (แสดงในหน้าติดตามเรื่อง)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        **limits.form_limit(_("ข้อความตอบผู้ร้อง"), limits.CASE_REPLY),
    )
    by_email = forms.BooleanField(label=_("ส่งทางอีเมลด้วย"), required=False, initial=True)
    by_line = forms.BooleanField(label=_("ส่งทาง LINE ด้วย"), required=False, initial=True)


class TrackForm(forms.Form):
    code = forms.CharField(label=_("รหัสติดตามเรื่อง"), max_length=40)


class KindForm(forms.Form):
    name = forms.CharField(label=_("ชื่อประเภทเรื่อง"), max_length=120)
    deadline_days = forms.IntegerField(label=_("ตอบกลับภายใน (วันทำการ)"), min_value=1, max_value=365, initial=15)
    is_corruption = forms.BooleanField(
        label=_("เป็นเรื่องแจ้งเบาะแสการทุจริต (เป็นความลับ เฉพาะผู้ได้รับมอบหมายเห็น)"), required=False
    )
    active = forms.BooleanField(label=_("เปิดรับในแบบฟอร์ม"), required=False, initial=True)


class HolidayForm(forms.Form):
    day = ThaiDateField(label=_("วันที่"))
    name = forms.CharField(label=_("ชื่อวันหยุด"), max_length=120)


class ChannelSettingsForm(forms.Form):
    privacy_notice = forms.CharField(
        label=_("ประกาศความเป็นส่วนตัว (ข้อความเพิ่มเติมของหน่วยงาน)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    line_basic_id = forms.CharField(label=_("LINE Official Account ID (เช่น @klaeng)"), required=False, max_length=40)
    line_channel_secret = forms.CharField(
        label=_("Channel secret"), required=False, widget=forms.PasswordInput, help_text=_("เว้นว่าง = ใช้ค่าเดิม")
    )
    line_access_token = forms.CharField(
        label=_("Channel access token"), required=False, widget=forms.PasswordInput, help_text=_("เว้นว่าง = ใช้ค่าเดิม")
    )
    clear_line = forms.BooleanField(label=_("ลบการเชื่อมต่อ LINE"), required=False)
