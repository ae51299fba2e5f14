"""Aggregation methods: hand-computed examples (COINr 1.1.14 R/aggregate.R; JRC/OECD Handbook
2008 §6) and the errors a user can act on."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dxmon.engine.aggregate import a_amean, a_copeland, a_gmean, a_hmean, a_median, aggregate
from dxmon.engine.tree import IndicatorTree

TREE = IndicatorTree(
    indicators=("a", "b", "c"),
    levels=(("P", "Q"), ("I",)),
    parent={"a": "P", "b": "P", "c": "Q", "P": "I", "Q": "I"},
    weight={"a": 1.0, "b": 3.0, "c": 1.0, "P": 1.0, "Q": 1.0, "I": 1.0},
    direction={"a": 1, "b": 1, "c": 1, "P": 1, "Q": 1, "I": 1},
)


@pytest.mark.parametrize(
    ("method", "expected_p"),
    [
        ("amean", (1 * 40 + 3 * 80) / 4),  # 70
        ("gmean", 40**0.25 * 80**0.75),  # 67.27
        ("hmean", 4 / (1 / 40 + 3 / 80)),  # 64
        ("median", 80.0),  # cumulative weights (1, 4) of 4: half reached at 80
    ],
)
def test_it_aggregates_a_pillar_as_computed_by_hand(method, expected_p):
    v = pd.DataFrame({"a": [40.0], "b": [80.0], "c": [10.0]})
    out = aggregate(v, TREE, method=method)
    assert out["P"].iloc[0] == pytest.approx(expected_p)
    assert out["Q"].iloc[0] == pytest.approx(10.0)


def test_it_scores_copeland_by_hand():
    """Units A (3, 3), B (2, 2), C (1, 4), equal weights: A beats B (1), ties C (0.5 → 0);
    B ties C. Copeland = (1, -1, 0)."""
    X = np.array([[3.0, 3.0], [2.0, 2.0], [1.0, 4.0]])
    assert a_copeland(X, np.ones(2)).tolist() == [1.0, -1.0, 0.0]
    # with weights (3, 1) A and B both beat C on the heavier indicator
    assert a_copeland(X, np.array([3.0, 1.0])).tolist() == [2.0, 0.0, -2.0]


def test_it_skips_missing_values_with_their_weights():
    X = np.array([[20.0, np.nan, 90.0]])
    w = np.array([1.0, 5.0, 2.0])
    assert a_amean(X, w).tolist() == [pytest.approx(200 / 3)]
    assert a_gmean(X, w)[0] == pytest.approx(np.exp((np.log(20) + 2 * np.log(90)) / 3))
    assert a_hmean(X, w)[0] == pytest.approx(3 / (1 / 20 + 2 / 90))
    assert a_median(X, w)[0] == 90.0


def test_it_returns_missing_below_the_data_threshold():
    v = pd.DataFrame({"a": [40.0, np.nan], "b": [np.nan, np.nan], "c": [1.0, 1.0]})
    out = aggregate(v, TREE, dat_thresh=0.5)
    assert out["P"].iloc[0] == 40.0
    assert np.isnan(out["P"].iloc[1])
    assert out["I"].iloc[1] == 1.0  # Q alone is half of I's children: 0.5 >= 0.5


def test_it_names_the_indicator_when_gmean_meets_zero():
    v = pd.DataFrame({"a": [40.0], "b": [0.0], "c": [10.0]})
    with pytest.raises(ValueError, match=r"gmean.*'P'.*'b'"):
        aggregate(v, TREE, method="gmean")


def test_it_rejects_weights_that_do_not_match_the_tree():
    v = pd.DataFrame({"a": [40.0], "b": [80.0], "c": [10.0]})
    with pytest.raises(ValueError, match="'z'"):
        aggregate(v, TREE, weights={"z": 1.0})
    with pytest.raises(ValueError, match=r"'P'.*bằng 0"):
        aggregate(v, TREE, weights={"a": 0.0, "b": 0.0})


def test_it_uses_one_method_per_level():
    v = pd.DataFrame({"a": [40.0], "b": [80.0], "c": [10.0]})
    out = aggregate(v, TREE, method=["amean", "gmean"])
    assert out["I"].iloc[0] == pytest.approx(np.sqrt(70 * 10))
    with pytest.raises(ValueError, match="2"):
        aggregate(v, TREE, method=["amean"])


@settings(max_examples=50, deadline=None)
@given(
    arrays(np.float64, (5, 4), elements=st.floats(1, 100)),
    arrays(np.float64, 4, elements=st.floats(0.1, 10)),
)
def test_it_orders_the_means_harmonic_geometric_arithmetic(X, w):
    h, g, a = a_hmean(X, w), a_gmean(X, w), a_amean(X, w)
    assert (h <= g * (1 + 1e-9)).all()
    assert (g <= a * (1 + 1e-9)).all()
    assert (a >= X.min(axis=1) - 1e-9).all()
    assert (a <= X.max(axis=1) + 1e-9).all()
