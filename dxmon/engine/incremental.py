"""Fast paths: the index of every period at once, and one unit's recompute after an approval.

``panel_index`` normalises (min-max within each period, or fixed goalposts) and aggregates with
weighted arithmetic means over all periods in a few numpy operations: the per-period minima and
maxima come from one ``fmin.reduceat``/``fmax.reduceat`` over rows sorted by period, and each
aggregation level is one matrix product. It gives the same numbers as ``normalise`` +
``aggregate`` (``amean``) run period by period.

``index_state`` / ``index_update`` keep one period's index so that a unit's new values cost only
its own row: with goalposts (fixed by the framework) always; with data-dependent min-max whenever
the new row neither leaves the current ``[min, max]`` of an indicator nor moves a value that was
that indicator's minimum or maximum. Otherwise the period is recomputed in full (and the update
says so).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from dxmon.engine.rollup import ROLLUP_KINDS, Rule
from dxmon.engine.tree import IndicatorTree

FloatArray = NDArray[np.float64]
FAST_METHODS = ("minmax", "goalposts")


@dataclass(frozen=True)
class _Plan:
    """Direction, goalposts and the weight matrices of each aggregation level."""

    codes: tuple[str, ...]
    direction: FloatArray
    matrices: tuple[FloatArray, ...]
    gp_low: FloatArray | None
    gp_high: FloatArray | None
    gp_scale: FloatArray | None


def _plan(tree: IndicatorTree, method: str) -> _Plan:
    if method not in FAST_METHODS:
        raise ValueError(
            f"Đường tính nhanh chỉ hỗ trợ {', '.join(FAST_METHODS)}, không có '{method}'; "
            f"dùng run_pipeline cho các phương pháp khác."
        )
    lower = list(tree.indicators)
    matrices = []
    for level in tree.levels:
        m = np.zeros((len(lower), len(level)))
        for j, parent in enumerate(level):
            for i, child in enumerate(lower):
                if tree.parent.get(child) == parent:
                    m[i, j] = tree.weight[child]
            if m[:, j].sum() <= 0:
                raise ValueError(
                    f"Nhóm '{parent}' không có thành phần nào có trọng số dương; "
                    f"đặt ít nhất một trọng số dương."
                )
        matrices.append(m)
        lower = list(level)
    d = np.array([tree.direction[c] for c in tree.indicators], dtype=np.float64)
    lo = hi = sc = None
    if method == "goalposts":
        missing = [c for c in tree.indicators if c not in tree.goalposts]
        if missing:
            raise ValueError(
                f"Chỉ số '{missing[0]}' không có cột mốc (goalposts); điền goalpost_lower và "
                f"goalpost_upper hoặc dùng minmax."
            )
        gp = np.array([tree.goalposts[c] for c in tree.indicators], dtype=np.float64)
        # After the direction flip a -1 indicator's goalposts are (-upper, -lower).
        lo = np.where(d < 0, -gp[:, 1], gp[:, 0])
        hi = np.where(d < 0, -gp[:, 0], gp[:, 1])
        sc = gp[:, 2]
    return _Plan(tree.codes, d, tuple(matrices), lo, hi, sc)


def _aggregate(norm: FloatArray, plan: _Plan) -> FloatArray:
    """Indicators then every aggregate, as columns in ``tree.codes`` order (amean, NaN skipped)."""
    total = norm.shape[1] + sum(m.shape[1] for m in plan.matrices)
    out = np.empty((norm.shape[0], total))
    out[:, : norm.shape[1]] = norm
    _aggregate_into(out, norm.shape[1], plan)
    return out


def _aggregate_into(out: FloatArray, k: int, plan: _Plan) -> None:
    """Fill the aggregate columns of ``out`` from its first ``k`` (normalised) columns."""
    start, stop = 0, k
    for m in plan.matrices:
        x = out[:, start:stop]
        missing = np.isnan(x)
        dest = out[:, stop : stop + m.shape[1]]
        if not missing.any():
            # Complete data (the usual case): one product, constant weight sums.
            np.matmul(x, m / m.sum(axis=0), out=dest)
        else:
            num = np.where(missing, 0.0, x) @ m
            den = (~missing).astype(np.float64) @ m
            with np.errstate(divide="ignore", invalid="ignore"):
                dest[...] = np.where(den > 0, num / den, np.nan)
        start, stop = stop, stop + m.shape[1]


def _scale(
    x: FloatArray, lo: FloatArray, hi: FloatArray, plan: _Plan, rng: tuple[float, float]
) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        y = (x - lo) / (hi - lo)
    if plan.gp_scale is not None:
        return np.asarray(np.clip(y, 0.0, 1.0) * plan.gp_scale, dtype=np.float64)
    return np.asarray(y * (rng[1] - rng[0]) + rng[0], dtype=np.float64)


def panel_index(
    table: pd.DataFrame,
    tree: IndicatorTree,
    *,
    period: str = "period",
    method: str = "minmax",
    range: Sequence[float] = (0.0, 100.0),
) -> pd.DataFrame:
    """Normalise within each period and aggregate up the tree, every period at once.

    ``minmax``: ``y = (x d - min_t) / (max_t - min_t) (u - l) + l`` with the minimum and maximum
    of period ``t``; ``goalposts``: ``y = clip((x d - GP_l) / (GP_u - GP_l), 0, 1) × scale``;
    then ``y_g = sum w_c y_c / sum w_c`` over the non-missing children, level by level.

    Parameters
    ----------
    table : DataFrame
        Long table, one row per unit × period, with the ``period`` column and one column per
        indicator of ``tree``.

    Returns
    -------
    DataFrame
        Same index as ``table``; columns ``tree.codes`` (indicators normalised, then aggregates).

    Examples
    --------
    Hand computed: in 2024 a = (2, 4, 10) → (0, 25, 100), b = (30, 20, 10) with direction -1 →
    (0, 50, 100); I = mean → (0, 37.5, 100). 2025 is normalised on its own minimum and maximum.

    >>> tree = IndicatorTree(indicators=("a", "b"), levels=(("I",),), parent={"a": "I", "b": "I"},
    ...     weight={"a": 1, "b": 1, "I": 1}, direction={"a": 1, "b": -1, "I": 1})
    >>> t = pd.DataFrame({"period": ["2024"] * 3 + ["2025"] * 2,
    ...                   "a": [2.0, 4.0, 10.0, 1.0, 3.0], "b": [30.0, 20.0, 10.0, 5.0, 5.0]})
    >>> panel_index(t, tree)["I"].tolist()[:3]
    [0.0, 37.5, 100.0]
    """
    plan = _plan(tree, method)
    codes = list(tree.indicators)
    missing = [c for c in codes if c not in table.columns]
    if missing:
        raise ValueError(f"Thiếu cột chỉ số '{missing[0]}' trong bảng dữ liệu.")
    k_ind = len(codes)
    out = np.empty((len(table), len(tree.codes)))
    x = out[:, :k_ind]
    x[...] = table[codes].to_numpy(dtype=np.float64)
    x *= plan.direction
    rng = (float(range[0]), float(range[1]))
    if plan.gp_low is not None and plan.gp_high is not None:
        x[...] = _scale(x, plan.gp_low, plan.gp_high, plan, rng)
    else:
        pid, _ = pd.factorize(table[period], sort=True)
        order = np.argsort(pid, kind="stable")
        in_order = bool(np.all(order[1:] > order[:-1]))
        xs = x if in_order else x[order]
        sorted_pid = pid[order]
        starts = np.flatnonzero(np.r_[True, sorted_pid[1:] != sorted_pid[:-1]])
        lo = np.fmin.reduceat(xs, starts, axis=0)
        hi = np.fmax.reduceat(xs, starts, axis=0)
        ends = np.r_[starts[1:], len(xs)]
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = (rng[1] - rng[0]) / (hi - lo)
            # Scaled in place, one period slice at a time (no per-row gathers of min and max).
            for k, (a, b) in enumerate(zip(starts, ends, strict=True)):
                seg = xs[a:b]
                seg -= lo[k]
                seg *= factor[k]
                seg += rng[0]
        if not in_order:
            x[order] = xs
    _aggregate_into(out, k_ind, plan)
    return pd.DataFrame(out, index=table.index, columns=list(tree.codes), copy=False)


@dataclass(frozen=True)
class IndexState:
    """One period's index kept for incremental updates (see :func:`index_update`)."""

    tree: IndicatorTree
    plan: _Plan
    method: str
    range: tuple[float, float]
    units: pd.Index
    raw: FloatArray  # direction applied
    lo: FloatArray
    hi: FloatArray
    result: FloatArray  # units × tree.codes

    def frame(self) -> pd.DataFrame:
        """The index table: units × (indicators normalised, then aggregates)."""
        return pd.DataFrame(self.result, index=self.units, columns=list(self.tree.codes))


