"""The migration of issue #15 (orgs 0005_report_layout, documents 0002_report_row_layout), run for real on a
throwaway SQLite database: every character of every progress field stays, the organisation gets the 7-column
layout, a snapshot made before renders to the same bytes after, and the measures whose next report shows new
text are listed.

The suite's own database is built from the models (tests/settings.py), so this test replays the migrations
itself, from the state before these two to the newest.
"""

from __future__ import annotations

import copy
import hashlib
import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from prongsai.documents.content import layout
from prongsai.documents.renderers import get_renderer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ALIAS = "report_row_migration"
OURS = {("orgs", "0005_report_layout"), ("documents", "0002_report_row_layout")}
BEFORE_OURS = {"orgs": "0004_invitations", "documents": "0001_initial"}
step = importlib.import_module("prongsai.documents.migrations.0002_report_row_layout")

CONTROLS = "".join(chr(c) for c in [*range(1, 9), 11, 12, *range(14, 32), 127]) + "\u200b\u200f\u202e\u2060\ufeff"
LONG = ("ผลลัพธ์ที่ยาวมาก ครั้งที่ ๑๒ ผู้บังคับบัญชา ดำเนินการ 😀 " * 120)[:5000]
# Per measure: (status, status_text, outcome, problems, suggestions, results)
ROWS: list[tuple[str, str, str, str, str, list[str]]] = [
    ("done", "ดำเนินการแล้ว เสร็จ", "", "", "", ["จัดประชุม ๑ ครั้ง"]),
    ("done", "", "บุคลากรร้อยละ ๙๕ รับทราบ\r\nไม่มีเรื่องร้องเรียน", "", "ควรทำต่อเนื่อง", ["ก"]),
    ("in_progress", "ยังไม่แล้วเสร็จ" + CONTROLS, "  เว้นวรรคหน้า\tแท็บ\n\nบรรทัดว่าง  ", "งบ" + CONTROLS, "", []),
    ("cancelled", "ก" * 500, LONG, LONG[::-1], LONG, [LONG[:3000], "ข้อ" + CONTROLS]),
    ("not_started", "", "", "ปัญหา/อุปสรรค: เขียนนำหน้าไว้เอง", "ข้อเสนอแนะ\nปัญหา/อุปสรรค: อยู่ในช่องนี้", ["x"]),
]
FIELDS = ("status", "status_text", "outcome", "problems", "suggestions", "results", "version")


@pytest.fixture
def executor(django_db_blocker: Any) -> Iterator[MigrationExecutor]:
    settings = copy.deepcopy(connections.settings["default"])
    settings.update(ENGINE="django.db.backends.sqlite3", NAME=":memory:", OPTIONS={})
    connections.settings[ALIAS] = settings
    try:
        with django_db_blocker.unblock():
            yield MigrationExecutor(connections[ALIAS])
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]
        del connections.settings[ALIAS]


def v1_data(org: Any, plan: Any, rows: list[Any], identifier: str) -> dict[str, Any]:
    """A report snapshot as build_data made it before the change (layout 1: "outcome" is the status phrase)."""
    data: dict[str, Any] = json.loads((FIXTURES / "snapshot-klaeng-2567-report-r2.json").read_text("utf-8"))
    names = {"done": "ดำเนินการแล้วเสร็จ", "in_progress": "อยู่ระหว่างดำเนินการ", "cancelled": "ยกเลิก"}
    data.update(identifier=identifier, fiscal_year=plan.fiscal_year)
    data["organization"]["name"] = org.name
    data["rows"] = [
        {
            "number": i,
            "title": f"มาตรการที่ {i}",
            "methods": [],
            "responsible": "สำนักปลัด",
            "timeframe": "ตุลาคม ๒๕๖๖",
            "indicators": [],
            "results": results,
            "outcome": status_text or names.get(status, "ยังไม่ดำเนินการ"),
            "suggestions": suggestions,
        }
        for i, (status, status_text, _o, _p, suggestions, results) in enumerate(rows, start=1)
    ]
    return data


