"""Shared set-up for benchmarks: a throwaway database (SQLite by default, or DATABASE_URL) and Django."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

_data = tempfile.mkdtemp(prefix="prongsai-bench-")
os.environ.setdefault("PRONGSAI_DATA_DIR", _data)
os.environ.setdefault("SECRET_KEY", "bench-secret-key-that-is-long-enough-to-pass")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)
Path(_data, "static").mkdir(exist_ok=True)

SEED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "klaeng-2567-measures-report.txt"


def report(name: str, value: float, unit: str) -> None:
    print(f"{name} {value:.2f} {unit}", flush=True)
