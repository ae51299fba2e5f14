"""Uncertainty and sensitivity of ranks (COINr ``get_sensitivity``, ``remove_elements``;
JRC/OECD Handbook 2008 step 8; Saltelli et al. 2010, "Variance based sensitivity analysis of model
output", Comput. Phys. Commun. 181: 259–270, Table 2: first order b, total order f (Jansen)).

Uncertain assumptions: noise on weights (uniform ±x %), the normalisation method, the aggregation
method, imputation on or off. The data are prepared once per imputation alternative; each sample
then only normalises and aggregates, so a 1,000-sample run on thousands of units takes seconds.
Every run is seeded and reproducible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from dxmon.engine.aggregate import aggregate
from dxmon.engine.normalise import normalise
from dxmon.engine.pipeline import run_pipeline
from dxmon.engine.spec import PipelineSpec, Step
from dxmon.engine.tree import IndicatorTree

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Assumptions:
    """The uncertain assumptions and their alternatives.

    The alternatives are sampled uniformly; the nominal spec gives the nominal ranks only.
    ``normalisations`` are normalise-step parameter dicts (e.g. ``{"method": "minmax", "range":
    [1, 100]}``); ``aggregations`` are aggregation methods. With a geometric or harmonic mean, use
    normalisations that stay positive.
    """

    weight_noise: float = 0.25
    normalisations: tuple[Mapping[str, Any], ...] = field(
        default_factory=lambda: ({"method": "minmax", "range": [1, 100]}, {"method": "rank"})
    )
    aggregations: tuple[str, ...] = ("amean", "gmean")
    impute_toggle: bool = True
    n_weight_sets: int = 100


@dataclass(frozen=True)
class UncertaintyResult:
    """Median rank and 5–95 % rank interval per unit, the nominal rank, and all sampled ranks."""

    nominal_rank: pd.Series
    median_rank: pd.Series
    q05: pd.Series
    q95: pd.Series
    ranks: pd.DataFrame


@dataclass(frozen=True)
class SensitivityResult:
    """First-order and total indices per factor, for the mean absolute rank shift and averaged over
    units (variance-weighted)."""

    first_order: pd.Series
    total: pd.Series
    first_order_by_unit: pd.DataFrame
    total_by_unit: pd.DataFrame


class _Model:
    """Prepared data and a fast evaluator of one assumption set → ranks of the index."""

    def __init__(
        self,
        values: pd.DataFrame,
        units: pd.DataFrame,
        tree: IndicatorTree,
        spec: PipelineSpec,
        assumptions: Assumptions,
        rng: np.random.Generator,
    ) -> None:
        self.tree = tree
        self.a = assumptions
        prep = PipelineSpec(
            tuple(s for s in spec.steps if s.step not in ("normalise", "aggregate"))
        )
        base = run_pipeline(values, units, tree, prep).result
        self.bases = [base]
        if assumptions.impute_toggle and any(s.step == "impute" for s in prep.steps):
            # Without imputation the same units are kept (no screening): means skip the gaps.
            off_spec = prep.without_step("impute").without_step("screen")
            off = run_pipeline(values, units, tree, off_spec).result
            self.bases.append(off.reindex(base.index))
        self.index = base.index
        self.weight_sets = [dict(tree.weight)]
        codes = [c for c in tree.codes if c in tree.parent]
        for _ in range(max(0, assumptions.n_weight_sets - 1)):
            noise = rng.uniform(-assumptions.weight_noise, assumptions.weight_noise, len(codes))
            self.weight_sets.append(
                {c: tree.weight[c] * (1 + e) for c, e in zip(codes, noise, strict=True)}
            )
        nominal_norm = next((dict(s.params) for s in spec.steps if s.step == "normalise"), None)
        nominal_agg = next(
            (s.params["method"] for s in spec.steps if s.step == "aggregate"), "amean"
        )
        self.nominal_norm: Mapping[str, Any] = nominal_norm or {"method": "minmax"}
        self.nominal_agg = str(nominal_agg)
        self.norms: list[Mapping[str, Any]] = list(assumptions.normalisations) or [
            self.nominal_norm
        ]
        self.aggs = list(assumptions.aggregations) or [nominal_agg]
        self.sizes = {
            "weights": len(self.weight_sets) if assumptions.weight_noise > 0 else 1,
            "normalisation": len(self.norms),
            "aggregation": len(self.aggs),
            "imputation": len(self.bases),
        }
        self.factors = [f for f, n in self.sizes.items() if n > 1]

    def scores(self, choice: Mapping[str, int] | None) -> FloatArray:
        """Index scores for one alternative per factor; ``None`` gives the nominal spec."""
        if choice is None:
            base, norm = self.bases[0], self.nominal_norm
            agg_method, weights = self.nominal_agg, self.weight_sets[0]
        else:
            base = self.bases[choice.get("imputation", 0)]
            norm = self.norms[choice.get("normalisation", 0)]
            agg_method = self.aggs[choice.get("aggregation", 0)]
            weights = self.weight_sets[choice.get("weights", 0)]
        x = normalise(base, self.tree, method=norm.get("method", "minmax"), params=norm)
        agg = aggregate(x, self.tree, method=agg_method, weights=weights)
        return agg[self.tree.root].to_numpy(dtype=np.float64)

    def check(self) -> None:
        """Fail early, with the engine's message, if a combination of alternatives cannot run."""
        for i in range(len(self.norms)):
            for j in range(len(self.aggs)):
                self.scores({"normalisation": i, "aggregation": j})

    def ranks(self, choice: Mapping[str, int] | None) -> FloatArray:
        s = self.scores(choice)
        return np.asarray(
            pd.Series(s).rank(ascending=False, method="min").to_numpy(), dtype=np.float64
        )

    def choose(self, u: FloatArray) -> dict[str, int]:
        """Map a point of the unit hypercube to one alternative per factor."""
        return {
            f: min(int(v * self.sizes[f]), self.sizes[f] - 1)
            for f, v in zip(self.factors, u, strict=True)
        }


