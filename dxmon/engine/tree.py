"""The indicator tree (COINr's ``iMeta``) and the units table (COINr's ``iData``).

The tree is read from a COINr-style ``iMeta`` table: one row per indicator, aggregate, group or
denominator, with columns ``Level``, ``iCode``, ``Direction``, ``Weight``, ``Target``,
``Denominator``, ``Parent`` and ``Type`` (optional: ``goalpost_lower``, ``goalpost_upper``,
``goalpost_scale``, ``ScaleFactor``). Source: COINr 1.1.14, ``vignettes/coins.Rmd``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

_REQUIRED_IMETA = ("Level", "iCode", "Weight", "Direction", "Parent", "Type")


@dataclass(frozen=True)
class IndicatorTree:
    """An indicator tree: indicators at level 1, aggregates above, one root at the top.

    ``indicators`` keeps the order of the input; ``levels[k]`` lists the aggregate codes of level
    ``k + 2`` in COINr's output order (alphabetical within a level).
    """

    indicators: tuple[str, ...]
    levels: tuple[tuple[str, ...], ...]
    parent: Mapping[str, str]
    weight: Mapping[str, float]
    direction: Mapping[str, int]
    target: Mapping[str, float] = field(default_factory=dict)
    denominator: Mapping[str, str] = field(default_factory=dict)
    scale_factor: Mapping[str, float] = field(default_factory=dict)
    goalposts: Mapping[str, tuple[float, float, float]] = field(default_factory=dict)
    groups: tuple[str, ...] = ()
    denominators: tuple[str, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        """Every indicator and aggregate code, in output order."""
        out = list(self.indicators)
        for level in self.levels:
            out.extend(level)
        return tuple(out)

    @property
    def root(self) -> str:
        """The code of the index (the single node of the top level)."""
        return self.levels[-1][0] if self.levels else self.indicators[0]

    def children(self, code: str) -> tuple[str, ...]:
        """The codes whose parent is ``code``, in output order."""
        return tuple(c for c in self.codes if self.parent.get(c) == code)

    def level_of(self, code: str) -> int:
        """1 for an indicator, 2.. for aggregates."""
        if code in self.indicators:
            return 1
        for i, level in enumerate(self.levels):
            if code in level:
                return i + 2
        raise ValueError(f"Mã '{code}' không có trong cây chỉ số.")

    def with_weights(self, weights: Mapping[str, float]) -> IndicatorTree:
        """A copy with some weights replaced; raises ValueError for codes not in the tree."""
        validate_weights(self, weights)
        merged = dict(self.weight)
        merged.update({k: float(v) for k, v in weights.items()})
        return _replace(self, weight=merged)

    def without(self, code: str) -> IndicatorTree:
        """A copy with the indicator ``code`` removed (for leave-one-out analysis)."""
        if code not in self.indicators:
            raise ValueError(f"Chỉ số '{code}' không có trong cây; chọn một mã ở cấp 1.")
        return _replace(self, indicators=tuple(c for c in self.indicators if c != code))


def _replace(tree: IndicatorTree, **changes: object) -> IndicatorTree:
    from dataclasses import replace

    return replace(tree, **changes)  # type: ignore[arg-type]


def validate_weights(tree: IndicatorTree, weights: Mapping[str, float]) -> None:
    """Raise ValueError if ``weights`` names a code outside the tree or a bad weight."""
    known = set(tree.codes)
    for code, w in weights.items():
        if code not in known:
            raise ValueError(
                f"Trọng số cho '{code}' không khớp cây chỉ số: mã này không có trong iMeta. "
                f"Sửa mã hoặc bỏ trọng số đó."
            )
        if not isinstance(w, int | float) or not math.isfinite(float(w)) or float(w) < 0:
            raise ValueError(f"Trọng số của '{code}' phải là số không âm, nhận được {w!r}.")


def tree_from_imeta(imeta: pd.DataFrame) -> IndicatorTree:
    """Build an :class:`IndicatorTree` from a COINr ``iMeta`` table, checking it.

    Parameters
    ----------
    imeta : DataFrame
        COINr's iMeta: ``Level, iCode, Direction, Weight, Parent, Type`` (+ optional columns).

    Returns
    -------
    IndicatorTree

    Examples
    --------
    >>> meta = pd.DataFrame({
    ...     "Level": [1, 1, 2], "iCode": ["a", "b", "I"], "Direction": [1, -1, 1],
    ...     "Weight": [1, 2, 1], "Parent": ["I", "I", None],
    ...     "Type": ["Indicator", "Indicator", "Aggregate"]})
    >>> tree = tree_from_imeta(meta)
    >>> tree.indicators, tree.levels, tree.direction["b"]
    (('a', 'b'), (('I',),), -1)
    """
    missing = [c for c in _REQUIRED_IMETA if c not in imeta.columns]
    if missing:
        raise ValueError(
            f"iMeta thiếu cột {', '.join(missing)}; thêm các cột này theo định dạng COINr."
        )
    rows = imeta.to_dict("records")
    indicators: list[str] = []
    aggregates: dict[int, list[str]] = {}
    parent: dict[str, str] = {}
    weight: dict[str, float] = {}
    direction: dict[str, int] = {}
    target: dict[str, float] = {}
    denominator: dict[str, str] = {}
    scale: dict[str, float] = {}
    goalposts: dict[str, tuple[float, float, float]] = {}
    groups: list[str] = []
    denoms: list[str] = []
    for row in rows:
        code = str(row["iCode"])
        kind = str(row["Type"])
        if kind == "Group":
            groups.append(code)
            continue
        if kind == "Denominator":
            denoms.append(code)
            continue
        if kind not in ("Indicator", "Aggregate"):
            continue
        level = _as_int(row["Level"], code, "Level")
        w = _as_float(row["Weight"])
        if w is None or w < 0:
            raise ValueError(f"Trọng số của '{code}' trong iMeta phải là số không âm.")
        weight[code] = w
        d = _as_float(row.get("Direction"))
        direction[code] = 1 if d is None else int(d)
        if direction[code] not in (-1, 1):
            raise ValueError(f"Chiều (Direction) của '{code}' phải là 1 hoặc -1.")
        p = row.get("Parent")
        if _present(p):
            parent[code] = str(p)
        if kind == "Indicator":
            if level != 1:
                raise ValueError(f"Chỉ số '{code}' phải ở cấp 1 (Level = 1).")
            indicators.append(code)
            t = _as_float(row.get("Target"))
            if t is not None:
                target[code] = t
            den = row.get("Denominator")
            if _present(den):
                denominator[code] = str(den)
            sf = _as_float(row.get("ScaleFactor"))
            scale[code] = 1.0 if sf is None else sf
            lo, hi = _as_float(row.get("goalpost_lower")), _as_float(row.get("goalpost_upper"))
            if lo is not None and hi is not None:
                sc = _as_float(row.get("goalpost_scale"))
                goalposts[code] = (lo, hi, 1.0 if sc is None else sc)
        else:
            if level < 2:
                raise ValueError(f"Nhóm '{code}' phải ở cấp 2 trở lên.")
            aggregates.setdefault(level, []).append(code)
    if not indicators:
        raise ValueError("iMeta không có chỉ số nào (Type = Indicator).")
    top = max(aggregates) if aggregates else 1
    levels = tuple(
        tuple(sorted(aggregates.get(lv, []), key=lambda c: (c.lower(), c)))
        for lv in range(2, top + 1)
    )
    for lv_index, level_codes in enumerate(levels):
        if not level_codes:
            raise ValueError(f"Cấp {lv_index + 2} của cây không có nhóm nào; kiểm tra cột Level.")
    tree = IndicatorTree(
        indicators=tuple(indicators),
        levels=levels,
        parent=parent,
        weight=weight,
        direction=direction,
        target=target,
        denominator=denominator,
        scale_factor=scale,
        goalposts=goalposts,
        groups=tuple(groups),
        denominators=tuple(denoms),
    )
    _check_structure(tree)
    return tree


def _check_structure(tree: IndicatorTree) -> None:
    level_of = dict.fromkeys(tree.indicators, 1)
    for i, level in enumerate(tree.levels):
        for c in level:
            level_of[c] = i + 2
    for code, lv in level_of.items():
        if lv == len(tree.levels) + 1:
            continue
        p = tree.parent.get(code)
        if p is None:
            raise ValueError(f"'{code}' (cấp {lv}) không có Parent; điền mã nhóm cha trong iMeta.")
        if level_of.get(p) != lv + 1:
            raise ValueError(
                f"Parent của '{code}' là '{p}', nhưng '{p}' không phải một nhóm ở cấp {lv + 1}; "
                f"sửa cột Parent."
            )
    for i, level in enumerate(tree.levels):
        for c in level:
            if not any(tree.parent.get(k) == c for k, lv in level_of.items() if lv == i + 1):
                raise ValueError(
                    f"Nhóm '{c}' không có thành phần con nào; bỏ nhóm hoặc thêm chỉ số."
                )


def _present(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return str(value).strip() != "" and value is not pd.NA


def _as_float(value: object) -> float | None:
    if not _present(value):
        return None
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def _as_int(value: object, code: str, column: str) -> int:
    out = _as_float(value)
    if out is None:
        raise ValueError(f"'{code}' thiếu giá trị cột {column} trong iMeta.")
    return int(out)


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV or XLSX file (empty cells become NaN)."""
    p = Path(path)
    if not p.exists():
        raise ValueError(f"Không tìm thấy tệp {p}.")
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return pd.read_excel(p)
    if suffix in (".csv", ".txt"):
        return pd.read_csv(p)
    raise ValueError(f"Tệp {p.name}: chỉ đọc được CSV hoặc XLSX.")


