"""Exports equal the tables; every page costs a fixed number of queries; charts are SVG drawn on the server."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.orgs.services import system_user
from prongsai.oversight.exports import table_rows
from prongsai.oversight.services import generate_country

from .conftest import Country

YEAR = 2568


def _tables(response: Any) -> dict[str, Any]:
    return {t["table"].key: t["table"] for t in response.context["tables"]}


@pytest.mark.parametrize("who", ["nat", "chan", "dee"])
def test_csv_and_xlsx_equal_the_tables(country: Country, who: str) -> None:
    client = country.client(who)
    page = client.get(f"/oversight/?year={YEAR}")
    base = page.context["scope"].path
    for key, shown in _tables(page).items():
        expected = table_rows(shown)
        response = client.get(f"{base}export/{key}.csv?year={YEAR}")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        assert list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")))) == expected, key
        response = client.get(f"{base}export/{key}.xlsx?year={YEAR}")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        values = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
        rows = values[: len(expected)]
        assert rows[0] == expected[0]
        for got, want in zip(rows[1:], expected[1:], strict=True):
            assert len(got) == len(want) and all(_same(g, w) for g, w in zip(got, want, strict=True)), (key, got, want)


def _same(cell: Any, text: str) -> bool:
    """An XLSX cell holds the number itself where the CSV holds its text."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return Decimal(str(cell)) == Decimal(text)
    return str(cell) == text


def test_the_late_list_export_holds_every_late_organisation(country: Country) -> None:
    client = country.client("nat")
    page = client.get(f"/oversight/?year={YEAR}")
    shown = len(_tables(page)["late_orgs"].rows)
    response = client.get(f"/oversight/export/late_orgs.csv?year={YEAR}")
    assert len(list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))) == shown + 1


def test_a_formula_in_a_name_stays_text(country: Country) -> None:
    country.member_org.__class__.objects.filter(pk=country.member_org.pk).update(name="=HYPERLINK(1)")
    client = country.client("dee")
    body = client.get(f"/oversight/export/kinds.csv?year={YEAR}").content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"/oversight/export/kinds.xlsx?year={YEAR}").content)).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s"


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_every_page_costs_a_fixed_number_of_queries(country: Country) -> None:
    nat = country.client("nat")
    pages = [f"/oversight/?year={YEAR}", f"/oversight/p/{quote(country.province)}/?year={YEAR}"]
    pages.append(f"/oversight/p/{quote(country.province)}/d/{quote(country.district)}/?year={YEAR}")
    computed, cached = {}, {}
    for url in pages:
        cache.clear()
        computed[url] = _count(nat, url)
        cached[url] = _count(nat, url)  # then they come from the cache until data changes
    # session, user, oversights, change marker, years, then in one transaction (a savepoint and its release
    # inside the test's own transaction; SET LOCAL jit = off on PostgreSQL): catalogue and 6 aggregates.
    fresh = 5 + 2 + 7 + (1 if connection.vendor == "postgresql" else 0)
    assert set(computed.values()) == {fresh}, computed
    assert set(cached.values()) == {4}, cached
    # Five times the organisations: the same number of queries.
    cache.clear()
    generate_country(system_user(), orgs=300, years=[YEAR], seed=3, force=True)
    assert _count(nat, f"/oversight/?year={YEAR}") == fresh


def test_a_change_anywhere_refreshes_the_figures(country: Country) -> None:
    from prongsai.measures import services
    from prongsai.measures.models import Measure, Progress
    from prongsai.orgs.models import Membership

    client = country.client("dee")
    before = client.get(f"/oversight/?year={YEAR}").context["figures"].total.done.get(1, 0)
    member = Membership.objects.get(user__username="staff")
    progress = (
        Progress.objects.filter(measure__plan__organization=member.organization, measure__plan__fiscal_year=YEAR)
        .filter(round=1)
        .exclude(status="done")
        .select_related("measure")
        .first()
    )
    assert progress is not None
    data = services.ProgressData(results=["ทำแล้ว"], status="done")
    services.record_progress(
        Measure.objects.get(pk=progress.measure_id), 1, member, member.user, data, expected_version=progress.version
    )
    after = client.get(f"/oversight/?year={YEAR}").context["figures"].total.done.get(1, 0)
    assert after == before + 1


def test_charts_are_svg_with_escaped_labels(country: Country) -> None:
    from prongsai.oversight.charts import grade_bars, indicator_bars

    body = country.client("nat").get(f"/oversight/?year={YEAR}").content.decode()
    assert body.count("<svg") >= 2 and 'role="img"' in body
    svg = indicator_bars([("<script>", Decimal("80"))], Decimal("85"), "t<")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "&lt;" in grade_bars([("A<", 3)], "x")
