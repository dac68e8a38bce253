"""The plan's steps of the year's checklist (deadlines/steps.py): written, submitted, approved, and
the results of each round, due at the round's end."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core import digits
from prongsai.deadlines.rounds import round_key
from prongsai.deadlines.steps import Step, Year, register
from prongsai.measures.models import PlanStatus, Progress

ROUND_TITLES = {1: gettext_lazy("บันทึกผลการดำเนินการรอบ ๖ เดือน"), 2: gettext_lazy("บันทึกผลการดำเนินการรอบ ๑๒ เดือน")}


def _n(year: Year, number: int) -> str:
    return digits.num(number)


def _plan_steps(year: Year) -> Iterable[Step]:
    org, plan, member = year.organization, year.plan, year.membership
    home = reverse("org-home", args=[org.slug]) + f"?year={year.fiscal_year}"
    if plan is None:
        yield Step(
            10,
            "plan-written",
            _("เขียนแผนมาตรการ"),
            False,
            waits_for=_("รอเจ้าหน้าที่จัดทำแผน"),
            url=reverse("plan-create", args=[org.slug]),
            action=_("สร้างแผนมาตรการ"),
            can_act=bool(member.can_edit),
        )
        yield Step(20, "plan-submitted", _("เสนอแผนให้ผู้บริหารอนุมัติ"), False)
        yield Step(30, "plan-approved", _("ผู้บริหารอนุมัติแผน"), False)
        return
    measures = plan.measures.count()
    draft = plan.status == PlanStatus.DRAFT
    yield Step(
        10,
        "plan-written",
        _("เขียนแผนมาตรการ"),
        measures > 0,
        waits_for=_("รอเจ้าหน้าที่เพิ่มมาตรการ"),
        detail=_("มี %(n)s มาตรการ") % {"n": _n(year, measures)},
        url=reverse("measure-create", args=[plan.pk]) if draft else home,
        action=_("เพิ่มมาตรการ"),
        can_act=bool(member.can_edit) and draft,
    )
    yield Step(
        20,
        "plan-submitted",
        _("เสนอแผนให้ผู้บริหารอนุมัติ"),
        plan.status != PlanStatus.DRAFT,
        waits_for=_("รอเจ้าหน้าที่เสนอแผน"),
        url=reverse("plan-submit", args=[plan.pk]),
        action=_("เสนอผู้บริหารอนุมัติ"),
        can_act=bool(member.can_edit) and draft and measures > 0,
    )
    yield Step(
        30,
        "plan-approved",
        _("ผู้บริหารอนุมัติแผน"),
        plan.status == PlanStatus.APPROVED,
        waits_for=_("รอผู้บริหารอนุมัติ"),
        url=reverse("plan-approve", args=[plan.pk]),
        action=_("อนุมัติแผน"),
        can_act=bool(member.can_approve) and plan.status == PlanStatus.SUBMITTED,
    )
    recorded = Progress.objects.filter(measure__plan=plan, version__gt=0).aggregate(
        r1=Count("pk", filter=Q(round=1)), r2=Count("pk", filter=Q(round=2))
    )
    for round_no in (1, 2):
        done = recorded[f"r{round_no}"]
        yield Step(
            100 * round_no,
            f"results-r{round_no}",
            digits.digits(ROUND_TITLES[round_no]),
            measures > 0 and done >= measures,
            waits_for=_("รอส่วนราชการบันทึกผล"),
            detail=_("บันทึกแล้ว %(done)s จาก %(total)s มาตรการ") % {"done": _n(year, done), "total": _n(year, measures)},
            due=year.due(round_key(round_no)),
            url=home,
            action=_("บันทึกผล"),
            can_act=bool(member.can_edit),
        )


register("measures", _plan_steps)
