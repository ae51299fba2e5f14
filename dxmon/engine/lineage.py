"""History across the 2025 merger: a successor unit's values for periods before it existed,
rebuilt from its predecessors, and the reverse view (an old unit followed into its successor).

The lineage is an edges table ``(predecessor, successor, weight)``; ``weight`` is the share of the
predecessor that went to the successor (1 for a whole commune merged; less for a divided ward, the
shares of one predecessor adding up to 1).

Two methods (see ../shared/reference/vn_dx_frameworks.md §1.3 and §6.2):

* ``sum``: raw numerators, denominators, counts and sums are re-aggregated with the lineage
  weights, ``a_S = sum_p w_pS a_p`` and ``b_S = sum_p w_pS b_p``; a ratio is then ``a_S / b_S``
  (never the mean of the predecessors' percentages);
* ``mean``: where no raw data exist, the successor's index value is the plain mean of its
  predecessors' index values, ``y_S = mean_p y_p``: the rule the Ministry used to publish DTI 2024
  for the merged provinces. ``weighted_mean`` (``sum w y / sum w``) is offered as well.

Every rebuilt row is flagged ``reconstructed`` and carries the methods used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

REBUILD_METHODS = ("sum", "mean", "weighted_mean")
METHOD_LABELS = {
    "sum": "lineage_sum",
    "mean": "predecessor_mean",
    "weighted_mean": "predecessor_weighted_mean",
}


@dataclass(frozen=True)
class Rebuilt:
    """Rebuilt successor rows: ``table`` has the unit and ``by`` columns, the rebuilt columns,
    ``reconstructed`` (always True), ``method`` (the methods used in the row, ``+``-joined) and
    ``n_predecessors`` (predecessors with at least one value); ``methods`` maps column → method."""

    table: pd.DataFrame
    methods: Mapping[str, str]


def check_edges(edges: pd.DataFrame) -> pd.DataFrame:
    """Validate a lineage edges table and return it with ``weight`` as float.

    Raises ValueError when a column is missing, a weight is outside (0, 1], or a predecessor's
    shares add up to more than 1.

    Examples
    --------
    >>> e = check_edges(pd.DataFrame({"predecessor": ["a", "a"], "successor": ["X", "Y"],
    ...                               "weight": [0.6, 0.4]}))
    >>> e["weight"].tolist()
    [0.6, 0.4]
    """
    missing = [c for c in ("predecessor", "successor", "weight") if c not in edges.columns]
    if missing:
        raise ValueError(
            f"Bảng kế thừa thiếu cột {', '.join(missing)}; cần predecessor, successor, weight."
        )
    out = edges[["predecessor", "successor", "weight"]].copy()
    out["weight"] = pd.to_numeric(out["weight"], errors="coerce").astype(np.float64)
    bad = out[~((out["weight"] > 0) & (out["weight"] <= 1))]
    if len(bad):
        row = bad.iloc[0]
        raise ValueError(
            f"Trọng số kế thừa {row['predecessor']} → {row['successor']} phải trong (0, 1], "
            f"nhận được {row['weight']}."
        )
    total = out.groupby("predecessor")["weight"].sum()
    over = total[total > 1 + 1e-9]
    if len(over):
        raise ValueError(
            f"Tổng trọng số của đơn vị cũ '{over.index[0]}' là {over.iloc[0]:.3f} > 1: "
            f"phần chia cho các đơn vị mới phải cộng lại không quá 1."
        )
    return out


def rebuild_successors(
    values: pd.DataFrame,
    edges: pd.DataFrame,
    rules: Mapping[str, str],
    *,
    unit: str = "unit",
    by: Sequence[str] = ("period",),
) -> Rebuilt:
    """Rebuild successors' values from their predecessors' rows in ``values``.

    For a successor ``S`` with predecessors ``p`` (lineage weight ``w_pS``), per ``by`` key:
    ``sum``: ``x_S = sum_p w_pS x_p``; ``mean``: ``x_S = (1/n) sum_p x_p``;
    ``weighted_mean``: ``x_S = sum_p w_pS x_p / sum_p w_pS``; predecessors missing a value are
    skipped, and ``x_S`` is missing when none has one.

    Parameters
    ----------
    values : DataFrame
        Long table of predecessors' values: ``unit``, the ``by`` columns and the value columns.
    edges : DataFrame
        Lineage edges ``predecessor, successor, weight``.
    rules : mapping
        Column → ``sum`` (numerators, denominators, counts), ``mean`` (index values, the DTI 2024
        rule) or ``weighted_mean``.

    Returns
    -------
    Rebuilt

    Examples
    --------
    Hand computed: T (3 of 4 officials signing) and H (1 of 6) merge into S; ward W is divided,
    0.25 of it to S: numerators 3 + 1 + 0.25·8 = 6, denominators 4 + 6 + 0.25·8 = 12, rate 0.5.
    The index is the plain mean of the predecessors' (60 + 40 + 80) / 3 = 60.

    >>> v = pd.DataFrame({"unit": ["T", "H", "W"], "period": ["2024"] * 3,
    ...                   "num": [3.0, 1.0, 8.0], "den": [4.0, 6.0, 8.0],
    ...                   "index": [60.0, 40.0, 80.0]})
    >>> e = pd.DataFrame({"predecessor": ["T", "H", "W"], "successor": ["S"] * 3,
    ...                   "weight": [1.0, 1.0, 0.25]})
    >>> r = rebuild_successors(v, e, {"num": "sum", "den": "sum", "index": "mean"})
    >>> r.table[["unit", "num", "den", "index", "reconstructed"]].values.tolist()
    [['S', 6.0, 12.0, 60.0, True]]
    >>> r.table["method"].iloc[0]
    'lineage_sum+predecessor_mean'
    """
    for col, how in rules.items():
        if how not in REBUILD_METHODS:
            raise ValueError(
                f"Cột '{col}': cách dựng lại '{how}' không có; "
                f"chọn một trong {', '.join(REBUILD_METHODS)}."
            )
        if col not in values.columns:
            raise ValueError(f"Cột '{col}' không có trong bảng giá trị của đơn vị cũ.")
    for col in (unit, *by):
        if col not in values.columns:
            raise ValueError(f"Bảng giá trị thiếu cột '{col}'.")
    e = check_edges(edges)
    cols = list(rules)
    joined = values[[unit, *by, *cols]].merge(
        e, left_on=unit, right_on="predecessor", how="inner", sort=False
    )
    keys = ["successor", *by]
    w = joined["weight"].to_numpy(dtype=np.float64)
    x = joined[cols].to_numpy(dtype=np.float64)
    has = ~np.isnan(x)
    codes, uniques = pd.MultiIndex.from_frame(joined[keys]).factorize()
    g = np.asarray(codes, dtype=np.int64)
    n = len(uniques)
    out: dict[str, object] = {}
    for k, col in enumerate(cols):
        xk, hk = np.where(has[:, k], x[:, k], 0.0), has[:, k].astype(np.float64)
        count = np.bincount(g, weights=hk, minlength=n)
        how = rules[col]
        y: FloatArray
        if how == "sum":
            y = np.asarray(np.bincount(g, weights=w * xk, minlength=n), dtype=np.float64)
        elif how == "mean":
            with np.errstate(invalid="ignore", divide="ignore"):
                y = np.bincount(g, weights=xk, minlength=n) / count
        else:
            with np.errstate(invalid="ignore", divide="ignore"):
                y = np.bincount(g, weights=w * xk, minlength=n) / np.bincount(
                    g, weights=w * hk, minlength=n
                )
        out[col] = np.where(count > 0, y, np.nan)
    index = pd.MultiIndex.from_tuples(list(uniques), names=keys) if n else None
    table = pd.DataFrame(out, index=index).reset_index() if n else pd.DataFrame(columns=keys)
    table = table.rename(columns={"successor": unit})
    rows_with = pd.Series(has.any(axis=1)).groupby(g).sum() if n else pd.Series(dtype=float)
    table["n_predecessors"] = rows_with.reindex(range(n), fill_value=0).to_numpy(dtype=np.int64)
    table["reconstructed"] = True
    used = sorted({METHOD_LABELS[rules[c]] for c in cols}, key=list(METHOD_LABELS.values()).index)
    table["method"] = "+".join(used)
    table = table.sort_values([unit, *by], kind="stable").reset_index(drop=True)
    return Rebuilt(table=table, methods={c: METHOD_LABELS[rules[c]] for c in cols})


def rebuild_ratio(
    values: pd.DataFrame,
    edges: pd.DataFrame,
    *,
    numerator: str,
    denominator: str,
    unit: str = "unit",
    by: Sequence[str] = ("period",),
) -> pd.DataFrame:
    """A successor's rate rebuilt by ``sum_p w a_p / sum_p w b_p``, with its numerator and
    denominator; column ``rate``.

    Examples
    --------
    >>> v = pd.DataFrame({"unit": ["T", "H"], "period": ["2024", "2024"],
    ...                   "a": [3.0, 1.0], "b": [4.0, 6.0]})
    >>> e = pd.DataFrame({"predecessor": ["T", "H"], "successor": ["S", "S"], "weight": [1, 1]})
    >>> rebuild_ratio(v, e, numerator="a", denominator="b")["rate"].tolist()
    [0.4]
    """
    r = rebuild_successors(
        values, edges, {numerator: "sum", denominator: "sum"}, unit=unit, by=by
    ).table
    with np.errstate(invalid="ignore", divide="ignore"):
        r["rate"] = r[numerator] / r[denominator]
    return r


def follow_forward(
    values: pd.DataFrame,
    edges: pd.DataFrame,
    *,
    unit: str = "unit",
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The reverse view: each old unit followed into its successor(s).

    Returns one row per (predecessor, successor, row of the successor in ``values``): columns
    ``predecessor``, ``successor``, ``weight`` (the share of the old unit that went there), then
    the successor's row. For a whole merged commune, its series continues as its successor's.

    Examples
    --------
    >>> v = pd.DataFrame({"unit": ["S"], "period": ["2025"], "index": [70.0]})
    >>> e = pd.DataFrame({"predecessor": ["T", "H"], "successor": ["S", "S"],
    ...                   "weight": [1.0, 1.0]})
    >>> follow_forward(v, e)[["predecessor", "successor", "period", "index"]].values.tolist()
    [['H', 'S', '2025', 70.0], ['T', 'S', '2025', 70.0]]
    """
    e = check_edges(edges)
    cols = [c for c in values.columns if c != unit] if columns is None else list(columns)
    out = e.merge(values[[unit, *cols]], left_on="successor", right_on=unit, how="inner")
    out = out.drop(columns=[unit]) if unit not in ("predecessor", "successor") else out
    return out.sort_values(["predecessor", "successor"], kind="stable").reset_index(drop=True)


