"""Normalisation methods: hand-computed examples (COINr 1.1.14 R/normalise.R; JRC/OECD Handbook
2008 §5, Table 3) and properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dxmon.engine.normalise import n_minmax, n_prank, n_rank, normalise
from dxmon.engine.tree import IndicatorTree


def _tree(direction: int = 1, **extra) -> IndicatorTree:
    return IndicatorTree(
        indicators=("a",),
        levels=(("I",),),
        parent={"a": "I"},
        weight={"a": 1.0, "I": 1.0},
        direction={"a": direction, "I": 1},
        **extra,
    )


X = pd.DataFrame({"a": [2.0, 4.0, 10.0]}, index=pd.Index(["X", "Y", "Z"], name="uCode"))


@pytest.mark.parametrize(
    ("method", "params", "expected"),
    [
        ("minmax", {}, [0.0, 25.0, 100.0]),
        ("minmax", {"range": [1, 5]}, [1.0, 2.0, 5.0]),
        # mean 16/3, sd sqrt(((10/3)^2 + (4/3)^2 + (14/3)^2) / 2) = sqrt(52/3)
        (
            "zscore",
            {},
            [
                (2 - 16 / 3) / np.sqrt(52 / 3),
                (4 - 16 / 3) / np.sqrt(52 / 3),
                (10 - 16 / 3) / np.sqrt(52 / 3),
            ],
        ),
        ("rank", {}, [1.0, 2.0, 3.0]),
        ("prank", {}, [0.0, 0.5, 1.0]),
        ("borda", {}, [0.0, 1.0, 2.0]),
        ("dist2max", {}, [0.0, 0.25, 1.0]),
        ("dist2targ", {"targets": {"a": 6.0}}, [0.0, 0.5, 2.0]),
        ("dist2targ", {"targets": {"a": 6.0}, "cap_max": True}, [0.0, 0.5, 1.0]),
        ("dist2ref", {"ref": "Y"}, [0.0, 1.0, 4.0]),
        ("dist2ref", {"ref": "Y", "cap_max": True}, [0.0, 1.0, 1.0]),
        ("fracmax", {}, [0.2, 0.4, 1.0]),
        ("goalposts", {"goalposts": {"a": [0, 8, 100]}}, [25.0, 50.0, 100.0]),
    ],
)
def test_it_normalises_a_positive_indicator_as_computed_by_hand(method, params, expected):
    got = normalise(X, _tree(), method=method, params=params)["a"].tolist()
    np.testing.assert_allclose(got, expected)


@pytest.mark.parametrize(
    ("method", "params", "expected"),
    [
        # x * -1 = (-2, -4, -10): min -10, max -2
        ("minmax", {}, [100.0, 75.0, 0.0]),
        ("rank", {}, [3.0, 2.0, 1.0]),
        ("fracmax", {}, [1.0, 2.0, 5.0]),  # -x / max(-x) = -x / -2
        # target 3 flipped to -3: (x' - min) / (targ' - min) = (8, 6, 0) / 7
        ("dist2targ", {"targets": {"a": 3.0}}, [8 / 7, 6 / 7, 0.0]),
        # goalposts (0, 8) flipped: (upper - x) / (upper - lower) = (6, 4, -2) / 8 → truncated
        ("goalposts", {"goalposts": {"a": [0, 8, 1]}}, [0.75, 0.5, 0.0]),
    ],
)
def test_it_flips_negative_indicators_before_normalising(method, params, expected):
    got = normalise(X, _tree(direction=-1), method=method, params=params)["a"].tolist()
    np.testing.assert_allclose(got, expected)


def test_it_reads_targets_and_goalposts_from_the_tree():
    tree = _tree(target={"a": 6.0}, goalposts={"a": (0.0, 8.0, 100.0)})
    assert normalise(X, tree, method="dist2targ")["a"].tolist() == [0.0, 0.5, 2.0]
    assert normalise(X, tree, method="goalposts")["a"].tolist() == [25.0, 50.0, 100.0]


def test_it_names_the_indicator_without_target():
    with pytest.raises(ValueError, match=r"'a'.*Target"):
        normalise(X, _tree(), method="dist2targ")


def test_it_rejects_an_unknown_method():
    with pytest.raises(ValueError, match="minmax"):
        normalise(X, _tree(), method="softmax")


def test_it_rejects_an_unknown_reference_unit():
    with pytest.raises(ValueError, match="'Q'"):
        normalise(X, _tree(), method="dist2ref", params={"ref": "Q"})


def test_it_keeps_missing_values_missing():
    v = pd.DataFrame({"a": [2.0, np.nan, 10.0]})
    for method in ("minmax", "zscore", "rank", "prank", "borda", "dist2max", "fracmax"):
        out = normalise(v, _tree(), method=method)["a"]
        assert np.isnan(out.iloc[1])
    assert normalise(v, _tree(), method="prank")["a"].tolist()[::2] == [0.0, 1.0]


columns = arrays(
    np.float64,
    st.integers(3, 30),
    elements=st.floats(-1e6, 1e6, allow_nan=False),
).filter(lambda a: np.ptp(a) > 1e-3 * max(1.0, np.abs(a).max()))


@settings(max_examples=60, deadline=None)
@given(columns, st.floats(-100, 100), st.floats(1, 1000))
def test_it_maps_minmax_exactly_onto_the_range(x, lower, width):
    y = n_minmax(x[:, None], lower, lower + width).ravel()
    assert y.min() == pytest.approx(lower, abs=1e-6 * width)
    assert y.max() == pytest.approx(lower + width, rel=1e-9, abs=1e-6 * width)
    assert ((y >= lower - 1e-6 * width) & (y <= lower + width + 1e-6 * width)).all()


integer_columns = arrays(
    np.float64, st.integers(3, 30), elements=st.integers(-1000, 1000).map(float)
)


@settings(max_examples=60, deadline=None)
@given(integer_columns.filter(lambda a: np.ptp(a) > 0))
def test_it_gives_ranks_invariant_to_monotone_transforms(x):
    r = n_rank(x[:, None])
    assert (n_rank(x[:, None] ** 3) == r).all()
    assert (n_rank(x[:, None] * 3 + 7) == r).all()
    p = n_prank(x[:, None])
    assert p.min() == 0.0
    assert p.max() <= 1.0
