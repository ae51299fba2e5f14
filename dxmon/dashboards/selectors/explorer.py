"""Reads of the indicator explorer: one indicator across units and periods, rolled up the tree
by its own rule (``dxmon.engine.rollup.roll_up``: ratios by summing numerators and
denominators, never by averaging percentages)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.db.models import Q
from django.http import Http404

from dxmon.accounts.scope import restrict
from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import DataValue, Period
from dxmon.engine.rollup import Rule, roll_up
from dxmon.frameworks.choices import Aggregation
from dxmon.frameworks.models import Indicator, Target
from dxmon.units.choices import Level
from dxmon.units.models import Unit

# The artificial root that joins every province the reader sees, so that one series spans the
# merger (2022–2024 in the old provinces, 2025 in the new one).
ALL = "__all__"


@dataclass
class LevelRow:
    """An aggregate (or a commune's own value) in one period."""

    unit: Unit | None  # None: the whole area
    depth: int
    values: dict[str, float | None]  # period code → value


@dataclass
class Explorer:
    indicator: Indicator
    versions: list[str]
    targets: list[Target]
    periods: list[Period]
    area: LevelRow | None
    provinces: list[LevelRow]
    districts: list[LevelRow]
    communes: list[LevelRow]
    rule: str
    left_out: int = 0  # ratio values without numerator and denominator
    has_synthetic: bool = False
    notes: list[str] = field(default_factory=list)


def indicator_get(*, code: str) -> Indicator:
    """The newest definition of the indicator ``code`` (frameworks are versioned)."""
    ind = (
        Indicator.objects.filter(code=code)
        .select_related("version__framework", "group__parent")
        .prefetch_related("targets")
        .order_by("-version__valid_from_year", "-pk")
        .first()
    )
    if ind is None:
        raise Http404(code)
    return ind


def _rule(ind: Indicator) -> Rule:
    if ind.aggregation == Aggregation.RATIO_SUM:
        return Rule("ratio_sum", numerator="num", denominator="den")
    return Rule(str(ind.aggregation), column="value")


def indicator_explorer(*, user: Any, code: str, province: Unit | None = None) -> Explorer:
    """Values of ``code`` in approved reports the reader may see (within ``province`` and the
    old units it was formed from, when given), rolled up commune → district → province → all."""
    ind = indicator_get(code=code)
    qs = DataValue.objects.filter(indicator__code=code, report__status=ReportStatus.APPROVED)
    if province is not None:
        qs = qs.filter(
            Q(report__unit__path__startswith=province.path)
            | Q(report__unit__successor_links__successor__path__startswith=province.path)
        )
        qs = DataValue.objects.filter(pk__in=qs.values("pk"))
    if user is not None:
        qs = restrict(qs, user, unit_field="report__unit")
    rows = list(
        qs.values_list(
            "report__unit_id",
            "report__unit__path",
            "report__period__code",
            "value",
            "numerator",
            "denominator",
        )
    )
    has_synthetic = qs.filter(Q(is_synthetic=True) | Q(report__is_synthetic=True)).exists()
    rule = _rule(ind)
    left_out = 0
    records = []
    for unit_id, _path, period, value, num, den in rows:
        if rule.kind == "ratio_sum" and (num is None or not den):
            left_out += 1
            num = den = math.nan
        records.append(
            {
                "unit": unit_id,
                "period": period,
                "value": math.nan if value is None else value,
                "num": math.nan if num is None else num,
                "den": math.nan if den is None else den,
            }
        )
    parent: dict[Any, Any] = {}
    for _unit, path, *_rest in rows:
        chain = [int(p) for p in path.strip("/").split("/") if p]
        for child, up in zip(chain[1:], chain[:-1], strict=False):
            parent[child] = up
        parent[chain[0]] = ALL
    versions = sorted(
        set(Indicator.objects.filter(code=code).values_list("version__version", flat=True))
    )
    periods = list(Period.objects.filter(code__in={r[2] for r in rows}).order_by("start"))
    explorer = Explorer(
        ind,
        versions,
        list(ind.targets.all()),
        periods,
        None,
        [],
        [],
        [],
        rule.kind,
        left_out,
        has_synthetic,
    )
    if not records:
        return explorer
    table = pd.DataFrame.from_records(records)
    out = roll_up(table, parent, {"y": rule}, by=["period"])
    if rule.kind == "ratio_sum":
        out["y"] = 100.0 * out["y"]
    units = Unit.objects.in_bulk([u for u in out["unit"].unique() if u != ALL])
    by_unit: dict[Any, dict[str, float | None]] = {}
    for unit_id, period, y in out[["unit", "period", "y"]].itertuples(index=False):
        by_unit.setdefault(unit_id, {})[period] = None if pd.isna(y) else float(y)
    for unit_id, values in by_unit.items():
        if unit_id == ALL:
            explorer.area = LevelRow(None, 0, values)
            continue
        unit = units[unit_id]
        row = LevelRow(unit, unit.level, values)
        if unit.level == Level.PROVINCE:
            explorer.provinces.append(row)
        elif unit.level == Level.DISTRICT:
            explorer.districts.append(row)
        elif unit.level == Level.COMMUNE:
            explorer.communes.append(row)
    for bucket in (explorer.provinces, explorer.districts, explorer.communes):
        bucket.sort(key=_row_key)
    return explorer


def _row_key(row: LevelRow) -> tuple[str, str]:
    return (row.unit.structure, row.unit.search_key) if row.unit else ("", "")


def indicator_choices() -> list[tuple[str, str]]:
    """(code, name) of the indicators of the newest framework version, for the explorer's
    picker."""
    newest = (
        Indicator.objects.order_by("-version__valid_from_year", "-version__pk")
        .values_list("version_id", flat=True)
        .first()
    )
    return list(
        Indicator.objects.filter(version_id=newest).order_by("order").values_list("code", "name_vi")
    )
