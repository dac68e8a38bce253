"""Append-only in the database: UPDATE and DELETE refused on every history table and on the log.

The tables are discovered when this runs (portal/triggers.py: names with `_historical`, and
portal_logentry); history tables created by later migrations get the same triggers from the
post_migrate hook (PortalConfig.ready), which runs after every `migrate`.
"""

from django.db import migrations

from prongsai.portal import triggers


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        # Every app with history tables, so they exist when the triggers are made.
        ("api", "0001_initial"),
        ("complaints", "0001_initial"),
        ("documents", "0001_initial"),
        ("ita", "0001_initial"),
        ("measures", "0002_historicalplan_signatures_plan_signatures"),
        ("orgs", "0003_historicaloversight_oversight"),
    ]

    operations = [migrations.RunPython(triggers.install_forward, triggers.drop_backward)]
