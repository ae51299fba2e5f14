"""Raw values up the unit tree (commune → district → province → nation) by each indicator's rule.

Rules: ``ratio_sum`` (sum the numerators and the denominators, then divide), ``sum``, ``mean``
(of all descendant units, not of the children's means), ``min``, ``max``, ``last`` (last
non-missing in table order). One vectorised group-by per level; the running sums, counts, minima
and maxima are carried up so every level is exact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pandas as pd
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

ROLLUP_KINDS = ("ratio_sum", "sum", "mean", "min", "max", "last")


@dataclass(frozen=True)
class Rule:
    """How an output column is rolled up: ``kind`` over ``column`` (or numerator/denominator)."""

    kind: str
    column: str | None = None
    numerator: str | None = None
    denominator: str | None = None


def _state_columns(code: str, rule: Rule) -> dict[str, tuple[str, str]]:
    """State column name → (source column, group-by reducer)."""
    if rule.kind == "ratio_sum":
        return {
            f"{code}__num": (str(rule.numerator), "sum"),
            f"{code}__den": (str(rule.denominator), "sum"),
        }
    if rule.kind == "mean":
        return {
            f"{code}__sum": (str(rule.column), "sum"),
            f"{code}__n": (str(rule.column), "count"),
        }
    return {f"{code}__v": (str(rule.column), rule.kind)}


def roll_up(
    table: pd.DataFrame,
    parent: Mapping[str, str] | pd.Series,
    rules: Mapping[str, Rule],
    *,
    unit: str = "unit",
    by: Sequence[str] = (),
) -> pd.DataFrame:
    """Aggregate ``table`` (one row per leaf unit, and per ``by`` key such as the period) up every
    level of ``parent``; returns one row per unit of every level with ``depth`` (0 = the leaves).

    ``ratio_sum``: ``y_P = sum_{i in P} a_i / sum_{i in P} b_i``; ``mean``: ``sum x_i / n`` over
    the descendant leaves with data; ``sum``, ``min``, ``max``, ``last`` as named.

    Examples
    --------
    Hand computed: communes c1 (3/4), c2 (1/6) in district D → D = 4/10 = 0.4 (not the mean
    of the ratios, 0.458); population sum 30.

    >>> t = pd.DataFrame({"unit": ["c1", "c2"], "a": [3.0, 1.0], "b": [4.0, 6.0],
    ...                   "pop": [10.0, 20.0]})
    >>> rules = {"share": Rule("ratio_sum", numerator="a", denominator="b"),
    ...          "pop": Rule("sum", column="pop")}
    >>> out = roll_up(t, {"c1": "D", "c2": "D"}, rules)
    >>> out[["unit", "depth", "share", "pop"]].values.tolist()
    [['c1', 0, 0.75, 10.0], ['c2', 0, 0.16666666666666666, 20.0], ['D', 1, 0.4, 30.0]]
    """
    parents = pd.Series(parent) if not isinstance(parent, pd.Series) else parent
    parents = parents.astype(object)
    spec: dict[str, tuple[str, str]] = {}
    for code, rule in rules.items():
        if rule.kind not in ROLLUP_KINDS:
            raise ValueError(
                f"Chỉ tiêu '{code}': quy tắc cộng dồn '{rule.kind}' không có; "
                f"chọn một trong {', '.join(ROLLUP_KINDS)}."
            )
        for name, (src, how) in _state_columns(code, rule).items():
            if src not in table.columns:
                raise ValueError(f"Chỉ tiêu '{code}' cần cột '{src}' trong bảng dữ liệu.")
            spec[name] = (src, how)
    names = list(spec)
    hows = [spec[n][1] for n in names]
    S = _state_columns_of(table, spec)
    # Integer ids for every node of the unit tree and every combination of the `by` keys.
    leaves = table[unit].astype(object).to_numpy()
    nodes = pd.Index(
        pd.unique(
            np.concatenate(
                [
                    leaves,
                    parents.index.to_numpy(dtype=object),
                    parents.dropna().to_numpy(dtype=object),
                ]
            )
        )
    )
    parent_id = np.full(len(nodes), -1, dtype=np.int64)
    known = parents.dropna()
    parent_id[nodes.get_indexer(known.index)] = nodes.get_indexer(known.to_numpy(dtype=object))
    if by:
        by_codes, by_uniques = pd.MultiIndex.from_frame(table[list(by)]).factorize()
        bid = np.asarray(by_codes, dtype=np.int64)
    else:
        bid = np.zeros(len(table), dtype=np.int64)
        by_uniques = None
    n_by = int(bid.max()) + 1 if bid.size else 1
    ids = nodes.get_indexer(leaves).astype(np.int64)
    out_ids, out_bid, out_depth, out_S = [ids], [bid], [np.zeros(len(ids), dtype=np.int64)], [S]
    depth = 0
    while True:
        pid = parent_id[ids]
        rows = np.flatnonzero(pid >= 0)
        if rows.size == 0:
            break
        depth += 1
        key = pid[rows] * n_by + bid[rows]
        uniq, inv = np.unique(key, return_inverse=True)
        S = [_reduce(c[rows], inv, len(uniq), how) for c, how in zip(S, hows, strict=True)]
        ids, bid = uniq // n_by, uniq % n_by
        out_ids.append(ids)
        out_bid.append(bid)
        out_depth.append(np.full(len(ids), depth, dtype=np.int64))
        out_S.append(S)
    all_ids = np.concatenate(out_ids)
    all_bid = np.concatenate(out_bid)
    col = {n: np.concatenate([level[k] for level in out_S]) for k, n in enumerate(names)}
    out: dict[str, Any] = {unit: nodes.to_numpy(dtype=object)[all_ids]}
    if by_uniques is not None:
        for level, b in enumerate(by):
            values = cast(pd.MultiIndex, by_uniques).get_level_values(level)
            out[b] = values.to_numpy()[all_bid]
    out["depth"] = np.concatenate(out_depth)
    with np.errstate(divide="ignore", invalid="ignore"):
        for code, rule in rules.items():
            if rule.kind == "ratio_sum":
                out[code] = col[f"{code}__num"] / col[f"{code}__den"]
            elif rule.kind == "mean":
                out[code] = col[f"{code}__sum"] / col[f"{code}__n"]
            else:
                out[code] = col[f"{code}__v"]
    return pd.DataFrame(out)


def _state_columns_of(table: pd.DataFrame, spec: Mapping[str, tuple[str, str]]) -> list[FloatArray]:
    cols = []
    for src, how in spec.values():
        c = table[src].to_numpy(dtype=np.float64)
        cols.append((~np.isnan(c)).astype(np.float64) if how == "count" else c)
    return cols


def _reduce(c: FloatArray, group: NDArray[np.intp], n: int, how: str) -> FloatArray:
    """Reduce ``c`` within each group id (0..n-1) by ``how``; NaN are skipped."""
    if how in ("sum", "count"):
        sums = np.bincount(group, weights=np.where(np.isnan(c), 0.0, c), minlength=n)
        return np.asarray(sums, dtype=np.float64)
    if how in ("min", "max"):
        valid = ~np.isnan(c)
        acc = np.full(n, np.inf if how == "min" else -np.inf)
        (np.minimum if how == "min" else np.maximum).at(acc, group[valid], c[valid])
        has_data = np.bincount(group[valid], minlength=n) > 0
        return np.where(has_data, acc, np.nan)
    # last non-missing value in table order
    pos = np.where(np.isnan(c), -1, np.arange(len(c)))
    last = np.full(n, -1)
    np.maximum.at(last, group, pos)
    return np.where(last >= 0, c[np.maximum(last, 0)], np.nan)