def rendered(data: dict[str, Any]) -> dict[str, str]:
    formats = ("pdf", "docx", "xlsx", "csv")
    return {fmt: hashlib.sha256(get_renderer(fmt)(data, None).content).hexdigest() for fmt in formats}


def test_every_character_stays_and_old_documents_render_the_same(
    executor: MigrationExecutor, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = executor.loader.graph
    assert OURS <= set(graph.nodes)
    newest = graph.leaf_nodes()
    before = [(app, BEFORE_OURS.get(app, name)) for app, name in newest]
    executor.migrate(before)
    executor.loader.build_graph()
    apps = executor.loader.project_state(before).apps

    assert "report_layout" not in {f.name for f in apps.get_model("orgs.Organization")._meta.get_fields()}

    def model(name: str) -> Any:
        return apps.get_model(name).objects.using(ALIAS)

    user = model("auth.User").create(username="somchai")
    org = model("orgs.Organization").create(name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng")
    other = model("orgs.Organization").create(name="อบต.บ้านค่าย", slug="bankhai")
    plan = model("measures.Plan").create(organization=org, fiscal_year=2567)
    model("measures.Plan").create(organization=other, fiscal_year=2568)
    written = {}
    for number, (status, status_text, outcome, problems, suggestions, results) in enumerate(ROWS, start=1):
        measure = model("measures.Measure").create(plan=plan, number=number, title=f"มาตรการที่ {number}")
        for round_no in (1, 2):
            p = model("measures.Progress").create(
                measure=measure,
                round=round_no,
                status=status,
                status_text=status_text,
                outcome=outcome,
                problems=problems,
                suggestions=suggestions,
                results=results,
                version=round_no,
            )
            written[p.pk] = tuple(getattr(p, f) for f in FIELDS)
    data = v1_data(org, plan, list(ROWS), "6f1c2a9e-0000-4000-8000-00000000beef")
    snapshot = model("documents.Snapshot").create(
        plan=plan, organization=org, kind="report", round=2, version=1, data=data, created_by=user
    )
    hashes_before = rendered(data)

    executor.migrate(newest)
    after = executor.loader.project_state(newest).apps

    progress = after.get_model("measures.Progress").objects.using(ALIAS)
    assert {p.pk: tuple(getattr(p, f) for f in FIELDS) for p in progress.all()} == written
    for pk, (_s, status_text, outcome, problems, suggestions, results, _v) in written.items():
        raw = progress.filter(pk=pk).values("status_text", "outcome", "problems", "suggestions", "results").get()
        assert raw == {
            "status_text": status_text,
            "outcome": outcome,
            "problems": problems,
            "suggestions": suggestions,
            "results": results,
        }
    organizations = after.get_model("orgs.Organization").objects.using(ALIAS)
    assert set(organizations.values_list("report_layout", flat=True)) == {"in_suggestions"}

    kept = after.get_model("documents.Snapshot").objects.using(ALIAS).get(pk=snapshot.pk)
    assert kept.data == data and "layout" not in kept.data
    assert rendered(kept.data) == hashes_before
    assert layout(kept.data).rows[1][5] == ["ดำเนินการแล้วเสร็จ"]  # layout 1: the phrase only, as before

    listed = [(org.name, 2567, n) for n in (2, 3, 4, 5)]  # measure 1 has no outcome nor problems
    printed = capsys.readouterr().out
    assert step.report_new_text(after, ALIAS) == listed
    assert "The next reports of these 4 measures" in printed
    assert all(f"องค์การบริหารส่วนตำบลแกลง · 2567 · measure {n}" in printed for n in (2, 3, 4, 5))
    assert "measure 1\n" not in printed


def test_the_committed_snapshots_render_as_pinned_after_the_change() -> None:
    """tests/documents/test_old_snapshots.py pins the bytes; here: they are layout 1 and stay 7 columns."""
    for name in ("snapshot-klaeng-2567-report-r2.json", "snapshot-klaeng-2567-plan.json"):
        data = json.loads((FIXTURES / name).read_text("utf-8"))
        assert "layout" not in data
        assert len(layout(data).headers) == (7 if data["kind"] == "report" else 5)
