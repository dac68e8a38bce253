"""The dashboard's numbers equal hand counts over the rows of a small generated country."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from django.utils import timezone

from prongsai.complaints.models import Case
from prongsai.documents.models import Snapshot
from prongsai.ita.models import Assessment
from prongsai.measures.models import Measure, Progress
from prongsai.orgs.models import Organization
from prongsai.oversight import lateness

from .conftest import Country

YEAR = 2568


def table(response: Any, key: str) -> Any:
    return next(t["table"] for t in response.context["tables"] if t["table"].key == key)


def by_name(t: Any) -> dict[str, list[Any]]:
    return {row.cells[0]: row.cells[1:] for row in t.rows}


def late_by_hand(orgs: list[Organization], round_no: int) -> set[str]:
    cutoff = lateness.cutoff(YEAR, round_no)
    on_time = set(
        Snapshot.objects.filter(
            kind="report", status="approved", round=round_no, plan__fiscal_year=YEAR, approved_at__lt=cutoff
        ).values_list("organization__slug", flat=True)
    )
    return {o.slug for o in orgs if o.slug not in on_time}


def test_the_national_page_counts_what_a_person_would_count(country: Country) -> None:
    response = country.client("nat").get(f"/oversight/?year={YEAR}")
    assert response.status_code == 200
    orgs = list(Organization.objects.all())
    assessments = list(Assessment.objects.filter(year=YEAR))
    provinces = sorted({o.province for o in orgs})

    kinds = by_name(table(response, "kinds"))
    assert sorted(kinds) == provinces
    for province in provinces:
        assert kinds[province][0] == sum(1 for o in orgs if o.province == province)
    assert table(response, "kinds").total.cells[1] == 60

    grades = table(response, "grades")
    grade_columns = [c.label for c in grades.columns[2:9]]
    assert grade_columns == ["AA", "A", "B", "C", "D", "E", "F"]
    counted = Counter(a.grade for a in assessments)
    assert grades.total.cells[2:9] == [counted.get(g, 0) for g in grade_columns]
    passed = sum(1 for a in assessments if a.ita is not None and a.ita >= 85)
    assert grades.total.cells[9] == passed
    assert grades.total.cells[10] == (Decimal(100) * passed / len(assessments)).quantize(Decimal("0.1"))
    for province, cells in by_name(grades).items():
        mine = [a for a in assessments if a.organization.province == province]
        assert cells[0] == len(mine)
        assert cells[8] == sum(1 for a in mine if a.ita >= 85)

    measures = table(response, "measures")
    total = Measure.objects.filter(plan__fiscal_year=YEAR).count()
    done = Counter(
        Progress.objects.filter(measure__plan__fiscal_year=YEAR, status="done").values_list("round", flat=True)
    )
    assert measures.total.cells[1:] == [
        total,
        done[1],
        (Decimal(100) * done[1] / total).quantize(Decimal("0.1")),
        done[2],
        (Decimal(100) * done[2] / total).quantize(Decimal("0.1")),
    ]

    late = table(response, "late")
    late1, late2 = late_by_hand(orgs, 1), late_by_hand(orgs, 2)
    assert late.total.cells[2] == len(late1) and late.total.cells[4] == len(late2)
    assert 0 < len(late1) < 60 and 0 < len(late2) < 60  # some late on purpose, most on time
    listed = table(response, "late_orgs")
    assert {row.url for row in listed.rows} == {f"/o/{slug}/" for slug in late1 | late2}

    weakest = table(response, "weakest")
    means = [row.cells[2] for row in weakest.rows]
    assert means == sorted(means)
    ind7 = [a.indicator_7 for a in assessments]
    row7 = next(row for row in weakest.rows if row.cells[0] == 7)
    assert row7.cells[2] == (sum(ind7, Decimal(0)) / len(ind7)).quantize(Decimal("0.01"))

    complaints = table(response, "complaints")
    cases = Case.objects.filter(fiscal_year=YEAR)
    assert complaints.total.cells[1:] == [
        cases.count(),
        cases.filter(status__in=["received", "in_progress"]).count(),
        cases.filter(confidential=True).count(),
    ]


def test_measures_done_per_round_are_counted_row_by_row(country: Country) -> None:
    # One query joins each measure to its progress of each round when done: every row, not only the
    # total, must equal a count by hand — on the national page (provinces) and a district's (organisations).
    for username, field, url in [
        ("nat", "province", f"/oversight/?year={YEAR}"),
        ("dee", "name", f"/oversight/?year={YEAR}"),
    ]:
        rows = by_name(table(country.client(username).get(url), "measures"))
        measures = Counter(
            Measure.objects.filter(plan__fiscal_year=YEAR).values_list(f"plan__organization__{field}", flat=True)
        )
        done = Counter(
            Progress.objects.filter(measure__plan__fiscal_year=YEAR, status="done").values_list(
                f"measure__plan__organization__{field}", "round"
            )
        )
        assert rows, username
        for name, cells in rows.items():
            assert [cells[0], cells[1], cells[3]] == [measures[name], done[(name, 1)], done[(name, 2)]], name
        assert sum(cells[1] + cells[3] for cells in rows.values()) > 0, username  # some measures are done


def test_lateness_counts_only_rounds_whose_deadline_has_passed(country: Country) -> None:
    assert lateness.deadline(2568, 1).isoformat() == "2025-04-15"
    assert lateness.deadline(2568, 2).isoformat() == "2025-10-15"
    assert lateness.is_due(2568, 1, today=timezone.datetime(2025, 4, 16).date())
    assert not lateness.is_due(2568, 2, today=timezone.datetime(2025, 10, 15).date())


def test_a_district_page_lists_its_organisations_with_their_dates(country: Country) -> None:
    response = country.client("dee").get(f"/oversight/?year={YEAR}")
    assert response.status_code == 200
    orgs = list(Organization.objects.filter(province=country.province, district=country.district))
    late = table(response, "late")
    assert {row.url for row in late.rows} == {f"/o/{o.slug}/" for o in orgs}
    late1 = late_by_hand(orgs, 1)
    flagged = {row.url.split("/")[2] for row in late.rows if row.cells[2]}
    assert flagged == late1
    grades = table(response, "grades")
    scores = {a.organization.name: a.ita for a in Assessment.objects.filter(year=YEAR, organization__in=orgs)}
    assert {row.cells[0]: row.cells[1] for row in grades.rows} == scores


def test_corruption_reports_appear_as_counts_never_as_content(country: Country) -> None:
    secret = Case.objects.filter(confidential=True, fiscal_year=YEAR).first()
    assert secret is not None
    Case.objects.filter(pk=secret.pk).update(subject="ลับเฉพาะ-เรื่องที่ห้ามเห็น", details="รายละเอียดลับมาก")
    client = country.client("nat")
    pages = [f"/oversight/?year={YEAR}", f"{_province_path(country)}?year={YEAR}"]
    pages += [f"/oversight/export/{key}.csv?year={YEAR}" for key in ("complaints", "late_orgs")]
    for url in pages:
        body = client.get(url).content.decode("utf-8-sig")
        assert "ลับเฉพาะ" not in body and "รายละเอียดลับ" not in body and secret.tracking_code not in body


def _province_path(country: Country) -> str:
    from urllib.parse import quote

    return f"/oversight/p/{quote(country.province)}/"
