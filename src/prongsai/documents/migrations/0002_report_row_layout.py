"""Issue #15: the report row prints the outcome and the problems the officer typed (snapshot layout 2).

Nothing is moved between fields and no character of a progress row changes: every existing document keeps its
snapshot (layout 1) and renders as it did. This step only lists, printed and returned, the measures whose next
report will show outcome or ปัญหา/อุปสรรค text that earlier documents did not: (organisation, fiscal year,
measure number), each once.
"""

from __future__ import annotations

import sys
from typing import Any

from django.db import migrations
from django.db.models import Q


def measures_with_new_text(apps: Any, using: str = "default") -> list[tuple[str, int, int]]:
    Progress = apps.get_model("measures", "Progress")
    found = (
        Progress.objects.using(using)
        .filter(~Q(outcome="") | ~Q(problems=""))
        .values_list("measure__plan__organization__name", "measure__plan__fiscal_year", "measure__number")
        .distinct()
    )
    return sorted(set(found))


def report_new_text(apps: Any, using: str = "default") -> list[tuple[str, int, int]]:
    """The list, printed (for whoever runs `migrate`) and returned."""
    found = measures_with_new_text(apps, using)
    if found:
        out = sys.stdout
        out.write(
            f"\n  The next reports of these {len(found)} measures show outcome / ปัญหา/อุปสรรค text "
            "that earlier documents did not (nothing was changed):\n"
        )
        for org, year, number in found:
            out.write(f"    {org} · {year} · measure {number}\n")
    return found


def report(apps: Any, schema_editor: Any) -> None:
    report_new_text(apps, schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("measures", "0004_dashboard_indexes"),
        ("orgs", "0005_report_layout"),
    ]

    operations = [migrations.RunPython(report, migrations.RunPython.noop, elidable=True)]
