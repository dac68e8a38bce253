"""A kill -9 in the middle of a large import leaves no partial import behind.

The import runs as its own process (`prongsai ita-import-national`) against the test database; the
test kills it with SIGKILL once it has written several batches, then checks that nothing of it is in
the database — the batches are written inside one transaction — and that the same import then runs
to the end.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from prongsai.ita.models import Assessment, ImportBatch
from prongsai.orgs.models import Organization
from tests.ita.test_national import HEADER, score_row

ORGS = 3000


def database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def run_import(sheet: Path, *, batch_size: int) -> subprocess.Popen[str]:
    env = os.environ | {"DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "tests.settings"}
    code = "from prongsai.cli import main; main()"
    args = [sys.executable, "-c", code, "ita-import-national", str(sheet), "--year", "2568"]
    return subprocess.Popen(
        [*args, "--batch-size", str(batch_size)],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.django_db(transaction=True)
def test_a_kill_9_mid_import_leaves_nothing_and_the_import_can_run_again(tmp_path: Path) -> None:
    Organization.objects.bulk_create(
        Organization(name=f"อบต.ทดสอบทนทาน {i}", slug=f"durable-{i}", province="ทดสอบ", code=f"{8000000 + i}")
        for i in range(ORGS)
    )
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *[[f"{8000000 + i}", "", "", *score_row(i)] for i in range(ORGS)]])
    sheet = tmp_path / "national-2568.csv"
    sheet.write_text(out.getvalue(), encoding="utf-8")

    process = run_import(sheet, batch_size=50)
    assert process.stderr is not None
    seen = ""
    written_before_kill = False
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        seen += process.stderr.read(1)
        # the progress bar ends each update with "done/total"; kill once several batches are written
        if any(f" {n}/{ORGS}" in seen for n in range(500, ORGS, 50)):
            written_before_kill = True
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert written_before_kill, seen[-300:]
    assert process.returncode == -signal.SIGKILL
    assert Assessment.objects.count() == 0
    assert ImportBatch.objects.count() == 0

    again = run_import(sheet, batch_size=500)
    _stdout, stderr = again.communicate(timeout=300)
    assert again.returncode == 0, stderr
    assert Assessment.objects.count() == ORGS
    assert ImportBatch.objects.count() == ORGS // 500
