from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.digits import lazy_digits
from prongsai.documents.models import DocKind

ROUND_CHOICES = [(2, lazy_digits(_("รอบ ๑๒ เดือน (ทั้งปีงบประมาณ)"))), (1, lazy_digits(_("รอบ ๖ เดือน (ต.ค.–มี.ค.)")))]


class MakeDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("เอกสาร"), choices=DocKind.choices)
    round = forms.TypedChoiceField(label=_("รอบ (เฉพาะรายงานผล)"), choices=ROUND_CHOICES, coerce=int, initial=2)


class SignaturesForm(forms.Form):
    reporter_name = forms.CharField(label=_("ผู้รายงาน: ชื่อ"), required=False, max_length=200)
    reporter_position = forms.CharField(label=_("ผู้รายงาน: ตำแหน่ง"), required=False, max_length=200)
    reporter_date = forms.CharField(label=_("ผู้รายงาน: วันที่"), required=False, max_length=40)
    reviewer_name = forms.CharField(label=_("ผู้ตรวจสอบ: ชื่อ"), required=False, max_length=200)
    reviewer_position = forms.CharField(label=_("ผู้ตรวจสอบ: ตำแหน่ง"), required=False, max_length=200)
    reviewer_date = forms.CharField(label=_("ผู้ตรวจสอบ: วันที่"), required=False, max_length=40)
    approver_name = forms.CharField(label=_("ผู้อนุมัติ: ชื่อ"), required=False, max_length=200)
    approver_position = forms.CharField(label=_("ผู้อนุมัติ: ตำแหน่ง"), required=False, max_length=200)
    approver_date = forms.CharField(label=_("ผู้อนุมัติ: วันที่"), required=False, max_length=40)

    def values(self) -> dict[str, dict[str, str]]:
        d = self.cleaned_data
        return {
            key: {"name": d[f"{key}_name"], "position": d[f"{key}_position"], "date": d[f"{key}_date"]}
            for key in ("reporter", "reviewer", "approver")
        }


class SignedCopyForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์ฉบับที่ลงนามแล้ว (PDF หรือรูปภาพ)"))
