"""Scoring runs: the engine's DTI points mode on the values of a period, stored with ranks.

The data of a period are read from approved reports (optionally also unapproved ones, then every
score that used them is flagged), turned into the engine's inputs (numerator, denominator, value
and tier share per indicator), scored by the framework's rules and maxima, and stored for every
node (indicator, group, pillar and ``INDEX``) with ranks overall, within the province and among
units of the same kind, and optionally a 5–95 % rank interval.

For a period before 1 July 2025, every unit formed on that date whose predecessors reported is
scored too, on inputs rebuilt from the predecessors (:mod:`dxmon.engine.lineage`): numerators,
denominators and summed counts re-added with the lineage weights, other values averaged; those
scores are flagged ``reconstructed`` with the method.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import DataValue, Period, Report
from dxmon.engine.lineage import rebuild_successors
from dxmon.engine.points import ScoringRule, score_points
from dxmon.engine.spec import parse_spec
from dxmon.engine.tree import IndicatorTree
from dxmon.engine.uncertainty import Assumptions, rank_uncertainty
from dxmon.frameworks.choices import Aggregation, ValueType
from dxmon.frameworks.models import FrameworkVersion, Indicator, Node
from dxmon.scoring.choices import RunMode, RunStatus
from dxmon.scoring.models import INDEX_CODE, Score, ScoringRun
from dxmon.units.models import STRUCTURE_2025_START, Lineage, Unit

Progress = Callable[[int, int | None], None]


class ScoringError(ValueError):
    """A scoring run that cannot be done, with a message for the user (Vietnamese)."""


@dataclass(frozen=True)
class IndicatorPlan:
    """How one indicator is scored: its engine rule and the inputs it reads."""

    code: str
    value_type: str
    rebuild: str  # "sum" or "mean" for the value across the merger
    rule: ScoringRule
    max_points: float
    tiers: dict[str, float] = field(default_factory=dict)
    full_at: float = 1.0


@dataclass(frozen=True)
class Framework:
    """A framework version as the engine sees it: indicator plans and the node tree."""

    version: FrameworkVersion
    plans: tuple[IndicatorPlan, ...]
    parent: dict[str, str]
    node_weight: dict[str, float]


# --------------------------------------------------------------------------------------------
# The framework


def _tier_key(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip().lower()


def _indicator_max(ind: Indicator) -> float:
    """The indicator's maximum points; without one, its share of its ancestors' maxima."""
    if ind.max_points is not None:
        return float(ind.max_points)
    share = float(ind.weight)
    node: Node | None = ind.group
    while node is not None:
        if node.max_points is not None:
            return share * float(node.max_points)
        share *= float(node.weight)
        node = node.parent
    total = ind.version.max_points
    return share * float(total if total is not None else 1000.0)


def _target_for(ind: Indicator, year: int) -> float:
    targets = sorted(ind.targets.all(), key=lambda t: t.year)
    if not targets:
        raise ScoringError(
            _("Chỉ số %(code)s chấm theo mức đạt chỉ tiêu nhưng không có chỉ tiêu nào.")
            % {"code": ind.code}
        )
    chosen = next((t for t in reversed(targets) if t.year <= year), targets[0])
    return float(chosen.value)


def framework_plan(version: FrameworkVersion, *, year: int) -> Framework:
    """Engine rules for every scored indicator of ``version`` (rules as in frameworks/FORMAT.md).

    ``ratio_x_max``: a ratio earns ``min(1, (a/b) / full_at) × max`` (``full_at`` 1 by default),
    a score ``min(1, value / scale) × max``; ``steps``: the share of the first threshold reached
    (``at_least``; ``at_most`` for lower-is-better) × max; ``tiers``: the tier's share × max;
    ``target_attainment``: ``min(1, value / target) × max`` with the year's target.
    """
    indicators = (
        version.indicators.filter(scored=True)
        .select_related("group", "group__parent", "version")
        .prefetch_related("targets")
        .order_by("order", "code")
    )
    plans: list[IndicatorPlan] = []
    parent: dict[str, str] = {}
    node_weight: dict[str, float] = {}
    for node in version.nodes.all():
        parent[node.code] = node.parent.code if node.parent_id and node.parent else INDEX_CODE
        node_weight[node.code] = float(node.weight)
    for ind in indicators:
        maximum = _indicator_max(ind)
        if maximum <= 0:
            continue
        parent[ind.code] = ind.group.code
        plans.append(_plan_for(ind, maximum, year))
    if not plans:
        raise ScoringError(
            _("Bộ chỉ số %(version)s không có chỉ số nào được chấm điểm.") % {"version": version}
        )
    return Framework(version=version, plans=tuple(plans), parent=parent, node_weight=node_weight)


def _plan_for(ind: Indicator, maximum: float, year: int) -> IndicatorPlan:
    scoring = dict(ind.scoring or {})
    rule_name = ind.scoring_rule or scoring.get("rule", "")
    c = ind.code
    rebuild = (
        "sum"
        if ind.value_type == ValueType.RATIO
        or (ind.value_type == ValueType.COUNT and ind.aggregation == Aggregation.SUM)
        else "mean"
    )
    tiers: dict[str, float] = {}
    full_at = 1.0
    if rule_name == "ratio_x_max" and ind.value_type == ValueType.RATIO:
        full_at = float(scoring.get("full_at", 1.0))
        rule = ScoringRule("ratio", maximum, numerator=f"{c}__num", denominator=f"{c}__den_full")
    elif rule_name == "ratio_x_max":
        rule = ScoringRule(
            "target", maximum, column=f"{c}__val", target=float(scoring.get("scale", 1))
        )
    elif rule_name == "steps":
        steps = []
        for s in scoring.get("steps") or []:
            share = float(s.get("share", 0.0))
            if "at_most" in s:
                steps.append((-float(s["at_most"]), share * maximum))
            else:
                steps.append((float(s["at_least"]), share * maximum))
        lower = any("at_most" in s for s in scoring.get("steps") or [])
        rule = ScoringRule(
            "steps", maximum, column=f"{c}__neg" if lower else f"{c}__val", steps=tuple(steps)
        )
    elif rule_name == "tiers":
        for t in scoring.get("tiers") or []:
            tiers[_tier_key(t.get("value"))] = float(t.get("share", 0.0))
        rule = ScoringRule("target", maximum, column=f"{c}__share", target=1.0)
    elif rule_name == "target_attainment":
        rule = ScoringRule("target", maximum, column=f"{c}__val", target=_target_for(ind, year))
    else:
        raise ScoringError(
            _("Chỉ số %(code)s không có cách chấm điểm hợp lệ (“%(rule)s”).")
            % {"code": c, "rule": rule_name}
        )
    return IndicatorPlan(c, ind.value_type, rebuild, rule, maximum, tiers, full_at)


# --------------------------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True)
class Inputs:
    """Raw inputs per unit (index: unit id) and the flags carried to the scores."""

    table: pd.DataFrame
    synthetic: pd.Series
    unapproved: pd.Series


def _share_of(plan: IndicatorPlan, value: float | None, comment: str) -> float:
    if not plan.tiers:
        return math.nan
    if plan.value_type == ValueType.BOOLEAN:
        if value is None:
            return math.nan
        return plan.tiers.get("true" if value >= 0.5 else "false", 0.0)
    # Choices are stored as the chosen tier's share (collection and demo data).
    if value is not None and any(math.isclose(value, s) for s in plan.tiers.values()):
        return float(value)
    key = _tier_key(comment) if comment else ""
    return plan.tiers.get(key, math.nan)


def load_inputs(fw: Framework, rows: list[tuple[Any, ...]]) -> Inputs:
    """Wide table of inputs from DataValue rows
    ``(unit_id, code, value, numerator, denominator, comment, synthetic, unapproved)``."""
    plans = {p.code: p for p in fw.plans}
    data: dict[int, dict[str, float]] = {}
    synthetic: dict[int, bool] = {}
    unapproved: dict[int, bool] = {}
    for unit_id, code, value, num, den, comment, is_syn, is_unapproved in rows:
        synthetic[unit_id] = synthetic.get(unit_id, False) or bool(is_syn)
        unapproved[unit_id] = unapproved.get(unit_id, False) or bool(is_unapproved)
        plan = plans.get(code)
        if plan is None:
            continue
        row = data.setdefault(unit_id, {})
        if plan.value_type == ValueType.RATIO:
            if num is None and value is not None:
                num, den = float(value), 100.0
            row[f"{code}__num"] = math.nan if num is None else float(num)
            row[f"{code}__den"] = math.nan if den is None else float(den)
        else:
            row[f"{code}__val"] = math.nan if value is None else float(value)
            row[f"{code}__share"] = _share_of(plan, value, comment or "")
    columns = raw_columns(fw)
    table = pd.DataFrame.from_dict(data, orient="index").reindex(columns=columns)
    table.index.name = "unit"
    return Inputs(
        table=table.astype(np.float64),
        synthetic=pd.Series(synthetic, dtype=bool).reindex(table.index, fill_value=False),
        unapproved=pd.Series(unapproved, dtype=bool).reindex(table.index, fill_value=False),
    )


def raw_columns(fw: Framework) -> list[str]:
    cols: list[str] = []
    for p in fw.plans:
        if p.value_type == ValueType.RATIO:
            cols += [f"{p.code}__num", f"{p.code}__den"]
        else:
            cols += [f"{p.code}__val", f"{p.code}__share"]
    return cols


def rebuild_rules(fw: Framework) -> dict[str, str]:
    """Across the merger: numerators, denominators and summed counts re-added with the lineage
    weights; other values and tier shares averaged over the predecessors."""
    rules: dict[str, str] = {}
    for p in fw.plans:
        if p.value_type == ValueType.RATIO:
            rules[f"{p.code}__num"] = rules[f"{p.code}__den"] = "sum"
        else:
            rules[f"{p.code}__val"] = p.rebuild
            rules[f"{p.code}__share"] = "mean"
    return rules


def score_table(
    fw: Framework, table: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, float]]:
    """(points, values = points ÷ maximum, maximum per node) per unit; a missing input earns 0."""
    cols: dict[str, np.ndarray[Any, np.dtype[np.float64]]] = {}
    rules: dict[str, ScoringRule] = {}

    def get(name: str) -> np.ndarray[Any, np.dtype[np.float64]]:
        return table[name].to_numpy(dtype=np.float64)

    with np.errstate(divide="ignore", invalid="ignore"):
        for p in fw.plans:
            c = p.code
            if p.value_type == ValueType.RATIO:
                num, den = get(f"{c}__num"), get(f"{c}__den")
                missing = np.isnan(num) | np.isnan(den)
                cols[f"{c}__num"] = np.where(missing, 0.0, num)
                cols[f"{c}__den_full"] = np.where(missing, 1.0, den) * p.full_at
                val = 100.0 * num / den
            else:
                val = get(f"{c}__val")
                cols[f"{c}__share"] = np.nan_to_num(get(f"{c}__share"), nan=0.0)
            cols[f"{c}__neg"] = np.where(np.isnan(val), -np.inf, -val)
            cols[f"{c}__val"] = np.where(
                np.isnan(val), -np.inf if p.rule.kind == "steps" else 0.0, val
            )
            rules[c] = p.rule
    res = score_points(pd.DataFrame(cols, index=table.index), rules, fw.parent)
    return res.points, res.values, dict(res.maximum)


# --------------------------------------------------------------------------------------------
# The run


def _resolve_version(framework_version: FrameworkVersion | str, year: int) -> FrameworkVersion:
    if isinstance(framework_version, FrameworkVersion):
        return framework_version
    code, _sep, version = str(framework_version).partition(":")
    qs = FrameworkVersion.objects.filter(framework__code=code)
    if version:
        qs = qs.filter(version=version)
    candidates = [v for v in qs.order_by("-valid_from_year") if v.covers_year(year)]
    if not candidates:
        raise ScoringError(
            _("Không có phiên bản bộ chỉ số “%(code)s” áp dụng cho năm %(year)s.")
            % {"code": framework_version, "year": year}
        )
    return candidates[0]


def _resolve_period(period: Period | str) -> Period:
    if isinstance(period, Period):
        return period
    found = Period.objects.filter(code=str(period)).first()
    if found is None:
        raise ScoringError(_("Không có kỳ báo cáo “%(code)s”.") % {"code": period})
    return found


def _value_rows(
    version: FrameworkVersion, period: Period, units: Q, include_unapproved: bool
) -> list[tuple[Any, ...]]:
    qs = DataValue.objects.filter(report__period=period, report__framework_version=version)
    qs = qs.filter(units)
    if not include_unapproved:
        qs = qs.filter(report__status=ReportStatus.APPROVED)
    rows = []
    for r in qs.values_list(
        "report__unit_id",
        "indicator__code",
        "value",
        "numerator",
        "denominator",
        "comment",
        "is_synthetic",
        "report__is_synthetic",
        "report__status",
    ):
        rows.append(
            (r[0], r[1], r[2], r[3], r[4], r[5], r[6] or r[7], r[8] != ReportStatus.APPROVED)
        )
    return rows


def _province_of(unit: Unit) -> int | None:
    parts = [p for p in unit.path.split("/") if p]
    return int(parts[0]) if parts else None


@dataclass
class _Block:
    """Scores of one comparable set of units (observed, or reconstructed across the merger)."""

    points: pd.DataFrame
    values: pd.DataFrame
    synthetic: pd.Series
    unapproved: pd.Series
    reconstructed: bool
    method: pd.Series


_SCORE_COLUMNS = (
    "run_id", "unit_id", "node_code", "value", "points", "max_points", "rank",
    "rank_in_province", "rank_in_kind", "rank_p05", "rank_p95", "rank_median",
    "reconstructed", "method", "includes_unapproved", "is_synthetic",
)  # fmt: skip


def _sport_ranks(values: pd.DataFrame, groups: pd.Series | None = None) -> np.ndarray[Any, Any]:
    """Sport ranks (1, 2, 2, 4), highest first, of every column at once (within ``groups``)."""
    if groups is None:
        r = values.rank(ascending=False, method="min", na_option="keep")
    else:
        r = values.groupby(groups).rank(ascending=False, method="min", na_option="keep")
    return r.to_numpy(dtype=np.float64)


@transaction.atomic
def _store(
    *,
    run: ScoringRun,
    blocks: list[_Block],
    maximum: dict[str, float],
    parent: dict[str, str],
    uncertainty: int,
) -> int:
    """Insert the run's scores in one batched statement per 1,000 rows (the ORM's per-object
    overhead would dominate a province's recompute)."""
    unit_ids = sorted({int(u) for b in blocks for u in b.values.index})
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids)}
    rows: list[tuple[Any, ...]] = []
    for b in blocks:
        if b.values.empty:
            continue
        idx = b.values.index
        ids = [int(u) for u in idx]
        province = pd.Series([str(_province_of(units[u])) for u in ids], index=idx)
        kind = pd.Series([units[u].kind for u in ids], index=idx)
        synthetic = b.synthetic.reindex(idx).fillna(False).astype(bool).tolist()
        unapproved = b.unapproved.reindex(idx).fillna(False).astype(bool).tolist()
        method = [str(b.method.get(u, "")) if len(b.method) else "" for u in idx]
        intervals = _intervals(b, uncertainty, maximum, parent) if uncertainty else None
        codes = list(b.values.columns)
        vals = b.values.to_numpy(dtype=np.float64)
        pts = b.points[codes].to_numpy(dtype=np.float64)
        r_all, r_prov, r_kind = (
            _sport_ranks(b.values),
            _sport_ranks(b.values, province),
            _sport_ranks(b.values, kind),
        )
        for j, code in enumerate(codes):
            mx = maximum.get(code)
            for k, u in enumerate(ids):
                p05 = p95 = med = None
                if intervals is not None and code == INDEX_CODE:
                    p05, med, p95 = intervals[idx[k]]
                rows.append(
                    (run.pk, u, code, _opt(vals[k, j]), _opt(pts[k, j]), mx,
                     _opt_int(r_all[k, j]), _opt_int(r_prov[k, j]), _opt_int(r_kind[k, j]),
                     p05, p95, med, b.reconstructed, method[k], unapproved[k], synthetic[k])
                )  # fmt: skip
    table = connection.ops.quote_name(Score._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in _SCORE_COLUMNS)
    marks = ", ".join(["%s"] * len(_SCORE_COLUMNS))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 1000):
            cursor.executemany(
                f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows[start : start + 1000]
            )
    return len(rows)


