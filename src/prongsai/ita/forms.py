"""Forms of the ITA pages. They check the shape of the input; the services check the values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.digits import lazy_digits, num
from prongsai.ita.models import INDICATORS, Source


def year_choices(years: list[int]) -> list[tuple[int, str]]:
    return [(year, num(year)) for year in sorted(years, reverse=True)]


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("ปี ITA (พ.ศ.)"), coerce=int)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices(years)  # type: ignore[attr-defined]


class ScoresForm(YearForm):
    """A year's ten indicator scores; blanks allowed (a tool with no score stays empty)."""

    source = forms.ChoiceField(
        choices=[(Source.FORM, Source.FORM.label), (Source.PASTED, Source.PASTED.label)],
        initial=Source.FORM,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, years: list[int], names: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, years=years, **kwargs)
        for number in INDICATORS:
            label = _("ตัวชี้วัดที่ %(n)s %(name)s") % {"n": num(number), "name": names.get(number, "")}
            self.fields[f"indicator_{number}"] = forms.CharField(
                label=label,
                required=False,
                max_length=20,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "placeholder": "0-100"}),
            )

    def raw_scores(self) -> dict[int, Any]:
        return {n: self.cleaned_data.get(f"indicator_{n}") or None for n in INDICATORS}


class PasteForm(YearForm):
    text = forms.CharField(
        label=_("ข้อความที่คัดลอกมา"),
        help_text=_("ตารางผลคะแนนรายตัวชี้วัด หรือข่าวที่รายงานผลคะแนน: ระบบจะเติมคะแนนลงแบบฟอร์มให้ตรวจก่อนบันทึก"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class SheetForm(YearForm):
    file = forms.FileField(
        label=_("ไฟล์คะแนน (.xlsx หรือ .csv)"),
        help_text=lazy_digits(_('แถวละตัวชี้วัด เช่น "ตัวชี้วัดที่ 1 | 94.59" หรือหัวตาราง ตัวชี้วัดที่ 1 ... 10 กับคะแนนหนึ่งแถว')),
    )


class CatalogueUploadForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์เกณฑ์การประเมิน (.json)"))
    change = forms.CharField(label=_("สิ่งที่แก้ไข"), required=False, max_length=300)


ROUND_CHOICES = [
    ("", pgettext_lazy("covers round", "ไม่ระบุรอบ")),
    ("1", lazy_digits(pgettext_lazy("covers round", "รอบ 6 เดือน (ต.ค.-มี.ค.)"))),
    ("2", lazy_digits(pgettext_lazy("covers round", "รอบ 12 เดือน (ทั้งปีงบประมาณ)"))),
]


class CatalogueItemForm(forms.Form):
    title = forms.CharField(label=_("ชื่อข้อ"), max_length=300)
    indicator = forms.TypedChoiceField(label=_("ตัวชี้วัด"), coerce=int)
    topic = forms.SlugField(label=_("หัวข้อ (ใช้ร่วมกันทุกปี)"), max_length=60, allow_unicode=False)
    contents = forms.CharField(
        label=_("องค์ประกอบที่ต้องมี (บรรทัดละหนึ่งข้อ)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    covers_offset = forms.TypedChoiceField(
        label=_("หลักฐานครอบคลุมปีงบประมาณ"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("ไม่ระบุ")),
            ("0", _("ปีเดียวกับปีที่ประเมิน")),
            ("-1", _("ปีก่อนปีที่ประเมิน")),
            ("-2", _("สองปีก่อนปีที่ประเมิน")),
        ],
    )
    covers_round = forms.TypedChoiceField(
        label=_("รอบของหลักฐาน"), required=False, coerce=int, empty_value=None, choices=ROUND_CHOICES
    )
    confirmed = forms.BooleanField(label=_("ยืนยันจากแหล่งข้อมูลสาธารณะแล้ว"), required=False)
    note = forms.CharField(label=_("หมายเหตุ"), required=False, max_length=500)
    change = forms.CharField(label=_("เหตุผลที่แก้ไข"), required=False, max_length=300)

    def __init__(self, *args: Any, indicators: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [  # type: ignore[attr-defined]
            (n, _("%(n)s %(name)s") % {"n": num(n), "name": name}) for n, name in indicators
        ]

    @staticmethod
    def initial_from(item: dict[str, Any]) -> dict[str, Any]:
        covers = item.get("covers") or {}
        return {
            "title": item["title"],
            "indicator": item["indicator"],
            "topic": item["topic"],
            "contents": "\n".join(item.get("contents", [])),
            "covers_offset": covers.get("fiscal_year_offset", ""),
            "covers_round": covers.get("round") or "",
            "confirmed": item.get("confirmed", False),
            "note": item.get("note", ""),
        }

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        offset = data.get("covers_offset")
        covers = None if offset is None else {"fiscal_year_offset": offset, "round": data.get("covers_round")}
        return {
            "title": data["title"].strip(),
            "indicator": data["indicator"],
            "topic": data["topic"],
            "contents": [line.strip() for line in data.get("contents", "").splitlines() if line.strip()],
            "covers": covers,
            "confirmed": bool(data.get("confirmed")),
            "note": data.get("note", "").strip(),
        }


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("ประเด็นที่ต้องแก้ไข/ปรับปรุง"),
        required=False,
        max_length=4000,  # the service names the indicator past its own limit
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
