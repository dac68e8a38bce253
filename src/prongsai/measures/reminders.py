"""Reminder e-mails to the departments whose round is due and whose results are not recorded yet."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from prongsai.core import digits, thai
from prongsai.deadlines.rounds import round_end
from prongsai.measures.models import Measure, Plan, PlanStatus, Round
from prongsai.orgs.models import Membership, Role

# Days before a round's end on which a reminder goes out; after the end, every Monday until recorded.
REMIND_DAYS_BEFORE = (30, 14, 7, 3, 1)


@dataclass
class Reminder:
    email: str
    organization: str
    round: int
    due: date
    measures: list[str]
    thai_digits: bool = True  # the organisation's digit setting: the e-mail writes its numbers that way


def due_round(today: date) -> tuple[int, int, date] | None:
    """(fiscal year, round, due date) a reminder should speak of today, or None."""
    fy = thai.fiscal_year(today)
    for round_no in (Round.SIX_MONTHS, Round.TWELVE_MONTHS):
        end = round_end(fy, round_no)
        days_left = (end - today).days
        if days_left in REMIND_DAYS_BEFORE:
            return fy, round_no, end
    # Overdue: the round that ended most recently, until 60 days after its end, on Mondays.
    for year, round_no in ((fy, Round.SIX_MONTHS), (fy - 1, Round.TWELVE_MONTHS)):
        end = round_end(year, round_no)
        if 0 < (today - end).days <= 60 and today.weekday() == 0:
            return year, round_no, end
    return None


def _recipients(measure: Measure, members: list[Membership]) -> set[str]:
    departments = {d.pk for d in measure.departments.all()}
    emails = set()
    for m in members:
        if not m.user.email or m.role not in (Role.ADMIN, Role.EDITOR):
            continue
        limited = {d.pk for d in m.departments.all()}
        if not limited or limited & departments or (m.role == Role.ADMIN and not departments):
            emails.add(m.user.email)
    return emails


def collect_reminders(today: date) -> list[Reminder]:
    due = due_round(today)
    if due is None:
        return []
    fy, round_no, end = due
    reminders: list[Reminder] = []
    plans = Plan.objects.filter(fiscal_year=fy, status=PlanStatus.APPROVED).select_related("organization")
    for plan in plans:
        pending = list(
            Measure.objects.filter(plan=plan, progress__round=round_no, progress__version=0)
            .prefetch_related("departments")
            .order_by("number")
        )
        if not pending:
            continue
        members = list(
            Membership.objects.active()
            .filter(organization=plan.organization)
            .select_related("user")
            .prefetch_related("departments")
        )
        by_email: dict[str, list[str]] = defaultdict(list)
        for measure in pending:
            for email in _recipients(measure, members):
                number = thai.format_number(measure.number, plan.organization.thai_digits)
                by_email[email].append(f"{number}. {measure.title}")
        for email, titles in sorted(by_email.items()):
            org = plan.organization
            reminders.append(Reminder(email, org.name, round_no, end, titles, org.thai_digits))
    return reminders


def send_reminders(today: date) -> int:
    reminders = collect_reminders(today)
    for r in reminders:
        # Outside a request: each e-mail writes the application's numbers the organisation's way.
        with digits.style(r.thai_digits):
            _send(r)
    return len(reminders)


def _send(r: Reminder) -> None:
    round_label = digits.digits(Round(r.round).label)
    due = thai.format_date_long(r.due, thai_digits=r.thai_digits)
    subject = _("[โปร่งใส] ใกล้ครบกำหนดรายงานผล %(round)s วันที่ %(due)s") % {"round": round_label, "due": due}
    body = "\n".join(
        [
            _("เรียน ผู้รับผิดชอบมาตรการของ %(org)s") % {"org": r.organization},
            "",
            _("มาตรการต่อไปนี้ยังไม่ได้บันทึกผลการดำเนินการ %(round)s ซึ่งครบกำหนดวันที่ %(due)s:")
            % {"round": round_label, "due": due},
            *[f"  {t}" for t in r.measures],
            "",
            _("บันทึกผลได้ที่ %(url)s") % {"url": settings.SITE_URL},
        ]
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [r.email])