def read_imeta(path: str | Path) -> IndicatorTree:
    """Read a COINr iMeta file (CSV or XLSX) into an :class:`IndicatorTree`."""
    return tree_from_imeta(read_table(path))


def split_idata(idata: pd.DataFrame, tree: IndicatorTree) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split COINr's iData into (indicator values, unit attributes), both indexed by uCode.

    Only ``uCode`` and the indicator columns are required; group and denominator columns are
    kept in the attribute table when present.

    Examples
    --------
    >>> meta = pd.DataFrame({"Level": [1, 2], "iCode": ["a", "I"], "Direction": [1, 1],
    ...     "Weight": [1, 1], "Parent": ["I", None], "Type": ["Indicator", "Aggregate"]})
    >>> values, units = split_idata(pd.DataFrame({"uCode": ["X", "Y"], "a": [1, 2]}),
    ...                             tree_from_imeta(meta))
    >>> values["a"].tolist()
    [1.0, 2.0]
    """
    if "uCode" not in idata.columns:
        raise ValueError("iData thiếu cột uCode (mã đơn vị).")
    missing = [c for c in tree.indicators if c not in idata.columns]
    if missing:
        raise ValueError(
            f"iData thiếu cột cho chỉ số {', '.join(missing[:5])}; "
            f"thêm cột hoặc bỏ chỉ số khỏi iMeta."
        )
    codes = idata["uCode"].astype(str)
    if codes.duplicated().any():
        dup = codes[codes.duplicated()].iloc[0]
        raise ValueError(f"Mã đơn vị '{dup}' xuất hiện nhiều lần trong iData.")
    index = pd.Index(codes.to_numpy(dtype=object), name="uCode")
    values = pd.DataFrame(
        {
            c: pd.to_numeric(idata[c], errors="coerce").to_numpy(dtype=np.float64)
            for c in tree.indicators
        },
        index=index,
    )
    extra = [c for c in idata.columns if c != "uCode" and c not in tree.indicators]
    units = pd.DataFrame({c: idata[c].to_numpy() for c in extra}, index=index)
    return values, units