@dataclass(frozen=True)
class Update:
    """The state after an update, and whether the whole period had to be recomputed."""

    state: IndexState
    full: bool


def index_state(
    values: pd.DataFrame,
    tree: IndicatorTree,
    *,
    method: str = "minmax",
    range: Sequence[float] = (0.0, 100.0),
) -> IndexState:
    """Compute one period's index (units × indicators in, indexed by unit) and keep its state.

    Examples
    --------
    >>> tree = IndicatorTree(indicators=("a",), levels=(("I",),), parent={"a": "I"},
    ...     weight={"a": 1, "I": 1}, direction={"a": 1, "I": 1})
    >>> s = index_state(pd.DataFrame({"a": [0.0, 5.0, 10.0]}, index=["X", "Y", "Z"]), tree)
    >>> s.frame()["I"].tolist()
    [0.0, 50.0, 100.0]
    """
    plan = _plan(tree, method)
    codes = list(tree.indicators)
    x = values[codes].to_numpy(dtype=np.float64) * plan.direction
    rng = (float(range[0]), float(range[1]))
    if plan.gp_low is not None and plan.gp_high is not None:
        lo, hi = plan.gp_low, plan.gp_high
    else:
        lo, hi = np.fmin.reduce(x, axis=0), np.fmax.reduce(x, axis=0)
    result = _aggregate(_scale(x, lo, hi, plan, rng), plan)
    return IndexState(tree, plan, method, rng, values.index, x, lo, hi, result)


