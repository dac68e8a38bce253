"""The staff menu counts new complaints and cases near their deadline — corruption reports only for
case officers, a limited member only their departments' cases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from prongsai.complaints.menu import menu_counts
from prongsai.complaints.models import Case

from .conftest import CORRUPTION, World

pytestmark = pytest.mark.django_db


def test_counts_follow_what_each_member_may_see(world: World) -> None:
    world.file()
    world.file(kind=CORRUPTION)
    late = world.file()
    Case.objects.filter(pk=late.pk).update(due_date=timezone.localdate() + timedelta(days=1))
    assert (menu_counts(world.nid).new, menu_counts(world.nid).near_deadline) == (2, 1)
    assert menu_counts(world.somchai).new == 2  # the admin is no case officer: the report is not counted
    assert menu_counts(world.korn).new == 3
    assert menu_counts(world.malee).new == 0  # limited to กองช่าง; nothing assigned there


def test_the_menu_shows_the_counts_in_the_organisations_digits(world: World) -> None:
    world.file()
    world.file(kind=CORRUPTION)
    page = world.client(world.nid).get(f"/o/{world.org.slug}/").content.decode()
    assert 'data-testid="menu-new-complaints"' in page and "ใหม่ ๑" in page
    officer_page = world.client(world.korn).get(f"/o/{world.org.slug}/").content.decode()
    assert "ใหม่ ๒" in officer_page
