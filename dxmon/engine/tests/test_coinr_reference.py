"""Reproduce COINr 1.1.14's ASEM example (reference tables in tests/data, copied from
../shared/reference/coinr-asem): min-max + arithmetic mean, and the full pipeline from raw data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dxmon.engine.io import run_files, write_output

DATA = Path(__file__).parent / "data"


def _assert_same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(got.columns) == list(expected.columns)
    assert got["uCode"].tolist() == expected["uCode"].tolist()
    a = got.drop(columns="uCode").to_numpy(dtype=float)
    b = expected.drop(columns="uCode").to_numpy(dtype=float)
    np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-9)


def test_it_reproduces_coinr_minmax_amean_from_the_screened_data():
    """minmax_amean.csv: input_screened normalised onto [0, 100] and averaged level by level."""
    run = run_files(DATA / "input_screened.csv", DATA / "iMeta.csv", DATA / "minmax_amean.json")
    _assert_same(run.output_table(), pd.read_csv(DATA / "minmax_amean.csv"))


def test_it_reproduces_coinr_full_pipeline_from_raw_idata():
    """full_pipeline.csv: Denominate, Impute (i_mean_grp by EurAsia_group), Screen (0.9, byNA),
    Treat (winmax 5), Normalise (minmax 0-100), Aggregate (amean)."""
    run = run_files(DATA / "iData.csv", DATA / "iMeta.csv", DATA / "full_pipeline.yaml")
    _assert_same(run.output_table(), pd.read_csv(DATA / "full_pipeline.csv"))
    screened = run.datasets["Screened"]
    expected = pd.read_csv(DATA / "input_screened.csv").set_index("uCode")
    np.testing.assert_allclose(
        screened.loc[expected.index].to_numpy(), expected.to_numpy(), rtol=1e-9
    )


def test_it_logs_every_winsorised_point_of_the_asem_example():
    run = run_files(DATA / "iData.csv", DATA / "iMeta.csv", DATA / "full_pipeline.yaml")
    points = run.treated_points
    assert set(points["treatment"]) == {"winhi", "winlo"}
    # FemLab is skewed to the left: its lowest value is raised to the next one.
    femlab = points[points["iCode"] == "FemLab"]
    assert femlab["treatment"].tolist() == ["winlo"]
    assert (femlab["after"] > femlab["before"]).all()
    treated = run.datasets["Treated"]
    for u, i, before, after in points[["uCode", "iCode", "before", "after"]].to_numpy():
        assert treated.loc[u, i] == pytest.approx(after)
        assert run.datasets["Screened"].loc[u, i] == pytest.approx(before)


def test_it_writes_the_csv_that_coinr_writes(tmp_path):
    run = run_files(DATA / "iData.csv", DATA / "iMeta.csv", DATA / "full_pipeline.yaml")
    out = tmp_path / "out.csv"
    assert write_output(run, out) == 51
    _assert_same(pd.read_csv(out), pd.read_csv(DATA / "full_pipeline.csv"))


def test_it_reads_xlsx_as_well_as_csv(tmp_path):
    pd.read_csv(DATA / "input_screened.csv").to_excel(tmp_path / "iData.xlsx", index=False)
    pd.read_csv(DATA / "iMeta.csv").to_excel(tmp_path / "iMeta.xlsx", index=False)
    run = run_files(tmp_path / "iData.xlsx", tmp_path / "iMeta.xlsx", DATA / "minmax_amean.json")
    _assert_same(run.output_table(), pd.read_csv(DATA / "minmax_amean.csv"))


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dxmon.cli", "index", "run", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parents[3],
    )


def test_it_runs_the_cli_and_writes_the_full_pipeline(tmp_path):
    out = tmp_path / "index.csv"
    proc = _cli(
        "--idata",
        str(DATA / "iData.csv"),
        "--imeta",
        str(DATA / "iMeta.csv"),
        "--spec",
        str(DATA / "full_pipeline.yaml"),
        "--out",
        str(out),
    )
    assert proc.returncode == 0, proc.stderr
    assert "51" in proc.stdout
    _assert_same(pd.read_csv(out), pd.read_csv(DATA / "full_pipeline.csv"))


def test_it_prints_the_validation_error_and_exits_non_zero(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text("steps:\n  - {step: normalise, method: dist2targ}\n", encoding="utf-8")
    meta = pd.read_csv(DATA / "iMeta.csv")
    meta.loc[meta["iCode"] == "Goods", "Target"] = np.nan
    meta.to_csv(tmp_path / "iMeta.csv", index=False)
    proc = _cli(
        "--idata",
        str(DATA / "iData.csv"),
        "--imeta",
        str(tmp_path / "iMeta.csv"),
        "--spec",
        str(spec),
        "--out",
        str(tmp_path / "o.csv"),
    )
    assert proc.returncode != 0
    assert "'Goods'" in proc.stderr
    assert "Target" in proc.stderr
    assert not (tmp_path / "o.csv").exists()
