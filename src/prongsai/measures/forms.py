"""Forms for plans, measures, progress and evidence. They validate input; services do the writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundWidget
from django.utils.translation import gettext_lazy as _

from prongsai.core import limits, thai
from prongsai.core.digits import lazy_digits, num
from prongsai.core.errors import ServiceError
from prongsai.core.forms import ThaiDateField
from prongsai.measures.models import Plan, ProgressStatus, Round
from prongsai.measures.oit_topics import oit_topic_offer
from prongsai.measures.services import MeasureData, ProgressData
from prongsai.orgs.models import Organization

INDICATOR_CHOICES = [
    (1, lazy_digits(_("๑ การปฏิบัติหน้าที่"))),
    (2, lazy_digits(_("๒ การใช้งบประมาณ"))),
    (3, lazy_digits(_("๓ การใช้อำนาจ"))),
    (4, lazy_digits(_("๔ การใช้ทรัพย์สินของราชการ"))),
    (5, lazy_digits(_("๕ การแก้ไขปัญหาการทุจริต"))),
    (6, lazy_digits(_("๖ คุณภาพการดำเนินงาน"))),
    (7, lazy_digits(_("๗ ประสิทธิภาพการสื่อสาร"))),
    (8, lazy_digits(_("๘ การปรับปรุงระบบการทำงาน"))),
    (9, lazy_digits(_("๙ การเปิดเผยข้อมูล"))),
    (10, lazy_digits(_("๑๐ การป้องกันการทุจริต"))),
]


class ItemsField(forms.Field):
    """An ordered list of text items posted as repeated inputs of one name, each within limits.ITEM
    characters and at most limits.ITEMS of them (the message names the field and the item)."""

    widget = forms.MultipleHiddenInput
    item_max_length = limits.ITEM

    def to_python(self, value: Any) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return [str(v).strip() for v in value if str(v).strip()]

    def validate(self, value: Any) -> None:
        super().validate(value)
        try:
            limits.check_items(value, "", str(self.label))
        except ServiceError as err:
            raise forms.ValidationError(err.message, code="max_length") from None


class PlanForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2550, max_value=2650)
    title = forms.CharField(label=_("ชื่อแผน"), required=False, **limits.form_limit(_("ชื่อแผน"), limits.PLAN_TITLE))
    intro = forms.CharField(
        label=_("บทนำ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        **limits.form_limit(_("บทนำ"), limits.PLAN_INTRO),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["fiscal_year"]

    def clean_fiscal_year(self) -> int:
        return int(self.cleaned_data["fiscal_year"])


def _month_choices(fiscal_year: int) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [("", _("— เลือกเดือน —"))]
    for idx in range(1, 13):
        year, month = thai.month_of_fiscal_index(fiscal_year, idx)
        choices.append((f"{year}-{month}", f"{thai.THAI_MONTHS[month]} {num(year)}"))
    return choices


class MeasureForm(forms.Form):
    title = forms.CharField(
        label=_("มาตรการหรือกิจกรรม"),
        widget=forms.Textarea(attrs={"rows": 2}),
        **limits.form_limit(_("มาตรการหรือกิจกรรม"), limits.MEASURE_TITLE),
    )
    methods = ItemsField(label=_("วิธีการดำเนินการ"), required=False)
    departments = forms.MultipleChoiceField(
        label=_("ส่วนราชการที่รับผิดชอบ"), required=False, widget=forms.CheckboxSelectMultiple
    )
    responsible_text = forms.CharField(
        label=_("ผู้รับผิดชอบ (ข้อความที่แสดงในเอกสาร)"),
        required=False,
        **limits.form_limit(_("ผู้รับผิดชอบ"), limits.RESPONSIBLE),
        help_text=_("เว้นว่างไว้ = ใช้ชื่อส่วนราชการที่เลือก"),
    )
    month_from = forms.ChoiceField(label=_("ตั้งแต่เดือน"), required=False)
    month_to = forms.ChoiceField(label=_("ถึงเดือน"), required=False)
    timeframe_text = forms.CharField(
        label=_("ระยะเวลา (ข้อความ)"),
        required=False,
        **limits.form_limit(_("ระยะเวลา"), limits.TIMEFRAME),
        help_text=_("เช่น ตุลาคม ๒๕๖๖ หรือ ต.ค. ๖๖ – มี.ค. ๖๗ หรือ ตลอดปีงบประมาณ"),
    )
    indicators = forms.TypedMultipleChoiceField(
        label=_("ตัวชี้วัด ITA ที่เกี่ยวข้อง"),
        required=False,
        coerce=int,
        choices=INDICATOR_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    oit_topics = forms.MultipleChoiceField(
        label=_("ข้อ OIT ที่มาตรการนี้ใช้เป็นหลักฐาน"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("ข้อของแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ที่ประเมินผลของปีงบประมาณนี้ แยกตามปีของเกณฑ์ ITA"),
    )
    target = forms.CharField(
        label=_("เป้าหมาย"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        **limits.form_limit(_("เป้าหมาย"), limits.TARGET),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        org: Organization = plan.organization
        choice_fields = {name: f for name, f in self.fields.items() if isinstance(f, forms.ChoiceField)}
        choice_fields["departments"].choices = [(str(d.pk), d.name) for d in org.departments.all()]
        choice_fields["month_from"].choices = _month_choices(plan.fiscal_year)
        choice_fields["month_to"].choices = _month_choices(plan.fiscal_year)
        # The items that assess the plan's year, by ITA year; topics the measure holds from another
        # year stay offered (and checked), marked, in a group of their own.
        offer = oit_topic_offer(plan, self.initial.get("oit_topics") or [])
        kept = [(topic, f"{label} — {offer.kept_mark}") for topic, label in offer.kept]
        self.oit_choices = offer.groups + ([(str(_("ข้อที่เลือกไว้เดิม")), kept)] if kept else [])
        choice_fields["oit_topics"].choices = self.oit_choices
        self.oit_notes = offer.notes
        self.oit_none = (
            ""
            if offer.groups
            else _("ยังไม่มีเกณฑ์ OIT ที่ประเมินปีงบประมาณ %(year)s ในระบบ") % {"year": num(plan.fiscal_year)}
        )

    def oit_groups(self) -> list[tuple[str, list[BoundWidget]]]:
        """The OIT checkboxes under their headings, for the template."""
        boxes = {str(box.data["value"]): box for box in self["oit_topics"].subwidgets}
        return [(heading, [boxes[topic] for topic, _label in options]) for heading, options in self.oit_choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("month_from"), data.get("month_to")
        if end and not start:
            self.add_error("month_from", _("เลือกเดือนเริ่มต้นด้วย"))
        elif start:
            first = tuple(int(p) for p in start.split("-"))
            last = tuple(int(p) for p in (end or start).split("-"))
            if last < first:
                self.add_error("month_to", _("เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่มต้น"))
        return data

    def months(self) -> list[tuple[int, int]]:
        start, end = self.cleaned_data.get("month_from"), self.cleaned_data.get("month_to")
        if not start:
            return []
        first = thai.fiscal_month_index(int(start.split("-")[1]))
        last = thai.fiscal_month_index(int((end or start).split("-")[1]))
        return [thai.month_of_fiscal_index(self.plan.fiscal_year, i) for i in range(first, last + 1)]

    def to_data(self) -> MeasureData:
        d = self.cleaned_data
        return MeasureData(
            title=d["title"],
            methods=d["methods"],
            department_ids=list(d["departments"]),
            responsible_text=d["responsible_text"],
            timeframe_text=d["timeframe_text"],
            months=self.months(),
            indicators=list(d["indicators"]),
            target=d["target"],
            oit_topics=list(d["oit_topics"]),
        )

    @staticmethod
    def initial_for(measure: Any) -> dict[str, Any]:
        months = [tuple(m) for m in measure.months]
        first = f"{months[0][0]}-{months[0][1]}" if months else ""
        last = f"{months[-1][0]}-{months[-1][1]}" if months else ""
        contiguous = (
            months and len(months) == thai.fiscal_month_index(months[-1][1]) - thai.fiscal_month_index(months[0][1]) + 1
        )
        return {
            "title": measure.title,
            "methods": list(measure.methods),
            "departments": [str(d.pk) for d in measure.departments.all()],
            "responsible_text": measure.responsible_text,
            "month_from": first if contiguous else "",
            "month_to": last if contiguous else "",
            "timeframe_text": measure.timeframe_text,
            "indicators": list(measure.indicators),
            "oit_topics": list(measure.oit_topics),
            "target": measure.target,
            "version": measure.version,
        }


class ProgressForm(forms.Form):
    """A round's results, each field labelled with the words of the report column it fills.

    The column ผลลัพธ์หรือความสำเร็จของการดำเนินการ prints the status phrase (status_text, else the status's
    name), then the outcome. ปัญหา/อุปสรรค has a column of its own when the organisation's report layout has
    one (`problems_column`), else it ends the ข้อเสนอแนะ cell as "ปัญหา/อุปสรรค: …" (documents/content.py).
    """

    OUTCOME_COLUMN = _("ผลลัพธ์หรือความสำเร็จของการดำเนินการ")

    results = ItemsField(label=_("ผลการดำเนินการ"), required=False)
    status = forms.ChoiceField(
        label=_("สถานะ"),
        choices=ProgressStatus.choices,
        help_text=_("ใช้ติดตามความคืบหน้า และเป็นบรรทัดแรกของช่องนี้ในรายงานเมื่อไม่ได้กรอกข้อความสถานะ"),
    )
    status_text = forms.CharField(
        label=_("ข้อความสถานะตามที่เขียน (บรรทัดแรกของช่อง)"),
        required=False,
        **limits.form_limit(_("ผลลัพธ์หรือความสำเร็จ"), limits.STATUS_TEXT),
        help_text=_("เว้นว่างไว้ = ใช้ชื่อสถานะ"),
    )
    outcome = forms.CharField(
        label=_("ผลลัพธ์ (บรรทัดถัดไปของช่อง)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        **limits.form_limit(_("ผลลัพธ์"), limits.PARAGRAPH),
    )
    problems = forms.CharField(
        label=_("ปัญหา/อุปสรรค"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        **limits.form_limit(_("ปัญหา/อุปสรรค"), limits.PARAGRAPH),
    )
    suggestions = forms.CharField(
        label=_("ข้อเสนอแนะ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        **limits.form_limit(_("ข้อเสนอแนะ"), limits.PARAGRAPH),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, problems_column: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems_column = problems_column
        problems = self.fields["problems"]
        if problems_column:
            problems.help_text = _("พิมพ์ในคอลัมน์ ปัญหา/อุปสรรค ของรายงาน")
        else:
            problems.label = _("ข้อเสนอแนะ (ขึ้นต้นด้วย ปัญหา/อุปสรรค:)")
            problems.help_text = _(
                "พิมพ์ต่อท้ายช่องข้อเสนอแนะของรายงาน ขึ้นต้นด้วย “ปัญหา/อุปสรรค:” (ผู้ดูแลหน่วยงานเลือกให้มีคอลัมน์ของตัวเองได้ที่ ตั้งค่าเอกสาร)"
            )

    def to_data(self) -> ProgressData:
        d = self.cleaned_data
        return ProgressData(
            results=d["results"],
            status=d["status"],
            status_text=d["status_text"],
            outcome=d["outcome"],
            suggestions=d["suggestions"],
            problems=d["problems"],
        )


class EvidenceForm(forms.Form):
    round = forms.TypedChoiceField(label=_("รอบ"), choices=Round.choices, coerce=int)
    title = forms.CharField(
        label=_("ชื่อหลักฐาน"), required=False, **limits.form_limit(_("ชื่อหลักฐาน"), limits.EVIDENCE_TITLE)
    )
    file = forms.FileField(label=_("ไฟล์"), required=False)
    url = forms.CharField(label=_("หรือลิงก์"), required=False, **limits.form_limit(_("ลิงก์"), limits.EVIDENCE_URL))
    period_start = ThaiDateField(label=_("ครอบคลุมช่วงเวลา ตั้งแต่วันที่"), required=False)
    period_end = ThaiDateField(label=_("ถึงวันที่"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผล"), widget=forms.Textarea(attrs={"rows": 2}), **limits.form_limit(_("เหตุผล"), limits.REASON)
    )


class PlanReasonForm(forms.Form):
    """The reason on a plan's confirmation page (amend, return, withdraw). Whether it may be left blank
    is the service's rule (amend and return need one): its refusal lands on this field."""

    def __init__(self, *args: Any, label: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"] = forms.CharField(
            label=label,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            **limits.form_limit(label, limits.REASON),
        )
