"""dxmon's framework-free composite-index engine (numpy/pandas in, frozen dataclasses out).

A port of COINr 1.1.14's pipeline (denominate, impute, screen, treat, normalise, aggregate) with
its run log and regeneration, DTI-style points, roll-up of raw values up the unit tree, results
(ranks, contributions) and the uncertainty and sensitivity of ranks. Never imports Django.
"""

from __future__ import annotations

from dxmon.engine.aggregate import aggregate
from dxmon.engine.incremental import index_state, index_update, panel_index
from dxmon.engine.io import run_files, write_output
from dxmon.engine.lineage import follow_forward, impute_panel, rebuild_successors
from dxmon.engine.normalise import normalise
from dxmon.engine.pipeline import Run, run_pipeline
from dxmon.engine.points import ScoringRule, score_points
from dxmon.engine.rollup import Rule, roll_up
from dxmon.engine.spec import PipelineSpec, Step, load_spec, loads_spec, parse_spec
from dxmon.engine.tree import IndicatorTree, read_imeta, split_idata, tree_from_imeta

__all__ = [
    "IndicatorTree",
    "PipelineSpec",
    "Rule",
    "Run",
    "ScoringRule",
    "Step",
    "aggregate",
    "follow_forward",
    "impute_panel",
    "index_state",
    "index_update",
    "load_spec",
    "loads_spec",
    "normalise",
    "panel_index",
    "parse_spec",
    "read_imeta",
    "rebuild_successors",
    "roll_up",
    "run_files",
    "run_pipeline",
    "score_points",
    "split_idata",
    "tree_from_imeta",
    "write_output",
]
