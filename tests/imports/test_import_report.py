"""`prongsai import-report`: the seed into a plan, through the CLI as an officer or IT person runs it."""

from __future__ import annotations

import hashlib
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from prongsai.imports.models import ImportRecord
from prongsai.measures.models import Measure, Plan, Progress
from prongsai.orgs.models import Role
from prongsai.orgs.services import add_member, create_organization, system_user

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "klaeng-2567-measures-report.txt"


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def klaeng(db: Any) -> Any:
    return create_organization(system_user(), name="องค์การบริหารส่วนตำบลแกลง", slug="klaeng", province="ระยอง")


def seed_rows() -> list[list[str]]:
    rows = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) >= 6 and not cells[0].startswith("มาตรการหรือ"):
            rows.append(cells + [""] * (7 - len(cells)))
    return rows


def test_dry_run_json_gives_the_seeds_eight_measures_and_writes_nothing(db: Any) -> None:
    report = json.loads(run(str(SEED), "--dry-run", "--json"))
    assert report["organization"] == "องค์การบริหารส่วนตำบลแกลง" and report["fiscal_year"] == 2567
    measures = report["measures"]
    assert [m["number"] for m in measures] == list(range(1, 9))
    assert (len(measures[0]["methods"]), len(measures[0]["results"])) == (2, 3)
    assert (len(measures[1]["methods"]), len(measures[1]["results"])) == (3, 2)
    assert {m["status"] for m in measures} == {"done"}
    assert measures[0]["outcome"] == "ดำเนินการแล้ว เสร็จ"
    assert any("เกล่ง" in w for w in report["warnings"])
    assert not Plan.objects.exists()


def test_importing_the_seed_creates_the_plan_with_every_cell_as_written(klaeng: Any) -> None:
    run(str(SEED), "--org", "klaeng", "--year", "2567")
    plan = Plan.objects.get(organization=klaeng, fiscal_year=2567)
    measures = list(plan.measures.order_by("number"))
    assert len(measures) == 8
    for m, cells in zip(measures, seed_rows(), strict=True):
        assert cells[0].endswith(m.title)
        assert all(item in cells[1] for item in m.methods)
        assert m.responsible_text == cells[2] and m.timeframe_text == cells[3]
        p = Progress.objects.get(measure=m, round=2)
        assert all(item in cells[4] for item in p.results)
        assert p.status == "done" and p.status_text == cells[5] and p.suggestions == cells[6]
    first = measures[0]
    assert sorted(d.name for d in first.departments.all()) == sorted(
        ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองสาธารณสุขและสิ่งแวดล้อม", "กองการศึกษา ศาสนาและวัฒนธรรม"]
    )
    assert first.months == [[2566, 10]]
    history = Measure.history.filter(id=first.pk).first()
    assert history is not None and history.history_user.username == "prongsai-system"


def test_the_actor_is_the_named_user(klaeng: Any) -> None:
    add_member(None, system_user(), organization=klaeng, username="somchai", role=Role.EDITOR, password="x" * 12)
    run(str(SEED), "--org", "klaeng", "--as", "somchai")
    m = Measure.objects.get(plan__organization=klaeng, number=1)
    assert m.history.first().history_user.username == "somchai"


def test_a_viewer_cannot_import(klaeng: Any) -> None:
    add_member(None, system_user(), organization=klaeng, username="wichai", role=Role.VIEWER, password="x" * 12)
    with pytest.raises(CommandError, match="ไม่มีสิทธิ์"):
        run(str(SEED), "--org", "klaeng", "--as", "wichai")
    assert not Plan.objects.exists()


@pytest.mark.parametrize("name", ["bad-three-cells.txt", "bad-no-header.txt", "bad-page.html"])
def test_a_file_not_in_the_format_names_the_line_and_writes_nothing(klaeng: Any, name: str) -> None:
    with pytest.raises(CommandError, match=r"บรรทัดที่ [0-9]+") as err:
        run(str(FIXTURES / name), "--org", "klaeng", "--year", "2567")
    assert name in str(err.value)
    assert not Plan.objects.exists()


def test_importing_twice_is_refused_and_the_first_import_stays(klaeng: Any, tmp_path: Path) -> None:
    run(str(SEED), "--org", "klaeng")
    record = ImportRecord.objects.get()
    assert record.sha256 == hashlib.sha256(SEED.read_bytes()).hexdigest() and record.filename == SEED.name
    assert (record.status, record.fiscal_year, record.round, record.plan) == ("committed", 2567, 2, Plan.objects.get())
    # The same bytes again (under any name): refused by their hash, naming when and by whom.
    again = tmp_path / "copy.txt"
    again.write_bytes(SEED.read_bytes())
    with pytest.raises(CommandError, match=r"ไฟล์นี้นำเข้าแล้วเมื่อ .* โดย Prongsai — ไม่ได้เปลี่ยนแปลงข้อมูลใด$"):
        run(str(again), "--org", "klaeng")
    # Other bytes for a year whose plan has measures: refused too.
    other = tmp_path / "other.txt"
    other.write_text(SEED.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="มีมาตรการอยู่แล้ว"):
        run(str(other), "--org", "klaeng")
    assert Measure.objects.count() == 8 and ImportRecord.objects.count() == 1


def test_a_measure_that_cannot_be_written_rolls_back_the_whole_import(klaeng: Any) -> None:
    # Imported as FY2570, the seed's months (FY2567) fall outside the year: the first such row is named.
    with pytest.raises(CommandError, match=r"บรรทัดที่ [0-9]+: ระยะเวลา"):
        run(str(SEED), "--org", "klaeng", "--year", "2570")
    assert not Plan.objects.exists() and not Measure.objects.exists()


def test_a_csv_with_one_measure_per_row_imports(klaeng: Any) -> None:
    run(str(FIXTURES / "bad-measures.csv"), "--org", "klaeng", "--year", "2567")
    assert Measure.objects.get().title.startswith("การจัดทำข้อตกลง")
