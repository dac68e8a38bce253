"""The migrations describe exactly the models (the SQLite test run builds its schema from the models)."""

from __future__ import annotations

import io

from django.core.management import call_command


def test_no_model_change_lacks_a_migration(db: object) -> None:
    out = io.StringIO()
    # --check exits non-zero (SystemExit) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
