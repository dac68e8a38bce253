"""Downloading a document: rendered from its snapshot, stored with its SHA-256, the same bytes every time."""

from __future__ import annotations

import csv
import hashlib
import io
from io import StringIO
from pathlib import Path
from typing import Any

import docx
from django.core.management import call_command

from prongsai.documents import services
from prongsai.documents.models import RenderedFile
from prongsai.imports.seed import parse_report_text
from prongsai.imports.services import import_report
from prongsai.measures import services as measure_services

from .conftest import World, measure_data

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "klaeng-2567-measures-report.txt"


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_a_download_is_stored_with_its_hash_and_served_the_same_each_time(world: World) -> None:
    s = services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="plan")
    client = world.client(world.prapa)
    first = client.get(f"/documents/{s.pk}/download/csv/")
    data = body(first)
    assert first["Content-Disposition"].startswith("attachment")
    assert first["X-Content-SHA256"] == hashlib.sha256(data).hexdigest()
    assert body(client.get(f"/documents/{s.pk}/download/csv/")) == data
    assert RenderedFile.objects.filter(snapshot=s, format="csv").count() == 1
    assert client.get(f"/documents/{s.pk}/download/exe/").status_code == 404


def test_editing_after_approval_never_changes_the_approved_document(world: World) -> None:
    measure_services.submit_plan(world.plan, world.somchai, world.somchai.user)
    measure_services.approve_plan(world.plan, world.wichai, world.wichai.user)
    s = services.approve_snapshot(
        services.make_snapshot(world.plan, world.somchai, world.somchai.user, kind="plan"),
        world.wichai,
        world.wichai.user,
    )
    before = services.render_file(s, "docx")
    measure_services.amend_plan(world.plan, world.somchai, world.somchai.user, reason="แก้ชื่อมาตรการ")
    measure_services.update_measure(
        world.palad_measure,
        world.somchai,
        world.somchai.user,
        measure_data(world.plan, [], title="เปลี่ยนภายหลัง"),
        expected_version=1,
    )
    client = world.client(world.somchai)
    data = body(client.get(f"/documents/{s.pk}/download/docx/"))
    assert hashlib.sha256(data).hexdigest() == before.sha256
    text = "\n".join(c.text for t in docx.Document(io.BytesIO(data)).tables for r in t.rows for c in r.cells)
    assert "เปลี่ยนภายหลัง" not in text and "No Gift Policy" in text


def test_the_render_command_writes_the_latest_version_making_one_if_needed(world: World, tmp_path: Path) -> None:
    import_report(parse_report_text(SEED.read_text(encoding="utf-8")), world.somchai, world.somchai.user)
    out = tmp_path / "report.csv"
    log = StringIO()
    call_command(
        "render", "--org", "klaeng", "--year", "2567", "--doc", "report", "--format", "csv", "-o", str(out), stdout=log
    )
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[0][0] == "มาตรการหรือกิจกรรมที่ดำเนินการ" and len(rows) == 9
    assert rows[1][0].startswith("๑. การจัดทำข้อตกลงระหว่างผู้บังคับบัญชา")
    assert "sha256" in log.getvalue()
    call_command("render", "--org", "klaeng", "--year", "2567", "--format", "csv", "-o", str(out), stdout=StringIO())
    assert world.org.snapshots.count() == 1  # the second run reused the latest version
