"""Ranks, rank changes, strengths and weaknesses, gaps and contributions (issue 4 item 7)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dxmon.engine.aggregate import aggregate
from dxmon.engine.results import (
    contributions,
    effective_weights,
    gap_to_target,
    rank,
    rank_change,
    strongest_weakest,
)
from dxmon.engine.tree import IndicatorTree

TREE = IndicatorTree(
    indicators=("a", "b", "c"),
    levels=(("P", "Q"), ("I",)),
    parent={"a": "P", "b": "P", "c": "Q", "P": "I", "Q": "I"},
    weight={"a": 1.0, "b": 3.0, "c": 1.0, "P": 1.0, "Q": 2.0, "I": 1.0},
    direction={"a": 1, "b": 1, "c": -1, "P": 1, "Q": 1, "I": 1},
    target={"a": 50.0, "c": 10.0},
)


def test_it_ranks_among_peers():
    s = pd.Series([10.0, 20.0, 30.0, 40.0], index=list("ABCD"))
    province = pd.Series(["p", "q", "p", "q"], index=list("ABCD"))
    assert rank(s).tolist() == [4, 3, 2, 1]
    assert rank(s, groups=province).tolist() == [2, 2, 1, 1]


def test_it_reports_places_gained():
    assert rank_change(
        pd.Series([4, 1], index=["A", "B"]), pd.Series([2, 2], index=["A", "B"])
    ).tolist() == [2, -1]


def test_it_finds_strongest_and_weakest_indicators():
    x = pd.DataFrame(
        {"a": [90.0, 10.0, 50.0], "b": [10.0, 90.0, 50.0], "c": [50.0, 50.0, 60.0]},
        index=["U", "V", "W"],
    )
    sw = strongest_weakest(x, n=1)
    assert sw.strongest.loc["U"] == ["a"]
    assert sw.weakest.loc["U"] == ["b"]
    assert sw.strongest.loc["W"] == ["c"]


def test_it_measures_the_gap_to_target_in_the_indicator_direction():
    g = gap_to_target(pd.DataFrame({"a": [20.0, 70.0], "b": [1.0, 1.0], "c": [25.0, 5.0]}), TREE)
    assert g["a"].tolist() == [30.0, 0.0]
    assert g["c"].tolist() == [15.0, 0.0]
    assert g["b"].isna().all()


def test_it_splits_the_index_into_contributions_that_add_up():
    """Effective weights: a = 1/4 × 1/3, b = 3/4 × 1/3, c = 1 × 2/3."""
    assert effective_weights(TREE).tolist() == pytest.approx([1 / 12, 3 / 12, 2 / 3])
    x = pd.DataFrame({"a": [40.0, 0.0], "b": [80.0, 100.0], "c": [10.0, 30.0]})
    c = contributions(x, TREE)
    np.testing.assert_allclose(c.sum(axis=1), aggregate(x, TREE)["I"])
