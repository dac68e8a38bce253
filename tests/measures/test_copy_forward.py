"""Copy-forward: next year's plan starts from this year's, without losing a field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from prongsai.imports.seed import parse_report_text
from prongsai.imports.services import import_report
from prongsai.measures import services
from prongsai.measures.models import Plan, ProgressStatus
from prongsai.orgs.models import Role
from prongsai.orgs.services import add_member, create_organization, system_user

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "klaeng-2567-measures-report.txt"


@pytest.fixture
def plan_2567(db: Any) -> tuple[Plan, Any]:
    org = create_organization(system_user(), name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng")
    somchai, _pw = add_member(None, system_user(), organization=org, username="somchai", role=Role.ADMIN)
    result = import_report(parse_report_text(SEED.read_text(encoding="utf-8")), somchai, somchai.user)
    return result.plan, somchai


def test_copy_forward_copies_the_eight_measures_with_methods_departments_and_moved_months(
    plan_2567: Any,
) -> None:
    old, somchai = plan_2567
    new = services.copy_plan_forward(old, somchai, somchai.user)
    assert new.fiscal_year == 2568 and new.copied_from == old and new.status == "draft"
    olds = list(old.measures.order_by("number"))
    news = list(new.measures.order_by("number"))
    assert len(news) == 8
    for a, b in zip(olds, news, strict=True):
        assert (b.number, b.title, b.methods, b.responsible_text) == (
            a.number,
            a.title,
            a.methods,
            a.responsible_text,
        )
        assert set(b.departments.all()) == set(a.departments.all())
        assert b.months == [[y + 1, m] for y, m in a.months]
        for p in b.progress.all():
            assert (p.results, p.status, p.version) == ([], ProgressStatus.NOT_STARTED, 0)
    assert news[0].timeframe_text == "ตุลาคม ๒๕๖๗" and not news[0].timeframe_needs_review
    assert news[2].timeframe_text == "ครั้งที่ ๑ ตุลาคม ๒๕๖๗- มีนาคม ๒๕๖๘ ครั้งที่ ๒ เมษายน ๒๕๖๘- กันยายน ๒๕๖๘"
    # Measure 6's timeframe is a free phrase with no month: kept, and flagged for the officer to review.
    assert news[5].timeframe_text == olds[5].timeframe_text and news[5].timeframe_needs_review


def test_copying_into_a_year_that_already_has_a_plan_is_refused(plan_2567: Any) -> None:
    old, somchai = plan_2567
    services.copy_plan_forward(old, somchai, somchai.user)
    with pytest.raises(services.plans.ServiceError):
        services.copy_plan_forward(old, somchai, somchai.user)
    assert Plan.objects.filter(fiscal_year=2568).count() == 1
