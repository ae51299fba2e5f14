"""The results pages as each persona sees them, and as the outsider (404)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from dxmon.dashboards import selectors
from dxmon.dashboards.tests.conftest import MO_CAY_TOWN_2022, TAN_HOI_2022, Results
from dxmon.testing.fixtures import Tree


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _province_url(tree: Tree, period: str = "2025") -> str:
    return reverse("dashboards:province", args=[tree.province.pk]) + f"?period={period}"


@pytest.mark.django_db
def test_it_shows_the_province_overview_to_the_province_office(
    results: Results, tree: Tree, reviewer
) -> None:
    response = _client(reviewer).get(_province_url(tree))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xã Mỏ Cày" in html
    assert "Xã Thử Nghiệm 8" in html
    assert 'data-dx-chart="dx-map-data"' in html
    assert "vendor/echarts/echarts.min.js" in html
    rows = response.context["rows"]
    assert [r.rank for r in rows] == sorted(r.rank for r in rows)
    # The uncertainty analysis ran (20 samples): every row has its interval.
    assert all(r.rank_p05 is not None and r.rank_p05 <= r.rank_p95 for r in rows)
    # The 2022 district of Xã Mỏ Cày comes from its predecessors.
    mo_cay = next(r for r in rows if r.unit == tree.commune_a)
    assert mo_cay.district == tree.old_district
    # The reporting rate counts the approved reports of 2025 (ten communes, all approved).
    assert response.context["reporting"].submitted == 10


@pytest.mark.django_db
def test_it_shows_the_change_since_the_previous_period(
    results: Results, tree: Tree, supervisor
) -> None:
    from dxmon.dashboards.tests.conftest import _period, _report
    from dxmon.scoring.models import INDEX_CODE, Score
    from dxmon.scoring.services import scores_compute

    p2024 = _period("2024")
    _report(results.version, tree.tan_hoi, p2024, TAN_HOI_2022)
    _report(results.version, tree.mo_cay_town, p2024, MO_CAY_TOWN_2022, synthetic=True)
    run_2024 = scores_compute(framework_version=results.version, period=p2024)
    before = Score.objects.get(run=run_2024, unit=tree.commune_a, node_code=INDEX_CODE)
    now = Score.objects.get(run=results.run_2025, unit=tree.commune_a, node_code=INDEX_CODE)
    assert before.reconstructed
    assert now.points is not None
    assert before.points is not None

    response = _client(supervisor).get(_province_url(tree))
    assert response.status_code == 200
    rows = {r.unit: r for r in response.context["rows"]}
    assert rows[tree.commune_a].change == pytest.approx(now.points - before.points)
    arrow = "↑" if now.points > before.points else "↓"
    assert arrow in response.content.decode()
    # Xã Đa Phước Hội had no predecessor scored in 2024: no change, a dash.
    assert rows[tree.commune_b].change is None


@pytest.mark.django_db
def test_it_hides_the_province_overview_from_a_commune_officer(
    results: Results, tree: Tree, officer, outsider
) -> None:
    for user in (officer, outsider):
        assert _client(user).get(_province_url(tree)).status_code == 404


@pytest.mark.django_db
def test_it_shows_tan_hoi_2022_on_the_profile_of_xa_mo_cay_as_reconstructed_history(
    results: Results, tree: Tree, officer
) -> None:
    response = _client(officer).get(reverse("dashboards:unit", args=[tree.commune_a.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lịch sử tái lập" in html
    history = response.context["history"]
    assert [h.period for h in history] == ["2022"]
    names = [r.name for r in history[0].rows]
    assert "Xã Tân Hội" in names
    assert "Thị trấn Mỏ Cày" in names
    rebuilt = history[0].rows[-1]
    assert rebuilt.reconstructed
    assert "tái lập từ đơn vị tiền thân" in rebuilt.name
    # Tân Hội's real 2022 values, with their source, in the real-values table.
    real = response.context["profile"].real_values
    tan_hoi = [v for v in real if v.unit == tree.tan_hoi]
    assert {v.indicator.code for v in tan_hoi} == {"NLS.03", "CQS.02", "CQS.16", "KTS.11", "XHS.12"}
    assert all(v.period.code == "2022" for v in tan_hoi)
    assert "HĐND tỉnh giám sát chuyển đổi số tại xã Tân Hội" in html
    # The synthetic town is not among the real values.
    assert not [v for v in real if v.unit == tree.mo_cay_town]
    # The trend chart draws the reconstructed part dashed and labelled.
    trend = response.context["trend"]
    dashed = [s for s in trend.data["series"] if s.get("dashed")]
    assert dashed
    assert "tái lập từ đơn vị tiền thân" in dashed[0]["name"]
    assert dashed[0]["data"][0] is not None  # 2022 rebuilt from Tân Hội and the town
    assert {s["name"] for s in trend.data["series"]} >= {"Xã Tân Hội", "Thị trấn Mỏ Cày"}


@pytest.mark.django_db
def test_it_lists_gaps_to_targets_with_their_legal_source(
    results: Results, tree: Tree, reviewer
) -> None:
    response = _client(reviewer).get(reverse("dashboards:unit", args=[tree.commune_a.pk]))
    gaps = {g.indicator.code: g for g in response.context["profile"].gaps}
    assert gaps["NLS.03"].light == "red"
    assert gaps["NLS.03"].value == 50.0
    assert gaps["CQS.02"].light == "amber"
    assert "CQS.01" not in gaps  # 70 ≥ 60: met
    assert gaps["CQS.02"].target.source_title in response.content.decode()


@pytest.mark.django_db
def test_it_hides_a_commune_profile_from_the_outsider(
    results: Results, tree: Tree, outsider
) -> None:
    url = reverse("dashboards:unit", args=[tree.commune_a.pk])
    assert _client(outsider).get(url).status_code == 404
    # …and an old commune merged into another commune.
    assert (
        _client(outsider).get(reverse("dashboards:unit", args=[tree.tan_hoi.pk])).status_code == 404
    )


@pytest.mark.django_db
def test_it_colours_the_scorecard_and_exports_the_same_fills(
    results: Results, tree: Tree, reviewer
) -> None:
    url = reverse("dashboards:scorecard") + f"?province={tree.province.pk}&period=2025"
    response = _client(reviewer).get(url)
    assert response.status_code == 200
    card = response.context["card"]
    codes = [c.indicator.code for c in card.columns]
    row = next(r for r in card.rows if r.unit == tree.commune_a)
    lights = {code: cell.light for code, cell in zip(codes, row.cells, strict=True)}
    assert lights["CQS.01"] == "green"
    assert lights["CQS.02"] == "amber"
    assert lights["NLS.03"] == "red"
    assert "dx-light-red" in response.content.decode()

    export = _client(reviewer).get(url + "&format=xlsx")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(export.content)).active
    assert ws is not None
    header = [c.value for c in ws[1]]
    names = [ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)]
    r = names.index("Xã Mỏ Cày") + 1
    for code, light in (("CQS.01", "green"), ("CQS.02", "amber"), ("NLS.03", "red")):
        cell = ws.cell(row=r, column=header.index(code) + 1)
        assert cell.fill.fgColor.rgb.endswith(selectors.LIGHTS[light][1]), code


@pytest.mark.django_db
def test_it_filters_the_scorecard_by_kind(results: Results, tree: Tree, reviewer) -> None:
    url = reverse("dashboards:scorecard") + f"?province={tree.province.pk}&period=2025&kind=phuong"
    card = _client(reviewer).get(url).context["card"]
    assert card.rows
    assert all(r.unit.kind == "phuong" for r in card.rows)


@pytest.mark.django_db
def test_it_hides_the_scorecard_from_a_commune_officer(
    results: Results, tree: Tree, outsider
) -> None:
    url = reverse("dashboards:scorecard") + f"?province={tree.province.pk}&period=2025"
    assert _client(outsider).get(url).status_code == 404


@pytest.mark.django_db
def test_it_rolls_an_indicator_up_by_summing_numerators_and_denominators(
    results: Results, tree: Tree, reviewer
) -> None:
    response = _client(reviewer).get(
        reverse("dashboards:indicator", args=["NLS.03"]) + f"?province={tree.province.pk}"
    )
    assert response.status_code == 200
    ex = response.context["ex"]
    province = next(r for r in ex.provinces if r.unit == tree.province)
    # 2025: Σ numerators ÷ Σ denominators over the ten communes, in percent.
    nums = [5.0, 19.0] + [10 * (0.3 + 0.08 * i) for i in range(8)]
    dens = [10.0, 20.0] + [10.0] * 8
    assert province.values["2025"] == pytest.approx(100 * sum(nums) / sum(dens))
    # 2022: Tân Hội (90 %, no numerator) is left out of the sum; the town's 5/10 remains.
    old = next(r for r in ex.provinces if r.unit == tree.old_province)
    assert old.values["2022"] == pytest.approx(50.0)
    assert ex.left_out == 1


@pytest.mark.django_db
def test_it_shows_a_commune_officer_only_its_own_values_in_the_explorer(
    results: Results, tree: Tree, outsider
) -> None:
    ex = _client(outsider).get(reverse("dashboards:indicator", args=["NLS.03"])).context["ex"]
    assert {r.unit for r in ex.communes} == {tree.commune_b}


@pytest.mark.django_db
def test_it_compares_communes_side_by_side(results: Results, tree: Tree, reviewer) -> None:
    a, b = tree.commune_a, tree.commune_b
    url = reverse("dashboards:compare") + f"?units={a.pk},{b.pk}"
    response = _client(reviewer).get(url)
    assert response.status_code == 200
    table = response.context["table"]
    assert table[0].code == "INDEX"
    assert len(table[0].cells) == 2
    assert [c.id for c in response.context["charts"]] == ["dx-radar", "dx-groups"]


@pytest.mark.django_db
def test_it_refuses_to_compare_a_commune_outside_the_scope(
    results: Results, tree: Tree, outsider
) -> None:
    a, b = tree.commune_a, tree.commune_b
    url = reverse("dashboards:compare") + f"?units={a.pk},{b.pk}"
    assert _client(outsider).get(url).status_code == 404


@pytest.mark.django_db
def test_it_searches_communes_without_diacritics_within_the_scope(
    results: Results, tree: Tree, reviewer, outsider
) -> None:
    url = reverse("dashboards:unit_search") + "?q=mo cay"
    found = [r["name"] for r in _client(reviewer).get(url).json()["results"]]
    assert "Xã Mỏ Cày" in found
    assert _client(outsider).get(url).json()["results"] == []


@pytest.mark.django_db
def test_it_sends_each_role_to_its_results_page(
    results: Results, tree: Tree, officer, reviewer
) -> None:
    assert _client(officer).get(reverse("dashboards:index"))["Location"] == reverse(
        "dashboards:unit", args=[tree.commune_a.pk]
    )
    assert _client(reviewer).get(reverse("dashboards:index"))["Location"] == reverse(
        "dashboards:province", args=[tree.province.pk]
    )


@pytest.mark.django_db
def test_it_shows_the_public_only_scores_from_approved_data(results: Results, tree: Tree) -> None:
    from dxmon.scoring.services import scores_compute

    scores_compute(framework_version=results.version, period=results.p2025, include_unapproved=True)
    run = selectors.current_run(user=None, period=results.p2025)
    assert run is not None
    assert run.pk == results.run_2025.pk
    rows = selectors.province_ranking(user=None, province=tree.province, period=results.p2025)
    assert rows
    assert not any(r.includes_unapproved for r in rows)
