"""Importing into a year that already has a plan: the preview lists the changes, the confirmation applies exactly
them in one transaction (a failure in the middle writes nothing), approved plans take progress only."""

from __future__ import annotations

import re
from typing import Any

import pytest

from prongsai.imports.incoming import Incoming
from prongsai.imports.merge import match_measures
from prongsai.imports.models import ImportRecord, ImportStatus
from prongsai.imports.seed import parse_report_bytes
from prongsai.imports.services import import_report
from prongsai.measures import services
from prongsai.measures.models import Measure, Plan, Progress
from prongsai.orgs.models import Role
from prongsai.orgs.services import add_member, system_user
from tests.imports.conftest import SEED, People, confirm_data, draft_of, upload

NEW_TITLE_3 = "การประเมินผลการปฏิบัติงานและการเลื่อนขั้นเงินเดือนประจำปี"
NEW_MEASURE = "๘. จัดทำคู่มือการปฏิบัติงานด้านการเงินการคลัง\t๑. จัดทำคู่มือ\tกองคลัง\tมีนาคม ๒๕๖๗\t๑. เผยแพร่คู่มือ\tอยู่ระหว่างดำเนินการ\t"


def edited_seed(**lines: str) -> bytes:
    """The seed text with some of its lines (by number, as "l24") replaced."""
    text = SEED.read_text(encoding="utf-8").split("\n")
    for key, line in lines.items():
        text[int(key[1:]) - 1] = line
    return "\n".join(text).encode("utf-8")


def cell_edit(line_no: int, column: int, value: str) -> str:
    cells = SEED.read_text(encoding="utf-8").split("\n")[line_no - 1].split("\t")
    cells[column - 1] = value
    return "\t".join(cells)


def the_edit(**more: str) -> bytes:
    """Measure 3 renamed, measure 4's results and status changed, measure 8 replaced by a new one."""
    return edited_seed(
        l24=cell_edit(24, 1, f"๓. {NEW_TITLE_3}"),
        l25="\t".join([*cell_edit(25, 5, "๑. เปิดบริการออนไลน์ครบทุกงาน").split("\t")[:5], "อยู่ระหว่างดำเนินการ", ""]),
        l31=NEW_MEASURE,
        **more,
    )


@pytest.fixture
def plan(people: People) -> Plan:
    result = import_report(parse_report_bytes(SEED.read_bytes()), people.somchai, people.somchai.user)
    return result.plan


def versions(plan: Plan) -> dict[int, tuple[int, int]]:
    return {m.number: (m.version, Progress.objects.get(measure=m, round=2).version) for m in plan.measures.all()}


def rows_of(page: str) -> dict[str, list[str]]:
    """data-number -> the data-field of each change listed under it."""
    found: dict[str, list[str]] = {}
    for number, body in re.findall(r'data-number="(\d+)">(.*?)</article>', page, flags=re.DOTALL):
        found[number] = re.findall(r'data-field="([^"]+)"', body)
    return found


def test_the_preview_lists_the_changes_and_confirm_applies_exactly_them(people: People, plan: Plan) -> None:
    before = versions(plan)
    client = people.client(people.somchai)
    record = draft_of(upload(client, "klaeng", the_edit(), "report-v2.txt"))
    page = client.get(f"/imports/{record.pk}/").content.decode()
    assert re.findall(r'data-action="(\w+)" data-number="(\d+)"', page) == [
        ("same", "1"), ("same", "2"), ("changed", "3"), ("changed", "4"),
        ("same", "5"), ("same", "6"), ("same", "7"), ("new", "8"),
    ]  # fmt: skip
    rows = rows_of(page)
    assert rows["3"] == ["title"]
    assert rows["4"] == ["results", "status", "status_text"]
    assert NEW_TITLE_3 in page and "อยู่ระหว่างดำเนินการ" in page
    assert 'data-testid="untouched">๘. มาตรการภายในเพื่อป้องกันการทุจริตอย่างเป็นรูปธรรม' in page
    assert Measure.objects.filter(plan=plan).count() == 8  # the preview wrote nothing

    response = client.post(f"/imports/{record.pk}/confirm/", confirm_data(page))
    assert response.status_code == 302
    after = versions(plan)
    assert after[3] == (before[3][0] + 1, before[3][1])
    assert after[4] == (before[4][0], before[4][1] + 1)
    assert all(after[n] == before[n] for n in (1, 2, 5, 6, 7, 8))  # untouched: the file's measure 8 is new
    assert plan.measures.get(number=3).title == NEW_TITLE_3
    four = Progress.objects.get(measure__plan=plan, measure__number=4, round=2)
    assert (four.results, four.status, four.status_text) == (
        ["เปิดบริการออนไลน์ครบทุกงาน"],
        "in_progress",
        "อยู่ระหว่างดำเนินการ",
    )
    new = plan.measures.get(number=9)
    assert new.title == "จัดทำคู่มือการปฏิบัติงานด้านการเงินการคลัง"
    assert [d.name for d in new.departments.all()] == ["กองคลัง"]
    assert plan.measures.get(number=8).title == "มาตรการภายในเพื่อป้องกันการทุจริตอย่างเป็นรูปธรรม"
    record.refresh_from_db()
    assert record.counts == {
        "measures_created": 1,
        "measures_updated": 1,
        "progress_recorded": 2,
        "departments_created": 0,
        "skipped": 0,
    }


