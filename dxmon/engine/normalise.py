"""Normalisation methods, as COINr 1.1.14 ``R/normalise.R`` defines them.

Every kernel works column by column on a units × indicators array (NaN kept). Direction is applied
first, as COINr's ``Normalise.numeric`` does: ``x <- x * direction``; targets and goalposts are
flipped with it. JRC/OECD Handbook (2008), section 5 "Normalisation", Table 3.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from dxmon.engine.tree import IndicatorTree

FloatArray = NDArray[np.float64]

NORMALISE_METHODS = (
    "minmax",
    "zscore",
    "rank",
    "prank",
    "borda",
    "dist2max",
    "dist2targ",
    "dist2ref",
    "fracmax",
    "goalposts",
    "none",
)


def _colmin(x: FloatArray) -> FloatArray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.asarray(np.nanmin(x, axis=0), dtype=np.float64)


def _colmax(x: FloatArray) -> FloatArray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.asarray(np.nanmax(x, axis=0), dtype=np.float64)


def n_minmax(x: FloatArray, lower: float = 0.0, upper: float = 100.0) -> FloatArray:
    """Min-max onto [l, u]: ``y = (x - min x) / (max x - min x) * (u - l) + l``.

    Handbook 2008 §5 (Table 3, "Min-Max"); COINr ``n_minmax(x, l_u = c(0, 100))``.

    Examples
    --------
    Hand computed: x = (2, 4, 10), min 2, max 10 → (0, 25, 100).

    >>> n_minmax(np.array([[2.0], [4.0], [10.0]])).ravel().tolist()
    [0.0, 25.0, 100.0]
    """
    lo, hi = _colmin(x), _colmax(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray((x - lo) / (hi - lo) * (upper - lower) + lower, dtype=np.float64)


def n_zscore(x: FloatArray, mean: float = 0.0, sd: float = 1.0) -> FloatArray:
    """Z-score to mean m and sd s: ``y = (x - mean x) / sd(x) * s + m`` (sd with n - 1).

    Handbook 2008 §5 (Table 3, "Standardisation"); COINr ``n_zscore(x, m_sd = c(0, 1))``.

    Examples
    --------
    Hand computed: x = (1, 2, 3), mean 2, sd 1 → (-1, 0, 1); with m = 10, s = 2 → (8, 10, 12).

    >>> n_zscore(np.array([[1.0], [2.0], [3.0]]), mean=10, sd=2).ravel().tolist()
    [8.0, 10.0, 12.0]
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mu = np.nanmean(x, axis=0)
        s = np.nanstd(x, axis=0, ddof=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray((x - mu) / s * sd + mean, dtype=np.float64)


def _rank_min(x: FloatArray) -> FloatArray:
    return pd.DataFrame(x).rank(method="min", na_option="keep").to_numpy(dtype=np.float64)


def n_rank(x: FloatArray) -> FloatArray:
    """Rank, highest value highest rank, ties take the minimum (R ``rank(ties.method = "min")``).

    Handbook 2008 §5 (Table 3, "Ranking"); COINr ``n_rank``.

    Examples
    --------
    Hand computed: x = (5, 1, 5, 3) → ranks (3, 1, 3, 2).

    >>> n_rank(np.array([[5.0], [1.0], [5.0], [3.0]])).ravel().tolist()
    [3.0, 1.0, 3.0, 2.0]
    """
    return _rank_min(x)


def n_prank(x: FloatArray) -> FloatArray:
    """Percentile rank: ``y = (rank(x) - 1) / (n - 1)``, n the non-missing count.

    Handbook 2008 §5 (Table 3, "Percentile"); COINr ``n_prank``.

    Examples
    --------
    Hand computed: x = (5, 1, 5, 3): ranks (3, 1, 3, 2), n = 4 → (2/3, 0, 2/3, 1/3).

    >>> np.round(n_prank(np.array([[5.0], [1.0], [5.0], [3.0]])).ravel(), 4).tolist()
    [0.6667, 0.0, 0.6667, 0.3333]
    """
    r = _rank_min(x)
    n = (~np.isnan(x)).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray((r - 1) / (n - 1), dtype=np.float64)


def n_borda(x: FloatArray) -> FloatArray:
    """Borda score: ``y = rank(x) - 1`` (COINr ``n_borda``; Handbook 2008 §7 "Borda").

    Examples
    --------
    Hand computed: x = (5, 1, 5, 3) → (2, 0, 2, 1).

    >>> n_borda(np.array([[5.0], [1.0], [5.0], [3.0]])).ravel().tolist()
    [2.0, 0.0, 2.0, 1.0]
    """
    return _rank_min(x) - 1


def n_dist2max(x: FloatArray) -> FloatArray:
    """Distance to the maximum: ``y = 1 - (max x - x) / (max x - min x)`` (COINr ``n_dist2max``).

    Handbook 2008 §5 (Table 3, "Distance to a reference": the leader).

    Examples
    --------
    Hand computed: x = (2, 4, 10) → (0, 0.25, 1).

    >>> n_dist2max(np.array([[2.0], [4.0], [10.0]])).ravel().tolist()
    [0.0, 0.25, 1.0]
    """
    lo, hi = _colmin(x), _colmax(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(1 - (hi - x) / (hi - lo), dtype=np.float64)


def n_dist2targ(x: FloatArray, targets: FloatArray, cap_max: bool = False) -> FloatArray:
    """Distance to target: ``y = (x - min x) / (targ - min x)``, capped at 1 if ``cap_max``.

    ``targets`` holds one target per column, already multiplied by the direction (COINr
    ``get_iMeta_norm_paras``), so a direction -1 indicator gives ``(max - x) / (max - targ)``.
    COINr ``n_dist2targ``; Handbook 2008 §5 (Table 3, "Distance to a reference": a target).

    Examples
    --------
    Hand computed: x = (2, 4, 10), target 6 → (0, 0.5, 2), capped → (0, 0.5, 1).

    >>> x = np.array([[2.0], [4.0], [10.0]])
    >>> n_dist2targ(x, np.array([6.0]), cap_max=True).ravel().tolist()
    [0.0, 0.5, 1.0]
    """
    lo = _colmin(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        y = (x - lo) / (targets - lo)
    if cap_max:
        y = np.where(y > 1, 1.0, y)
    return np.asarray(y, dtype=np.float64)


def n_dist2ref(x: FloatArray, ref_row: int, cap_max: bool = False) -> FloatArray:
    """Distance to a reference unit: ``y = 1 - (x_ref - x) / (x_ref - min x)``.

    COINr ``n_dist2ref``.

    Examples
    --------
    Hand computed: x = (2, 4, 10), reference the second unit (4) → (0, 1, 4).

    >>> n_dist2ref(np.array([[2.0], [4.0], [10.0]]), ref_row=1).ravel().tolist()
    [0.0, 1.0, 4.0]
    """
    lo = _colmin(x)
    ref = x[ref_row]
    with np.errstate(divide="ignore", invalid="ignore"):
        y = 1 - (ref - x) / (ref - lo)
    if cap_max:
        y = np.where(y > 1, 1.0, y)
    return np.asarray(y, dtype=np.float64)


def n_fracmax(x: FloatArray) -> FloatArray:
    """Fraction of the maximum: ``y = x / max x`` (COINr ``n_fracmax``).

    Examples
    --------
    Hand computed: x = (2, 4, 10) → (0.2, 0.4, 1).

    >>> n_fracmax(np.array([[2.0], [4.0], [10.0]])).ravel().tolist()
    [0.2, 0.4, 1.0]
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(x / _colmax(x), dtype=np.float64)


def n_goalposts(
    x: FloatArray, lower: FloatArray, upper: FloatArray, scale: FloatArray, trunc2posts: bool = True
) -> FloatArray:
    """Goalposts: ``y = (x - GP_low) / (GP_high - GP_low)``, truncated to [0, 1], times ``scale``.

    Goalposts are given per column after the direction flip (for a direction -1 indicator COINr
    passes ``(-upper, -lower)``, i.e. ``y = (upper - x) / (upper - lower)``). COINr
    ``n_goalposts``; Handbook 2008 §5 (as in the HDI's "goalposts").

    Examples
    --------
    Hand computed: goalposts (0, 10), x = (-5, 2.5, 15), scale 100 → (0, 25, 100).

    >>> n_goalposts(np.array([[-5.0], [2.5], [15.0]]), np.array([0.0]), np.array([10.0]),
    ...             np.array([100.0])).ravel().tolist()
    [0.0, 25.0, 100.0]
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        y = (x - lower) / (upper - lower)
    if trunc2posts:
        y = np.clip(y, 0.0, 1.0)
    return np.asarray(y * scale, dtype=np.float64)


def normalise(
    values: pd.DataFrame,
    tree: IndicatorTree,
    *,
    method: str = "minmax",
    params: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Normalise every indicator column of ``values`` with ``method``, after applying directions.

    Parameters
    ----------
    values : DataFrame
        Units × indicators (columns are indicator codes of ``tree``).
    tree : IndicatorTree
        Supplies directions, targets (``dist2targ``) and goalposts (``goalposts``).
    method : str
        One of ``minmax`` (``range: [l, u]``, default [0, 100]), ``zscore`` (``mean``, ``sd``,
        default 0, 1), ``rank``, ``prank``, ``borda``, ``dist2max``, ``dist2targ``
        (``cap_max``, default false), ``dist2ref`` (``ref``: a uCode; ``cap_max``), ``fracmax``,
        ``goalposts`` (``trunc2posts``, default true; goalposts from iMeta or ``goalposts:
        {iCode: [lower, upper, scale]}``), ``none``. Defaults are COINr 1.1.14's.

    Returns
    -------
    DataFrame
        Same shape as ``values``.

    Examples
    --------
    >>> from dxmon.engine.tree import IndicatorTree
    >>> tree = IndicatorTree(indicators=("a", "b"), levels=(("I",),), parent={"a": "I", "b": "I"},
    ...     weight={"a": 1, "b": 1, "I": 1}, direction={"a": 1, "b": -1, "I": 1})
    >>> v = pd.DataFrame({"a": [2.0, 4.0, 10.0], "b": [2.0, 4.0, 10.0]})
    >>> normalise(v, tree).values.tolist()
    [[0.0, 100.0], [25.0, 75.0], [100.0, 0.0]]
    """
    params = dict(params or {})
    kernel = _KERNELS.get(method)
    if kernel is None:
        raise ValueError(
            f"Phương pháp chuẩn hoá '{method}' không có; "
            f"chọn một trong {', '.join(NORMALISE_METHODS)}."
        )
    codes = list(values.columns)
    unknown = [c for c in codes if c not in tree.direction]
    if unknown:
        raise ValueError(
            f"Chỉ số '{unknown[0]}' không có trong iMeta nên không biết chiều (Direction)."
        )
    d = np.array([tree.direction[c] for c in codes], dtype=np.float64)
    x = values.to_numpy(dtype=np.float64) * d
    y = kernel(x, codes, d, tree, values.index, params)
    return pd.DataFrame(y, index=values.index, columns=codes)


_Kernel = Callable[
    [FloatArray, list[str], FloatArray, IndicatorTree, pd.Index, dict[str, Any]], FloatArray
]


def _k_minmax(
    x: FloatArray, c: list[str], d: FloatArray, t: IndicatorTree, i: pd.Index, p: dict[str, Any]
) -> FloatArray:
    rng = p.get("range", p.get("l_u", [0, 100]))
    if not isinstance(rng, list | tuple) or len(rng) != 2 or float(rng[0]) >= float(rng[1]):
        raise ValueError(f"minmax cần 'range: [l, u]' với l < u, nhận được {rng!r}.")
    _warn_constant(x, c, "minmax")
    return n_minmax(x, float(rng[0]), float(rng[1]))


def _k_zscore(
    x: FloatArray, c: list[str], d: FloatArray, t: IndicatorTree, i: pd.Index, p: dict[str, Any]
) -> FloatArray:
    sd = float(p.get("sd", 1.0))
    if sd <= 0:
        raise ValueError(f"zscore cần sd > 0, nhận được {sd}.")
    return n_zscore(x, float(p.get("mean", 0.0)), sd)


def _k_dist2targ(
    x: FloatArray, c: list[str], d: FloatArray, t: IndicatorTree, i: pd.Index, p: dict[str, Any]
) -> FloatArray:
    given = dict(p.get("targets") or {})
    targets = []
    for code in c:
        targ = given.get(code, t.target.get(code))
        if targ is None:
            raise ValueError(
                f"Chỉ số '{code}' không có mục tiêu (Target) nên không chuẩn hoá dist2targ được: "
                f"điền cột Target trong iMeta hoặc chọn phương pháp khác."
            )
        targets.append(float(targ))
    return n_dist2targ(x, np.array(targets) * d, bool(p.get("cap_max", False)))


def _k_dist2ref(
    x: FloatArray, c: list[str], d: FloatArray, t: IndicatorTree, i: pd.Index, p: dict[str, Any]
) -> FloatArray:
    ref = p.get("ref")
    if ref is None:
        raise ValueError("dist2ref cần 'ref: MÃ_ĐƠN_VỊ' (đơn vị tham chiếu).")
    pos = np.flatnonzero(i.astype(str) == str(ref))
    if pos.size == 0:
        raise ValueError(
            f"Đơn vị tham chiếu '{ref}' không có trong dữ liệu; chọn một uCode có thật."
        )
    return n_dist2ref(x, int(pos[0]), bool(p.get("cap_max", False)))


def _k_goalposts(
    x: FloatArray, c: list[str], d: FloatArray, t: IndicatorTree, i: pd.Index, p: dict[str, Any]
) -> FloatArray:
    given = dict(p.get("goalposts") or {})
    lo, hi, sc = [], [], []
    for k, code in enumerate(c):
        gp = given.get(code, t.goalposts.get(code))
        if gp is None or len(gp) < 2:
            raise ValueError(
                f"Chỉ số '{code}' không có cột mốc (goalpost_lower, goalpost_upper) trong iMeta; "
                f"điền hai cột này hoặc chọn phương pháp khác."
            )
        low, up = float(gp[0]), float(gp[1])
        scale = float(gp[2]) if len(gp) > 2 else float(p.get("scale", 1.0))
        if d[k] < 0:
            low, up = -up, -low
        lo.append(low)
        hi.append(up)
        sc.append(scale)
    return n_goalposts(
        x, np.array(lo), np.array(hi), np.array(sc), bool(p.get("trunc2posts", True))
    )


def _warn_constant(x: FloatArray, codes: list[str], method: str) -> None:
    lo, hi = _colmin(x), _colmax(x)
    flat = [codes[k] for k in np.flatnonzero(lo == hi)]
    if flat:
        warnings.warn(
            f"{method}: chỉ số {', '.join(flat)} có mọi giá trị bằng nhau → NaN", stacklevel=3
        )


_KERNELS: dict[str, _Kernel] = {
    "minmax": _k_minmax,
    "zscore": _k_zscore,
    "rank": lambda x, c, d, t, i, p: n_rank(x),
    "prank": lambda x, c, d, t, i, p: n_prank(x),
    "borda": lambda x, c, d, t, i, p: n_borda(x),
    "dist2max": lambda x, c, d, t, i, p: n_dist2max(x),
    "dist2targ": _k_dist2targ,
    "dist2ref": _k_dist2ref,
    "fracmax": lambda x, c, d, t, i, p: n_fracmax(x),
    "goalposts": _k_goalposts,
    "none": lambda x, c, d, t, i, p: x,
}
