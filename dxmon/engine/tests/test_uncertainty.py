"""Uncertainty and sensitivity of ranks (issue 4 item 8): seeded, reproducible, and consistent."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dxmon.engine.spec import load_spec, parse_spec
from dxmon.engine.tree import read_imeta, read_table, split_idata
from dxmon.engine.uncertainty import Assumptions, leave_one_out, rank_sensitivity, rank_uncertainty

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def asem():
    tree = read_imeta(DATA / "iMeta.csv")
    values, units = split_idata(read_table(DATA / "iData.csv"), tree)
    return values, units, tree, load_spec(DATA / "full_pipeline.yaml")


def test_it_is_reproducible_with_a_seed(asem):
    a = rank_uncertainty(*asem, n=20, seed=7)
    b = rank_uncertainty(*asem, n=20, seed=7)
    pd.testing.assert_frame_equal(a.ranks, b.ranks)
    c = rank_uncertainty(*asem, n=20, seed=8)
    assert not a.ranks.equals(c.ranks)


def test_it_brackets_the_median_rank(asem):
    r = rank_uncertainty(*asem, n=60, seed=1)
    assert ((r.q05 <= r.median_rank) & (r.median_rank <= r.q95)).all()
    assert (r.q95 - r.q05).max() > 0
    assert r.nominal_rank.min() == 1


def test_it_gives_no_spread_without_uncertainty(asem):
    none = Assumptions(
        weight_noise=0.0,
        normalisations=({"method": "minmax"},),
        aggregations=("amean",),
        impute_toggle=False,
    )
    r = rank_uncertainty(*asem, assumptions=none, n=5, seed=1)
    assert (r.q05 == r.q95).all()
    assert (r.median_rank == r.nominal_rank).all()


def test_it_attributes_rank_variance_to_the_factor_that_varies(asem):
    only_agg = Assumptions(
        weight_noise=0.0,
        normalisations=({"method": "minmax", "range": [1, 100]},),
        aggregations=("amean", "gmean"),
        impute_toggle=False,
    )
    s = rank_sensitivity(*asem, assumptions=only_agg, n=16, seed=3)
    assert list(s.total.index) == ["aggregation"]
    # one factor explains all the variance: both indices are 1 up to sampling error
    assert s.total["aggregation"] == pytest.approx(1.0, abs=0.25)
    assert s.first_order["aggregation"] == pytest.approx(1.0, abs=0.25)


def test_it_finds_total_indices_at_least_first_order_on_average(asem):
    s = rank_sensitivity(*asem, n=24, seed=5)
    assert set(s.total.index) == {"weights", "normalisation", "aggregation", "imputation"}
    assert (s.total >= 0).all()
    assert s.total.sum() >= s.first_order.sum() - 0.3


def test_it_shifts_ranks_when_an_indicator_is_left_out():
    tree = read_imeta(DATA / "iMeta.csv")
    values, units = split_idata(read_table(DATA / "input_screened.csv"), tree)
    spec = parse_spec({"steps": [{"step": "normalise"}, {"step": "aggregate"}]})
    shifts = leave_one_out(values, units, tree, spec, indicators=["LPI", "Goods"])
    assert list(shifts.columns) == ["LPI", "Goods"]
    assert shifts.abs().to_numpy().sum() > 0
    assert int(shifts.sum().sum()) != 10**9  # finite integers
    assert np.issubdtype(np.asarray(shifts.to_numpy(dtype=float)).dtype, np.floating)


def test_it_fails_early_on_an_impossible_combination(asem):
    bad = Assumptions(normalisations=({"method": "minmax"},), aggregations=("gmean",))
    with pytest.raises(ValueError, match="gmean"):
        rank_uncertainty(*asem, assumptions=bad, n=5)
