"""A logged, regenerable run of the pipeline: COINr's ``coin`` plus ``Regen()``.

Every step writes a named data set (``Raw``, ``Denominated``, ``Imputed``, ``Screened``,
``Treated``, ``Normalised``, ``Aggregated``) and logs its arguments; ``regen()`` reruns the logged
spec on the stored raw data and gives identical numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dxmon.engine.aggregate import aggregate
from dxmon.engine.normalise import normalise
from dxmon.engine.spec import PipelineSpec, Step, check_spec
from dxmon.engine.steps import denominate, impute, screen, treat
from dxmon.engine.tree import IndicatorTree

DATASET_NAMES = {
    "denominate": "Denominated",
    "impute": "Imputed",
    "screen": "Screened",
    "treat": "Treated",
    "normalise": "Normalised",
    "aggregate": "Aggregated",
}


@dataclass(frozen=True)
class Run:
    """The result of a pipeline run: every data set, the step log and the treatment log."""

    tree: IndicatorTree
    units: pd.DataFrame
    spec: PipelineSpec
    datasets: Mapping[str, pd.DataFrame]
    log: tuple[Step, ...]
    treated_points: pd.DataFrame
    removed_units: tuple[str, ...]

    @property
    def result(self) -> pd.DataFrame:
        """The last data set written (``Aggregated`` for a full run)."""
        return self.datasets[list(self.datasets)[-1]]

    def regen(self) -> Run:
        """Rerun the logged spec on the raw data (COINr ``Regen``)."""
        return run_pipeline(self.datasets["Raw"], self.units, self.tree, PipelineSpec(self.log))

    def output_table(self) -> pd.DataFrame:
        """COINr's aggregated data set: ``uCode``, then indicators, aggregates and the index."""
        data = self.result
        cols = [c for c in self.tree.codes if c in data.columns]
        out = data[cols].reset_index()
        out.columns = ["uCode", *cols]
        return out


def run_pipeline(
    values: pd.DataFrame, units: pd.DataFrame, tree: IndicatorTree, spec: PipelineSpec
) -> Run:
    """Run ``spec`` over ``values`` (units × indicators, indexed by uCode).

    Parameters
    ----------
    values : DataFrame
        Raw indicator values, index uCode.
    units : DataFrame
        Unit attributes (group and denominator columns), same index.
    tree : IndicatorTree
    spec : PipelineSpec

    Returns
    -------
    Run

    Examples
    --------
    >>> from dxmon.engine.spec import parse_spec
    >>> from dxmon.engine.tree import IndicatorTree
    >>> tree = IndicatorTree(indicators=("a", "b"), levels=(("I",),), parent={"a": "I", "b": "I"},
    ...     weight={"a": 1, "b": 1, "I": 1}, direction={"a": 1, "b": -1, "I": 1})
    >>> v = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [30.0, 20.0, 10.0]},
    ...                  index=pd.Index(["X", "Y", "Z"], name="uCode"))
    >>> spec = parse_spec({"steps": [{"step": "normalise"}, {"step": "aggregate"}]})
    >>> run = run_pipeline(v, pd.DataFrame(index=v.index), tree, spec)
    >>> run.result["I"].tolist(), list(run.datasets)
    ([0.0, 50.0, 100.0], ['Raw', 'Normalised', 'Aggregated'])
    >>> run.regen().result.equals(run.result)
    True
    """
    check_spec(spec, tree, tuple(str(c) for c in units.columns))
    data = values[list(tree.indicators)].astype("float64")
    datasets: dict[str, pd.DataFrame] = {"Raw": data}
    treated = pd.DataFrame(columns=["uCode", "iCode", "before", "after", "treatment"])
    removed: tuple[str, ...] = ()
    for step in spec.steps:
        p: dict[str, Any] = dict(step.params)
        if step.step == "denominate":
            # COINr merges with the denominators by uCode, which sorts the units.
            data = denominate(data, units.reindex(data.index), tree).sort_index()
        elif step.step == "impute":
            groups = None
            if p.get("group"):
                groups = units.reindex(data.index)[p["group"]]
            data = impute(data, method=p["method"], groups=groups)
        elif step.step == "screen":
            sr = screen(
                data,
                dat_thresh=float(p["dat_thresh"]),
                unit_screen=p["unit_screen"],
                nonzero_thresh=float(p["nonzero_thresh"]),
            )
            data, removed = sr.data, removed + sr.removed
        elif step.step == "treat":
            tr = treat(
                data,
                winmax=p["winmax"],
                skew_thresh=float(p["skew_thresh"]),
                kurt_thresh=float(p["kurt_thresh"]),
                f2=p["f2"],
                combine_treat=bool(p["combine_treat"]),
            )
            data, treated = tr.data, tr.points
        elif step.step == "normalise":
            data = normalise(data[list(tree.indicators)], tree, method=p["method"], params=p)
        elif step.step == "aggregate":
            data = aggregate(
                data,
                tree,
                method=p["method"],
                dat_thresh=p["dat_thresh"],
                weights=p.get("weights"),
            )
        datasets[DATASET_NAMES[step.step]] = data
    return Run(
        tree=tree,
        units=units,
        spec=spec,
        datasets=datasets,
        log=spec.steps,
        treated_points=treated,
        removed_units=removed,
    )
