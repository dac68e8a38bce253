"""When an organisation's report of a round is late — one definition, used by the dashboard and the generator.

The report of round 1 covers ต.ค.–มี.ค. and is due when the period ends, 31 March of the fiscal
year; round 2 covers the whole year and is due on 30 September. An organisation is *late* with a
round's report of fiscal year N when the deadline (the end of the period + GRACE_DAYS) has passed
and it has no approved report snapshot (documents.Snapshot, kind "report", that round, status
approved) of its plan of year N approved on or before the deadline (Asia/Bangkok) — whether it
approved one later or none at all. Before the deadline nobody is late with that round yet.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from prongsai.deadlines.rounds import round_end

GRACE_DAYS: int = getattr(settings, "PRONGSAI_REPORT_GRACE_DAYS", 15)
ROUNDS = (1, 2)


def period_end(year: int, round_no: int) -> date:
    """31 March (round 1) or 30 September (round 2) of fiscal year `year` (B.E.): the deadlines service's."""
    return round_end(year, round_no)


def deadline(year: int, round_no: int) -> date:
    """The last day a round's report may be approved without being late."""
    return period_end(year, round_no) + timedelta(days=GRACE_DAYS)


def cutoff(year: int, round_no: int) -> datetime:
    """The first moment after the deadline (midnight starting the next day, Asia/Bangkok)."""
    next_day = deadline(year, round_no) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(next_day, time.min), timezone.get_default_timezone())


def is_due(year: int, round_no: int, today: date | None = None) -> bool:
    """Whether the deadline of the round has passed, so that lateness can be counted."""
    return (today or timezone.localdate()) > deadline(year, round_no)
