"""prongsai ita-score and ita-import-national, through call_command."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prongsai.ita.models import Assessment, ImportBatch
from prongsai.orgs.services import create_organization, system_user


def ita_score(text: str, *args: str) -> str:
    out = io.StringIO()
    call_command("ita_score", *args, stdin=io.StringIO(text), stdout=out)
    return out.getvalue()


def test_ita_score_prints_the_tools_the_score_and_the_grade_as_json(db: Any) -> None:
    lines = "# ตัวชี้วัด,คะแนน\n" + "".join(f"{n},90\n" for n in range(1, 6)) + "6,84.99\n7,84.99\n8,84.99\n\n9,๙๕\n10,95\n"
    payload = json.loads(ita_score(lines, "--year", "2568", "--json"))
    # 27.00 + 25.497 + 38.00 = 90.497 -> 90.50
    assert payload == {"iit": 90.0, "eit": 84.99, "oit": 95.0, "ita": 90.5, "grade": "A"}


def test_ita_score_without_every_tool_gives_no_ita(db: Any) -> None:
    payload = json.loads(ita_score("1,90\n9,80\n", "--year", "2566", "--json"))
    assert payload == {"iit": 90.0, "eit": None, "oit": 80.0, "ita": None, "grade": None}
    assert "ไม่มีคะแนนของตัวชี้วัดที่ ๒, ๓, ๔, ๕, ๖, ๗, ๘, ๑๐" in ita_score("1,90\n9,80\n", "--year", "2566")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,90\n3,104.5\n", "บรรทัดที่ ๒ ตัวชี้วัดที่ ๓: 104.5 เกิน ๑๐๐"),  # the value as typed
        ("11,90\n", 'บรรทัดที่ ๑: "11" ไม่ใช่ตัวชี้วัดที่ ๑ ถึง ๑๐'),
        ("1,90\n1,80\n", "บรรทัดที่ ๒: ตัวชี้วัดที่ ๑ ซ้ำ"),
    ],
)
def test_ita_score_names_the_bad_line(db: Any, text: str, message: str) -> None:
    with pytest.raises(CommandError) as caught:
        ita_score(text, "--year", "2568")
    assert str(caught.value).startswith(message)


def test_ita_import_national_shows_progress_and_a_summary_with_the_unknown(db: Any, tmp_path: Path) -> None:
    system = system_user()
    for i in range(1, 4):
        create_organization(
            system, name=f"อบต.ทดสอบ {i}", slug=f"t{i}", province="ทดสอบ", code=f"900{i}", departments=[]
        )
    header = "รหัสหน่วยงาน,ชื่อหน่วยงาน,จังหวัด," + ",".join(f"ตัวชี้วัดที่ {n}" for n in range(1, 11))
    body = (
        "".join(f"900{i},,,{','.join(['90'] * 10)}\n" for i in range(1, 4))
        + f"777,อบต.อื่น,ทดสอบ,{','.join(['90'] * 10)}\n"
    )
    path = tmp_path / "national.csv"
    path.write_text(header + "\n" + body, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("ita_import_national", str(path), "--year", "2568", "--batch-size", "2", stdout=out, stderr=err)
    assert "\r[" in err.getvalue() and "4/4" in err.getvalue()
    assert "4 แถว — สร้างใหม่ 3, ปรับปรุง 0, ไม่พบหน่วยงาน 1 (2 ชุด" in out.getvalue()
    assert "แถวที่ ๕: ไม่พบหน่วยงาน รหัส 777 อบต.อื่น" in out.getvalue()
    assert Assessment.objects.count() == 3 and ImportBatch.objects.count() == 2


def test_ita_import_national_refuses_a_bad_cell(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("รหัสหน่วยงาน,ตัวชี้วัดที่ 1\n9001,abc\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("ita_import_national", str(path), "--year", "2568", stdout=io.StringIO(), stderr=io.StringIO())
    assert 'bad.csv: แถวที่ ๒ คอลัมน์ ตัวชี้วัดที่ ๑: "abc" ไม่ใช่ตัวเลข' in str(caught.value)
    assert not ImportBatch.objects.exists()
