"""Benchmarks of the index engine (figures only, no assertions; ``make bench`` runs ``main``).

* A full national run: 10,040 synthetic communes under 700 districts and 63 provinces,
  70 indicators (20 of them ratios with numerators and denominators), 16 quarterly periods:
  min-max normalisation and weighted arithmetic means up the indicator tree for every period,
  then the raw values rolled up commune → district → province → nation by rule. The same is
  computed by a plain pandas group-by implementation as a baseline.
* One commune's recompute after an approval (one period renormalised, its ancestors rolled up).
* A 1,000-sample uncertainty analysis of ranks on 3,321 communes.

Run: ``python -m dxmon.engine.bench`` (``--quick`` for a smaller national run).
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dxmon.engine.aggregate import aggregate
from dxmon.engine.incremental import (
    index_state,
    index_update,
    panel_index,
    rollup_state,
    rollup_update,
)
from dxmon.engine.normalise import normalise
from dxmon.engine.rollup import Rule, roll_up
from dxmon.engine.spec import parse_spec
from dxmon.engine.tree import IndicatorTree
from dxmon.engine.uncertainty import Assumptions, rank_uncertainty

N_INDICATORS = 70
N_PILLARS = 10
N_RATIOS = 20


@dataclass(frozen=True)
class Synthetic:
    """A synthetic country: unit tree, indicator tree, and a long table (unit × period)."""

    tree: IndicatorTree
    parent: dict[str, str]
    table: pd.DataFrame
    periods: tuple[str, ...]


def synthetic(
    n_communes: int = 10_040,
    n_districts: int = 700,
    n_provinces: int = 63,
    n_periods: int = 16,
    seed: int = 0,
) -> Synthetic:
    """Build the synthetic country (seeded)."""
    rng = np.random.default_rng(seed)
    communes = [f"X{i:05d}" for i in range(n_communes)]
    districts = [f"H{i:03d}" for i in range(n_districts)]
    provinces = [f"T{i:02d}" for i in range(n_provinces)]
    parent: dict[str, str] = {}
    for i, c in enumerate(communes):
        parent[c] = districts[i * n_districts // n_communes]
    for j, d in enumerate(districts):
        parent[d] = provinces[j * n_provinces // n_districts]
    for p in provinces:
        parent[p] = "VN"
    codes = [f"i{k:02d}" for k in range(N_INDICATORS)]
    pillars = [f"p{k}" for k in range(N_PILLARS)]
    tparent = {c: pillars[k % N_PILLARS] for k, c in enumerate(codes)}
    tparent.update(dict.fromkeys(pillars, "DTI"))
    weight = {c: float(rng.integers(1, 4)) for c in codes}
    weight.update(dict.fromkeys([*pillars, "DTI"], 1.0))
    direction = {c: (-1 if k % 9 == 0 else 1) for k, c in enumerate(codes)}
    direction.update(dict.fromkeys([*pillars, "DTI"], 1))
    tree = IndicatorTree(
        indicators=tuple(codes),
        levels=(tuple(pillars), ("DTI",)),
        parent=tparent,
        weight=weight,
        direction=direction,
    )
    periods = tuple(f"{2022 + q // 4}Q{q % 4 + 1}" for q in range(n_periods))
    n = n_communes * n_periods
    cols: dict[str, Any] = {
        "unit": np.tile(np.array(communes, dtype=object), n_periods),
        "period": np.repeat(np.array(periods, dtype=object), n_communes),
    }
    for k, c in enumerate(codes):
        if k < N_RATIOS:
            den = rng.integers(1, 200, n).astype(np.float64)
            num = np.floor(den * rng.uniform(0, 1, n))
            cols[f"{c}_num"], cols[f"{c}_den"] = num, den
            cols[c] = num / den
        else:
            cols[c] = rng.gamma(2.0, 10.0, n)
    return Synthetic(tree=tree, parent=parent, table=pd.DataFrame(cols), periods=periods)


def _rules(tree: IndicatorTree) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for k, c in enumerate(tree.indicators):
        if k < N_RATIOS:
            rules[c] = Rule("ratio_sum", numerator=f"{c}_num", denominator=f"{c}_den")
        else:
            rules[c] = Rule("mean", column=c)
    rules["DTI"] = Rule("mean", column="DTI")
    return rules


def engine_national_per_period(s: Synthetic) -> pd.DataFrame:
    """The engine's first version: per period normalise + aggregate (pandas), then one roll-up."""
    codes = list(s.tree.indicators)
    scores = np.empty(len(s.table))
    for period in s.periods:
        mask = (s.table["period"] == period).to_numpy()
        x = pd.DataFrame(s.table.loc[mask, codes].to_numpy(), columns=codes)
        agg = aggregate(normalise(x, s.tree, method="minmax"), s.tree)
        scores[mask] = agg["DTI"].to_numpy()
    table = s.table.assign(DTI=scores)
    return roll_up(table, s.parent, _rules(s.tree), unit="unit", by=["period"])