def _opt(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def _opt_int(x: float) -> int | None:
    return None if math.isnan(x) else int(x)


def _intervals(
    b: _Block, n: int, maximum: dict[str, float], parent: dict[str, str]
) -> dict[Any, tuple[float, float, float]] | None:
    """5 %, median and 95 % of the INDEX rank under ±25 % noise on the maxima (the weights) and
    the choice of arithmetic mean or median when adding up the tree."""
    if len(b.values) < 2:
        return None
    nodes = set(parent.values())
    indicators = [c for c in b.points.columns if c in parent and c not in nodes]
    tree = _points_tree(indicators, maximum, parent)
    shares = b.values[list(tree.indicators)]
    shares.index = pd.Index([str(u) for u in shares.index], name="uCode")
    spec = parse_spec({"steps": [{"step": "normalise", "method": "none"}, {"step": "aggregate"}]})
    res = rank_uncertainty(
        shares,
        pd.DataFrame(index=shares.index),
        tree,
        spec,
        assumptions=Assumptions(
            weight_noise=0.25,
            normalisations=({"method": "none"},),
            aggregations=("amean", "median"),
            impute_toggle=False,
        ),
        n=n,
        seed=0,
    )
    return {
        u: (float(res.q05[str(u)]), float(res.median_rank[str(u)]), float(res.q95[str(u)]))
        for u in b.values.index
    }


def _points_tree(
    indicators: list[str], maximum: dict[str, float], parent: dict[str, str]
) -> IndicatorTree:
    """The points tree as a weighted arithmetic mean: with ``w = max points`` and shares
    ``s = points / max``, ``sum w s / sum w = points / max`` at every node."""
    levels: list[tuple[str, ...]] = []
    lower = indicators
    while True:
        ups = sorted({parent[c] for c in lower if c in parent})
        if not ups:
            break
        levels.append(tuple(ups))
        lower = ups
    codes = [*indicators, *(c for lv in levels for c in lv)]
    return IndicatorTree(
        indicators=tuple(indicators),
        levels=tuple(levels),
        parent={c: parent[c] for c in codes if c in parent},
        weight={c: float(maximum.get(c, 1.0)) for c in codes},
        direction=dict.fromkeys(codes, 1),
    )


def _no_progress(done: int, total: int | None = None) -> None:
    return None


def _any_of(flags: pd.Series, predecessors: pd.Series) -> pd.Series:
    """For each successor, whether any of its predecessors carries the flag."""
    out = {s: bool(flags.reindex(p).fillna(False).any()) for s, p in predecessors.items()}
    return pd.Series(out, dtype=bool)


def scores_compute(
    *,
    framework_version: FrameworkVersion | str,
    period: Period | str,
    province: Unit | None = None,
    include_unapproved: bool = False,
    uncertainty_samples: int = 0,
    user: Any = None,
    progress: Progress | None = None,
) -> ScoringRun:
    """Score every unit that reported in ``period`` (within ``province`` when given) and store a
    new run with its scores; for a period before 1 July 2025 also the reconstructed scores of the
    units formed on that date. Raises :class:`ScoringError`."""
    period = _resolve_period(period)
    version = _resolve_version(framework_version, period.start.year)
    step: Progress = progress or _no_progress
    step(0, 4)
    fw = framework_plan(version, year=period.start.year)
    spec = {
        "mode": RunMode.POINTS,
        "rules": {p.code: {"kind": p.rule.kind, "max_points": p.max_points} for p in fw.plans},
        "merger": "lineage_sum for numerators, denominators and summed counts; "
        "predecessor_mean otherwise",
        "uncertainty": {"samples": uncertainty_samples, "weight_noise": 0.25,
                        "aggregations": ["amean", "median"]},
    }  # fmt: skip
    units_q = Q()
    successors_q = Q(successor__level__gte=3)
    if province is not None:
        subtree = Unit.objects.filter(path__startswith=province.path)
        old = Lineage.objects.filter(successor__in=subtree).values("predecessor_id")
        units_q = Q(report__unit__path__startswith=province.path) | Q(report__unit_id__in=old)
        successors_q &= Q(successor__path__startswith=province.path)
    rows = _value_rows(version, period, units_q, include_unapproved)
    step(1, 4)
    inputs = load_inputs(fw, rows)
    points, values, maximum = score_table(fw, inputs.table)
    blocks = [
        _Block(points, values, inputs.synthetic, inputs.unapproved, False, pd.Series(dtype=object)),
    ]
    log: dict[str, Any] = {"units_observed": len(values), "units_reconstructed": 0}
    if period.end < STRUCTURE_2025_START and len(inputs.table):
        edges = pd.DataFrame(
            list(
                Lineage.objects.filter(
                    successors_q, predecessor_id__in=list(inputs.table.index)
                ).values_list("predecessor_id", "successor_id", "weight")
            ),
            columns=["predecessor", "successor", "weight"],
        )
        if len(edges):
            long = inputs.table.reset_index().assign(period=period.code)
            rebuilt = rebuild_successors(long, edges, rebuild_rules(fw), unit="unit")
            rt = rebuilt.table.set_index("unit")
            rt = rt[rt["n_predecessors"] > 0]
            r_points, r_values, _m = score_table(fw, rt[raw_columns(fw)])
            by_succ = edges.groupby("successor")["predecessor"].apply(list)
            syn = _any_of(inputs.synthetic, by_succ).reindex(rt.index)
            una = _any_of(inputs.unapproved, by_succ).reindex(rt.index)
            blocks.append(_Block(r_points, r_values, syn, una, True, rt["method"]))
            log["units_reconstructed"] = len(rt)
            log["reconstruction_methods"] = dict(rebuilt.methods)
    step(2, 4)
    run = ScoringRun(
        framework_version=version,
        period=period,
        province=province,
        mode=RunMode.POINTS,
        spec=json.dumps(spec, ensure_ascii=False, indent=2),
        include_unapproved=include_unapproved,
        uncertainty_samples=uncertainty_samples,
        created_by=user if getattr(user, "pk", None) is not None else None,
        n_units=sum(len(b.values) for b in blocks),
    )
    with transaction.atomic():
        run.save()
        log["scores"] = _store(
            run=run,
            blocks=blocks,
            maximum=maximum,
            parent=fw.parent,
            uncertainty=uncertainty_samples,
        )
        step(3, 4)
        run.status = RunStatus.SUCCEEDED
        run.log = log
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "log", "finished_at"])
    step(4, 4)
    return run


def scores_recompute_for_report(*, report: Report, user: Any = None) -> ScoringRun:
    """Recompute the scores of the report's period, framework version and province (after an
    approval); the new run becomes the current one, older runs stay as history."""
    root = _province_of(report.unit)
    province = Unit.objects.filter(pk=root).first() if root is not None else None
    return scores_compute(
        framework_version=report.framework_version,
        period=report.period,
        province=province,
        user=user,
    )


SCORES_JOB_KIND = "scoring.compute"


def scores_compute_job(
    *,
    progress: Progress,
    framework_version: str,
    period: str,
    uncertainty_samples: int = 0,
    include_unapproved: bool = False,
) -> dict[str, Any]:
    """:func:`scores_compute` as a background job (kind ``scoring.compute``)."""
    run = scores_compute(
        framework_version=framework_version,
        period=period,
        uncertainty_samples=uncertainty_samples,
        include_unapproved=include_unapproved,
        progress=progress,
    )
    return {"run": run.pk, "units": run.n_units}
