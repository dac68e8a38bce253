"""prongsai gen-demo: real proportions, fictitious and marked, one audit record per batch, --force to run twice."""

from __future__ import annotations

import re
from collections import Counter
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from prongsai.complaints.models import Case, RegistryCounter
from prongsai.core.errors import ServiceError
from prongsai.documents.models import Snapshot
from prongsai.ita.models import Assessment
from prongsai.measures.models import Measure, Plan, PlanApproval, Progress
from prongsai.orgs.models import Organization, OrgKind
from prongsai.orgs.services import system_user
from prongsai.oversight.models import GenerationBatch
from prongsai.oversight.services import generate_country, parse_years
from prongsai.oversight.services.country import REAL_COUNTS, kind_counts, provinces

from .conftest import YEARS, Country

NAME = re.compile(r"^(อบจ\.|เทศบาลนคร|เทศบาลเมือง|เทศบาลตำบล|อบต\.|อปท\.รูปแบบพิเศษ)ตัวอย่าง [๐-๙]+$")


def test_the_real_proportions_scale_to_any_size() -> None:
    assert kind_counts(7852) == dict(REAL_COUNTS)
    assert kind_counts(7852)[OrgKind.SAO] == 5312 and kind_counts(7852)[OrgKind.SPECIAL] == 2
    for total in (1, 60, 785, 3000):
        counts = kind_counts(total)
        assert sum(counts.values()) == total
        for kind, real in REAL_COUNTS:
            assert abs(counts[kind] - real * total / 7852) < 1
    assert kind_counts(60) == {"pao": 1, "nakhon": 0, "mueang": 1, "tambon": 17, "sao": 41, "special": 0}


def test_the_country_ships_the_77_provinces() -> None:
    names = provinces()
    assert len(names) == 77 == len(set(names))
    assert "กรุงเทพมหานคร" in names and "บึงกาฬ" in names


def test_a_small_country_is_fictitious_marked_and_proportioned(country: Country) -> None:
    orgs = list(Organization.objects.all())
    assert len(orgs) == 60
    assert all(o.is_demo and o.slug.startswith("gd-") and NAME.match(o.name) for o in orgs), [o.name for o in orgs]
    assert dict(Counter(o.kind for o in orgs)) == {k: n for k, n in kind_counts(60).items() if n}
    assert {o.province for o in orgs} <= set(provinces())
    assert all(o.district.startswith(("อำเภอตัวอย่าง ", "เขตตัวอย่าง ")) for o in orgs)
    assert all(o.departments.exists() for o in orgs)


def test_every_organisation_has_plans_progress_reports_scores_and_complaints(country: Country) -> None:
    assert Plan.objects.count() == 60 * len(YEARS) == PlanApproval.objects.count()
    per_plan = Counter(Measure.objects.values_list("plan_id", flat=True))
    assert all(8 <= n <= 12 for n in per_plan.values()) and len(per_plan) == 120
    assert Progress.objects.count() == 2 * Measure.objects.count()
    assert Assessment.objects.filter(ita__isnull=False).count() == 120
    reports = Snapshot.objects.filter(kind="report", status="approved")
    assert 0.7 * 240 < reports.count() < 240  # most, not all: some organisations never approved one
    assert Case.objects.exists() and Case.objects.filter(confidential=True).exists()
    for counter in RegistryCounter.objects.all():
        numbers = Case.objects.filter(organization=counter.organization, fiscal_year=counter.fiscal_year)
        assert sorted(numbers.values_list("registry_no", flat=True)) == list(range(1, counter.last_number + 1))


def test_one_audit_record_per_batch_and_no_history_rows(country: Country) -> None:
    batches = list(GenerationBatch.objects.order_by("number"))
    assert [b.number for b in batches] == [1, 2, 3]  # 60 organisations in batches of 25
    assert len({b.run for b in batches}) == 1
    assert [(b.first_org, b.last_org) for b in batches] == [(1, 25), (26, 50), (51, 60)]
    assert all(b.actor == system_user() and b.command == "gen-demo --orgs 60" and b.seed == 7 for b in batches)
    totals: Counter[str] = Counter()
    for b in batches:
        totals.update(b.counts)
    assert totals["orgs.Organization"] == 60
    assert totals["measures.Progress"] == Progress.objects.count()
    assert totals["documents.Snapshot"] == Snapshot.objects.count()
    assert totals["complaints.Case"] == Case.objects.count()
    assert Organization.history.count() == 0  # type: ignore[attr-defined]
    assert Progress.history.count() == 0  # type: ignore[attr-defined]


def test_a_second_run_is_refused_unless_forced(country: Country) -> None:
    system = system_user()
    with pytest.raises(ServiceError, match="--force"):
        generate_country(system, orgs=10, years=[2568])
    with pytest.raises(CommandError, match="--force"):
        call_command("gen_demo", "--orgs", "10", "--years", "2568", stdout=StringIO(), stderr=StringIO())
    assert Organization.objects.count() == 60
    out = StringIO()
    call_command("gen_demo", "--orgs", "12", "--years", "2568", "--force", stdout=out, stderr=StringIO())
    assert "orgs.Organization 60" in out.getvalue()  # what was removed
    assert Organization.objects.count() == 12 and Plan.objects.count() == 12
    assert GenerationBatch.objects.count() == 1 and Measure.objects.filter(plan__fiscal_year=2567).count() == 0


def test_force_removes_what_others_added_to_generated_organisations(country: Country, client: Any) -> None:
    """Members added to a generated organisation (the bench does) go with it; the accounts stay."""
    call_command("gen_demo", "--orgs", "5", "--years", "2568", "--force", stdout=StringIO(), stderr=StringIO())
    assert not Organization.objects.filter(pk=country.member_org.pk).exists()
    assert Organization.objects.count() == 5


def test_years_are_read_in_thai_or_arabic_digits() -> None:
    assert parse_years("2566-2568") == [2566, 2567, 2568]
    assert parse_years("๒๕๖๖,๒๕๖๘") == [2566, 2568]
    for bad in ("", "68", "x-2568", "1999"):
        with pytest.raises(ServiceError):
            parse_years(bad)