def engine_national(s: Synthetic) -> pd.DataFrame:
    """The engine: every period normalised and aggregated at once (numpy), then one roll-up."""
    scores = panel_index(s.table, s.tree, period="period")["DTI"].to_numpy()
    table = s.table.assign(DTI=scores)
    return roll_up(table, s.parent, _rules(s.tree), unit="unit", by=["period"])


def pandas_baseline(s: Synthetic) -> pd.DataFrame:
    """A plain pandas group-by implementation of the same computation."""
    tree = s.tree
    codes = list(tree.indicators)
    df = s.table
    x = df[codes] * pd.Series(tree.direction)[codes]
    g = x.groupby(df["period"])
    lo, hi = g.transform("min"), g.transform("max")
    norm = (x - lo) / (hi - lo) * 100
    w = pd.Series({c: tree.weight[c] for c in codes})
    pillar_of = pd.Series({c: tree.parent[c] for c in codes})
    pillars = (norm * w).T.groupby(pillar_of).sum().T / w.groupby(pillar_of).sum()
    dti = pillars.mean(axis=1)
    table = df.assign(DTI=dti)
    levels = [table.assign(depth=0)]
    cur = table
    depth = 0
    ratio_cols = [f"{c}_{p}" for c in codes[:N_RATIOS] for p in ("num", "den")]
    mean_cols = [*codes[N_RATIOS:], "DTI"]
    cur = cur.assign(**{f"{c}_n": cur[c].notna().astype(float) for c in mean_cols})
    while True:
        up = cur["unit"].map(s.parent)
        if up.isna().all():
            break
        depth += 1
        cur = cur.assign(unit=up)
        sums = cur.groupby(["unit", "period"], sort=False)[
            ratio_cols + mean_cols + [f"{c}_n" for c in mean_cols]
        ].sum()
        cur = sums.reset_index()
        levels.append(cur.assign(depth=depth))
    out = pd.concat(levels, ignore_index=True)
    res = out[["unit", "period", "depth"]].copy()
    for c in codes[:N_RATIOS]:
        res[c] = out[f"{c}_num"] / out[f"{c}_den"]
    for c in mean_cols:
        n = out[f"{c}_n"].where(out["depth"] > 0, 1.0)
        res[c] = out[c] / n
    return res


def _measure(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, float, Any]:
    """Best wall time of ``repeat`` runs (as ``timeit`` reports; the first run also pays for
    cold caches and page faults), then one run under tracemalloc for the peak memory."""
    wall = float("inf")
    result: Any = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        wall = min(wall, time.perf_counter() - t0)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return wall, peak / 2**20, result


def bench_national(s: Synthetic) -> None:
    """Print the national run, the pandas baseline and their ratio."""
    print(
        f"Full national run: {s.table['unit'].nunique():,} communes × {N_INDICATORS} indicators "
        f"× {len(s.periods)} periods"
    )
    t_v, m_v, _ = _measure(lambda: engine_national_per_period(s))
    t_e, m_e, out_e = _measure(lambda: engine_national(s))
    print(f"  engine, per period (before) {t_v:8.3f} s   peak {m_v:8.1f} MiB")
    t_b, m_b, out_b = _measure(lambda: pandas_baseline(s))
    print(f"  engine          {t_e:8.3f} s   peak {m_e:8.1f} MiB")
    print(f"  pandas baseline {t_b:8.3f} s   peak {m_b:8.1f} MiB")
    print(f"  ratio engine/baseline: time {t_e / t_b:.2f}, memory {m_e / m_b:.2f}")
    key = ["unit", "period"]
    a = out_e.set_index(key).sort_index()["DTI"]
    b = out_b.set_index(key).sort_index()["DTI"]
    diff = float(np.nanmax(np.abs(a.to_numpy() - b.to_numpy())))
    print(f"  max |DTI engine - baseline| = {diff:.2e}")