def index_update(
    state: IndexState, unit: str, row: Mapping[str, float], *, inplace: bool = False
) -> Update:
    """Replace ``unit``'s values (some or all indicators) and update the index.

    Only the unit's row is renormalised and reaggregated when the goalposts are fixed or the
    period's minimum and maximum of every changed indicator stay where they were; otherwise the
    whole period is recomputed (``full=True``). The result equals a fresh :func:`index_state`.
    With ``inplace=True`` the arrays of ``state`` are updated instead of copied (the old state
    must not be used afterwards); this saves copying the whole period on every approval.

    Examples
    --------
    Hand computed: a = (0, 5, 10); Y moves to 7.5 → inside [0, 10], only Y's row: 75.
    Then Z moves to 20 → the maximum moves, full recompute: X 0, Y 37.5, Z 100.

    >>> tree = IndicatorTree(indicators=("a",), levels=(("I",),), parent={"a": "I"},
    ...     weight={"a": 1, "I": 1}, direction={"a": 1, "I": 1})
    >>> s = index_state(pd.DataFrame({"a": [0.0, 5.0, 10.0]}, index=["X", "Y", "Z"]), tree)
    >>> u = index_update(s, "Y", {"a": 7.5})
    >>> u.full, u.state.frame()["I"].tolist()
    (False, [0.0, 75.0, 100.0])
    >>> u = index_update(u.state, "Z", {"a": 20.0})
    >>> u.full, u.state.frame()["I"].tolist()
    (True, [0.0, 37.5, 100.0])
    """
    pos = int(state.units.get_indexer(pd.Index([unit]))[0])
    if pos < 0:
        raise ValueError(f"Đơn vị '{unit}' không có trong kỳ này; tính lại toàn bộ kỳ.")
    codes = list(state.tree.indicators)
    unknown = [c for c in row if c not in codes]
    if unknown:
        raise ValueError(f"Chỉ số '{unknown[0]}' không có trong cây chỉ số.")
    raw = state.raw if inplace else state.raw.copy()
    old = raw[pos].copy()
    for c, v in row.items():
        k = codes.index(c)
        raw[pos, k] = float(v) * state.plan.direction[k]
    new = raw[pos]
    result = state.result if inplace else state.result.copy()
    if state.plan.gp_low is None:
        changed = ~((old == new) | (np.isnan(old) & np.isnan(new)))
        with np.errstate(invalid="ignore"):
            leaves = (new < state.lo) | (new > state.hi) | (np.isnan(state.lo) & ~np.isnan(new))
            was_extreme = (old == state.lo) | (old == state.hi)
        if np.any(changed & (leaves | was_extreme)):
            lo, hi = np.fmin.reduce(raw, axis=0), np.fmax.reduce(raw, axis=0)
            full = _aggregate(_scale(raw, lo, hi, state.plan, state.range), state.plan)
            return Update(
                IndexState(
                    state.tree,
                    state.plan,
                    state.method,
                    state.range,
                    state.units,
                    raw,
                    lo,
                    hi,
                    full,
                ),
                True,
            )
    norm = _scale(new[None, :], state.lo, state.hi, state.plan, state.range)
    result[pos] = _aggregate(norm, state.plan)[0]
    return Update(
        IndexState(
            state.tree,
            state.plan,
            state.method,
            state.range,
            state.units,
            raw,
            state.lo,
            state.hi,
            result,
        ),
        False,
    )


