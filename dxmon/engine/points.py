"""DTI-style points: each indicator earns points by its scoring rule; points add up the tree;
a node's value is its points divided by its maximum points.

The four rule kinds are those of the provincial and district DTI sets derived from
922/QĐ-BTTTT (see ../shared/reference/vn_dx_frameworks.md §1.3):

* ``ratio``: ``points = min(1, a / b) × max`` (e.g. share of CĐS meetings chaired by the head);
* ``steps``: the points of the highest threshold reached (4 meetings → 20, 3 → 15, ...);
* ``tiers``: a choice mapped to a fraction of the maximum (chair → 1, deputy → ½, none → 0);
* ``target``: ``points = min(1, value / target) × max`` (e.g. dichvucong.gov.vn's
  "min(6, 6 × ratio / 0.9)", full points at 90 %).

The DTI value is points ÷ maximum on a 0–1 scale (DTI 2022 average 0.5791). Bands are
user-supplied cut-offs on that value (``band_of``); the official DTI 2020 group boundaries were not
verified in our sources, so none are built in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
RULE_KINDS = ("ratio", "steps", "tiers", "target")


@dataclass(frozen=True)
class ScoringRule:
    """How one indicator earns points.

    ``column`` (or ``numerator``/``denominator`` for ``ratio``) names the input column(s);
    ``steps`` is a tuple of ``(threshold, points)``; ``tiers`` maps a choice to a fraction.
    """

    kind: str
    max_points: float
    column: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    steps: tuple[tuple[float, float], ...] = ()
    tiers: Mapping[str, float] = field(default_factory=dict)
    target: float | None = None
    empty_full: bool = False


@dataclass(frozen=True)
class PointsResult:
    """Points per indicator and node, the maximum of each node, and values (points ÷ maximum)."""

    points: pd.DataFrame
    maximum: Mapping[str, float]
    values: pd.DataFrame


def ratio_points(
    a: FloatArray, b: FloatArray, max_points: float, empty_full: bool = False
) -> FloatArray:
    """``points = min(1, a / b) × max``; with ``b = 0`` 0 points, or full points if ``empty_full``.

    Examples
    --------
    Hand computed (district set, item 1.2, ratio × 20): 3 of 4 meetings chaired → 15 points.

    >>> ratio_points(np.array([3.0, 0.0]), np.array([4.0, 0.0]), 20, empty_full=True).tolist()
    [15.0, 20.0]
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.minimum(1.0, a / b)
    r = np.where(b == 0, 1.0 if empty_full else 0.0, r)
    return np.asarray(r * max_points, dtype=np.float64)


def step_points(x: FloatArray, steps: Sequence[tuple[float, float]]) -> FloatArray:
    """The points of the highest threshold reached: ``points = max{p_k : x >= t_k}``, else 0.

    Examples
    --------
    Hand computed (meetings per year: 4 → 20, 3 → 15, 2 → 10, 1 → 5): 0, 2, 3, 7 meetings.

    >>> step_points(np.array([0.0, 2, 3, 7]), [(4, 20), (3, 15), (2, 10), (1, 5)]).tolist()
    [0.0, 10.0, 15.0, 20.0]
    """
    out = np.zeros_like(x, dtype=np.float64)
    for threshold, pts in steps:
        out = np.where(x >= threshold, np.maximum(out, pts), out)
    return np.where(np.isnan(x), np.nan, out)


def tier_points(
    choices: Sequence[object], tiers: Mapping[str, float], max_points: float
) -> FloatArray:
    """``points = fraction(choice) × max``; an unknown or missing choice earns 0.

    Examples
    --------
    Hand computed (head of the steering committee, 10 points): chair → 10, deputy → 5, none → 0.

    >>> tier_points(["chair", "deputy", "none"], {"chair": 1, "deputy": 0.5}, 10).tolist()
    [10.0, 5.0, 0.0]
    """
    return np.array([float(tiers.get(str(c), 0.0)) * max_points for c in choices], dtype=np.float64)


def target_points(x: FloatArray, target: float, max_points: float) -> FloatArray:
    """``points = min(1, x / target) × max`` (target attainment).

    Examples
    --------
    Hand computed (satisfaction, 6 points, full at 90 %): 45 % → 3, 95 % → 6.

    >>> target_points(np.array([0.45, 0.95]), 0.9, 6).tolist()
    [3.0, 6.0]
    """
    return np.asarray(np.clip(x / target, 0.0, 1.0) * max_points, dtype=np.float64)


