"""The public side of the report row (issue #15): the organisation's page, the open data and the personal
data check read a report's rows through documents/content.py `row_texts`, for reports made before the change
(layout 1) and after (layout 2) alike."""

from __future__ import annotations

import csv
import io
from typing import Any

from prongsai.documents.models import Snapshot
from prongsai.measures import services as measures
from prongsai.orgs.models import Organization, ReportLayout
from prongsai.portal.privacy import scan_data
from prongsai.portal.services import documents as publishing

from .conftest import PHONE, World, approve_plan, approved_report

OUTCOME = "บุคลากร ๔๕ คนรับทราบ"
PROBLEMS = "ผู้บริหารลงนามล่าช้า"


def recorded_report(world: World, **values: Any) -> Snapshot:
    approve_plan(world)
    measures.record_progress(
        world.palad_measure,
        2,
        world.somchai,
        world.somchai.user,
        measures.ProgressData(results=["ลงนามประกาศแล้ว"], status="done", **values),
        expected_version=0,
    )
    return approved_report(world)


def open_data(world: World) -> tuple[dict[str, Any], list[dict[str, str]]]:
    client = world.client(None)
    [doc] = client.get("/klaeng/data.json").json()["documents"]
    rows = list(csv.DictReader(io.StringIO(client.get("/klaeng/data.csv").content.decode("utf-8-sig"))))
    return doc["rows"][0], rows[0]


def test_a_new_report_publishes_its_printed_cells(world: World) -> None:
    report = recorded_report(world, outcome=OUTCOME, problems=PROBLEMS, suggestions="ควรลงนามต้นปี")
    publishing.publish(report, world.somchai, world.somchai.user, decisions={})
    page = world.client(None).get("/klaeng/").content.decode()
    assert "ดำเนินการแล้วเสร็จ" in page and OUTCOME not in page  # the page lists each measure's status
    for row in open_data(world):
        assert row["status"] == "ดำเนินการแล้วเสร็จ"
        assert row["outcome"] == f"ดำเนินการแล้วเสร็จ\n{OUTCOME}"
        assert row["suggestions"] == f"ควรลงนามต้นปี\nปัญหา/อุปสรรค: {PROBLEMS}"
        assert row["problems"] == ""


def test_with_a_problems_column_the_open_data_has_it(world: World) -> None:
    Organization.objects.filter(pk=world.org.pk).update(report_layout=ReportLayout.PROBLEMS_COLUMN)
    report = recorded_report(world, outcome=OUTCOME, problems=PROBLEMS)
    publishing.publish(report, world.somchai, world.somchai.user, decisions={})
    for row in open_data(world):
        assert (row["problems"], row["suggestions"]) == (PROBLEMS, "")


def test_a_report_made_before_the_change_publishes_as_it_always_did(world: World) -> None:
    report = recorded_report(world)
    data = dict(report.data)
    del data["layout"], data["problems_column"]
    data["rows"] = [
        {k: v for k, v in row.items() if k not in ("status_text", "problems")} | {"outcome": row["status_text"]}
        for row in data["rows"]
    ]
    Snapshot.objects.filter(pk=report.pk).update(data=data)  # as build_data wrote it before issue #15
    report.refresh_from_db()
    publishing.publish(report, world.somchai, world.somchai.user, decisions={})
    assert "ดำเนินการแล้วเสร็จ" in world.client(None).get("/klaeng/").content.decode()
    for row in open_data(world):
        assert (row["status"], row["outcome"], row["problems"]) == ("ดำเนินการแล้วเสร็จ", "ดำเนินการแล้วเสร็จ", "")


def test_personal_data_in_the_outcome_and_problems_is_found_where_it_prints(world: World) -> None:
    report = recorded_report(world, outcome=f"โทร {PHONE}", problems=f"ผู้ร้องโทร {PHONE}")
    places = {f.path: f.place for f in scan_data(report.data)}
    assert places["rows.0.outcome"] == "มาตรการที่ 1 · ผลลัพธ์หรือความสำเร็จของการดำเนินการ"
    assert places["rows.0.problems"] == "มาตรการที่ 1 · ข้อเสนอแนะ"  # where a 7-column report prints them
    Organization.objects.filter(pk=world.org.pk).update(report_layout=ReportLayout.PROBLEMS_COLUMN)
    eight = dict(report.data, problems_column=True)
    assert {f.path: f.place for f in scan_data(eight)}["rows.0.problems"] == "มาตรการที่ 1 · ปัญหา/อุปสรรค"
    findings = scan_data(report.data)
    publication = publishing.publish(
        report, world.somchai, world.somchai.user, decisions={f.id: publishing.MASK for f in findings}
    )
    assert PHONE not in str(publication.public_data)
