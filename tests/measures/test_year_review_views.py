"""The plan page's panel "ปีที่ต้องตรวจทานหลังคัดลอก" and the addresses it posts to: the access
ladder (anonymous, foreign 404, viewer 403), and never a 500 on a stale or unknown item."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from prongsai.measures import services

from .year_review_world import YearWorld, build

ACTIONS = ("accept", "keep", "accept-all", "keep-all")


@pytest.fixture
def w(db: Any) -> YearWorld:
    return build()


def url(w: YearWorld, action: str) -> str:
    return f"/plans/{w.new.pk}/years/{action}/"


def page(w: YearWorld, who: Any) -> str:
    return w.client(who).get("/o/klaeng/?year=2568").content.decode()


def test_the_copied_plan_shows_the_panel_with_each_place_and_buttons(w: YearWorld) -> None:
    html = page(w, w.somchai)
    assert "ปีที่ต้องตรวจทานหลังคัดลอก" in html and html.count('data-testid="year-item"') == 6
    assert "<mark>๒๕๖๗ – ๒๕๗๐</mark>" in html and "ใช้ปี ๒๕๖๘ – ๒๕๗๑" in html
    assert (
        "มาตรการที่ ๙ · ชื่อมาตรการ" in html
        and "มาตรการที่ ๙ · วิธีการดำเนินการ ข้อ ๒" in html
        and "มาตรการที่ ๙ · เป้าหมาย" in html
    )
    assert "ใช้ปีใหม่ทุกรายการ" in html and "คงไว้ทุกรายการ" in html
    assert "ประจำปีงบประมาณ พ.ศ.๒๕๖๘" in html
    # The source plan was not made by copy-forward: no panel.
    assert "ปีที่ต้องตรวจทานหลังคัดลอก" not in w.client(w.somchai).get("/o/klaeng/?year=2567").content.decode()


def test_a_viewer_sees_the_list_without_buttons(w: YearWorld) -> None:
    html = page(w, w.prapa)
    assert "ปีที่ต้องตรวจทานหลังคัดลอก" in html and "<mark>๒๕๖๗ – ๒๕๗๐</mark>" in html
    assert "ใช้ปี ๒๕๖๘" not in html and "คงไว้ทุกรายการ" not in html


def test_anonymous_is_sent_to_log_in(w: YearWorld) -> None:
    for action in ACTIONS:
        r = w.client(None).post(url(w, action), {"item": "1"})
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/"), action


def test_another_organisation_and_a_missing_plan_get_404(w: YearWorld) -> None:
    client = w.client(w.prasert)
    for action in ACTIONS:
        assert client.post(url(w, action), {"item": "1"}).status_code == 404, action
    somchai = w.client(w.somchai)
    for plan_id in (uuid.uuid4(), "not-a-uuid"):
        assert somchai.post(f"/plans/{plan_id}/years/accept/", {"item": "1"}).status_code == 404
    assert somchai.post(url(w, "delete-all")).status_code == 404
    assert somchai.get(url(w, "accept")).status_code == 405


def test_a_viewer_gets_403_and_nothing_changes(w: YearWorld) -> None:
    client = w.client(w.prapa)
    for action in ACTIONS:
        assert client.post(url(w, action), {"item": "1"}).status_code == 403, action
    w.new.refresh_from_db()
    assert len(w.new.year_review) == 6


def test_a_limited_editor_gets_403_on_another_departments_item(w: YearWorld) -> None:
    client = w.client(w.malee)
    assert client.post(url(w, "accept"), {"item": "1"}).status_code == 403
    r = client.post(url(w, "accept-all"), follow=True)
    assert r.status_code == 200 and "อีก ๖ รายการเป็นมาตรการของส่วนราชการอื่น" in r.content.decode()


def test_accept_and_keep_through_the_page(w: YearWorld) -> None:
    client = w.client(w.somchai)
    date_id, range_id = str(w.item("๒๕๖๗", "methods")["id"]), str(w.item("๒๕๖๗ – ๒๕๗๐")["id"])
    r = client.post(url(w, "accept"), {"item": date_id})
    assert r.status_code == 302 and r["Location"] == "/o/klaeng/?year=2568#year-review"
    r = client.post(url(w, "keep"), {"item": range_id}, follow=True)
    html = r.content.decode()
    assert "คง ๒๕๖๗ – ๒๕๗๐ ไว้ตามเดิมแล้ว" in html and html.count('data-testid="year-item"') == 4
    m = w.extra
    assert m.methods[2].endswith("๓๑ มีนาคม ๒๕๖๘") and "๒๕๖๗ – ๒๕๗๐" in m.methods[1]
    r = client.post(url(w, "keep-all"), follow=True)
    html = r.content.decode()
    assert "คงปีเดิมไว้ ๔ รายการ" in html and "ปีที่ต้องตรวจทานหลังคัดลอก" not in html


@pytest.mark.parametrize("item", ["1", "999", "abc", "", "<script>"])
def test_a_stale_or_unknown_item_is_a_thai_message_never_a_500(w: YearWorld, item: str) -> None:
    client = w.client(w.somchai)
    if item == "1":
        m = w.extra
        data = services.MeasureData(
            title=m.title,
            methods=["ทบทวนแผนพัฒนาบุคลากรแล้ว", *m.methods[1:]],
            department_ids=[d.pk for d in m.departments.all()],
            months=[tuple(x) for x in m.months],
        )
        services.update_measure(m, w.somchai, w.somchai.user, data, expected_version=1)
    r = client.post(url(w, "accept"), {"item": item}, follow=True)
    html = r.content.decode()
    assert r.status_code == 200
    assert ("ถูกแก้ไขหลังคัดลอก" if item == "1" else "ไม่พบรายการปีนี้") in html
    # Keeping a stale item closes it; an unknown one is again a message.
    r = client.post(url(w, "keep"), {"item": item}, follow=True)
    assert r.status_code == 200


def test_copying_through_the_page_says_what_moved_and_what_to_review(w: YearWorld) -> None:
    services.keep_all_years(w.new, w.somchai, w.somchai.user)
    plan = services.create_plan(
        w.somchai, w.somchai.user, fiscal_year=2570, title="มาตรการ ประจำปีงบประมาณ พ.ศ. ๒๕๗๐", intro=""
    )
    services.create_measure(
        plan, w.somchai, w.somchai.user, services.MeasureData(title="ทบทวนแผน ๒๕๖๗ – ๒๕๗๐", months=[(2569, 10)])
    )
    r = w.client(w.somchai).post(f"/plans/{plan.pk}/copy/", follow=True)
    html = r.content.decode()
    assert "มาตรการ ประจำปีงบประมาณ พ.ศ. ๒๕๗๑" in html
    assert "เปลี่ยนปีงบประมาณในชื่อแผนและบทนำเป็น ๒๕๗๑ ให้แล้ว" in html
    assert "พบปี พ.ศ. อื่นอีก ๑ แห่ง" in html and "<mark>๒๕๖๗ – ๒๕๗๐</mark>" in html