def score_points(
    table: pd.DataFrame, rules: Mapping[str, ScoringRule], parent: Mapping[str, str]
) -> PointsResult:
    """Points per indicator from ``rules``, summed up the tree given by ``parent``.

    ``P_node = sum of P_child``; ``M_node = sum of M_child``; ``value = P / M``.

    Parameters
    ----------
    table : DataFrame
        One row per unit, the input columns named by the rules.
    rules : mapping
        Indicator code → :class:`ScoringRule`.
    parent : mapping
        Child code → parent code, for indicators and groups (the root has none).

    Examples
    --------
    >>> t = pd.DataFrame({"a": [3.0], "b": [4.0], "meet": [3.0], "chair": ["deputy"]})
    >>> rules = {
    ...     "r1": ScoringRule("ratio", 20, numerator="a", denominator="b"),
    ...     "r2": ScoringRule("steps", 20, column="meet", steps=((4, 20), (3, 15))),
    ...     "r3": ScoringRule("tiers", 10, column="chair", tiers={"chair": 1, "deputy": 0.5}),
    ... }
    >>> res = score_points(t, rules, {"r1": "G", "r2": "G", "r3": "G"})
    >>> res.points.iloc[0].tolist(), res.maximum["G"], res.values["G"].tolist()
    ([15.0, 15.0, 5.0, 35.0], 50.0, [0.7])
    """
    cols: dict[str, FloatArray] = {}
    maximum: dict[str, float] = {}
    for code, rule in rules.items():
        cols[code] = _rule_points(table, code, rule)
        maximum[code] = float(rule.max_points)
    nodes = list(rules)
    frontier = list(rules)
    seen: set[str] = set()
    while frontier:
        parents = sorted({parent[c] for c in frontier if c in parent} - seen)
        for p in parents:
            kids = [c for c in nodes if parent.get(c) == p]
            cols[p] = np.sum(np.column_stack([cols[k] for k in kids]), axis=1)
            maximum[p] = sum(maximum[k] for k in kids)
        seen.update(parents)
        nodes.extend(parents)
        frontier = parents
    points = pd.DataFrame(cols, index=table.index)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = points / pd.Series(maximum)
    return PointsResult(points=points, maximum=maximum, values=values)


def _rule_points(table: pd.DataFrame, code: str, rule: ScoringRule) -> FloatArray:
    if rule.kind not in RULE_KINDS:
        raise ValueError(
            f"Chỉ tiêu '{code}': cách tính điểm '{rule.kind}' không có; "
            f"chọn một trong {', '.join(RULE_KINDS)}."
        )
    if rule.max_points < 0:
        raise ValueError(f"Chỉ tiêu '{code}': điểm tối đa phải không âm.")

    def column(name: str | None, what: str) -> pd.Series:
        if name is None or name not in table.columns:
            raise ValueError(f"Chỉ tiêu '{code}' cần cột {what} '{name}' trong bảng dữ liệu.")
        return table[name]

    if rule.kind == "ratio":
        a = column(rule.numerator, "tử số").to_numpy(dtype=np.float64)
        b = column(rule.denominator, "mẫu số").to_numpy(dtype=np.float64)
        return ratio_points(a, b, rule.max_points, rule.empty_full)
    if rule.kind == "steps":
        if not rule.steps:
            raise ValueError(f"Chỉ tiêu '{code}': cách tính theo bậc cần danh sách (ngưỡng, điểm).")
        return step_points(column(rule.column, "giá trị").to_numpy(dtype=np.float64), rule.steps)
    if rule.kind == "tiers":
        return tier_points(list(column(rule.column, "lựa chọn")), rule.tiers, rule.max_points)
    if rule.target is None or rule.target <= 0:
        raise ValueError(f"Chỉ tiêu '{code}': cách tính theo mục tiêu cần 'target' dương.")
    x = column(rule.column, "giá trị").to_numpy(dtype=np.float64)
    return target_points(x, rule.target, rule.max_points)


def band_of(values: pd.Series, bands: Sequence[tuple[float, str]]) -> pd.Series:
    """The label of the highest band whose lower bound the value reaches (missing → missing).

    Examples
    --------
    >>> band_of(pd.Series([0.82, 0.55, 0.2]), [(0.65, "A"), (0.5, "B"), (0.0, "C")]).tolist()
    ['A', 'B', 'C']
    """
    ordered = sorted(bands, key=lambda b: -b[0])
    out: list[str | None] = []
    for v in values.to_numpy(dtype=np.float64):
        label = None
        if not np.isnan(v):
            label = next((lab for lo, lab in ordered if v >= lo), None)
        out.append(label)
    return pd.Series(out, index=values.index, dtype=object)
