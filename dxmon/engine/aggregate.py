"""Aggregation up the indicator tree, as COINr 1.1.14 ``R/aggregate.R`` defines it.

Each kernel maps a units × children array ``X`` and relative weights ``w`` to one column. Missing
values are skipped with their weights (COINr ``a_amean``). JRC/OECD Handbook (2008) §6 "Weighting
and aggregation".
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from dxmon.engine.tree import IndicatorTree

FloatArray = NDArray[np.float64]

AGGREGATE_METHODS = ("amean", "gmean", "hmean", "median", "copeland")


def a_amean(X: FloatArray, w: FloatArray) -> FloatArray:
    """Weighted arithmetic mean: ``y = sum(w_i x_i) / sum(w_i)`` over the non-missing ``x_i``.

    Handbook 2008 §6.2 (linear aggregation); COINr ``a_amean``.

    Examples
    --------
    Hand computed: x = (20, 40, 90), w = (1, 1, 2) → (20 + 40 + 180) / 4 = 60; with the 90
    missing → (20 + 40) / 2 = 30.

    >>> X = np.array([[20.0, 40.0, 90.0], [20.0, 40.0, np.nan]])
    >>> a_amean(X, np.array([1.0, 1.0, 2.0])).tolist()
    [60.0, 30.0]
    """
    mask = ~np.isnan(X)
    num = np.where(mask, X, 0.0) @ w
    den = mask @ w
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(np.where(den > 0, num / den, np.nan), dtype=np.float64)


def a_gmean(X: FloatArray, w: FloatArray) -> FloatArray:
    """Weighted geometric mean: ``y = exp(sum(w_i log x_i) / sum(w_i))``; needs ``x > 0``.

    Handbook 2008 §6.3 (geometric aggregation); COINr ``a_gmean``.

    Examples
    --------
    Hand computed: x = (4, 16), w = (1, 1) → sqrt(64) = 8; w = (3, 1) → 4^0.75 · 16^0.25 = 5.6569.

    >>> np.round(a_gmean(np.array([[4.0, 16.0]]), np.array([3.0, 1.0])), 4).tolist()
    [5.6569]
    """
    mask = ~np.isnan(X)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(mask, np.log(np.where(mask, X, 1.0)), 0.0)
        den = mask @ w
        return np.asarray(np.where(den > 0, np.exp(logs @ w / den), np.nan), dtype=np.float64)


def a_hmean(X: FloatArray, w: FloatArray) -> FloatArray:
    """Weighted harmonic mean: ``y = sum(w_i) / sum(w_i / x_i)``; needs ``x != 0``.

    COINr ``a_hmean``.

    Examples
    --------
    Hand computed: x = (2, 6), w = (1, 1) → 2 / (1/2 + 1/6) = 3.

    >>> a_hmean(np.array([[2.0, 6.0]]), np.array([1.0, 1.0])).tolist()
    [3.0]
    """
    mask = ~np.isnan(X)
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = np.where(mask, 1.0 / np.where(mask, X, 1.0), 0.0)
        den = mask @ w
        return np.asarray(np.where(den > 0, den / (inv @ w), np.nan), dtype=np.float64)


def a_median(X: FloatArray, w: FloatArray) -> FloatArray:
    """Weighted median: the smallest ``x_(k)`` whose cumulative weight reaches half the total;
    when the cumulative weight equals exactly half, the mean of ``x_(k)`` and ``x_(k+1)``.

    With equal weights this is the ordinary median. (Handbook 2008 §6 names the median as a
    non-compensatory summary; COINr 1.1.14 has no ``a_median``, so this definition is ours.)

    Examples
    --------
    Hand computed: x = (1, 5, 9, 2), equal weights → sorted (1, 2, 5, 9), median (2 + 5) / 2 = 3.5;
    x = (1, 5, 9), w = (1, 1, 3): cumulative (1, 2, 5) of 5, half 2.5 reached at 9 → 9.

    >>> a_median(np.array([[1.0, 5.0, 9.0, 2.0]]), np.ones(4)).tolist()
    [3.5]
    >>> a_median(np.array([[1.0, 5.0, 9.0]]), np.array([1.0, 1.0, 3.0])).tolist()
    [9.0]
    """
    out = np.full(X.shape[0], np.nan)
    for r in range(X.shape[0]):
        row = X[r]
        m = ~np.isnan(row)
        if not m.any():
            continue
        order = np.argsort(row[m], kind="stable")
        xs, ws = row[m][order], w[m][order]
        cw = np.cumsum(ws)
        half = cw[-1] / 2
        k = int(np.searchsorted(cw, half - 1e-12 * cw[-1]))
        if np.isclose(cw[k], half) and k + 1 < xs.size:
            out[r] = (xs[k] + xs[k + 1]) / 2
        else:
            out[r] = xs[k]
    return out


def outrank_matrix(X: FloatArray, w: FloatArray) -> FloatArray:
    """COINr ``outrankMatrix``: ``o_ab = sum w_i [x_ai > x_bi] + 0.5 sum w_i [x_ai = x_bi]``.

    Weights are rescaled to sum to 1; the diagonal is 0.

    Examples
    --------
    >>> outrank_matrix(np.array([[3.0, 1.0], [2.0, 2.0]]), np.array([1.0, 1.0])).tolist()
    [[0.0, 0.5], [0.5, 0.0]]
    """
    wn = w / np.nansum(w)
    a = X[:, None, :]
    b = X[None, :, :]
    o = ((a > b) * wn).sum(axis=2) + 0.5 * ((a == b) * wn).sum(axis=2)
    np.fill_diagonal(o, 0.0)
    return np.asarray(o, dtype=np.float64)


def a_copeland(X: FloatArray, w: FloatArray) -> FloatArray:
    """Copeland score: row sums of ``sign(o_ab - 0.5)`` over the outranking matrix.

    COINr ``a_copeland``.

    Handbook 2008 §6.4 (non-compensatory multi-criteria: Condorcet–Copeland).

    Examples
    --------
    Hand computed, equal weights: A = (3, 3), B = (2, 2), C = (1, 4). A beats B on both (1);
    A vs C: one each (0.5 → 0); B vs C: one each (0). Scores A 1, B -1, C 0.

    >>> a_copeland(np.array([[3.0, 3.0], [2.0, 2.0], [1.0, 4.0]]), np.ones(2)).tolist()
    [1.0, -1.0, 0.0]
    """
    o = outrank_matrix(X, w)
    s = np.sign(o - 0.5)
    np.fill_diagonal(s, 0.0)
    return np.asarray(s.sum(axis=1), dtype=np.float64)


_KERNELS: dict[str, Callable[[FloatArray, FloatArray], FloatArray]] = {
    "amean": a_amean,
    "gmean": a_gmean,
    "hmean": a_hmean,
    "median": a_median,
    "copeland": a_copeland,
}


def _check_domain(X: FloatArray, children: Sequence[str], method: str, parent: str) -> None:
    if method == "gmean":
        bad = np.flatnonzero((X <= 0).any(axis=0))
        if bad.size:
            raise ValueError(
                f"Trung bình nhân (gmean) cho '{parent}' gặp giá trị bằng 0 hoặc âm ở "
                f"'{children[bad[0]]}': "
                f"chuẩn hoá về khoảng dương (ví dụ minmax với range: [1, 100]) hoặc dùng amean."
            )
    if method == "hmean":
        bad = np.flatnonzero((X == 0).any(axis=0))
        if bad.size:
            raise ValueError(
                f"Trung bình điều hoà (hmean) cho '{parent}' gặp giá trị 0 ở '{children[bad[0]]}': "
                f"chuẩn hoá về khoảng dương (ví dụ range: [1, 100]) hoặc dùng amean."
            )


def aggregate(
    values: pd.DataFrame,
    tree: IndicatorTree,
    *,
    method: str | Sequence[str] = "amean",
    dat_thresh: float | Sequence[float] | None = None,
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Aggregate level by level up the tree; returns indicators plus every aggregate column.

    For each aggregate ``g`` with children ``c(g)``: ``y_g = f(x_c(g), w_c(g))``; ``y_g`` is NaN
    when the share of non-missing children is below ``dat_thresh`` (COINr ``Aggregate``).

    Parameters
    ----------
    values : DataFrame
        Units × indicators (normalised).
    tree : IndicatorTree
    method : str or list of str
        ``amean`` (default), ``gmean``, ``hmean``, ``median``, ``copeland``; a list gives one
        method per aggregation level (level 2 first).
    dat_thresh : float or list of float, optional
        Data availability threshold in [0, 1], one value or one per level.
    weights : mapping, optional
        Weights replacing iMeta's for some codes.

    Examples
    --------
    >>> from dxmon.engine.tree import IndicatorTree
    >>> tree = IndicatorTree(indicators=("a", "b", "c"), levels=(("P", "Q"), ("I",)),
    ...     parent={"a": "P", "b": "P", "c": "Q", "P": "I", "Q": "I"},
    ...     weight={"a": 1, "b": 3, "c": 1, "P": 1, "Q": 1, "I": 1},
    ...     direction={"a": 1, "b": 1, "c": 1, "P": 1, "Q": 1, "I": 1})
    >>> out = aggregate(pd.DataFrame({"a": [40.0], "b": [80.0], "c": [10.0]}), tree)
    >>> out.iloc[0].tolist()
    [40.0, 80.0, 10.0, 70.0, 10.0, 40.0]
    """
    nlev = len(tree.levels)
    methods = [method] * nlev if isinstance(method, str) else list(method)
    if len(methods) != nlev:
        raise ValueError(
            f"Cần {nlev} phương pháp tổng hợp (một cho mỗi cấp), nhận được {len(methods)}."
        )
    for m in methods:
        if m not in _KERNELS:
            raise ValueError(
                f"Phương pháp tổng hợp '{m}' không có; "
                f"chọn một trong {', '.join(AGGREGATE_METHODS)}."
            )
    if dat_thresh is None or isinstance(dat_thresh, int | float):
        threshs: list[float | None] = [None if dat_thresh is None else float(dat_thresh)] * nlev
    else:
        threshs = [float(t) for t in dat_thresh]
        if len(threshs) != nlev:
            raise ValueError(f"dat_thresh cần 1 hoặc {nlev} giá trị (một cho mỗi cấp).")
    for t in threshs:
        if t is not None and not 0 <= t <= 1:
            raise ValueError(f"dat_thresh phải nằm trong [0, 1], nhận được {t}.")
    if weights:
        tree = tree.with_weights(weights)
    missing = [c for c in tree.indicators if c not in values.columns]
    if missing:
        raise ValueError(f"Thiếu cột chỉ số '{missing[0]}' trong dữ liệu cần tổng hợp.")
    cols: dict[str, FloatArray] = {c: values[c].to_numpy(dtype=np.float64) for c in tree.indicators}
    lower = list(tree.indicators)
    for lv, level_codes in enumerate(tree.levels):
        kernel = _KERNELS[methods[lv]]
        for parent in level_codes:
            children = [c for c in lower if tree.parent.get(c) == parent]
            w = np.array([tree.weight[c] for c in children], dtype=np.float64)
            if not children:
                raise ValueError(f"Nhóm '{parent}' không còn thành phần nào để tổng hợp.")
            if w.sum() <= 0:
                raise ValueError(
                    f"Trọng số các thành phần của '{parent}' ({', '.join(children)}) đều bằng 0; "
                    f"đặt ít nhất một trọng số dương."
                )
            X = np.column_stack([cols[c] for c in children])
            _check_domain(X, children, methods[lv], parent)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                y = kernel(X, w)
            if threshs[lv] is not None:
                avail = (~np.isnan(X)).mean(axis=1)
                y = np.where(avail < threshs[lv], np.nan, y)
            cols[parent] = y
        lower = list(level_codes)
    return pd.DataFrame(cols, index=values.index)