def rank_uncertainty(
    values: pd.DataFrame,
    units: pd.DataFrame,
    tree: IndicatorTree,
    spec: PipelineSpec,
    *,
    assumptions: Assumptions | None = None,
    n: int = 1000,
    seed: int = 0,
) -> UncertaintyResult:
    """Monte Carlo over the assumptions: each sample draws one alternative per factor uniformly.

    Returns each unit's median rank and the 5 % and 95 % quantiles of its rank.

    Examples
    --------
    >>> from dxmon.engine.spec import parse_spec
    >>> rng = np.random.default_rng(1)
    >>> tree = IndicatorTree(indicators=("a", "b", "c"), levels=(("I",),),
    ...     parent={"a": "I", "b": "I", "c": "I"}, weight={"a": 1, "b": 1, "c": 1, "I": 1},
    ...     direction={"a": 1, "b": 1, "c": 1, "I": 1})
    >>> v = pd.DataFrame(rng.uniform(1, 10, (6, 3)), columns=list("abc"),
    ...                  index=pd.Index(list("UVWXYZ"), name="uCode"))
    >>> spec = parse_spec({"steps": [{"step": "normalise"}, {"step": "aggregate"}]})
    >>> r = rank_uncertainty(v, pd.DataFrame(index=v.index), tree, spec, n=50, seed=3)
    >>> bool(((r.q05 <= r.median_rank) & (r.median_rank <= r.q95)).all())
    True
    """
    a = assumptions or Assumptions()
    if n < 1:
        raise ValueError("Số mẫu n phải ≥ 1.")
    rng = np.random.default_rng(seed)
    model = _Model(values, units, tree, spec, a, rng)
    model.check()
    nominal = model.ranks(None)
    samples = np.empty((n, len(model.index)))
    for k in range(n):
        samples[k] = model.ranks(model.choose(rng.uniform(size=len(model.factors))))
    ranks = pd.DataFrame(samples, columns=model.index)
    return UncertaintyResult(
        nominal_rank=pd.Series(nominal, index=model.index),
        median_rank=ranks.median(),
        q05=ranks.quantile(0.05),
        q95=ranks.quantile(0.95),
        ranks=ranks,
    )


