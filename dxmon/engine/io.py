"""Reading COINr files and running a spec over them in one call (used by the CLI)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from dxmon.engine.pipeline import Run, run_pipeline
from dxmon.engine.spec import load_spec
from dxmon.engine.tree import read_imeta, read_table, split_idata


def run_files(idata: str | Path, imeta: str | Path, spec: str | Path) -> Run:
    """Read iData, iMeta (CSV or XLSX) and a spec (YAML or JSON), and run the pipeline.

    Examples
    --------
    >>> from pathlib import Path
    >>> data = Path(__file__).parent / "tests" / "data"
    >>> run = run_files(data / "input_screened.csv", data / "iMeta.csv", data / "minmax_amean.json")
    >>> round(float(run.result.loc["AUS", "Index"]), 4)
    45.0625
    """
    tree = read_imeta(imeta)
    values, units = split_idata(read_table(idata), tree)
    return run_pipeline(values, units, tree, load_spec(spec))


def write_output(run: Run, out: str | Path) -> int:
    """Write COINr's aggregated data set as CSV (empty cell = NA); returns the number of rows."""
    table = run.output_table()
    table.to_csv(out, index=False, na_rep="", float_format=None)
    return int(np.int64(len(table)))
