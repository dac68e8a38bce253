"""อบต.แกลง's plan 2567 from the seed report, with one more measure that writes years as offices do,
copied forward to 2568: the world of the year-review tests.

- somchai: admin; copies the plan and reviews the years.
- malee: editor limited to กองคลัง (the extra measure is สำนักปลัด's: she may not decide its years).
- prapa: viewer; reads the list, decides nothing.
- prasert: admin of อบต.บ้านค่าย; sees nothing of แกลง's (404).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.test import Client

from prongsai.imports.seed import parse_report_text
from prongsai.imports.services import import_report
from prongsai.measures import services
from prongsai.measures.models import Measure, Plan
from prongsai.orgs.models import Membership, Role
from prongsai.orgs.services import add_member, create_organization, system_user

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "klaeng-2567-measures-report.txt"

# The seed's own results, written as the methods of a measure (as offices carry them to next year),
# with a deadline date, a short year and an Arabic year.
TITLE = "ทบทวนแผนที่ใช้หลายปี ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"  # a measure's title: listed, not changed by itself
RANGE_69 = "จัดทำแผนพัฒนาบุคลากรประจำปี ๒๕๖๗ - ๒๕๖๙"
RANGE_70 = "จัดทำแผนป้องกันการทุจริตประจำปี ประจำปี ๒๕๖๗ – ๒๕๗๐ และรายงานผลในระบบ e-plan nacc"
DEADLINE = "ประชุมคณะทำงานให้แล้วเสร็จภายใน ๓๑ มีนาคม ๒๕๖๗"
TARGET = "บุคลากรร้อยละ ๘๐ เข้ารับการอบรมภายในปี ๖๗"
RESPONSIBLE = "คณะทำงานตามคำสั่งที่ 15/2567"


@dataclass
class YearWorld:
    somchai: Membership
    malee: Membership
    prapa: Membership
    prasert: Membership
    old: Plan
    new: Plan

    @property
    def extra(self) -> Measure:
        """The copy of the extra measure (number 9)."""
        return self.new.measures.get(number=9)

    def item(self, found: str, field: str = "") -> dict[str, Any]:
        self.new.refresh_from_db()
        return next(i for i in self.new.year_review if i["found"] == found and (i["field"] == field or not field))

    def client(self, who: Membership | None) -> Client:
        client = Client()
        if who is not None:
            client.force_login(who.user)
        return client


def build() -> YearWorld:
    system = system_user()
    org = create_organization(system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", province="ระยอง")
    other = create_organization(system, name="องค์การบริหารส่วนตำบลบ้านค่าย", slug="bankhai", province="ระยอง")
    somchai, _pw = add_member(None, system, organization=org, username="somchai", role=Role.ADMIN)
    finance = org.departments.get(name="กองคลัง")
    malee, _pw = add_member(
        None, system, organization=org, username="malee", role=Role.EDITOR, department_ids=[finance.pk]
    )
    prapa, _pw = add_member(None, system, organization=org, username="prapa", role=Role.VIEWER)
    prasert, _pw = add_member(None, system, organization=other, username="prasert", role=Role.ADMIN)
    old = import_report(parse_report_text(SEED.read_text(encoding="utf-8")), somchai, somchai.user).plan
    services.create_measure(
        old,
        somchai,
        somchai.user,
        services.MeasureData(
            title=TITLE,
            methods=[RANGE_69, RANGE_70, DEADLINE],
            department_ids=[org.departments.get(name="สำนักปลัด").pk],
            responsible_text=RESPONSIBLE,
            months=[(2566, 10)],
            target=TARGET,
        ),
    )
    new = services.copy_plan_forward(old, somchai, somchai.user)
    return YearWorld(somchai, malee, prapa, prasert, old, new)