@dataclass(frozen=True)
class RollupState:
    """Running sums, counts, minima and maxima of every unit-tree node, for delta updates.

    ``leaf_values`` holds each leaf's source columns; ``ancestors[i]`` the node ids of leaf
    ``i``'s chain (itself first, -1 padded); ``state`` one row per node, one column per state
    column of the rules (as :func:`dxmon.engine.rollup.roll_up` carries them).
    """

    rules: Mapping[str, Rule]
    nodes: pd.Index
    leaves: pd.Index
    sources: tuple[str, ...]
    leaf_values: FloatArray
    ancestors: NDArray[np.int64]
    state: FloatArray
    columns: tuple[tuple[str, str, int], ...]  # (code, reducer, source column index)

    def frame(self) -> pd.DataFrame:
        """One row per node: the rolled-up value of each rule."""
        out: dict[str, FloatArray] = {}
        col = {(c, how): k for k, (c, how, _src) in enumerate(self.columns)}
        with np.errstate(divide="ignore", invalid="ignore"):
            for code, rule in self.rules.items():
                if rule.kind == "ratio_sum":
                    out[code] = (
                        self.state[:, col[(code, "num")]] / self.state[:, col[(code, "den")]]
                    )
                elif rule.kind == "mean":
                    out[code] = (
                        self.state[:, col[(code, "sum")]] / self.state[:, col[(code, "count")]]
                    )
                else:
                    out[code] = self.state[:, col[(code, rule.kind)]]
        return pd.DataFrame(out, index=self.nodes)


def _state_layout(rules: Mapping[str, Rule]) -> tuple[tuple[str, ...], list[tuple[str, str, str]]]:
    sources: list[str] = []
    layout: list[tuple[str, str, str]] = []
    for code, rule in rules.items():
        if rule.kind not in ROLLUP_KINDS or rule.kind == "last":
            raise ValueError(
                f"Chỉ tiêu '{code}': cập nhật nhanh hỗ trợ ratio_sum, sum, mean, min, max, không "
                f"có '{rule.kind}'; dùng roll_up."
            )
        if rule.kind == "ratio_sum":
            parts = [("num", str(rule.numerator)), ("den", str(rule.denominator))]
        elif rule.kind == "mean":
            parts = [("sum", str(rule.column)), ("count", str(rule.column))]
        else:
            parts = [(rule.kind, str(rule.column))]
        for how, src in parts:
            if src not in sources:
                sources.append(src)
            layout.append((code, how, src))
    return tuple(sources), layout


def rollup_state(
    table: pd.DataFrame,
    parent: Mapping[str, str],
    rules: Mapping[str, Rule],
    *,
    unit: str = "unit",
) -> RollupState:
    """The roll-up of one period's leaves (one row per leaf unit) kept for delta updates.

    ``ratio_sum``: ``y_P = sum a_i / sum b_i``; ``mean``: ``sum x_i / n``; ``sum``, ``min``,
    ``max`` over the leaves under each node (as :func:`dxmon.engine.rollup.roll_up`).

    Examples
    --------
    Hand computed: c1 3/4 and c2 1/6 in D → D = 4/10 = 0.4.

    >>> t = pd.DataFrame({"unit": ["c1", "c2"], "a": [3.0, 1.0], "b": [4.0, 6.0]})
    >>> s = rollup_state(t, {"c1": "D", "c2": "D"},
    ...                  {"share": Rule("ratio_sum", numerator="a", denominator="b")})
    >>> s.frame().loc["D", "share"]
    np.float64(0.4)
    """
    sources, layout = _state_layout(rules)
    missing = [s for s in sources if s not in table.columns]
    if missing:
        raise ValueError(f"Thiếu cột '{missing[0]}' trong bảng dữ liệu.")
    leaves = pd.Index(table[unit].astype(str))
    names: list[str] = list(leaves)
    seen = set(names)
    chains: list[list[str]] = []
    for leaf in leaves:
        chain = [leaf]
        while chain[-1] in parent:
            chain.append(str(parent[chain[-1]]))
            if chain[-1] not in seen:
                seen.add(chain[-1])
                names.append(chain[-1])
        chains.append(chain)
    nodes = pd.Index(names)
    depth = max(len(c) for c in chains)
    anc = np.full((len(leaves), depth), -1, dtype=np.int64)
    for i, chain in enumerate(chains):
        anc[i, : len(chain)] = nodes.get_indexer(pd.Index(chain))
    x = np.array(table[list(sources)].to_numpy(dtype=np.float64), copy=True)
    columns = tuple((code, how, sources.index(src)) for code, how, src in layout)
    state = np.full((len(nodes), len(columns)), np.nan)
    for j, (_code, how, k) in enumerate(columns):
        state[:, j] = _reduce_all(x[:, k], anc, len(nodes), how)
    return RollupState(dict(rules), nodes, leaves, sources, x, anc, state, columns)


