"""The organisation's dates page: everyone in the organisation reads it, only its admin sets dates."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from prongsai.deadlines import services
from prongsai.deadlines.models import SetDeadline
from tests.measures.conftest import World

pytestmark = pytest.mark.django_db


def url(world: World) -> str:
    return f"/o/{world.org.slug}/deadlines/"


def test_the_ladder_anonymous_foreign_viewer_editor_admin(world: World) -> None:
    assert world.client(None).get(url(world)).status_code == 302
    assert world.client(world.prasert).get(url(world)).status_code == 404
    page = world.client(world.prapa).get(url(world))
    assert page.status_code == 200 and "๓๑ มีนาคม" in page.content.decode()
    assert "เพิ่มกำหนดการ" not in page.content.decode()
    form = {"title": "ประชาคมตำบล", "due": "15/1/2569"}
    assert world.client(world.prapa).post(url(world), form).status_code == 403
    assert world.client(world.malee).post(url(world), form).status_code == 403
    assert SetDeadline.objects.count() == 0
    response = world.client(world.somchai).post(url(world), form, follow=True)
    assert "เพิ่มกำหนดการ “ประชาคมตำบล” แล้ว" in response.content.decode()
    item = SetDeadline.objects.get()
    assert (item.due, item.fiscal_year, item.organization) == (date(2026, 1, 15), 2569, world.org)


def test_a_bad_date_is_refused_with_a_thai_message_naming_the_field_and_nothing_written(world: World) -> None:
    response = world.client(world.somchai).post(url(world), {"title": "ประชาคม", "due": "31/2/2569"})
    assert response.status_code == 400
    assert "วันที่ครบกำหนด" in response.content.decode()
    assert SetDeadline.objects.count() == 0


def test_removing_needs_the_admin_and_the_own_date_a_national_one_cannot_be_removed(world: World) -> None:
    mine = services.set_deadline(world.somchai, world.somchai.user, title="ประชาคม", due=date(2026, 1, 15))
    theirs = services.set_deadline(world.prasert, world.prasert.user, title="ของที่อื่น", due=date(2026, 1, 15))
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x-long-root-pass")
    national = services.set_national_deadline(root, title="ช่วงประเมิน ITA", due=date(2026, 5, 1))
    remove = f"{url(world)}{{}}/remove/"
    assert world.client(world.malee).post(remove.format(mine.pk)).status_code == 403
    assert world.client(world.somchai).post(remove.format(theirs.pk)).status_code == 404
    assert world.client(world.somchai).post(remove.format("not-a-uuid")).status_code == 404
    assert world.client(world.somchai).post(remove.format(national.pk)).status_code == 403
    assert world.client(world.somchai).post(remove.format(mine.pk)).status_code == 302
    assert SetDeadline.objects.active().count() == 2


def test_set_deadline_command_sets_a_date_for_every_organisation(world: World) -> None:
    get_user_model().objects.create_superuser("root", "root@example.org", "x-long-root-pass")
    out = StringIO()
    call_command("set_deadline", "ช่วงประเมิน ITA", "๑ พ.ค. ๒๕๖๙", "--by", "root", stdout=out)
    assert "๑ พฤษภาคม ๒๕๖๙" in out.getvalue()
    assert SetDeadline.objects.get().organization is None
    with pytest.raises(CommandError, match="วันที่"):
        call_command("set_deadline", "x", "32/1/2569", "--by", "root")
    with pytest.raises(CommandError):
        call_command("set_deadline", "x", "1/1/2569", "--by", world.somchai.user.username)
