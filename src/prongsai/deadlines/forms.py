"""The form of a date the organisation's admin sets; the service does the write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core import limits
from prongsai.core.forms import ThaiDateField
from prongsai.deadlines.services import TITLE


class DeadlineForm(forms.Form):
    title = forms.CharField(label=_("เรื่อง"), **limits.form_limit(_("เรื่อง"), TITLE))
    due = ThaiDateField(label=_("วันที่ครบกำหนด"))
    note = forms.CharField(
        label=_("หมายเหตุ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        **limits.form_limit(_("หมายเหตุ"), limits.PARAGRAPH),
    )