def rank_sensitivity(
    values: pd.DataFrame,
    units: pd.DataFrame,
    tree: IndicatorTree,
    spec: PipelineSpec,
    *,
    assumptions: Assumptions | None = None,
    n: int = 100,
    seed: int = 0,
) -> SensitivityResult:
    """Variance-based first-order and total indices of the ranks, with ``n (d + 2)`` runs.

    With matrices A, B (n × d uniform) and A_B^(i) (A with column i from B):
    ``S_i = mean(f(B) (f(A_B^i) - f(A))) / V`` (Saltelli 2010) and
    ``ST_i = mean((f(A) - f(A_B^i))^2) / (2 V)`` (Jansen 1999). The scalar output is the mean
    absolute rank shift from the nominal ranks (as COINr); per unit, the output is its rank.

    Examples
    --------
    >>> from dxmon.engine.spec import parse_spec
    >>> rng = np.random.default_rng(1)
    >>> tree = IndicatorTree(indicators=("a", "b", "c"), levels=(("I",),),
    ...     parent={"a": "I", "b": "I", "c": "I"}, weight={"a": 1, "b": 1, "c": 1, "I": 1},
    ...     direction={"a": 1, "b": 1, "c": 1, "I": 1})
    >>> v = pd.DataFrame(rng.uniform(1, 10, (8, 3)), columns=list("abc"),
    ...                  index=pd.Index(list("STUVWXYZ"), name="uCode"))
    >>> spec = parse_spec({"steps": [{"step": "normalise"}, {"step": "aggregate"}]})
    >>> s = rank_sensitivity(v, pd.DataFrame(index=v.index), tree, spec, n=64, seed=2)
    >>> sorted(s.total.index)
    ['aggregation', 'normalisation', 'weights']
    """
    a = assumptions or Assumptions()
    rng = np.random.default_rng(seed)
    model = _Model(values, units, tree, spec, a, rng)
    d = len(model.factors)
    if d == 0:
        raise ValueError(
            "Không có giả định nào thay đổi: "
            "thêm phương án chuẩn hoá, tổng hợp hoặc nhiễu trọng số."
        )
    model.check()
    nominal = model.ranks(None)
    A = rng.uniform(size=(n, d))
    B = rng.uniform(size=(n, d))

    def evaluate(M: FloatArray) -> FloatArray:
        return np.vstack([model.ranks(model.choose(row)) for row in M])

    fA, fB = evaluate(A), evaluate(B)
    fAB = []
    for i in range(d):
        ABi = A.copy()
        ABi[:, i] = B[:, i]
        fAB.append(evaluate(ABi))

    def indices(
        ya: FloatArray, yb: FloatArray, yab: list[FloatArray]
    ) -> tuple[FloatArray, FloatArray]:
        var = np.var(np.concatenate([ya, yb]), axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            s = np.array([np.mean(yb * (y - ya), axis=0) / var for y in yab])
            st = np.array([np.mean((ya - y) ** 2, axis=0) / (2 * var) for y in yab])
        return s, st

    mars = [np.nanmean(np.abs(m - nominal), axis=1) for m in (fA, fB, *fAB)]
    s_m, st_m = indices(mars[0], mars[1], mars[2:])
    s_u, st_u = indices(fA, fB, fAB)
    return SensitivityResult(
        first_order=pd.Series(s_m, index=model.factors),
        total=pd.Series(st_m, index=model.factors),
        first_order_by_unit=pd.DataFrame(s_u.T, index=model.index, columns=model.factors),
        total_by_unit=pd.DataFrame(st_u.T, index=model.index, columns=model.factors),
    )


def leave_one_out(
    values: pd.DataFrame,
    units: pd.DataFrame,
    tree: IndicatorTree,
    spec: PipelineSpec,
    *,
    indicators: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Rank shift of every unit when one indicator at a time is removed (COINr ``remove_elements``).

    Returns a units × indicators table of ``rank_without - rank_nominal``; the column mean of its
    absolute values is the mean absolute rank shift of that indicator.

    Examples
    --------
    >>> from dxmon.engine.spec import parse_spec
    >>> tree = IndicatorTree(indicators=("a", "b", "c"), levels=(("I",),),
    ...     parent={"a": "I", "b": "I", "c": "I"}, weight={"a": 1, "b": 1, "c": 1, "I": 1},
    ...     direction={"a": 1, "b": 1, "c": 1, "I": 1})
    >>> v = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [1.0, 2.0, 3.0], "c": [10.0, 0.0, 0.0]},
    ...                  index=pd.Index(["X", "Y", "Z"], name="uCode"))
    >>> spec = parse_spec({"steps": [{"step": "normalise"}, {"step": "aggregate"}]})

    Hand computed: with c the index is X 33.3, Y 33.3, Z 66.7 (ranks 2, 2, 1); without c it is
    X 0, Y 50, Z 100 (ranks 3, 2, 1), so X loses one place.

    >>> leave_one_out(v, pd.DataFrame(index=v.index), tree, spec)["c"].tolist()
    [1, 0, 0]
    """
    base = run_pipeline(values, units, tree, spec)
    nominal = base.result[tree.root].rank(ascending=False, method="min")
    out = {}
    for code in indicators or tree.indicators:
        sub = tree.without(code)
        parent = tree.parent.get(code)
        if parent is not None and not any(sub.parent.get(c) == parent for c in sub.indicators):
            raise ValueError(
                f"Bỏ '{code}' làm nhóm '{parent}' trống; "
                f"chỉ thử bỏ chỉ số ở nhóm có ít nhất hai chỉ số."
            )
        run = run_pipeline(
            values, units, sub, PipelineSpec(tuple(_drop(s, code) for s in spec.steps))
        )
        r = run.result[tree.root].rank(ascending=False, method="min")
        out[code] = (r.reindex(nominal.index) - nominal).astype("Int64")
    return pd.DataFrame(out, index=nominal.index)


def _drop(step: Step, code: str) -> Step:
    weights = step.params.get("weights")
    if isinstance(weights, Mapping) and code in weights:
        return Step(
            step.step,
            {**dict(step.params), "weights": {k: v for k, v in weights.items() if k != code}},
        )
    return step
