"""Data preparation steps as COINr 1.1.14 defines them: denominate, impute, screen, treat.

Sources: COINr 1.1.14 ``R/denominate.R``, ``R/impute.R``, ``R/screen_units.R``, ``R/treat.R``;
JRC/OECD Handbook (2008) step 3 "Imputation of missing data" and outlier treatment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from dxmon.engine.tree import IndicatorTree

FloatArray = NDArray[np.float64]

IMPUTE_METHODS = ("mean", "median", "mean_group", "median_group")
SCREEN_METHODS = ("byNA", "byzeros", "byNAandzeros", "none")


# --- Denominate --------------------------------------------------------------------------------


def denominate(values: pd.DataFrame, units: pd.DataFrame, tree: IndicatorTree) -> pd.DataFrame:
    """Divide each indicator by its denominator: ``x / d * scale`` (COINr ``Denominate``).

    Indicators without a denominator in iMeta are returned unchanged.

    Examples
    --------
    >>> from dxmon.engine.tree import IndicatorTree
    >>> tree = IndicatorTree(indicators=("a", "b"), levels=(("I",),),
    ...     parent={"a": "I", "b": "I"}, weight={"a": 1, "b": 1, "I": 1},
    ...     direction={"a": 1, "b": 1, "I": 1}, denominator={"a": "Pop"})
    >>> v = pd.DataFrame({"a": [10.0, 30.0], "b": [1.0, 2.0]}, index=["X", "Y"])
    >>> denominate(v, pd.DataFrame({"Pop": [2.0, 3.0]}, index=["X", "Y"]), tree)["a"].tolist()
    [5.0, 10.0]
    """
    out = values.copy()
    for code, den in tree.denominator.items():
        if code not in out.columns:
            continue
        if den not in units.columns:
            raise ValueError(
                f"Chỉ số '{code}' cần mẫu số '{den}' nhưng iData không có cột này; "
                f"thêm cột '{den}' hoặc xoá Denominator của '{code}' trong iMeta."
            )
        d = pd.to_numeric(units[den], errors="coerce").to_numpy(dtype=np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[code] = out[code].to_numpy() / d * tree.scale_factor.get(code, 1.0)
    return out


# --- Impute ------------------------------------------------------------------------------------


def _impute_columns(x: FloatArray, how: str) -> FloatArray:
    """Kernel: fill NaN in each column with its column mean or median."""
    out = x.copy()
    with np.errstate(invalid="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            fill = np.nanmean(x, axis=0) if how == "mean" else np.nanmedian(x, axis=0)
    rows, cols = np.nonzero(np.isnan(out))
    out[rows, cols] = fill[cols]
    return out


def impute(
    values: pd.DataFrame,
    *,
    method: str = "mean",
    groups: pd.Series | None = None,
) -> pd.DataFrame:
    """Fill missing values column by column (COINr `i_mean`, `i_median`, `i_*_grp`).

    ``x_ij = mean_i'(x_i'j)`` (or the median) over the units ``i'`` with data, within the same
    group for the ``*_group`` methods. Units with no group keep their NaN (COINr ``skip_f_na``).

    Parameters
    ----------
    values : DataFrame
        Units × indicators.
    method : {"mean", "median", "mean_group", "median_group"}
    groups : Series, optional
        The group of each unit (required for the group methods).

    Examples
    --------
    >>> v = pd.DataFrame({"a": [1.0, np.nan, 3.0, 10.0, np.nan]})
    >>> impute(v)["a"].tolist()
    [1.0, 4.666666666666667, 3.0, 10.0, 4.666666666666667]
    >>> g = pd.Series(["x", "x", "x", "y", "y"])
    >>> impute(v, method="median_group", groups=g)["a"].tolist()
    [1.0, 2.0, 3.0, 10.0, 10.0]
    """
    if method not in IMPUTE_METHODS:
        raise ValueError(
            f"Phương pháp điền khuyết '{method}' không có; "
            f"chọn một trong {', '.join(IMPUTE_METHODS)}."
        )
    x = values.to_numpy(dtype=np.float64)
    base = "mean" if method.startswith("mean") else "median"
    if not method.endswith("_group"):
        out = _impute_columns(x, base)
    else:
        if groups is None:
            raise ValueError(
                f"Điền khuyết '{method}' cần cột nhóm: thêm 'group: TÊN_CỘT' (ví dụ EurAsia_group)."
            )
        g = pd.Series(np.asarray(groups, dtype=object))
        out = x.copy()
        for _, idx in g.groupby(g, dropna=True).indices.items():
            out[idx] = _impute_columns(x[idx], base)
    return pd.DataFrame(out, index=values.index, columns=values.columns)


# --- Screen ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreenResult:
    """Screened data, the data availability of every unit, and the removed units."""

    data: pd.DataFrame
    availability: pd.Series
    removed: tuple[str, ...]


def screen(
    values: pd.DataFrame,
    *,
    dat_thresh: float = 0.66,
    unit_screen: str = "byNA",
    nonzero_thresh: float = 0.05,
) -> ScreenResult:
    """Drop units with too little data (COINr ``Screen``).

    ``Dat_Avail_i = 1 - n_NA,i / n_ind``; ``Non_Zero_i = 1 - n_zero,i / (n_ind - n_NA,i)``.
    ``byNA`` keeps units with ``Dat_Avail >= dat_thresh``; ``byzeros`` keeps units with
    ``Non_Zero >= nonzero_thresh``; ``byNAandzeros`` needs both.

    Examples
    --------
    >>> v = pd.DataFrame({"a": [1.0, np.nan, 3.0], "b": [1.0, np.nan, np.nan]}, index=list("XYZ"))
    >>> r = screen(v, dat_thresh=0.5)
    >>> r.data.index.tolist(), r.removed
    (['X', 'Z'], ('Y',))
    """
    if unit_screen not in SCREEN_METHODS:
        raise ValueError(
            f"unit_screen '{unit_screen}' không có; chọn một trong {', '.join(SCREEN_METHODS)}."
        )
    for name, thr in (("dat_thresh", dat_thresh), ("nonzero_thresh", nonzero_thresh)):
        if not 0 <= thr <= 1:
            raise ValueError(f"{name} phải nằm trong [0, 1], nhận được {thr}.")
    x = values.to_numpy(dtype=np.float64)
    n = x.shape[1]
    n_na = np.isnan(x).sum(axis=1)
    n_zero = (x == 0).sum(axis=1)
    avail = 1 - n_na / n
    with np.errstate(divide="ignore", invalid="ignore"):
        nonzero = 1 - n_zero / (n - n_na)
    keep = np.ones(len(x), dtype=bool)
    if unit_screen in ("byNA", "byNAandzeros"):
        keep &= avail >= dat_thresh
    if unit_screen in ("byzeros", "byNAandzeros"):
        keep &= nonzero >= nonzero_thresh
    removed = tuple(str(u) for u in values.index[~keep])
    return ScreenResult(
        data=values.loc[keep],
        availability=pd.Series(avail, index=values.index, name="Dat_Avail"),
        removed=removed,
    )


# --- Treat -------------------------------------------------------------------------------------


def skew(x: FloatArray) -> float:
    """Sample skewness, e1071 type 2 (Excel's SKEW), as COINr ``skew()``; NaN skipped.

    ``g = sqrt(n) sum(d^3) / sum(d^2)^(3/2)``, ``G = g sqrt(n (n-1)) / (n-2)``, ``d = x - mean``.

    Examples
    --------
    >>> round(skew(np.array([1.0, 2.0, 3.0, 10.0])), 6)
    1.763633
    """
    v = x[~np.isnan(x)]
    n = v.size
    if n < 3:
        return float("nan")
    d = v - v.mean()
    s2 = float(np.sum(d**2))
    if s2 == 0:
        return float("nan")
    g = np.sqrt(n) * float(np.sum(d**3)) / s2**1.5
    return float(g * np.sqrt(n * (n - 1)) / (n - 2))


def kurt(x: FloatArray) -> float:
    """Sample excess kurtosis, e1071 type 2 (Excel's KURT), as COINr ``kurt()``; NaN skipped.

    ``r = n sum(d^4) / sum(d^2)^2``, ``K = ((n+1)(r-3) + 6)(n-1) / ((n-2)(n-3))``.

    Examples
    --------
    >>> round(kurt(np.array([1.0, 2.0, 3.0, 10.0])), 6)
    3.228
    """
    v = x[~np.isnan(x)]
    n = v.size
    if n < 4:
        return float("nan")
    d = v - v.mean()
    s2 = float(np.sum(d**2))
    if s2 == 0:
        return float("nan")
    r = n * float(np.sum(d**4)) / s2**2
    return float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


def passes_skew_kurt(
    x: FloatArray, skew_thresh: float = 2.0, kurt_thresh: float = 3.5
) -> bool | None:
    """COINr ``check_SkewKurt``: pass if ``|skew| < skew_thresh`` OR ``kurt < kurt_thresh``.

    Returns None when skew or kurtosis cannot be computed (COINr's NA: left untreated).

    Examples
    --------
    >>> passes_skew_kurt(np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100]))
    False
    """
    sk, kt = skew(x), kurt(x)
    if np.isnan(sk) or np.isnan(kt):
        return None
    return bool(abs(sk) < skew_thresh or kt < kurt_thresh)


@dataclass(frozen=True)
class Winsorised:
    """A winsorised vector, the number of points changed and their labels ("winhi"/"winlo")."""

    x: FloatArray
    nwin: int
    treated: tuple[str, ...]


def winsorise(
    x: FloatArray, *, winmax: int | None = 5, skew_thresh: float = 2.0, kurt_thresh: float = 3.5
) -> Winsorised:
    """COINr ``winsorise``: reassign the extreme point(s) to the next value until the test passes.

    While the skew/kurtosis test fails and fewer than ``winmax`` points are winsorised: if
    ``skew >= 0`` every point equal to the maximum takes the largest other value, else every
    point equal to the minimum takes the smallest other value. ``nwin`` counts the points tied at
    the last replaced maximum plus those at the last replaced minimum, exactly as COINr does.

    Examples
    --------
    x = 1..20, 100, 101: 101 → 100 (the test still fails), then both 100s → 20.

    >>> w = winsorise(np.append(np.arange(1.0, 21), [100, 101]))
    >>> w.x.tolist()[-3:], w.nwin, w.treated[-2:]
    ([20.0, 20.0, 20.0], 2, ('winhi', 'winhi'))
    """
    x = x.astype(np.float64, copy=True)
    passing = passes_skew_kurt(x, skew_thresh, kurt_thresh)
    nwin = 0
    imax: NDArray[np.intp] = np.array([], dtype=np.intp)
    imin: NDArray[np.intp] = np.array([], dtype=np.intp)
    if passing is False:
        while passing is False and (winmax is None or nwin < winmax):
            if skew(x) >= 0:
                imax = np.flatnonzero(x == np.nanmax(x))
                rest = np.delete(x, imax)
                x[imax] = np.nanmax(rest)
            else:
                imin = np.flatnonzero(x == np.nanmin(x))
                rest = np.delete(x, imin)
                x[imin] = np.nanmin(rest)
            nwin = imax.size + imin.size
            passing = passes_skew_kurt(x, skew_thresh, kurt_thresh)
    labels = [""] * x.size
    for i in imax:
        labels[int(i)] = "winhi"
    for i in imin:
        labels[int(i)] = "winlo"
    return Winsorised(x=x, nwin=nwin, treated=tuple(labels))


def log_ct(x: FloatArray) -> FloatArray:
    """COINr ``log_CT``: ``log(x - min(x) + 0.01 (max(x) - min(x)))``, NaN skipped.

    Examples
    --------
    >>> np.round(log_ct(np.array([0.0, 1.0, 100.0])), 4).tolist()
    [0.0, 0.6931, 4.6151]
    """
    lo, hi = np.nanmin(x), np.nanmax(x)
    return np.asarray(np.log(x - lo + 0.01 * (hi - lo)), dtype=np.float64)


@dataclass(frozen=True)
class TreatResult:
    """Treated data, one row per indicator of details, and one row per changed point."""

    data: pd.DataFrame
    details: pd.DataFrame
    points: pd.DataFrame


def treat(
    values: pd.DataFrame,
    *,
    winmax: int | None = 5,
    skew_thresh: float = 2.0,
    kurt_thresh: float = 3.5,
    f2: str | None = "log_CT",
    combine_treat: bool = False,
) -> TreatResult:
    """Outlier treatment as COINr ``Treat`` with its defaults.

    For each indicator: if the skew/kurtosis test fails, winsorise up to ``winmax`` points; if it
    still fails, apply ``log_CT`` to the *original* column (``combine_treat=False``), else to the
    winsorised one. The test passes when ``|skew| < skew_thresh`` or ``kurt < kurt_thresh``.

    Examples
    --------
    >>> v = pd.DataFrame({"a": np.append(np.arange(1.0, 21), [100, 101])})
    >>> r = treat(v)
    >>> r.data["a"].tolist()[-2:]
    [20.0, 20.0]
    >>> r.points[["iCode", "before", "after", "treatment"]].values.tolist()
    [['a', 100.0, 20.0, 'winhi'], ['a', 101.0, 20.0, 'winhi']]
    """
    if winmax is not None and winmax < 0:
        raise ValueError(f"winmax phải là số nguyên không âm, nhận được {winmax}.")
    if f2 not in (None, "log_CT", "none"):
        raise ValueError(f"Biến đổi bậc hai '{f2}' không có; dùng 'log_CT' hoặc 'none'.")
    out = values.copy()
    details: list[dict[str, object]] = []
    points: list[dict[str, object]] = []
    for code in values.columns:
        x = values[code].to_numpy(dtype=np.float64)
        row: dict[str, object] = {"iCode": code, "skew_0": skew(x), "kurt_0": kurt(x)}
        passing = passes_skew_kurt(x, skew_thresh, kurt_thresh)
        row["pass_0"] = passing
        labels: Sequence[str] = [""] * x.size
        new = x
        if passing is False:
            w = winsorise(x, winmax=winmax, skew_thresh=skew_thresh, kurt_thresh=kurt_thresh)
            new, labels = w.x, w.treated
            row["nwin"] = w.nwin
            passing = passes_skew_kurt(new, skew_thresh, kurt_thresh)
            row["pass_1"] = passing
            if passing is False and f2 == "log_CT":
                base = new if combine_treat else x
                new = log_ct(base)
                labels = [
                    (lab + "+log_CT") if (lab and combine_treat) else "log_CT" for lab in labels
                ]
                row["pass_2"] = passes_skew_kurt(new, skew_thresh, kurt_thresh)
        row["skew_end"], row["kurt_end"] = skew(new), kurt(new)
        details.append(row)
        changed = [int(i) for i in np.flatnonzero(np.array([lab != "" for lab in labels]))]
        for i in changed:
            points.append(
                {
                    "uCode": values.index[i],
                    "iCode": code,
                    "before": float(x[i]),
                    "after": float(new[i]),
                    "treatment": labels[i],
                }
            )
        out[code] = new
    return TreatResult(
        data=out,
        details=pd.DataFrame(details),
        points=pd.DataFrame(points, columns=["uCode", "iCode", "before", "after", "treatment"]),
    )
