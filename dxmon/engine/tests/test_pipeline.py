"""The run object (COINr's coin): named data sets, the step log, the treatment log, regen."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dxmon.engine.io import run_files
from dxmon.engine.pipeline import run_pipeline
from dxmon.engine.spec import parse_spec
from dxmon.engine.tree import read_imeta, read_table, split_idata, tree_from_imeta

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def asem_run():
    return run_files(DATA / "iData.csv", DATA / "iMeta.csv", DATA / "full_pipeline.yaml")


def test_it_keeps_every_intermediate_data_set(asem_run):
    assert list(asem_run.datasets) == [
        "Raw",
        "Denominated",
        "Imputed",
        "Screened",
        "Treated",
        "Normalised",
        "Aggregated",
    ]
    assert asem_run.datasets["Raw"].isna().sum().sum() > 0
    assert asem_run.datasets["Imputed"].isna().sum().sum() == 0
    norm = asem_run.datasets["Normalised"]
    assert norm.min().min() == 0.0
    assert norm.max().max() == 100.0


def test_it_logs_every_step_with_all_its_arguments(asem_run):
    assert [s.step for s in asem_run.log] == [
        "denominate",
        "impute",
        "screen",
        "treat",
        "normalise",
        "aggregate",
    ]
    assert asem_run.log[1].params["group"] == "EurAsia_group"
    assert asem_run.log[3].params["kurt_thresh"] == 3.5


def test_it_regenerates_identical_numbers(asem_run):
    again = asem_run.regen()
    for name, data in asem_run.datasets.items():
        pd.testing.assert_frame_equal(again.datasets[name], data)
    pd.testing.assert_frame_equal(again.treated_points, asem_run.treated_points)


def test_it_gives_different_numbers_for_a_different_spec(asem_run):
    tree = read_imeta(DATA / "iMeta.csv")
    values, units = split_idata(read_table(DATA / "iData.csv"), tree)
    spec = parse_spec({**asem_run.spec.as_dict()})
    alt = run_pipeline(values, units, tree, spec.replace_step("treat", winmax=1))
    assert not np.allclose(alt.result["Index"], asem_run.result["Index"])


def test_it_screens_out_units_and_reports_them():
    tree = read_imeta(DATA / "iMeta.csv")
    values, units = split_idata(read_table(DATA / "iData.csv"), tree)
    run = run_pipeline(
        values, units, tree, parse_spec({"steps": [{"step": "screen", "dat_thresh": 0.95}]})
    )
    assert run.removed_units
    assert set(run.removed_units).isdisjoint(run.result.index)


def test_it_rejects_an_imeta_with_a_broken_tree():
    meta = pd.read_csv(DATA / "iMeta.csv")
    meta.loc[meta["iCode"] == "LPI", "Parent"] = "Nowhere"
    with pytest.raises(ValueError, match=r"'LPI'.*'Nowhere'"):
        tree_from_imeta(meta)


def test_it_needs_only_ucode_and_indicators_in_idata():
    tree = read_imeta(DATA / "iMeta.csv")
    screened = read_table(DATA / "input_screened.csv")
    _values, units = split_idata(screened, tree)
    assert units.columns.empty
    with pytest.raises(ValueError, match="LPI"):
        split_idata(screened.drop(columns="LPI"), tree)
