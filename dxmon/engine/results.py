"""Results of an index run: ranks, rank changes, strongest and weakest indicators, gaps to target,
and contributions of each indicator to the index (COINr ``get_results``, ``get_str_weak``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dxmon.engine.tree import IndicatorTree


def rank(scores: pd.Series, groups: pd.Series | None = None) -> pd.Series:
    """Sport ranking, highest score first (1, 2, 2, 4); within each group when ``groups`` is given.

    Examples
    --------
    >>> s = pd.Series([70.0, 90.0, 70.0, 50.0], index=list("ABCD"))
    >>> rank(s).tolist()
    [2, 1, 2, 4]
    >>> rank(s, groups=pd.Series(["x", "x", "y", "y"], index=s.index)).tolist()
    [2, 1, 1, 2]
    """
    if groups is None:
        r = scores.rank(ascending=False, method="min", na_option="keep")
    else:
        r = scores.groupby(groups.reindex(scores.index)).rank(
            ascending=False, method="min", na_option="keep"
        )
    return r.astype("Int64")


def rank_change(previous: pd.Series, current: pd.Series) -> pd.Series:
    """Places gained between two periods: ``rank_before - rank_now`` (positive = moved up).

    Examples
    --------
    >>> before = pd.Series([1, 2, 3], index=list("ABC"))
    >>> rank_change(before, pd.Series([3, 1, 2], index=list("ABC"))).tolist()
    [-2, 1, 1]
    """
    return (previous.reindex(current.index) - current).astype("Int64")


@dataclass(frozen=True)
class StrengthsWeaknesses:
    """For each unit, its ``n`` best and worst indicators by the unit's rank on each indicator."""

    strongest: pd.Series
    weakest: pd.Series


def strongest_weakest(normalised: pd.DataFrame, n: int = 3) -> StrengthsWeaknesses:
    """A unit's strongest indicators are those where its rank among units is best (COINr
    ``get_str_weak``); ties keep the indicator order.

    Examples
    --------
    >>> x = pd.DataFrame({"a": [1.0, 2.0], "b": [9.0, 1.0], "c": [5.0, 6.0]}, index=["U", "V"])
    >>> sw = strongest_weakest(x, n=1)
    >>> sw.strongest.loc["U"], sw.weakest.loc["U"]
    (['b'], ['a'])
    """
    ranks = normalised.rank(ascending=False, method="min").to_numpy()
    codes = np.array(normalised.columns)
    order = np.argsort(ranks, axis=1, kind="stable")
    k = min(n, len(codes))
    best = [list(codes[row[:k]]) for row in order]
    worst_order = np.argsort(-ranks, axis=1, kind="stable")
    worst = [list(codes[row[:k]]) for row in worst_order]
    return StrengthsWeaknesses(
        strongest=pd.Series(best, index=normalised.index, dtype=object),
        weakest=pd.Series(worst, index=normalised.index, dtype=object),
    )


def gap_to_target(values: pd.DataFrame, tree: IndicatorTree) -> pd.DataFrame:
    """Distance still to go: ``gap = max(0, (target - x) × direction)``; 0 once met.

    Indicators without a target give NaN.

    Examples
    --------
    >>> tree = IndicatorTree(indicators=("a", "b"), levels=(("I",),), parent={"a": "I", "b": "I"},
    ...     weight={"a": 1, "b": 1, "I": 1}, direction={"a": 1, "b": -1, "I": 1},
    ...     target={"a": 80.0, "b": 5.0})
    >>> gap_to_target(pd.DataFrame({"a": [60.0, 90.0], "b": [8.0, 2.0]}), tree).values.tolist()
    [[20.0, 3.0], [0.0, 0.0]]
    """
    out = {}
    for code in values.columns:
        t = tree.target.get(code)
        if t is None:
            out[code] = np.full(len(values), np.nan)
            continue
        d = tree.direction.get(code, 1)
        out[code] = np.maximum(0.0, (t - values[code].to_numpy(dtype=np.float64)) * d)
    return pd.DataFrame(out, index=values.index)


def effective_weights(tree: IndicatorTree, weights: Mapping[str, float] | None = None) -> pd.Series:
    """Each indicator's weight in the index under arithmetic means: the product, down the path,
    of ``w_child / sum(w_siblings)``.

    Examples
    --------
    >>> tree = IndicatorTree(indicators=("a", "b", "c"), levels=(("P", "Q"), ("I",)),
    ...     parent={"a": "P", "b": "P", "c": "Q", "P": "I", "Q": "I"},
    ...     weight={"a": 1, "b": 3, "c": 1, "P": 1, "Q": 1, "I": 1},
    ...     direction={"a": 1, "b": 1, "c": 1, "P": 1, "Q": 1, "I": 1})
    >>> effective_weights(tree).tolist()
    [0.125, 0.375, 0.5]
    """
    w = dict(tree.weight)
    if weights:
        w.update(weights)
    share: dict[str, float] = {}
    for code in tree.codes:
        p = tree.parent.get(code)
        if p is None:
            continue
        siblings = [c for c in tree.codes if tree.parent.get(c) == p]
        total = sum(w[s] for s in siblings)
        share[code] = w[code] / total if total > 0 else 0.0
    out = {}
    for code in tree.indicators:
        e, c = 1.0, code
        while c in tree.parent:
            e *= share[c]
            c = tree.parent[c]
        out[code] = e
    return pd.Series(out)


def contributions(normalised: pd.DataFrame, tree: IndicatorTree) -> pd.DataFrame:
    """Contribution of each indicator to the unit's index under weighted arithmetic means:
    ``c_i = w_eff,i × x_i``; the contributions of a complete row sum to the index.

    Examples
    --------
    >>> tree = IndicatorTree(indicators=("a", "b"), levels=(("I",),), parent={"a": "I", "b": "I"},
    ...     weight={"a": 1, "b": 3, "I": 1}, direction={"a": 1, "b": 1, "I": 1})
    >>> contributions(pd.DataFrame({"a": [40.0], "b": [80.0]}), tree).values.tolist()
    [[10.0, 60.0]]
    """
    w = effective_weights(tree)
    return normalised[list(tree.indicators)] * w
