"""The documents' steps of the year's checklist (deadlines/steps.py): each round's report made, then approved."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core import digits
from prongsai.deadlines.rounds import round_key
from prongsai.deadlines.steps import Step, Year, register
from prongsai.documents.models import DocKind, Snapshot, SnapshotStatus

TITLES = {
    1: (gettext_lazy("ออกรายงานผลรอบ ๖ เดือน"), gettext_lazy("ผู้บริหารอนุมัติรายงานรอบ ๖ เดือน")),
    2: (gettext_lazy("ออกรายงานผลรอบ ๑๒ เดือน"), gettext_lazy("ผู้บริหารอนุมัติรายงานรอบ ๑๒ เดือน")),
}


def _report_steps(year: Year) -> Iterable[Step]:
    plan, member = year.plan, year.membership
    reports = (
        list(Snapshot.objects.filter(plan=plan, kind=DocKind.REPORT).order_by("round", "-version"))
        if plan is not None
        else []
    )
    for round_no in (1, 2):
        made_title, approved_title = TITLES[round_no]
        mine = [s for s in reports if s.round == round_no]
        approved = any(s.status == SnapshotStatus.APPROVED for s in mine)
        due = year.due(round_key(round_no))
        documents = reverse("plan-documents", args=[plan.pk]) if plan is not None else ""
        yield Step(
            100 * round_no + 10,
            f"report-r{round_no}-made",
            digits.digits(made_title),
            bool(mine),
            waits_for=_("รอเจ้าหน้าที่ออกรายงาน"),
            due=due,
            url=documents,
            action=_("ออกรายงาน"),
            can_act=plan is not None and bool(member.can_edit),
        )
        latest = mine[0] if mine else None
        yield Step(
            100 * round_no + 20,
            f"report-r{round_no}-approved",
            digits.digits(approved_title),
            approved,
            waits_for=_("รอผู้บริหารอนุมัติ"),
            due=due,
            url=reverse("document-detail", args=[latest.pk]) if latest else documents,
            action=_("อนุมัติรายงาน"),
            can_act=bool(member.can_approve) and latest is not None and not approved,
        )


register("documents", _report_steps)