def impute_panel(
    values: pd.DataFrame,
    columns: Sequence[str],
    *,
    method: str = "locf",
    unit: str = "unit",
    period: str = "period",
    order: Sequence[object] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill gaps in each unit's series across periods: last observation carried forward
    (``locf``: ``x_t = x_s``, ``s`` the last period before ``t`` with data) or linear
    interpolation between the neighbouring observations (``linear``:
    ``x_t = x_s + (x_u - x_s)(t - s)/(u - s)``, only between two observations; COINr
    ``impute_panel`` with ``imp_type = "latest"`` / ``"linear"``).

    Periods are placed at their position in ``order`` (default: sorted ``period`` values), so
    quarterly periods are equally spaced. Returns ``(filled table, mask of imputed cells)``; the
    table keeps the input's row order.

    Examples
    --------
    Hand computed: A has 10, –, 16 over three periods; LOCF gives 10, 10, 16; linear 10, 13, 16.
    B has –, 5, –: nothing before the first value, LOCF 5 after it, linear nothing outside.

    >>> v = pd.DataFrame({"unit": ["A"] * 3 + ["B"] * 3, "period": ["q1", "q2", "q3"] * 2,
    ...                   "x": [10.0, None, 16.0, None, 5.0, None]})
    >>> impute_panel(v, ["x"], method="locf")[0]["x"].tolist()
    [10.0, 10.0, 16.0, nan, 5.0, 5.0]
    >>> filled, mask = impute_panel(v, ["x"], method="linear")
    >>> filled["x"].tolist(), mask["x"].tolist()
    ([10.0, 13.0, 16.0, nan, 5.0, nan], [False, True, False, False, False, False])
    """
    if method not in ("locf", "linear"):
        raise ValueError(
            f"Cách điền dữ liệu theo kỳ '{method}' không có; chọn locf (giá trị gần nhất) "
            f"hoặc linear (nội suy tuyến tính)."
        )
    periods = list(order) if order is not None else sorted(pd.unique(values[period]))
    pos_of = {p: i for i, p in enumerate(periods)}
    t = values[period].map(pos_of)
    if t.isna().any():
        raise ValueError(f"Kỳ '{values[period][t.isna()].iloc[0]}' không có trong thứ tự kỳ.")
    ucode, _ = pd.factorize(values[unit])
    tpos = t.to_numpy(dtype=np.float64)
    sort = np.lexsort((tpos, ucode))
    g, ts = ucode[sort], tpos[sort]
    n = len(sort)
    start = np.ones(n, dtype=bool)
    start[1:] = g[1:] != g[:-1]
    idx = np.arange(n)
    out = values.copy()
    imputed = pd.DataFrame(False, index=values.index, columns=list(columns))
    for col in columns:
        x = values[col].to_numpy(dtype=np.float64)[sort]
        valid = ~np.isnan(x)
        # Position of the last valid observation at or before i within the unit (else -1).
        seg_start = np.maximum.accumulate(np.where(start, idx, 0))
        prev = np.maximum.accumulate(np.where(valid, idx, -1))
        prev = np.where(prev >= seg_start, prev, -1)
        if method == "locf":
            y = np.where(prev >= 0, x[np.maximum(prev, 0)], np.nan)
        else:
            end = np.ones(n, dtype=bool)
            end[:-1] = g[:-1] != g[1:]
            seg_end = np.minimum.accumulate(np.where(end, idx, n)[::-1])[::-1]
            nxt = np.minimum.accumulate(np.where(valid, idx, n)[::-1])[::-1]
            nxt = np.where(nxt <= seg_end, nxt, n)
            ok = (prev >= 0) & (nxt < n)
            p0, p1 = np.maximum(prev, 0), np.minimum(nxt, n - 1)
            span = ts[p1] - ts[p0]
            with np.errstate(invalid="ignore", divide="ignore"):
                frac = np.where(span > 0, (ts - ts[p0]) / span, 0.0)
            y = np.where(ok, x[p0] + (x[p1] - x[p0]) * frac, np.nan)
        y = np.where(valid, x, y)
        back = np.empty(n)
        back[sort] = y
        out[col] = back
        imputed[col] = np.isnan(values[col].to_numpy(dtype=np.float64)) & ~np.isnan(back)
    return out, imputed