def test_a_measure_failing_validation_in_the_middle_writes_nothing(people: People, plan: Plan) -> None:
    before = versions(plan)
    history = (Measure.history.count(), Progress.history.count())
    client = people.client(people.somchai)
    bad = the_edit(l29=cell_edit(29, 4, "ตุลาคม ๒๕๗๐"))  # measure 6: a timeframe outside FY2567
    record = draft_of(upload(client, "klaeng", bad, "report-v3.txt"))
    page = client.get(f"/imports/{record.pk}/").content.decode()
    assert rows_of(page)["6"] == ["timeframe_text"]
    response = client.post(f"/imports/{record.pk}/confirm/", confirm_data(page))
    messages = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert any(m.startswith("ไม่ได้บันทึกข้อมูลใด: บรรทัดที่ 29:") and "ระยะเวลา" in m for m in messages), messages
    assert versions(plan) == before  # measure 3 (before 6 in the file) is not renamed, 4 not recorded
    assert (Measure.history.count(), Progress.history.count()) == history
    assert not plan.measures.filter(number=9).exists()
    assert ImportRecord.objects.get(pk=record.pk).status == ImportStatus.DRAFT


def test_a_measure_saved_by_someone_else_after_the_preview_stops_the_import(people: People, plan: Plan) -> None:
    client = people.client(people.somchai)
    record = draft_of(upload(client, "klaeng", the_edit(), "report-v2.txt"))
    page = client.get(f"/imports/{record.pk}/").content.decode()
    four = plan.measures.get(number=4)
    services.record_progress(
        four, 2, people.staff, people.staff.user, services.ProgressData(results=["อื่น"]), expected_version=1
    )
    response = client.post(f"/imports/{record.pk}/confirm/", confirm_data(page))
    messages = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert any("เปลี่ยนไประหว่างที่ตรวจตัวอย่าง" in m for m in messages), messages
    assert plan.measures.get(number=3).title != NEW_TITLE_3
    assert Progress.objects.get(measure=four, round=2).results == ["อื่น"]


def test_an_approved_plan_takes_progress_but_not_measure_definitions(people: People, plan: Plan) -> None:
    approver, _pw = add_member(None, system_user(), organization=people.org, username="wichai", role=Role.APPROVER)
    services.submit_plan(plan, people.somchai, people.somchai.user)
    services.approve_plan(plan, approver, approver.user)
    client = people.client(people.somchai)
    record = draft_of(upload(client, "klaeng", the_edit(), "report-v2.txt"))
    page = client.get(f"/imports/{record.pk}/").content.decode()
    assert 'data-testid="locked-note"' in page
    assert 'data-field="title" data-round="" data-applied="0"' in page
    assert "แก้มาตรการไม่ได้ — ขอแก้ไขแผนก่อน" in page and "เพิ่มมาตรการไม่ได้ — ขอแก้ไขแผนก่อน" in page
    client.post(f"/imports/{record.pk}/confirm/", confirm_data(page))
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert plan.measures.get(number=3).title != NEW_TITLE_3
    assert plan.measures.count() == 8
    assert Progress.objects.get(measure__plan=plan, measure__number=4, round=2).status == "in_progress"
    record.refresh_from_db()
    assert record.counts["progress_recorded"] == 1 and record.counts["skipped"] == 2


def incoming(number: int, title: str) -> Incoming:
    return Incoming(number, title, f"แถว {number}")


def test_matching_by_title_then_by_number_for_a_renamed_measure(people: People, plan: Plan) -> None:
    existing = list(plan.measures.order_by("number"))
    found: list[Any] = match_measures(
        [
            incoming(1, existing[1].title),  # moved: found by its title
            incoming(2, existing[0].title.replace(" ", "")),  # white space aside
            incoming(3, "การประเมินผลการปฏิบัติงานของพนักงาน"),  # renamed at the same number
            incoming(4, "จัดซื้อรถบรรทุกขยะ"),  # another measure at number 4: new
        ],
        existing,
    )
    assert [m.number if m else None for m in found] == [2, 1, 3, None]
