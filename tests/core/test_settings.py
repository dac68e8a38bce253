"""A bad setting stops start-up with a message naming the variable (never a silent default)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

GOOD = {"SECRET_KEY": "x" * 40, "DEBUG": "false"}


def start(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}}
    code = "import prongsai.settings as s; print(s.DATABASES['default']['ENGINE'], s.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean | GOOD | env, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"DATABASE_URL": "mysql://u:p@h/db"}, "DATABASE_URL"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        ({"ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS"),
        ({"PRONGSAI_EVIDENCE_MAX_MB": "twenty"}, "PRONGSAI_EVIDENCE_MAX_MB"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(env: dict[str, str], named: str) -> None:
    result = start(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and named in result.stderr


def test_good_values_start_with_sqlite_by_default_and_postgres_by_url() -> None:
    assert start().stdout.split() == ["django.db.backends.sqlite3", "False"]
    pg = start(DATABASE_URL="postgres://u:p@127.0.0.1:5432/prongsai")
    assert pg.stdout.split()[0] == "django.db.backends.postgresql"
