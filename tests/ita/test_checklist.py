"""The OIT checklist of a year: every item with its state (evidence attached, a generated document,
missing) and the fiscal year its evidence must cover; evidence follows the topic key, not the code."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.documents import services as documents
from prongsai.ita import services
from prongsai.ita.checklist import DOCUMENT, EVIDENCE, MISSING, PUBLISHED, checklist, published_state
from prongsai.measures import services as measures
from prongsai.measures.models import Evidence, Measure

from .conftest import World, shipped


def topics(world: World, measure: Measure, *oit_topics: str) -> Measure:
    return measures.update_measure(
        measure,
        world.somchai,
        world.somchai.user,
        measures.MeasureData(title=measure.title, indicators=[10], oit_topics=list(oit_topics)),
        expected_version=measure.version,
    )


def evidence(world: World, measure: Measure, round_no: int, title: str) -> Evidence:
    return measures.add_evidence(
        measure, round_no, world.somchai, world.somchai.user, title=title, url="https://example.go.th/" + title
    )


def rows(world: World, year: int) -> dict[str, Any]:
    return {r.item["topic"]: r for r in checklist(world.org, services.active_catalogue(year))}


def test_every_item_of_the_year_is_listed_with_the_fiscal_year_it_must_cover(town: World) -> None:
    found = rows(town, 2569)
    assert len(found) == len(shipped(2569)["oit_items"]) == 23
    assert (found["measures-report"].item["code"], found["measures-report"].fiscal_year) == ("O26", 2568)
    assert found["measures-report"].round == 2
    assert (found["measures"].fiscal_year, found["measures"].round) == (2569, None)
    assert found["e-service"].standing and found["e-service"].fiscal_year == 2569
    assert all(r.state == MISSING for r in found.values())


def test_evidence_of_a_measure_serving_the_topic_in_the_covered_years_plan_counts(town: World) -> None:
    topics(town, town.palad_measure, "no-gift")
    proof = evidence(town, town.palad_measure, 1, "ประกาศ-no-gift")
    found = rows(town, 2568)
    assert found["no-gift"].item["code"] == "O21"
    assert (found["no-gift"].state, found["no-gift"].evidence) == (EVIDENCE, [proof])
    assert found["no-gift"].evidence_year == 2568 and not found["no-gift"].carried
    assert found["e-service"].state == MISSING


def test_an_item_with_a_round_takes_only_that_rounds_evidence(town: World) -> None:
    topics(town, town.finance_measure, "complaint-statistics")  # ITA 2568 O19: FY2568, round 1
    evidence(town, town.finance_measure, 2, "สถิติ-12-เดือน")
    assert rows(town, 2568)["complaint-statistics"].state == MISSING
    six = evidence(town, town.finance_measure, 1, "สถิติ-6-เดือน")
    assert rows(town, 2568)["complaint-statistics"].evidence == [six]


def test_withdrawn_evidence_and_another_years_plan_do_not_count(town: World) -> None:
    topics(town, town.finance_measure, "complaint-statistics")
    proof = evidence(town, town.finance_measure, 1, "สถิติ")
    measures.withdraw_evidence(proof, town.somchai, town.somchai.user, reason="ผิดไฟล์")
    assert rows(town, 2568)["complaint-statistics"].state == MISSING
    evidence(town, town.finance_measure, 1, "สถิติ-ใหม่")
    assert rows(town, 2569)["complaint-statistics"].state == MISSING  # ITA 2569 O18 asks for FY2569


def test_last_years_evidence_follows_the_topic_to_the_new_code(town: World) -> None:
    topics(town, town.palad_measure, "no-gift")
    proof = evidence(town, town.palad_measure, 1, "ประกาศ-no-gift")
    this_year, next_year = rows(town, 2568)["no-gift"], rows(town, 2569)["no-gift"]
    assert (this_year.item["code"], next_year.item["code"]) == ("O21", "O20")  # renumbered
    assert this_year.evidence == next_year.evidence == [proof]
    assert next_year.carried and next_year.evidence_year == 2568
    page = town.client(town.prapa).get(f"/o/{town.org.slug}/ita/2569/checklist/").content.decode()
    row = page[page.index('data-testid="check-no-gift"') :]
    row = row[: row.index("</tr>")]
    assert 'data-state="evidence"' in row and "O20" in row and "ประกาศ-no-gift" in row
    assert "หลักฐานของปีงบประมาณ ๒๕๖๘ (ยังไม่มีของปีนี้)" in row


def test_a_corrected_catalogue_that_renumbers_an_item_keeps_its_evidence(town: World, root: Any) -> None:
    topics(town, town.palad_measure, "measures-report")
    proof = evidence(town, town.palad_measure, 2, "รายงานผล-12-เดือน")
    assert rows(town, 2569)["measures-report"].evidence == [proof]
    content = shipped(2569)
    for item in content["oit_items"]:
        if item["code"] == "O26":
            item["code"] = "O31"
    data = json.dumps(content, ensure_ascii=False).encode()
    services.upload_catalogue(root, filename="2569.json", data=data, change="O26 เป็น O31")
    moved = rows(town, 2569)["measures-report"]
    assert moved.item["code"] == "O31" and moved.evidence == [proof] and moved.fiscal_year == 2568


def test_a_generated_document_of_the_covered_year_is_shown(town: World) -> None:
    report = documents.make_snapshot(town.plan, town.somchai, town.somchai.user, kind="report", round_no=2)
    found = rows(town, 2569)
    assert (found["measures-report"].state, found["measures-report"].documents) == (DOCUMENT, [report])
    assert found["measures"].state == MISSING  # O25 asks for the FY2569 plan: none yet
    plan_doc = documents.make_snapshot(town.plan, town.somchai, town.somchai.user, kind="plan")
    ita_2566 = rows(town, 2566)  # o42 (measures) and o43 (6-month report) of FY2566: another year
    assert ita_2566["measures"].state == MISSING and ita_2566["measures-report"].state == MISSING
    assert rows(town, 2568).get("measures") is None  # ITA 2568 lists no measures item
    next_plan = measures.copy_plan_forward(town.plan, town.somchai, town.somchai.user)
    newer = documents.make_snapshot(next_plan, town.somchai, town.somchai.user, kind="plan")
    assert rows(town, 2569)["measures"].documents == [newer] and plan_doc not in rows(town, 2569)["measures"].documents


def test_an_item_whose_document_is_on_the_public_page_is_published(town: World, settings: Any, tmp_path: Any) -> None:
    from prongsai.portal.services import documents as public_documents

    settings.MEDIA_ROOT = tmp_path
    item = next(i for i in shipped(2569)["oit_items"] if i["topic"] == "measures-report")  # O26: FY2568 report
    assert published_state(town.org, item, 2568, 2) is None
    measures.submit_plan(town.plan, town.somchai, town.somchai.user)
    measures.approve_plan(town.plan, town.wichai, town.wichai.user)
    report = documents.make_snapshot(town.plan, town.somchai, town.somchai.user, kind="report", round_no=2)
    report = documents.approve_snapshot(report, town.wichai, town.wichai.user)
    public_documents.publish(report, town.somchai, town.somchai.user, decisions={})
    assert published_state(town.org, item, 2568, 2) == "published"
    assert rows(town, 2569)["measures-report"].state == PUBLISHED


def test_the_page_lists_the_missing_and_takes_fixed_queries(town: World) -> None:
    client = town.client(town.somchai)
    url = f"/o/{town.org.slug}/ita/2568/checklist/"
    topics(town, town.palad_measure, "no-gift")
    evidence(town, town.palad_measure, 1, "หนึ่ง")
    client.get(url)  # the shipped catalogue is stored on first use
    with CaptureQueriesContext(connection) as one:
        page = client.get(url).content.decode()
    assert "ทั้งหมด ๒๓ ข้อ · ยังไม่มีหลักฐาน ๒๒ ข้อ" in page
    assert "ข้อมูลปัจจุบัน (ปีงบประมาณ ๒๕๖๘)" in page and "ปีงบประมาณ ๒๕๖๗ รอบ ๑๒ เดือน" in page  # O13
    topics(town, town.finance_measure, "no-gift", "e-service", "complaint-statistics")
    for n in range(4):
        evidence(town, town.finance_measure, 1, f"เพิ่ม-{n}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(one) == len(many)


def test_the_access_ladder(town: World) -> None:
    url = f"/o/{town.org.slug}/ita/2568/checklist/"
    r = town.client(None).get(url)
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    assert town.client(town.prasert).get(url).status_code == 404
    assert town.client(town.prapa).get(url).status_code == 200
    assert town.client(town.prapa).post(url).status_code == 405
    assert town.client(town.prapa).get(f"/o/{town.org.slug}/ita/2500/checklist/").status_code == 404
