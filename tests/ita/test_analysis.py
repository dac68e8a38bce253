"""The analysis of a year's result: weak indicators ranked, the change from the year before, and peers
(same kind, same province) aggregated by the database; the chart's SVG; the page."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.ita.analysis import analyse, peer_stats
from prongsai.ita.chart import Bar, indicator_chart

from .conftest import World, peers, record

#          1       2       3       4       5       6       7       8       9       10
SCORES = ["90.00", "84.99", "70.50", "85.00", "88.00", "79.00", "92.00", "95.00", "60.25", "100"]


def test_indicators_below_the_pass_mark_are_ranked_lowest_first(town: World) -> None:
    result = analyse(record(town.somchai, 2567, SCORES))
    assert [(r.number, str(r.score)) for r in result.weak] == [
        (9, "60.25"),
        (3, "70.50"),
        (6, "79.00"),
        (2, "84.99"),  # 85.00 (indicator 4) is the pass mark itself: not below it
    ]
    assert result.pass_mark == Decimal("85")
    assert [(t.code, str(t.score)) for t in result.tools] == [("IIT", "83.70"), ("EIT", "88.67"), ("OIT", "80.13")]


def test_an_indicator_without_a_score_is_neither_weak_nor_ranked(town: World) -> None:
    result = analyse(record(town.somchai, 2567, {1: Decimal("50"), 6: Decimal("90")}))
    assert [r.number for r in result.weak] == [1]
    assert [r.number for r in result.missing] == [2, 3, 4, 5, 7, 8, 9, 10]


def test_the_change_is_from_the_latest_earlier_result_per_indicator_tool_and_score(town: World) -> None:
    record(town.somchai, 2565, ["80"] * 10)  # older: never the comparison once 2566 exists
    record(town.somchai, 2566, ["85.50"] * 5 + ["90"] * 3 + ["70", "80"])
    result = analyse(record(town.somchai, 2567, SCORES))
    assert result.previous is not None and result.previous.year == 2566
    changes = {r.number: (r.previous, r.change) for r in result.rows}
    assert changes[2] == (Decimal("85.50"), Decimal("-0.51"))
    assert changes[9] == (Decimal("70.00"), Decimal("-9.75"))
    assert changes[10] == (Decimal("80.00"), Decimal("20.00"))
    oit = next(t for t in result.tools if t.code == "OIT")
    assert (oit.previous, oit.change) == (Decimal("75.00"), Decimal("5.13"))
    # ITA 2566: 0.3 * 85.5 + 0.3 * 90 + 0.4 * 75 = 82.65; 2567: 25.11 + 26.6 + 32.05 = 83.76
    assert result.ita_change == Decimal("1.11")


def test_the_first_result_has_nothing_to_compare_with(town: World) -> None:
    result = analyse(record(town.somchai, 2567, SCORES))
    assert result.previous is None and result.ita_change is None
    assert all(r.change is None for r in result.rows)


def test_peers_are_the_same_kind_in_the_same_province_with_a_result_that_year(town: World, root: Any) -> None:
    peers(root, 2567, [["80"] * 10, ["95"] * 10, ["70.00"] * 9 + [None]])  # type: ignore[list-item]
    peers(root, 2567, [["10"] * 10], kind="tambon")  # a เทศบาลตำบล: another kind
    peers(root, 2567, [["10"] * 10], province="สมมุติ")  # another province
    peers(root, 2566, [["10"] * 10])  # another year
    result = analyse(record(town.somchai, 2567, SCORES))
    assert result.peers is not None
    assert (result.peers.kind, result.peers.province, result.peers.count) == ("องค์การบริหารส่วนตำบล", "ทดสอบ", 3)
    one = result.rows[0]  # 90.00 against 80, 95, 70
    assert (one.peer_mean, one.peer_rank, one.peer_total) == (Decimal("81.67"), 2, 4)
    ten = result.rows[9]  # 100 against 80, 95 (the third has no score for 10)
    assert (ten.peer_mean, ten.peer_rank, ten.peer_total) == (Decimal("87.50"), 1, 3)
    nine = result.rows[8]  # 60.25: the lowest of four
    assert (nine.peer_rank, nine.peer_total) == (4, 4)
    # ITA: 83.70*0.3 + 88.67*0.3 + 80.13*0.4 = 83.76; peers 80, 95 and 70 (70 with OIT = 70.00 of 9 only)
    assert (result.peers.ita_rank, result.peers.ita_total) == (2, 4)
    assert result.peers.ita_mean == Decimal("81.67")


def test_equal_scores_share_a_rank(town: World, root: Any) -> None:
    peers(root, 2567, [SCORES, ["99"] * 10])
    result = analyse(record(town.somchai, 2567, SCORES))
    assert (result.rows[0].peer_rank, result.rows[0].peer_total) == (2, 3)
    assert result.peers is not None and result.peers.ita_rank == 2


def test_the_peer_comparison_is_one_query_whatever_the_number_of_peers(town: World, root: Any) -> None:
    mine = record(town.somchai, 2567, SCORES)
    peers(root, 2567, [["80"] * 10] * 2)
    with CaptureQueriesContext(connection) as few:
        peer_stats(mine)
    peers(root, 2567, [["90"] * 10] * 40)
    with CaptureQueriesContext(connection) as many:
        stats = peer_stats(mine)
    assert len(few) == len(many) == 1
    assert stats is not None and stats.count == 42
    assert "AVG" in many[0]["sql"].upper() and "COUNT" in many[0]["sql"].upper()


def test_without_a_province_there_is_no_peer_group(town: World) -> None:
    town.org.province = ""
    town.org.save()
    assert analyse(record(town.somchai, 2567, SCORES)).peers is None


def test_the_chart_draws_ten_bars_a_pass_mark_line_and_thai_labels_in_laksaman(town: World) -> None:
    svg = analyse(record(town.somchai, 2567, SCORES)).chart_svg()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and svg.endswith("</svg>")
    assert 'font-family="Laksaman, ' in svg
    bars = re.findall(r'<rect x="300" y="[\d.]+" width="([\d.]+)" height="16" fill="(#[0-9a-f]{6})"/>', svg)
    assert len(bars) == 10
    assert bars[8] == ("355.5", "#c62828")  # 60.25 of 590 px, below the pass mark: red
    assert bars[9] == ("590.0", "#2e7d32")  # 100: the whole axis, green
    assert bars[3][1] == "#2e7d32"  # 85.00 passes
    assert 'x1="801.5"' in svg and 'stroke-dasharray="6 4"' in svg  # the pass mark: 300 + 590 * 0.85
    assert "เกณฑ์ผ่าน ๘๕" in svg and "๓ การใช้อำนาจ" in svg and "๖๐.๒๕" in svg
    assert all(f">{tool}</text>" in svg for tool in ("IIT", "EIT", "OIT"))


def test_the_chart_escapes_text_and_says_when_a_score_is_missing() -> None:
    svg = indicator_chart(
        [Bar(1, 'ชื่อ <script>alert("x")</script> & co', "IIT", None), Bar(6, "ข", "EIT", Decimal("90"))],
        Decimal("85.5"),
        thai_digits=False,
        title="t",
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&amp; co" in svg
    assert "ไม่มีคะแนน" in svg and "เกณฑ์ผ่าน 85.50" in svg and ">90.00</text>" in svg


def test_the_page_shows_the_chart_the_ranking_the_change_and_the_peers(town: World, root: Any) -> None:
    record(town.somchai, 2566, ["80"] * 10)
    record(town.somchai, 2567, SCORES)
    peers(root, 2567, [["80"] * 10])
    page = town.client(town.prapa).get(f"/o/{town.org.slug}/ita/2567/analysis/").content.decode()
    assert '<figure class="card" data-testid="ita-chart"' in page and "<svg " in page
    weak = page[page.index('data-testid="ita-weak"') :]
    weak = weak[: weak.index("</section>")]
    assert [m for m in re.findall(r"#indicator-(\d+)", weak)] == ["9", "3", "6", "2"]
    assert "ปี ๒๕๖๖: คะแนน ITA ๘๐.๐๐ ระดับ B" in page
    assert "เทียบกับองค์การบริหารส่วนตำบลในจังหวัดทดสอบ ๑ แห่ง" in page
    assert "อันดับ ๑/๒" in page  # indicator 1: 90 against 80
    assert "<textarea" not in page  # a viewer reads the notes, writes none


def test_the_page_takes_the_same_number_of_queries_with_few_or_many_peers(town: World, root: Any) -> None:
    record(town.somchai, 2567, SCORES)
    client = town.client(town.somchai)
    url = f"/o/{town.org.slug}/ita/2567/analysis/"
    peers(root, 2567, [["80"] * 10])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    peers(root, 2567, [["90"] * 10] * 30)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many)