def _reduce_all(v: FloatArray, anc: NDArray[np.int64], n: int, how: str) -> FloatArray:
    ok = ~np.isnan(v)
    out = np.full(n, np.nan)
    if how in ("num", "den", "sum", "count"):
        w = ok.astype(np.float64) if how == "count" else np.where(ok, v, 0.0)
        acc = np.zeros(n)
        for d in range(anc.shape[1]):
            m = anc[:, d] >= 0
            acc += np.bincount(anc[m, d], weights=w[m], minlength=n)
        return acc
    ufunc = np.fmin if how == "min" else np.fmax
    for d in range(anc.shape[1]):
        m = (anc[:, d] >= 0) & ok
        ufunc.at(out, anc[m, d], v[m])
    return out


def rollup_update(
    state: RollupState, unit: str, row: Mapping[str, float], *, inplace: bool = False
) -> RollupState:
    """Replace one leaf's source values and update its ancestors only: sums and counts by the
    difference ``S_a += x_new - x_old`` along the chain; a minimum or maximum by reducing again
    over the leaves under each ancestor on the chain. Equal to a fresh :func:`rollup_state`.

    With ``inplace=True`` the given state is updated and returned (no copy of the arrays).

    Examples
    --------
    >>> t = pd.DataFrame({"unit": ["c1", "c2"], "a": [3.0, 1.0], "b": [4.0, 6.0]})
    >>> s = rollup_state(t, {"c1": "D", "c2": "D"},
    ...                  {"share": Rule("ratio_sum", numerator="a", denominator="b")})
    >>> float(rollup_update(s, "c2", {"a": 5.0}).frame().loc["D", "share"])
    0.8
    """
    i = int(state.leaves.get_indexer(pd.Index([unit]))[0])
    if i < 0:
        raise ValueError(f"Đơn vị '{unit}' không có trong bảng cộng dồn.")
    unknown = [c for c in row if c not in state.sources]
    if unknown:
        raise ValueError(f"Cột '{unknown[0]}' không dùng trong quy tắc cộng dồn nào.")
    x = state.leaf_values if inplace else state.leaf_values.copy()
    s = state.state if inplace else state.state.copy()
    old = x[i].copy()
    for c, v in row.items():
        x[i, state.sources.index(c)] = float(v)
    chain = state.ancestors[i][state.ancestors[i] >= 0]
    for j, (_code, how, k) in enumerate(state.columns):
        before, after = old[k], x[i, k]
        if before == after or (np.isnan(before) and np.isnan(after)):
            continue
        if how in ("num", "den", "sum"):
            delta = (0.0 if np.isnan(after) else after) - (0.0 if np.isnan(before) else before)
            s[chain, j] += delta
        elif how == "count":
            s[chain, j] += float(not np.isnan(after)) - float(not np.isnan(before))
        else:
            for a in chain:
                under = (state.ancestors == a).any(axis=1)
                vals = x[under, k]
                vals = vals[~np.isnan(vals)]
                s[a, j] = (vals.min() if how == "min" else vals.max()) if vals.size else np.nan
    if inplace:
        return state
    return RollupState(
        state.rules, state.nodes, state.leaves, state.sources, x, state.ancestors, s,
        state.columns,
    )  # fmt: skip
