"""History across the 2025 merger, on hand-computed examples.

Xã Mỏ Cày (code 28903, tỉnh Vĩnh Long, from 1 July 2025) was formed from four communes of the
former huyện Mỏ Cày Nam, Bến Tre: Thị trấn Mỏ Cày (28903), Xã Đa Phước Hội (28939), Xã Tân Hội
(28940) and Xã An Thạnh (28951) (codes from the vietnamadminunits package's legacy table). The
numbers are made up; every expected value is computed by hand in the docstring.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from dxmon.engine.lineage import (
    check_edges,
    follow_forward,
    impute_panel,
    rebuild_ratio,
    rebuild_successors,
)

PREDECESSORS = {"28903": "Thị trấn Mỏ Cày", "28939": "Xã Đa Phước Hội", "28940": "Xã Tân Hội",
                "28951": "Xã An Thạnh"}  # fmt: skip


def _mo_cay_edges() -> pd.DataFrame:
    return pd.DataFrame(
        {"predecessor": list(PREDECESSORS), "successor": ["N28903"] * 4, "weight": [1.0] * 4}
    )


def _mo_cay_values() -> pd.DataFrame:
    # Officials signing digitally (num / den), hamlets with a community team (count) and the
    # commune's DTI value, for 2022–2024. An Thạnh has no index value in 2022.
    rows = []
    data: dict[str, list[tuple[int, int, int, float | None]]] = {
        "28903": [(18, 20, 4, 62.0), (19, 20, 5, 66.0), (20, 20, 5, 70.0)],
        "28939": [(10, 16, 3, 48.0), (12, 16, 4, 52.0), (14, 16, 4, 58.0)],
        "28940": [(9, 15, 2, 44.0), (12, 15, 4, 50.0), (13, 15, 4, 61.0)],
        "28951": [(6, 12, 1, None), (8, 12, 2, 40.0), (11, 12, 3, 47.0)],
    }
    for code, series in data.items():
        for year, (num, den, teams, idx) in zip(("2022", "2023", "2024"), series, strict=True):
            rows.append(
                {
                    "unit": code,
                    "period": year,
                    "num": float(num),
                    "den": float(den),
                    "teams": float(teams),
                    "index": np.nan if idx is None else idx,
                }
            )
    return pd.DataFrame(rows)


def test_it_rebuilds_mo_cay_from_its_four_predecessors() -> None:
    """Hand computed, 2022: numerators 18 + 10 + 9 + 6 = 43, denominators 20 + 16 + 15 + 12 = 63,
    rate 43/63 = 0.68254 (the mean of the four rates would be 0.6917); teams 4 + 3 + 2 + 1 = 10;
    index mean of the three known values (62 + 48 + 44) / 3 = 51.3333.
    2024: 58 / 63, teams 16, index (70 + 58 + 61 + 47) / 4 = 59."""
    r = rebuild_successors(
        _mo_cay_values(),
        _mo_cay_edges(),
        {"num": "sum", "den": "sum", "teams": "sum", "index": "mean"},
    )
    t = r.table.set_index("period")
    assert list(t.index) == ["2022", "2023", "2024"]
    assert set(t["unit"]) == {"N28903"}
    assert t.loc["2022", "num"] == 43
    assert t.loc["2022", "den"] == 63
    rate_2022 = float(t["num"].iloc[0]) / float(t["den"].iloc[0])
    assert rate_2022 == pytest.approx(0.682540, abs=1e-6)
    assert t.loc["2022", "teams"] == 10
    assert t.loc["2022", "index"] == pytest.approx(51.333333, abs=1e-6)
    assert t.loc["2024", "num"] == 58
    assert t.loc["2024", "teams"] == 16
    assert t.loc["2024", "index"] == 59.0
    assert t["reconstructed"].all()
    assert set(t["method"]) == {"lineage_sum+predecessor_mean"}
    assert r.methods == {"num": "lineage_sum", "den": "lineage_sum", "teams": "lineage_sum",
                         "index": "predecessor_mean"}  # fmt: skip
    assert t["n_predecessors"].tolist() == [4, 4, 4]


def test_it_gives_a_divided_ward_only_its_lineage_share() -> None:
    """A ward W (made up) is divided: 0.7 of it goes to S1, 0.3 to S2; S1 also takes all of V.
    W: 40 of 50 files online, 10 hamlets; V: 5 of 10, 4 hamlets.
    S1 = 0.7·40 + 5 = 33 of 0.7·50 + 10 = 45 (rate 0.7333), hamlets 0.7·10 + 4 = 11;
    S2 = 0.3·40 = 12 of 0.3·50 = 15 (rate 0.8), hamlets 3."""
    values = pd.DataFrame(
        {
            "unit": ["W", "V"],
            "period": ["2024", "2024"],
            "a": [40.0, 5.0],
            "b": [50.0, 10.0],
            "hamlets": [10.0, 4.0],
        }
    )
    edges = pd.DataFrame(
        {"predecessor": ["W", "W", "V"], "successor": ["S1", "S2", "S1"], "weight": [0.7, 0.3, 1]}
    )
    rates = rebuild_ratio(values, edges, numerator="a", denominator="b").set_index("unit")
    assert rates.loc["S1", "a"] == pytest.approx(33.0)
    assert rates.loc["S1", "b"] == pytest.approx(45.0)
    assert rates.loc["S1", "rate"] == pytest.approx(33 / 45)
    assert rates.loc["S2", "rate"] == pytest.approx(0.8)
    hamlets = rebuild_successors(values, edges, {"hamlets": "sum"}).table.set_index("unit")
    assert hamlets.loc["S1", "hamlets"] == pytest.approx(11.0)
    assert hamlets.loc["S2", "hamlets"] == pytest.approx(3.0)
    weighted = rebuild_successors(values, edges, {"a": "weighted_mean"}).table.set_index("unit")
    # (0.7·40 + 1·5) / (0.7 + 1) = 33 / 1.7
    assert weighted.loc["S1", "a"] == pytest.approx(33 / 1.7)


def test_it_leaves_a_successor_missing_when_no_predecessor_has_data() -> None:
    values = pd.DataFrame({"unit": ["A", "B"], "period": ["2024"] * 2, "x": [np.nan, np.nan]})
    edges = pd.DataFrame({"predecessor": ["A", "B"], "successor": ["S", "S"], "weight": [1, 1]})
    t = rebuild_successors(values, edges, {"x": "sum"}).table
    assert math.isnan(t["x"].iloc[0])
    assert t["n_predecessors"].iloc[0] == 0


def test_it_follows_an_old_commune_forward_into_its_successor() -> None:
    after = pd.DataFrame({"unit": ["N28903", "N28903"], "period": ["2025", "2026"],
                          "index": [63.0, 67.5]})  # fmt: skip
    fwd = follow_forward(after, _mo_cay_edges())
    tan_hoi = fwd[fwd["predecessor"] == "28940"]
    assert tan_hoi[["successor", "period", "index"]].values.tolist() == [
        ["N28903", "2025", 63.0],
        ["N28903", "2026", 67.5],
    ]
    assert len(fwd) == 8


@pytest.mark.parametrize(
    ("edges", "message"),
    [
        ({"predecessor": ["A"], "successor": ["S"]}, "thiếu cột weight"),
        ({"predecessor": ["A"], "successor": ["S"], "weight": [1.5]}, "phải trong (0, 1]"),
        ({"predecessor": ["A", "A"], "successor": ["S", "T"], "weight": [0.7, 0.5]}, "> 1"),
    ],
)
def test_it_rejects_bad_lineage_edges(edges: dict[str, list[object]], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace("]", r"\]")):
        check_edges(pd.DataFrame(edges))


def test_it_rejects_an_unknown_rebuild_method() -> None:
    v = pd.DataFrame({"unit": ["A"], "period": ["2024"], "x": [1.0]})
    e = pd.DataFrame({"predecessor": ["A"], "successor": ["S"], "weight": [1.0]})
    with pytest.raises(ValueError, match=r"'x'.*median"):
        rebuild_successors(v, e, {"x": "median"})


def test_it_imputes_a_panel_by_locf_and_linear_with_uneven_gaps() -> None:
    """Hand computed over quarters q1..q5 for unit A: 2, –, –, 8, – →
    LOCF 2, 2, 2, 8, 8; linear 2, 4, 6, 8, – (no value after q4 to interpolate towards)."""
    order = ["q1", "q2", "q3", "q4", "q5"]
    v = pd.DataFrame({"unit": ["A"] * 5, "period": order[::-1],
                      "x": [np.nan, 8.0, np.nan, np.nan, 2.0]})  # fmt: skip
    locf, mask = impute_panel(v, ["x"], method="locf", order=order)
    assert locf.set_index("period").loc[order, "x"].tolist() == [2.0, 2.0, 2.0, 8.0, 8.0]
    assert int(mask["x"].sum()) == 3
    lin, _ = impute_panel(v, ["x"], method="linear", order=order)
    got = lin.set_index("period").loc[order, "x"].tolist()
    assert got[:4] == [2.0, 4.0, 6.0, 8.0]
    assert math.isnan(got[4])
    with pytest.raises(ValueError, match="locf"):
        impute_panel(v, ["x"], method="spline")
