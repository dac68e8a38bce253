"""Document versions: frozen rows, numbered, approved once and never changed; the signed copy."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.documents import services
from prongsai.documents.content import layout
from prongsai.documents.models import Snapshot, SnapshotStatus
from prongsai.measures import services as measure_services

from .conftest import World, measure_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def approved_plan(world: World) -> None:
    measure_services.submit_plan(world.plan, world.somchai, world.somchai.user)
    measure_services.approve_plan(world.plan, world.wichai, world.wichai.user)


def test_making_a_document_freezes_the_rows_as_a_numbered_version(world: World) -> None:
    s1 = services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=1)
    assert (s1.version, s1.round, s1.status) == (1, 1, SnapshotStatus.DRAFT)
    assert [r["title"] for r in s1.data["rows"]] == [world.palad_measure.title, world.finance_measure.title]
    measure_services.update_measure(
        world.palad_measure,
        world.somchai,
        world.somchai.user,
        measure_data(world.plan, [], title="แก้ภายหลัง"),
        expected_version=1,
    )
    s1.refresh_from_db()
    assert s1.data["rows"][0]["title"] == "จัดทำประกาศเจตนารมณ์ No Gift Policy"
    s2 = services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=1)
    assert s2.version == 2 and s2.data["rows"][0]["title"] == "แก้ภายหลัง"
    plan_doc = services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="plan")
    assert (plan_doc.version, plan_doc.round) == (1, 0)


def test_the_report_carries_the_rounds_results(world: World) -> None:
    measure_services.record_progress(
        world.palad_measure,
        2,
        world.somchai,
        world.somchai.user,
        measure_services.ProgressData(results=["ลงนามประกาศ", "เผยแพร่แล้ว"], status="done"),
        expected_version=0,
    )
    s = services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=2)
    row = layout(s.data).rows[0]
    assert row[4] == ["๑. ลงนามประกาศ", "๒. เผยแพร่แล้ว"]
    assert row[5] == ["ดำเนินการแล้วเสร็จ"]


def test_control_characters_are_removed_and_reported(world: World) -> None:
    measure_services.update_measure(
        world.palad_measure,
        world.somchai,
        world.somchai.user,
        measure_data(world.plan, [], title="ประกาศ\x07นโยบาย\u200b"),
        expected_version=1,
    )
    s = services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="plan")
    assert s.data["rows"][0]["title"] == "ประกาศนโยบาย"
    assert s.data["removed_controls"] == ["มาตรการที่ 1"]


def test_a_viewer_cannot_make_a_document(world: World) -> None:
    with pytest.raises(NotAllowed):
        services.make_snapshot(world.plan, world.prapa, world.prapa.user, kind="plan")


def test_only_an_approver_approves_and_only_once_and_only_an_approved_plans(world: World) -> None:
    s = services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=2)
    with pytest.raises(NotAllowed):
        services.approve_snapshot(s, world.somchai, world.somchai.user)
    with pytest.raises(ServiceError, match="ต้องอนุมัติแผนก่อน"):
        services.approve_snapshot(s, world.wichai, world.wichai.user)
    approved_plan(world)
    s = services.approve_snapshot(s, world.wichai, world.wichai.user)
    assert s.is_approved and s.approved_by == world.wichai.user
    with pytest.raises(ServiceError):
        services.approve_snapshot(s, world.wichai, world.wichai.user)
    assert Snapshot.history.filter(id=s.pk).first().history_user == world.wichai.user


def test_the_signed_copy_must_be_a_pdf_or_an_image_of_an_approved_version(world: World, settings: object) -> None:
    approved_plan(world)
    s = services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=2)
    with pytest.raises(ServiceError, match="อนุมัติแล้ว"):
        services.upload_signed_copy(s, world.somchai, world.somchai.user, SimpleUploadedFile("signed.pdf", PDF))
    s = services.approve_snapshot(s, world.wichai, world.wichai.user)
    with pytest.raises(ServiceError, match="PDF หรือรูปภาพ"):
        services.upload_signed_copy(s, world.somchai, world.somchai.user, SimpleUploadedFile("signed.csv", b"a,b\n"))
    with pytest.raises(ServiceError, match=r"ไม่ใช่ไฟล์ \.pdf"):
        services.upload_signed_copy(s, world.somchai, world.somchai.user, SimpleUploadedFile("signed.pdf", b"MZ\x90"))
    settings.EVIDENCE_MAX_MB = 1  # type: ignore[attr-defined]
    with pytest.raises(ServiceError, match="เกินขนาด"):
        big = SimpleUploadedFile("signed.pdf", PDF + b"0" * (1024 * 1024))
        services.upload_signed_copy(s, world.somchai, world.somchai.user, big)
    with pytest.raises(NotAllowed):
        services.upload_signed_copy(s, world.malee, world.malee.user, SimpleUploadedFile("signed.pdf", PDF))
    copy = services.upload_signed_copy(s, world.somchai, world.somchai.user, SimpleUploadedFile("signed.pdf", PDF))
    assert copy.sha256 and copy.content_type == "application/pdf"
    assert list(s.signed_copies.all()) == [copy]


def test_signatures_are_typed_before_and_filled_from_submission_and_approval(world: World) -> None:
    world.somchai.position = "นักวิเคราะห์นโยบายและแผน"
    world.somchai.save()
    services.update_signatures(
        world.plan, world.somchai, world.somchai.user, {"reviewer": {"name": "มาลี", "date": "๓๑ มี.ค. ๖๘"}}
    )
    approved_plan(world)
    s = services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="report", round_no=1)
    sigs = {x["role"]: x for x in s.data["signatures"]}
    assert sigs["ผู้รายงาน"]["name"] == "somchai test"
    assert sigs["ผู้รายงาน"]["position"] == "นักวิเคราะห์นโยบายและแผน"
    assert sigs["ผู้ตรวจสอบ"] == {"role": "ผู้ตรวจสอบ", "name": "มาลี", "position": "", "date": "2025-03-31"}
    assert sigs["ผู้อนุมัติ"]["name"] == "wichai test"
    with pytest.raises(ServiceError, match="ไม่มีอยู่จริง") as err:
        services.update_signatures(world.plan, world.somchai, world.somchai.user, {"reporter": {"date": "๓๑ ก.พ. ๖๘"}})
    assert err.value.field == "reporter_date"


def test_thai_digits_off_prints_arabic_digits_but_keeps_codes(world: World) -> None:
    world.org.thai_digits = False
    world.org.save()
    measure_services.update_measure(
        world.palad_measure,
        world.somchai,
        world.somchai.user,
        measure_data(world.plan, [], title="ประกาศ ๒ ฉบับ ตามข้อ o26 ในระบบ e-plan"),
        expected_version=1,
    )
    doc = layout(services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="plan").data)
    assert doc.rows[0][0] == ["1. ประกาศ 2 ฉบับ ตามข้อ o26 ในระบบ e-plan"]
    assert doc.title_lines[1] == "ประจำปีงบประมาณ พ.ศ. 2568"
