"""The counts on the staff menu: new complaints, and open cases near (or past) their deadline.

Counted over the cases the member may list (access.visible_cases): corruption reports only for case
officers, and only the departments a limited member works for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from prongsai.complaints.access import visible_cases
from prongsai.complaints.models import OPEN_STATUSES, CaseStatus
from prongsai.complaints.services.setup import is_case_officer

NEAR_DAYS = 3  # a case is "near its deadline" from this many days before it


@dataclass
class MenuCounts:
    new: int
    near_deadline: int


def menu_counts(membership: Any, today: date | None = None) -> MenuCounts:
    today = today or timezone.localdate()
    cases = visible_cases(membership, is_case_officer(membership))
    near = Q(status__in=OPEN_STATUSES, due_date__lte=today + timedelta(days=NEAR_DAYS))
    counts = cases.aggregate(new=Count("pk", filter=Q(status=CaseStatus.RECEIVED)), near=Count("pk", filter=near))
    return MenuCounts(new=counts["new"], near_deadline=counts["near"])
