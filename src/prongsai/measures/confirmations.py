"""What each step of a plan's life cycle will do, in plain Thai, for its confirmation page.

Submit, approve, return, amend, withdraw and copy each have a page (GET, the same address the
confirm button posts to) that says what will happen, who acts next, and — when the step cannot be
taken now — why not, instead of a button. Amend and return ask for a reason (the services refuse a
blank one); withdraw offers one. The rules themselves stay in the services; this only explains them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from prongsai.core.digits import num
from prongsai.core.templatetags.thai import thaidatetime
from prongsai.measures.models import Plan, PlanStatus
from prongsai.orgs.models import Membership, Role

ACTIONS = ("submit", "approve", "return", "amend", "withdraw", "copy")


@dataclass
class Confirmation:
    action: str
    title: str
    button: str
    points: list[str] = field(default_factory=list)  # what will happen
    next_people: str = ""  # who acts next, named
    blocked: str = ""  # why the step cannot be taken now ("": it can)
    reason_label: str = ""  # "": no reason asked
    reason_required: bool = False
    shows_diff: bool = False  # the changes since the last approval (approve, return)


def _name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _people(plan: Plan, role: str) -> str:
    members = Membership.objects.active().filter(organization_id=plan.organization_id, role=role).select_related("user")
    names = sorted(_name(m.user) for m in members)
    return ", ".join(names) if names else _("(ยังไม่มีผู้ใช้ในบทบาทนี้ ผู้ดูแลหน่วยงานเพิ่มได้ที่หน้าสมาชิก)")


def _year(plan: Plan) -> str:
    return num(plan.fiscal_year)


def explain(action: str, plan: Plan, actor: Any) -> Confirmation:
    """The page's words for `action` on `plan`, as `actor` will do it."""
    return {
        "submit": _submit,
        "approve": _approve,
        "return": _return,
        "amend": _amend,
        "withdraw": _withdraw,
        "copy": _copy,
    }[action](plan, actor)


def _submit(plan: Plan, actor: Any) -> Confirmation:
    measures = plan.measures.count()
    page = Confirmation(
        "submit",
        _("เสนอแผนให้ผู้บริหารอนุมัติ"),
        _("ยืนยัน เสนออนุมัติ"),
        points=[
            _("เสนอแผนปีงบประมาณ %(y)s ซึ่งมี %(n)s มาตรการ") % {"y": _year(plan), "n": num(measures)},
            _("แผนจะถูกล็อก แก้ไขมาตรการไม่ได้จนกว่าผู้บริหารจะอนุมัติหรือส่งกลับ"),
            _("ถ้าต้องแก้ก่อนผู้บริหารอนุมัติ ผู้เสนอหรือผู้ดูแลหน่วยงานถอนการเสนอได้"),
            _("ผู้บริหารจะเห็นความเปลี่ยนแปลงเทียบกับฉบับที่อนุมัติครั้งก่อนก่อนอนุมัติ")
            if plan.was_ever_approved
            else _("ผู้บริหารจะเห็นแผนทั้งฉบับตามที่เสนอก่อนอนุมัติ"),
        ],
        next_people=_("ผู้ที่ต้องดำเนินการต่อ: ผู้อนุมัติ (ผู้บริหาร) %(names)s จะเห็นแผนนี้เป็น “รอผู้บริหารอนุมัติ” ในขั้นตอนของปี")
        % {"names": _people(plan, Role.APPROVER)},
    )
    if plan.status != PlanStatus.DRAFT:
        page.blocked = _("แผนนี้เสนออนุมัติหรืออนุมัติแล้ว")
    elif measures == 0:
        page.blocked = _("แผนยังไม่มีมาตรการ: เพิ่มมาตรการอย่างน้อยหนึ่งข้อก่อนเสนออนุมัติ")
    return page


def _submitted_line(plan: Plan) -> str:
    if plan.submitted_by is None or plan.submitted_at is None:
        return ""
    return _("เสนอโดย %(who)s เมื่อ %(when)s") % {
        "who": _name(plan.submitted_by),
        "when": thaidatetime(plan.submitted_at),
    }


