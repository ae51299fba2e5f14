"""Denominate, impute, screen and treat, against hand computations and COINr's definitions
(COINr 1.1.14 R/treat.R, R/impute.R, R/screen_units.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dxmon.engine.steps import (
    impute,
    kurt,
    log_ct,
    passes_skew_kurt,
    screen,
    skew,
    treat,
    winsorise,
)


def test_it_computes_excel_skew_and_kurtosis():
    """x = 1..10: symmetric, skew 0; Excel KURT(1..10) = -1.2."""
    x = np.arange(1.0, 11.0)
    assert skew(x) == pytest.approx(0.0, abs=1e-12)
    assert kurt(x) == pytest.approx(-1.2)


def test_it_computes_type_2_skew_by_hand():
    """x = (1, 2, 3, 10): mean 4, d = (-3, -2, -1, 6), sum d^2 = 50, sum d^3 = 180.
    g1 = sqrt(4) * 180 / 50^1.5 = 1.01823; G1 = g1 * sqrt(12) / 2 = 1.76363."""
    g1 = 2 * 180 / 50**1.5
    assert skew(np.array([1.0, 2.0, 3.0, 10.0])) == pytest.approx(g1 * np.sqrt(12) / 2)


def test_it_skips_missing_values_in_skew():
    assert skew(np.array([1.0, np.nan, 2.0, 3.0, 10.0])) == pytest.approx(
        skew(np.array([1.0, 2.0, 3.0, 10.0]))
    )


def test_it_passes_when_either_skew_or_kurtosis_is_within_bounds():
    x = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100])
    assert passes_skew_kurt(x) is False
    assert passes_skew_kurt(x, skew_thresh=10) is True
    assert passes_skew_kurt(x, kurt_thresh=100) is True
    assert passes_skew_kurt(np.ones(5)) is None


def test_it_winsorises_the_top_point_until_the_test_passes():
    """COINr's example 1..10, 30, 100: one step (100 → 30) already passes."""
    w = winsorise(np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100]), winmax=5)
    assert w.x.tolist()[-2:] == [30.0, 30.0]
    assert w.nwin == 1


def test_it_counts_tied_maxima_as_coinr_does():
    """1..20, 100, 101: 101 → 100 fails again; then both 100s → 20. COINr counts the points tied
    at the last maximum, so nwin = 2."""
    w = winsorise(np.append(np.arange(1.0, 21), [100, 101]), winmax=5)
    assert w.x.tolist()[-3:] == [20.0, 20.0, 20.0]
    assert w.nwin == 2
    assert w.treated.count("winhi") == 2


def test_it_stops_at_winmax():
    w = winsorise(np.append(np.arange(1.0, 21), [100, 101]), winmax=1)
    assert w.nwin == 1
    assert w.x.tolist()[-2:] == [100.0, 100.0]


def test_it_winsorises_low_outliers_when_skew_is_negative():
    w = winsorise(-np.append(np.arange(1.0, 21), [100, 101]), winmax=5)
    assert w.x.min() == -20.0
    assert w.treated.count("winlo") == 2
    assert "winhi" not in w.treated


def test_it_falls_back_to_log_ct_on_the_original_data():
    """With winmax 0 nothing is winsorised, so log_CT applies to the original column."""
    x = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100])
    r = treat(pd.DataFrame({"a": x}), winmax=0)
    np.testing.assert_allclose(r.data["a"], np.log(x - 1 + 0.01 * 99))
    assert set(r.points["treatment"]) == {"log_CT"}
    assert len(r.points) == 12


def test_it_leaves_passing_indicators_untouched():
    v = pd.DataFrame({"a": np.arange(1.0, 11.0)})
    r = treat(v)
    assert r.data.equals(v)
    assert r.points.empty


def test_it_computes_log_ct_by_hand():
    """x = (0, 1, 100): a = 0.01 * 100 = 1 → log(1), log(2), log(101)."""
    np.testing.assert_allclose(log_ct(np.array([0.0, 1.0, 100.0])), np.log([1.0, 2.0, 101.0]))


def test_it_imputes_by_group_mean():
    v = pd.DataFrame({"a": [1.0, 3.0, np.nan, 10.0, np.nan]})
    g = pd.Series(["x", "x", "x", "y", "y"])
    assert impute(v, method="mean_group", groups=g)["a"].tolist() == [1.0, 3.0, 2.0, 10.0, 10.0]


def test_it_keeps_missing_values_of_units_without_group():
    v = pd.DataFrame({"a": [1.0, np.nan, np.nan]})
    out = impute(v, method="mean_group", groups=pd.Series(["x", "x", None]))
    assert out["a"].tolist()[:2] == [1.0, 1.0]
    assert np.isnan(out["a"].iloc[2])


def test_it_rejects_an_unknown_imputation_method():
    with pytest.raises(ValueError, match="mean_group"):
        impute(pd.DataFrame({"a": [1.0]}), method="knn")


def test_it_requires_a_group_column_for_group_imputation():
    with pytest.raises(ValueError, match="group"):
        impute(pd.DataFrame({"a": [1.0]}), method="median_group")


def test_it_screens_units_below_the_availability_threshold():
    v = pd.DataFrame(
        {"a": [1.0, np.nan, 0.0], "b": [1.0, 2.0, 0.0], "c": [1.0, np.nan, 0.0]}, index=list("XYZ")
    )
    r = screen(v, dat_thresh=0.5)
    assert r.removed == ("Y",)
    assert r.availability.round(4).tolist() == [1.0, 0.3333, 1.0]
    assert screen(v, dat_thresh=0.5, unit_screen="byNAandzeros").removed == ("Y", "Z")