def bench_one_commune(s: Synthetic) -> None:
    """Print the time to recompute after one commune's data is approved: the whole period
    renormalised (before), and the incremental path of ``index_update`` (only the commune's row
    when the period's minima and maxima stay; else the period) plus its district's roll-up."""
    codes = list(s.tree.indicators)
    commune = str(s.table["unit"].iloc[0])
    period = s.periods[-1]

    def recompute() -> pd.DataFrame:
        mask = (s.table["period"] == period).to_numpy()
        part = s.table.loc[mask]
        x = pd.DataFrame(part[codes].to_numpy(), columns=codes)
        agg = aggregate(normalise(x, s.tree, method="minmax"), s.tree)
        chain = {commune}
        node = commune
        while node in s.parent:
            node = s.parent[node]
            chain.add(node)
        district = s.parent[commune]
        siblings = [u for u, p in s.parent.items() if p == district]
        sub = part.assign(DTI=agg["DTI"].to_numpy())
        sub = sub[sub["unit"].isin(siblings)]
        return roll_up(sub, s.parent, _rules(s.tree), unit="unit")

    t, m, _ = _measure(recompute)
    print(f"One commune's recompute, whole period (before): {t * 1000:.1f} ms, peak {m:.1f} MiB")
    part = s.table.loc[(s.table["period"] == period).to_numpy()]
    values = pd.DataFrame(part[codes].to_numpy(), columns=codes, index=pd.Index(part["unit"]))
    state = index_state(values, s.tree)
    rules = _rules(s.tree)
    dti_col = list(s.tree.codes).index("DTI")
    ups = rollup_state(part.assign(DTI=state.result[:, dti_col]), s.parent, rules)
    rng = np.random.default_rng(7)
    pos = int(state.units.get_indexer(pd.Index([commune]))[0])
    sources = [c for c in ups.sources if c != "DTI"]
    src_pos = [list(part.columns).index(c) for c in sources]
    commune_row = part.to_numpy()[pos]

    def incremental() -> bool:
        new_values = values.to_numpy()[pos] * rng.uniform(0.98, 1.0, len(codes))
        upd = index_update(state, commune, dict(zip(codes, new_values, strict=True)), inplace=True)
        row = {c: float(commune_row[k]) for c, k in zip(sources, src_pos, strict=True)}
        row["DTI"] = float(upd.state.result[pos, dti_col])
        rollup_update(ups, commune, row, inplace=True)
        return upd.full

    t_i, m_i, full = _measure(incremental)
    print(
        f"One commune's recompute, incremental ({len(codes)} indicators, "
        f"{'whole period' if full else 'own row only'}, roll-up of its district, province and "
        f"nation): {t_i * 1000:.1f} ms, peak {m_i:.1f} MiB"
    )


def bench_uncertainty(n_units: int = 3_321, n_samples: int = 1_000) -> None:
    """Print the time of a seeded Monte Carlo analysis of ranks."""
    rng = np.random.default_rng(1)
    s = synthetic(n_communes=n_units, n_districts=n_units // 14, n_provinces=34, n_periods=1)
    codes = list(s.tree.indicators)
    values = pd.DataFrame(
        s.table[codes].to_numpy(), columns=codes, index=pd.Index(s.table["unit"], name="uCode")
    )
    values = values.mask(rng.uniform(size=values.shape) < 0.02)
    spec = parse_spec({"steps": [{"step": "impute"}, {"step": "normalise"}, {"step": "aggregate"}]})
    t0 = time.perf_counter()
    res = rank_uncertainty(
        values,
        pd.DataFrame(index=values.index),
        s.tree,
        spec,
        assumptions=Assumptions(),
        n=n_samples,
        seed=0,
    )
    wall = time.perf_counter() - t0
    width = float((res.q95 - res.q05).median())
    print(
        f"Uncertainty analysis: {n_samples:,} samples on {n_units:,} communes: {wall:.1f} s "
        f"(median 5–95% rank interval width {width:.0f} places)"
    )


def main(argv: list[str] | None = None) -> None:
    """Run every benchmark and print the figures."""
    args = sys.argv[1:] if argv is None else argv
    quick = "--quick" in args
    s = synthetic(n_communes=1_004, n_districts=70, n_periods=4) if quick else synthetic()
    bench_national(s)
    bench_one_commune(s)
    bench_uncertainty(n_units=332 if quick else 3_321, n_samples=100 if quick else 1_000)


if __name__ == "__main__":
    main()
