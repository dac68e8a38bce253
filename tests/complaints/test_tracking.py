"""The tracking page: status, dates and public replies — and no personal data, ever."""

from __future__ import annotations

from django.test import Client

from prongsai.complaints import services
from prongsai.complaints.models import CaseStatus

from .conftest import World


def test_tracking_shows_status_dates_and_public_replies_but_no_personal_data(world: World) -> None:
    case = world.file(contact_line="somsri-line")
    services.move(case, world.nid, world.nid.user, to=CaseStatus.IN_PROGRESS)
    services.add_note(case, world.nid, world.nid.user, "ผู้ร้องเป็นญาติของนายก ระวัง")
    services.send_reply(case, world.nid, world.nid.user, "ส่งช่างไปตรวจแล้ว จะซ่อมภายในสัปดาห์นี้")
    r = Client().get(f"/track/{case.tracking_code}/")
    assert r.status_code == 200
    page = r.content.decode()
    assert "อยู่ระหว่างดำเนินการ" in page
    assert "ส่งช่างไปตรวจแล้ว จะซ่อมภายในสัปดาห์นี้" in page
    assert case.registry_display in page
    for private in (
        "นางสมศรี ใจดี",
        "0812345678",
        "somsri@example.com",
        "somsri-line",
        "ไฟดับมาสามคืนแล้ว",  # the details
        "หน้าโรงเรียนบ้านแกลง",  # the place
        "ญาติของนายก",  # an internal note
        "nid",  # who handled it
    ):
        assert private not in page, private
    assert r["Cache-Control"] == "no-store" and r["X-Robots-Tag"] == "noindex"


def test_a_code_typed_in_lower_case_with_dashes_finds_the_case(world: World) -> None:
    case = world.file()
    code = case.tracking_code
    r = Client().post("/track/", {"code": f" {code[:4].lower()}-{code[4:]} "})
    assert r.status_code == 302 and r["Location"] == f"/track/{code}/"


def test_an_unknown_code_says_so_with_404(world: World) -> None:
    r = Client().get("/track/ABCDEFGHJK/")
    assert r.status_code == 404
    assert "ไม่พบเรื่องที่มีรหัสนี้" in r.content.decode()
    r = Client().post("/track/", {"code": "not a code"})
    assert r.status_code == 400


def test_a_rejection_shows_its_reason_and_a_forward_where_it_went(world: World) -> None:
    rejected, forwarded = world.file(), world.file()
    services.move(rejected, world.nid, world.nid.user, to=CaseStatus.REJECTED, reason="ไม่อยู่ในอำนาจหน้าที่")
    services.move(forwarded, world.nid, world.nid.user, to=CaseStatus.FORWARDED, forwarded_to="การไฟฟ้าส่วนภูมิภาค")
    assert "ไม่อยู่ในอำนาจหน้าที่" in Client().get(f"/track/{rejected.tracking_code}/").content.decode()
    assert "การไฟฟ้าส่วนภูมิภาค" in Client().get(f"/track/{forwarded.tracking_code}/").content.decode()


def test_tracking_a_corruption_report_reveals_nothing_but_its_state(world: World) -> None:
    case = world.file("แจ้งเบาะแสการทุจริตและประพฤติมิชอบ", subject="ปลัดรับเงินใต้โต๊ะ")
    page = Client().get(f"/track/{case.tracking_code}/").content.decode()
    assert "รับเรื่อง" in page and "ปลัดรับเงินใต้โต๊ะ" not in page and "นางสมศรี" not in page