def _approve(plan: Plan, actor: Any) -> Confirmation:
    number = plan.approvals_count + 1
    page = Confirmation(
        "approve",
        _("อนุมัติแผน"),
        _("ยืนยัน อนุมัติแผน"),
        points=[
            line
            for line in (
                _submitted_line(plan),
                _("แผนฉบับนี้จะถูกบันทึกเป็นฉบับที่อนุมัติครั้งที่ %(n)s และเก็บไว้ไม่เปลี่ยนแปลง") % {"n": num(number)},
                _("มาตรการจะแก้ไขไม่ได้จนกว่าจะมีผู้ขอแก้ไขแผน ระหว่างนี้บันทึกผลการดำเนินการได้ตามปกติ"),
                _("ฉบับที่อนุมัติครั้งก่อนยังเก็บไว้ และแสดงว่าถูกแทนที่ด้วยการแก้ไขแผน") if plan.was_ever_approved else "",
            )
            if line
        ],
        next_people=_("ผู้ที่ต้องดำเนินการต่อ: ผู้ดูแลหน่วยงาน %(names)s เผยแพร่มาตรการบนหน้าสาธารณะ")
        % {"names": _people(plan, Role.ADMIN)},
        shows_diff=True,
    )
    if plan.status != PlanStatus.SUBMITTED:
        page.blocked = _("อนุมัติได้เฉพาะแผนที่เสนออนุมัติแล้ว")
    elif plan.submitted_by_id == actor.pk:
        page.blocked = _("ผู้เสนอแผนอนุมัติแผนของตนเองไม่ได้")
    return page


def _return(plan: Plan, actor: Any) -> Confirmation:
    submitter = _name(plan.submitted_by) or _("ผู้เสนอ")
    page = Confirmation(
        "return",
        _("ส่งแผนกลับไปแก้ไข"),
        _("ยืนยัน ส่งกลับ"),
        points=[
            line
            for line in (
                _submitted_line(plan),
                _("แผนจะกลับเป็นร่าง เจ้าหน้าที่แก้ไขมาตรการได้อีกแล้วเสนอใหม่"),
                _("ต้องระบุเหตุผล เหตุผลจะบันทึกไว้ในประวัติของแผนให้ทุกคนในหน่วยงานอ่านได้"),
            )
            if line
        ],
        next_people=_("ผู้ที่ต้องดำเนินการต่อ: %(who)s และเจ้าหน้าที่ผู้จัดทำแผน แก้ไขแล้วเสนออีกครั้ง") % {"who": submitter},
        reason_label=_("เหตุผลที่ส่งกลับ"),
        reason_required=True,
        shows_diff=True,
    )
    if plan.status != PlanStatus.SUBMITTED:
        page.blocked = _("ส่งกลับได้เฉพาะแผนที่เสนออนุมัติแล้ว")
    return page


def _amend(plan: Plan, actor: Any) -> Confirmation:
    page = Confirmation(
        "amend",
        _("ขอแก้ไขแผน"),
        _("ยืนยัน ขอแก้ไขแผน"),
        points=[
            _("แผนจะกลับเป็นร่าง แก้ไขมาตรการได้อีก แล้วต้องเสนอให้ผู้บริหารอนุมัติใหม่"),
            _("ฉบับที่อนุมัติครั้งที่ %(n)s ยังเก็บไว้ครบ แต่จะแสดงว่า “ถูกแทนที่ด้วยการแก้ไขแผน” เช่นเดียวกับเอกสารแผนที่อนุมัติแล้ว")
            % {"n": num(plan.approvals_count)},
            _("ผลการดำเนินการและหลักฐานที่บันทึกไว้ไม่เปลี่ยนแปลง"),
            _("ต้องระบุเหตุผล เหตุผลจะบันทึกไว้ในประวัติของแผน"),
        ],
        next_people=_("ผู้ที่ต้องดำเนินการต่อ: เจ้าหน้าที่แก้ไขแผนแล้วเสนอ จากนั้นผู้อนุมัติ (ผู้บริหาร) %(names)s อนุมัติใหม่")
        % {"names": _people(plan, Role.APPROVER)},
        reason_label=_("เหตุผลที่ขอแก้ไข"),
        reason_required=True,
    )
    if plan.status != PlanStatus.APPROVED:
        page.blocked = _("ขอแก้ไขได้เฉพาะแผนที่อนุมัติแล้ว")
    return page


