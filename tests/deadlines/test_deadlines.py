"""The deadlines service: the rounds' dates, the dates an admin sets, and nothing invented."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.deadlines import registry, services
from prongsai.deadlines.models import SetDeadline
from prongsai.orgs.models import Role
from prongsai.orgs.services import add_member, create_organization, system_user
from prongsai.oversight import lateness

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict:
    actor = system_user()
    org = create_organization(actor, name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng")
    other = create_organization(actor, name="องค์การบริหารส่วนตำบลอื่น", slug="other")
    admin, _ = add_member(None, actor, organization=org, username="somchai", role=Role.ADMIN, password="x-long-pass-1")
    editor, _ = add_member(None, actor, organization=org, username="malee", role=Role.EDITOR, password="x-long-pass-2")
    other_admin, _ = add_member(
        None, actor, organization=other, username="prasert", role=Role.ADMIN, password="x-pass-33"
    )
    return {"org": org, "other": other, "admin": admin, "editor": editor, "other_admin": other_admin}


def test_a_year_has_only_the_two_round_ends_until_an_admin_sets_a_date(world: dict) -> None:
    dates = registry.for_year(world["org"], 2568)
    assert [(d.key, d.due) for d in dates] == [("round-1", date(2025, 3, 31)), ("round-2", date(2025, 9, 30))]
    assert "๖ เดือน" in dates[0].title and "๑๒ เดือน" in dates[1].title


def test_an_admin_sets_a_date_for_the_fiscal_year_it_falls_in_and_only_that_org_sees_it(world: dict) -> None:
    admin = world["admin"]
    item = services.set_deadline(admin, admin.user, title="ประกาศนโยบาย No Gift Policy", due=date(2024, 12, 15))
    assert item.fiscal_year == 2568  # 15 ธ.ค. 2567 falls in fiscal year 2568
    keys = [d.key for d in registry.for_year(world["org"], 2568)]
    assert keys == [f"set-{item.pk}", "round-1", "round-2"]  # in date order
    assert [d.key for d in registry.for_year(world["other"], 2568)] == ["round-1", "round-2"]
    assert item.history.first().history_user == admin.user


def test_a_national_date_reaches_every_organisation_and_is_set_only_by_a_superuser(world: dict) -> None:
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x-long-root-pass")
    with pytest.raises(NotAllowed):
        services.set_national_deadline(world["admin"].user, title="ช่วงประเมิน ITA", due=date(2025, 5, 1))
    services.set_national_deadline(root, title="ช่วงประเมิน ITA", due=date(2025, 5, 1))
    for org in (world["org"], world["other"]):
        assert "ช่วงประเมิน ITA" in [d.title for d in registry.for_year(org, 2568)]


def test_only_an_admin_sets_or_removes_and_bad_input_names_the_field(world: dict) -> None:
    editor, admin = world["editor"], world["admin"]
    with pytest.raises(NotAllowed):
        services.set_deadline(editor, editor.user, title="x", due=date(2025, 1, 1))
    with pytest.raises(ServiceError) as err:
        services.set_deadline(admin, admin.user, title="  ", due=date(2025, 1, 1))
    assert err.value.field == "title"
    with pytest.raises(ServiceError) as err:
        services.set_deadline(admin, admin.user, title="ประชุม", due=None)
    assert err.value.field == "due"
    with pytest.raises(ServiceError) as err:
        services.set_deadline(admin, admin.user, title="ก" * 301, due=date(2025, 1, 1))
    assert err.value.field == "title" and "๓๐๑" in err.value.message
    assert SetDeadline.objects.count() == 0


def test_a_removed_date_is_gone_from_the_year_but_kept_on_record(world: dict) -> None:
    admin = world["admin"]
    item = services.set_deadline(admin, admin.user, title="ประชาคมตำบล", due=date(2025, 2, 1))
    with pytest.raises(NotAllowed):
        services.remove_deadline(item, world["other_admin"], world["other_admin"].user)
    services.remove_deadline(item, admin, admin.user)
    assert [d.key for d in registry.for_year(world["org"], 2568)] == ["round-1", "round-2"]
    assert SetDeadline.objects.filter(pk=item.pk, removed_at__isnull=False).exists()


def test_upcoming_spans_the_turn_of_the_fiscal_year(world: dict) -> None:
    dates = registry.upcoming(world["org"], date(2025, 9, 1), 240)
    assert [(d.fiscal_year, d.key) for d in dates] == [(2568, "round-2"), (2569, "round-1")]


def test_lateness_and_reminders_take_the_round_end_from_the_service() -> None:
    assert lateness.period_end(2567, 1) == registry.get(None, 2567, "round-1").due  # type: ignore[union-attr]
    assert lateness.period_end(2567, 2) == registry.get(None, 2567, "round-2").due  # type: ignore[union-attr]
