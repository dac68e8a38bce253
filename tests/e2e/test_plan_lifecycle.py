"""The plan's life cycle in a real browser: the year's checklist on the home moves with each step and
names who it waits for; the submitter withdraws a submission; a return and an amendment without a
reason are refused; after an amendment the approver sees the changed measure before approving; the
approval it replaced reads superseded. Every page runs under the Content-Security-Policy (conftest)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from prongsai.measures import services
from prongsai.measures.models import Plan
from prongsai.orgs.models import Role
from prongsai.orgs.services import add_member, create_organization, system_user

from .conftest import log_in

PASSWORD = "a-long-test-password"


@pytest.fixture
def klaeng(transactional_db: Any) -> dict[str, Any]:
    system = system_user()
    org = create_organization(system, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", province="ระยอง", is_demo=True)
    people = {}
    for username, role in [("somchai", Role.ADMIN), ("nid", Role.EDITOR), ("wichai", Role.APPROVER)]:
        people[username], _pw = add_member(
            None,
            system,
            organization=org,
            username=username,
            full_name=f"{username} ทดสอบ",
            role=role,
            password=PASSWORD,
        )
    admin = people["somchai"]
    plan = services.create_plan(admin, admin.user, fiscal_year=2568)
    palad = org.departments.get(name="สำนักปลัด")
    measure = services.create_measure(
        plan,
        admin,
        admin.user,
        services.MeasureData(title="ประกาศนโยบาย No Gift", department_ids=[palad.pk], months=[(2567, 10)]),
    )
    return {"org": org, "plan": plan, "measure": measure, **people}


def waits_for(page: Any) -> Any:
    return page.get_by_test_id("year-steps").get_by_test_id("step-waits-for")


def checklist_button(page: Any, name: str) -> Any:
    return page.get_by_test_id("year-steps").get_by_role("link", name=name)


def test_the_plans_life_cycle_in_the_browser(klaeng: dict[str, Any], new_page: Any) -> None:
    plan = klaeng["plan"]

    # The editor sees the checklist waiting for the plan to be submitted, and submits from it.
    nid = new_page()
    log_in(nid, "nid", PASSWORD)
    expect(waits_for(nid)).to_have_text("รอเจ้าหน้าที่เสนอแผน")
    checklist_button(nid, "เสนอผู้บริหารอนุมัติ").click()
    expect(nid.get_by_test_id("what-happens")).to_contain_text("แผนจะถูกล็อก แก้ไขมาตรการไม่ได้จนกว่าผู้บริหารจะอนุมัติหรือส่งกลับ")
    expect(nid.get_by_test_id("next-people")).to_contain_text("wichai ทดสอบ")
    nid.get_by_role("button", name="ยืนยัน เสนออนุมัติ").click()
    expect(nid.get_by_text("ขั้นต่อไป: ผู้บริหารอนุมัติแผน (รอผู้บริหารอนุมัติ)")).to_be_visible()
    expect(nid.get_by_test_id("plan-status")).to_have_text("เสนออนุมัติแล้ว")
    expect(waits_for(nid)).to_have_text("รอผู้บริหารอนุมัติ")

    # The submitter takes it back: the checklist goes back a step; the reason is in the plan's history.
    nid.get_by_role("link", name="ถอนการเสนออนุมัติ").click()
    expect(nid.get_by_test_id("what-happens")).to_contain_text("แผนจะกลับเป็นร่าง")
    nid.fill("#id_reason", "ลืมใส่ระยะเวลาให้ครบ")
    nid.get_by_role("button", name="ยืนยัน ถอนการเสนอ").click()
    expect(nid.get_by_test_id("plan-status")).to_have_text("ร่าง")
    expect(waits_for(nid)).to_have_text("รอเจ้าหน้าที่เสนอแผน")
    expect(nid.get_by_test_id("plan-events")).to_contain_text("ถอนการเสนออนุมัติ: ลืมใส่ระยะเวลาให้ครบ")
    checklist_button(nid, "เสนอผู้บริหารอนุมัติ").click()
    nid.get_by_role("button", name="ยืนยัน เสนออนุมัติ").click()
    expect(waits_for(nid)).to_have_text("รอผู้บริหารอนุมัติ")

    # The approver: a return without a reason is refused, and the plan stays submitted.
    wichai = new_page()
    log_in(wichai, "wichai", PASSWORD)
    expect(waits_for(wichai)).to_have_text("รอผู้บริหารอนุมัติ")
    wichai.get_by_role("link", name="ส่งกลับไปแก้ไข").click()
    wichai.get_by_role("button", name="ยืนยัน ส่งกลับ").click()
    expect(wichai.get_by_text("กรุณาระบุเหตุผลที่ส่งกลับ")).to_be_visible()
    assert Plan.objects.get(pk=plan.pk).status == "submitted"
    wichai.get_by_role("link", name="ยกเลิก").click()

    # Never approved: the approve page shows the plan as submitted; then it is approved.
    checklist_button(wichai, "อนุมัติแผน").click()
    expect(wichai.get_by_test_id("diff-never")).to_be_visible()
    expect(wichai.get_by_test_id("approval-diff")).to_contain_text("ประกาศนโยบาย No Gift")
    wichai.get_by_role("button", name="ยืนยัน อนุมัติแผน").click()
    expect(wichai.get_by_test_id("plan-status")).to_have_text("อนุมัติแล้ว")
    expect(wichai.get_by_text("ขั้นต่อไป: เผยแพร่มาตรการบนหน้าสาธารณะ (รอผู้ดูแลเผยแพร่)")).to_be_visible()
    expect(waits_for(wichai)).to_have_text("รอผู้ดูแลเผยแพร่")

    # The administrator amends (a reason is required), changes a measure's title and submits again.
    somchai = new_page()
    log_in(somchai, "somchai", PASSWORD)
    somchai.get_by_role("link", name="ขอแก้ไขแผน").click()
    somchai.get_by_role("button", name="ยืนยัน ขอแก้ไขแผน").click()
    expect(somchai.get_by_text("กรุณาระบุเหตุผลที่ขอแก้ไขแผน")).to_be_visible()
    somchai.fill("#id_reason", "ปรับชื่อมาตรการตามมติที่ประชุม")
    somchai.get_by_role("button", name="ยืนยัน ขอแก้ไขแผน").click()
    expect(somchai.get_by_test_id("plan-status")).to_have_text("ร่าง")
    expect(somchai.get_by_test_id("approval-state")).to_contain_text("ถูกแทนที่ด้วยการแก้ไขแผนเมื่อ")
    somchai.goto(f"/measures/{klaeng['measure'].pk}/edit/")
    somchai.fill("#id_title", "ประกาศเจตนารมณ์ No Gift Policy")
    somchai.get_by_role("button", name="บันทึก").click()
    somchai.goto(f"/plans/{plan.pk}/submit/")
    somchai.get_by_role("button", name="ยืนยัน เสนออนุมัติ").click()
    expect(waits_for(somchai)).to_have_text("รอผู้บริหารอนุมัติ")

    # The approver sees the changed field before approving; afterwards only the new approval is current.
    wichai.goto("/o/klaeng/")
    checklist_button(wichai, "อนุมัติแผน").click()
    changed = wichai.get_by_test_id("diff-measure").filter(has_text="ประกาศเจตนารมณ์ No Gift Policy")
    expect(changed.locator("li[data-field=title]")).to_have_text(
        "มาตรการหรือกิจกรรม: ประกาศนโยบาย No Gift → ประกาศเจตนารมณ์ No Gift Policy"
    )
    wichai.get_by_role("button", name="ยืนยัน อนุมัติแผน").click()
    states = wichai.get_by_test_id("approval-state")
    expect(states).to_have_count(2)
    expect(states.nth(0)).to_contain_text("ถูกแทนที่ด้วยการแก้ไขแผนเมื่อ")
    expect(states.nth(1)).to_have_text("อนุมัติแล้ว")
    expect(wichai.get_by_test_id("plan-events")).to_contain_text("ขอแก้ไขแผน: ปรับชื่อมาตรการตามมติที่ประชุม")
