"""Forms of the import pages: the upload (a file, or a table pasted from the clipboard), the preview's year and
round, the department's Excel download. They validate input; preview.py and apply.py do the work."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from prongsai.measures.models import Round
from prongsai.measures.services.plans import MAX_YEAR, MIN_YEAR

PASTE_NAME = "วางจากคลิปบอร์ด"


def max_bytes() -> int:
    return int(getattr(settings, "EVIDENCE_MAX_MB", 20)) * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์รายงานหรือแผน"),
        required=False,
        help_text=_("Word (.docx), Excel (.xlsx), PDF ที่มีข้อความ, CSV หรือข้อความ — รู้ชนิดไฟล์จากเนื้อไฟล์"),
    )
    pasted = forms.CharField(
        label=_("หรือวางตารางที่คัดลอกจาก Word หรือ Excel"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "data-paste": "html"}),
        help_text=_("คัดลอกทั้งตารางรวมแถวหัวตาราง แล้ววาง (Ctrl+V) ที่นี่"),
    )
    pasted_html = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is None and not (data.get("pasted") or "").strip() and not (data.get("pasted_html") or "").strip():
            raise forms.ValidationError(_("เลือกไฟล์ หรือวางตารางที่คัดลอกมา"))
        if upload is not None and (upload.size or 0) > max_bytes():
            raise forms.ValidationError(
                _("ไฟล์ใหญ่เกิน %(mb)s MB: ตัดส่วนที่ไม่ใช่ตารางมาตรการออก แล้วนำเข้าใหม่") % {"mb": max_bytes() // 1024 // 1024}
            )
        return data

    def payload(self) -> tuple[bytes, str]:
        """The bytes to import and a name for them: the file, else the clipboard's HTML, else its text."""
        upload = self.cleaned_data.get("file")
        if upload is not None:
            return upload.read(), upload.name or "file"
        html = (self.cleaned_data.get("pasted_html") or "").strip()
        if html:
            return html.encode("utf-8"), f"{PASTE_NAME}.html"
        return self.cleaned_data["pasted"].encode("utf-8"), f"{PASTE_NAME}.txt"


class PreviewForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("นำเข้าเป็นแผนปีงบประมาณ (พ.ศ.)"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    round = forms.TypedChoiceField(
        label=_("ผลการดำเนินการในไฟล์เป็นของรอบ"), choices=Round.choices, coerce=int, required=False
    )


class ExcelForm(forms.Form):
    department = forms.ChoiceField(label=_("ส่วนราชการ"), required=False)
    round = forms.TypedChoiceField(label=_("รอบ"), choices=Round.choices, coerce=int, initial=Round.SIX_MONTHS)

    def __init__(self, *args: Any, departments: list[tuple[str, str]], everyone: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        assert isinstance(field, forms.ChoiceField)
        everyone_choice: list[tuple[str, Any]] = [("", _("ทุกส่วนราชการ"))] if everyone else []
        field.choices = everyone_choice + departments
