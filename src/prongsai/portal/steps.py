"""The publishing steps of the year's checklist (deadlines/steps.py): the plan and each round's report
on the public page, where the assessors look."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.core import digits
from prongsai.deadlines.rounds import round_key
from prongsai.deadlines.steps import Step, Year, register
from prongsai.portal.models import Publication


def _publish_steps(year: Year) -> Iterable[Step]:
    org, member = year.organization, year.membership
    published = set(
        Publication.objects.current()
        .filter(organization=org, fiscal_year=year.fiscal_year)
        .values_list("kind", "round")
    )
    publish = reverse("portal-publications", args=[org.slug])
    can = bool(member.is_admin)
    yield Step(
        40,
        "plan-published",
        _("เผยแพร่มาตรการบนหน้าสาธารณะ"),
        ("plan", 0) in published,
        waits_for=_("รอผู้ดูแลเผยแพร่"),
        url=publish,
        action=_("เผยแพร่"),
        can_act=can,
    )
    for round_no in (1, 2):
        yield Step(
            100 * round_no + 30,
            f"report-r{round_no}-published",
            digits.digits(_("เผยแพร่รายงานรอบ ๖ เดือน") if round_no == 1 else _("เผยแพร่รายงานรอบ ๑๒ เดือน")),
            ("report", round_no) in published,
            waits_for=_("รอผู้ดูแลเผยแพร่"),
            due=year.due(round_key(round_no)),
            url=publish,
            action=_("เผยแพร่"),
            can_act=can,
        )


register("portal", _publish_steps)