def _withdraw(plan: Plan, actor: Any) -> Confirmation:
    page = Confirmation(
        "withdraw",
        _("ถอนการเสนออนุมัติ"),
        _("ยืนยัน ถอนการเสนอ"),
        points=[
            line
            for line in (
                _submitted_line(plan),
                _("แผนจะกลับเป็นร่าง แก้ไขมาตรการได้อีก"),
                _("ผู้บริหารจะไม่เห็นแผนนี้รออนุมัติจนกว่าจะเสนอใหม่"),
                _("เหตุผล (ถ้าระบุ) จะบันทึกไว้ในประวัติของแผน"),
            )
            if line
        ],
        next_people=_("ผู้ที่ต้องดำเนินการต่อ: เจ้าหน้าที่แก้ไขแผนแล้วเสนออีกครั้ง"),
        reason_label=_("เหตุผลที่ถอน (ถ้ามี)"),
    )
    if plan.status != PlanStatus.SUBMITTED:
        page.blocked = _("ถอนได้เฉพาะแผนที่เสนออนุมัติแล้วและยังไม่ได้อนุมัติ")
    return page


def _copy(plan: Plan, actor: Any) -> Confirmation:
    target = plan.fiscal_year + 1
    measures = plan.measures.count()
    page = Confirmation(
        "copy",
        _("คัดลอกเป็นแผนปีงบประมาณ %(y)s") % {"y": num(target)},
        _("ยืนยัน คัดลอก"),
        points=[
            _("จะสร้างแผนปีงบประมาณ %(to)s เป็นร่าง จากแผนปี %(y)s นี้") % {"to": num(target), "y": _year(plan)},
            _("คัดลอก: %(n)s มาตรการ พร้อมวิธีการดำเนินการ ส่วนราชการที่รับผิดชอบ ตัวชี้วัด ITA ข้อ OIT และเป้าหมาย")
            % {"n": num(measures)},
            _(
                "ปีงบประมาณในชื่อแผนและบทนำเปลี่ยนเป็น %(to)s ให้ ระยะเวลาเลื่อนไปหนึ่งปี "
                "ระยะเวลาที่เขียนเป็นข้อความจะถูกทำเครื่องหมาย “ต้องตรวจทาน”"
            )
            % {"to": num(target)},
            _("ไม่คัดลอก: ผลการดำเนินการ หลักฐาน เอกสาร การอนุมัติ และการเผยแพร่"),
            _(
                "ปี พ.ศ. อื่นที่พบในข้อความ (เช่น ในวิธีการดำเนินการ) ระบบไม่เปลี่ยนให้เอง "
                "แต่จะแสดงเป็นรายการ “ปีที่ต้องตรวจทานหลังคัดลอก” ให้ตรวจทีละรายการ"
            ),
            _("แผนปี %(y)s นี้ไม่เปลี่ยนแปลง") % {"y": _year(plan)},
        ],
        next_people=_("ผู้ที่ต้องดำเนินการต่อ: เจ้าหน้าที่ตรวจทานแผนใหม่แล้วเสนอให้ผู้บริหารอนุมัติ"),
    )
    if Plan.objects.filter(organization_id=plan.organization_id, fiscal_year=target).exists():
        page.blocked = _("มีแผนของปีงบประมาณ %(year)s อยู่แล้ว") % {"year": num(target)}
    return page
