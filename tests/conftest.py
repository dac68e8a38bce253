"""Suite-wide fixtures."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """A schema built from the models (tests/settings.py) records its migrations as applied, as
    `migrate --fake` would: they describe the same schema (tests/core/test_migrations.py)."""
    with django_db_blocker.unblock():
        for connection in connections.all():
            if connection.settings_dict["TEST"].get("MIGRATE", True):
                continue
            recorder = MigrationRecorder(connection)
            recorder.ensure_schema()
            applied = recorder.applied_migrations()
            for app, name in MigrationLoader(connection, ignore_no_migrations=True).graph.nodes:
                if (app, name) not in applied:
                    recorder.record_applied(app, name)
