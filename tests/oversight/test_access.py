"""Who sees which dashboard: national, province, district overseers; members and strangers get 404."""

from __future__ import annotations

from urllib.parse import quote

from prongsai.orgs.models import Organization

from .conftest import Country


def p(province: str, district: str | None = None) -> str:
    path = f"/oversight/p/{quote(province)}/"
    return path + (f"d/{quote(district)}/" if district else "")


def test_a_province_overseer_sees_only_their_province(country: Country) -> None:
    client = country.client("chan")
    home = client.get("/oversight/")
    assert home.status_code == 200
    assert home.context["scope"].province == country.province and home.context["scope"].level == "province"
    districts = {g.name for g in home.context["figures"].groups}
    assert districts == set(Organization.objects.filter(province=country.province).values_list("district", flat=True))
    assert home.context["figures"].total.orgs == Organization.objects.filter(province=country.province).count()
    assert country.other_province not in home.content.decode()
    assert client.get(p(country.province)).status_code == 200
    assert client.get(p(country.province, country.district)).status_code == 200
    assert client.get(p(country.other_province)).status_code == 404
    other_district = Organization.objects.filter(province=country.other_province).first()
    assert other_district is not None
    assert client.get(p(country.other_province, other_district.district)).status_code == 404
    assert client.get(f"/oversight/p/{quote(country.other_province)}/export/grades.csv").status_code == 404


def test_a_district_overseer_sees_only_the_district(country: Country) -> None:
    client = country.client("dee")
    home = client.get("/oversight/")
    assert home.status_code == 200
    slugs = {row.url for row in next(t["table"] for t in home.context["tables"] if t["table"].key == "kinds").rows}
    expected = Organization.objects.filter(province=country.province, district=country.district)
    assert slugs == {f"/o/{o.slug}/" for o in expected}
    assert client.get(p(country.province)).status_code == 404
    assert client.get(p(country.province, country.other_district)).status_code == 404
    assert client.get(p(country.province, country.district)).status_code == 200
    # The organisations of the district open read-only; one elsewhere does not.
    assert client.get(f"/o/{expected.first().slug}/").status_code == 200  # type: ignore[union-attr]
    elsewhere = Organization.objects.exclude(district=country.district).first()
    assert client.get(f"/o/{elsewhere.slug}/").status_code == 404  # type: ignore[union-attr]


def test_a_national_overseer_drills_down_to_an_organisation(country: Country) -> None:
    client = country.client("nat")
    national = client.get("/oversight/?year=2568")
    assert 'data-testid="demo-note"' in national.content.decode()  # a generated country says it is fictitious
    rows = next(t["table"] for t in national.context["tables"] if t["table"].key == "kinds").rows
    province_url = next(r.url for r in rows if r.cells[0] == country.province)
    province = client.get(province_url)
    assert province.status_code == 200 and province.context["scope"].province == country.province
    rows = next(t["table"] for t in province.context["tables"] if t["table"].key == "kinds").rows
    district = client.get(next(r.url for r in rows if r.cells[0] == country.district))
    assert district.status_code == 200
    org_url = next(t["table"] for t in district.context["tables"] if t["table"].key == "kinds").rows[0].url
    assert org_url.startswith("/o/gd-") and client.get(org_url).status_code == 200


def test_members_without_oversight_and_strangers_get_nothing(country: Country) -> None:
    staff = country.client("staff")
    urls = ["/oversight/", p(country.province), p(country.province, country.district), "/oversight/export/kinds.csv"]
    for url in urls:
        assert staff.get(url).status_code == 404, url
    anonymous = country.client(None)
    assert anonymous.get("/oversight/").status_code == 302
    assert staff.get("/").status_code == 302 and staff.get("/")["Location"] == f"/o/{country.member_org.slug}/"


def test_an_overseer_with_no_organisation_starts_on_the_dashboard(country: Country) -> None:
    response = country.client("chan").get("/")
    assert response.status_code == 302 and response["Location"] == "/oversight/"


def test_bad_addresses_are_404_not_500(country: Country) -> None:
    client = country.client("nat")
    assert client.get("/oversight/export/nothing.csv").status_code == 404
    assert client.get("/oversight/export/kinds.pdf").status_code == 404
    assert client.get(p("ไม่มีจังหวัดนี้")).status_code == 200  # an empty province: no rows, no error
    assert client.get("/oversight/?year=abc").status_code == 200
    assert client.get("/oversight/?year=๒๕๖๗").context["year"] == 2567
