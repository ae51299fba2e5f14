"""The fast paths give the same numbers as the general pipeline (normalise + aggregate)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dxmon.engine.aggregate import aggregate
from dxmon.engine.bench import synthetic
from dxmon.engine.incremental import (
    index_state,
    index_update,
    panel_index,
    rollup_state,
    rollup_update,
)
from dxmon.engine.normalise import normalise
from dxmon.engine.rollup import Rule, roll_up
from dxmon.engine.tree import IndicatorTree


def test_it_matches_the_period_by_period_pipeline() -> None:
    s = synthetic(n_communes=300, n_districts=20, n_provinces=3, n_periods=4, seed=3)
    table = s.table.sample(frac=1.0, random_state=1)  # rows not in period order
    table.loc[table.index[:50], "i05"] = np.nan
    fast = panel_index(table, s.tree)
    codes = list(s.tree.indicators)
    for period in s.periods:
        part = table[table["period"] == period]
        slow = aggregate(normalise(part[codes], s.tree, method="minmax"), s.tree)
        np.testing.assert_allclose(fast.loc[part.index].to_numpy(), slow.to_numpy(), rtol=1e-12)


def test_it_updates_one_unit_as_a_fresh_computation_would() -> None:
    s = synthetic(n_communes=200, n_districts=10, n_provinces=2, n_periods=1, seed=5)
    codes = list(s.tree.indicators)
    values = pd.DataFrame(s.table[codes].to_numpy(), columns=codes, index=s.table["unit"])
    state = index_state(values, s.tree)
    rng = np.random.default_rng(0)
    fulls = []
    names = [str(u) for u in values.index]
    for step in range(30):
        k = int(rng.integers(0, len(values)))
        unit = names[k]
        factor = 1.0 if step % 3 else 3.0  # every third update pushes a maximum out
        current = values.to_numpy()[k]
        row = {
            c: float(current[j]) * factor * rng.uniform(0.9, 1.0) for j, c in enumerate(codes[:5])
        }
        upd = index_update(state, unit, row)
        for c, v in row.items():
            values.loc[unit, c] = v
        fresh = index_state(values, s.tree)
        np.testing.assert_allclose(upd.state.result, fresh.result, rtol=1e-10, atol=1e-9)
        fulls.append(upd.full)
        state = upd.state
    assert any(fulls)
    assert not all(fulls)


def test_it_updates_only_the_row_with_goalposts() -> None:
    tree = IndicatorTree(
        indicators=("a", "b"), levels=(("I",),), parent={"a": "I", "b": "I"},
        weight={"a": 1, "b": 1, "I": 1}, direction={"a": 1, "b": -1, "I": 1},
        goalposts={"a": (0.0, 100.0, 100.0), "b": (0.0, 10.0, 100.0)},
    )  # fmt: skip
    values = pd.DataFrame({"a": [50.0, 80.0], "b": [2.0, 5.0]}, index=["X", "Y"])
    upd = index_update(index_state(values, tree, method="goalposts"), "X", {"a": 150.0})
    # a: 150 → clipped to 100; b: (10 - 2) / 10 → 80; I = 90.
    assert not upd.full
    assert upd.state.frame().to_numpy()[0].tolist() == [100.0, 80.0, 90.0]
    with pytest.raises(ValueError, match="'Z'"):
        index_update(upd.state, "Z", {"a": 1.0})
    with pytest.raises(ValueError, match="run_pipeline"):
        index_state(values, tree, method="zscore")


def test_it_rolls_one_commune_up_as_a_full_roll_up_would() -> None:
    """Every rule kind the fast path supports, after updates that raise and lower extremes."""
    s = synthetic(n_communes=150, n_districts=12, n_provinces=3, n_periods=1, seed=9)
    table = s.table.copy()
    rules = {
        "share": Rule("ratio_sum", numerator="i00_num", denominator="i00_den"),
        "total": Rule("sum", column="i30"),
        "avg": Rule("mean", column="i31"),
        "low": Rule("min", column="i32"),
        "high": Rule("max", column="i32"),
    }
    state = rollup_state(table, s.parent, rules)
    rng = np.random.default_rng(2)
    units = table["unit"].tolist()
    for step in range(20):
        k = int(rng.integers(0, len(units)))
        row = {
            "i00_num": float(rng.integers(0, 5)),
            "i30": float(rng.uniform(0, 100)),
            "i31": np.nan if step % 5 == 0 else float(rng.uniform(0, 100)),
            "i32": float(rng.uniform(-50, 150)),
        }
        state = rollup_update(state, units[k], row, inplace=step % 2 == 0)
        for c, v in row.items():
            table.loc[table.index[k], c] = v
    fresh = roll_up(table, s.parent, rules).set_index("unit")[list(rules)]
    got = state.frame().loc[fresh.index]
    np.testing.assert_allclose(got.to_numpy(), fresh.to_numpy(), rtol=1e-10)
    with pytest.raises(ValueError, match="last"):
        rollup_state(table, s.parent, {"x": Rule("last", column="i30")})
