"""Reads of scores, always through the one scope check (``dxmon.accounts.scope.restrict``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from dxmon.accounts.scope import restrict
from dxmon.collection.models import Period
from dxmon.engine.lineage import rebuild_ratio, rebuild_successors
from dxmon.engine.points import ratio_points, step_points, target_points, tier_points
from dxmon.frameworks.models import FrameworkVersion
from dxmon.scoring.choices import RunStatus
from dxmon.scoring.models import INDEX_CODE, Score, ScoringRun
from dxmon.units.models import Unit


def latest_run(
    *,
    period: Period | str,
    framework_version: FrameworkVersion | None = None,
    province: Unit | None = None,
) -> ScoringRun | None:
    """The current run of ``period``: the latest successful one (for ``province`` when given,
    else the latest national or any-province run)."""
    qs = ScoringRun.objects.filter(status=RunStatus.SUCCEEDED)
    qs = qs.filter(period=period) if isinstance(period, Period) else qs.filter(period__code=period)
    if framework_version is not None:
        qs = qs.filter(framework_version=framework_version)
    if province is not None:
        qs = qs.filter(Q(province=province) | Q(province__isnull=True))
    return qs.order_by("-finished_at", "-pk").first()


def ranking(
    *,
    user: Any,
    period: Period | str,
    province: Unit | None = None,
    node_code: str = INDEX_CODE,
    framework_version: FrameworkVersion | None = None,
) -> QuerySet[Score]:
    """The scores of the current run on ``node_code``, best first, limited to what ``user`` may
    see."""
    run = latest_run(period=period, framework_version=framework_version, province=province)
    if run is None:
        return Score.objects.none()
    qs = Score.objects.filter(run=run, node_code=node_code)
    if province is not None:
        qs = qs.filter(
            Q(unit__path__startswith=province.path)
            | Q(unit__successor_links__successor__path__startswith=province.path)
        ).distinct()
    qs = restrict(qs, user)
    return qs.select_related("unit", "run", "run__period").order_by(
        "reconstructed", "rank", "unit__code"
    )


def unit_scores(*, user: Any, unit: Unit, node_code: str = INDEX_CODE) -> list[Score]:
    """The unit's series across periods (one score per period, from the latest run of each),
    including the periods before the merger rebuilt from its predecessors (``reconstructed``)."""
    qs = restrict(
        Score.objects.filter(unit=unit, node_code=node_code, run__status=RunStatus.SUCCEEDED),
        user,
    ).select_related("run", "run__period")
    latest: dict[int, Score] = {}
    for s in qs.order_by("run__period__start", "-run__finished_at", "-run__pk"):
        latest.setdefault(s.run.period_id, s)
    return sorted(latest.values(), key=lambda s: s.run.period.start)


def run_list(*, period: Period | str | None = None) -> QuerySet[ScoringRun]:
    """Every run (the history), newest first."""
    qs = ScoringRun.objects.select_related("framework_version", "period", "province")
    if period is not None:
        qs = (
            qs.filter(period=period)
            if isinstance(period, Period)
            else qs.filter(period__code=period)
        )
    return qs.order_by("-started_at", "-pk")


@dataclass(frozen=True)
class WorkedExample:
    """A scoring rule with an example whose result the engine computes (never typed in)."""

    rule: str
    formula: str
    example: str
    result: float


def methodology_examples() -> list[WorkedExample]:
    """One worked example per scoring rule and per merger rule, computed by the engine."""
    one = np.array
    return [
        WorkedExample(
            "ratio_x_max",
            _("Điểm = min(1; tử số ÷ mẫu số ÷ ngưỡng) × điểm tối đa (ngưỡng mặc định 100%)."),
            _("9 trên 10 cán bộ có chữ ký số, chỉ số 10 điểm: 0,9 × 10."),
            float(ratio_points(one([9.0]), one([10.0]), 10)[0]),
        ),
        WorkedExample(
            "ratio_x_max (full_at)",
            _("Theo 766: đạt tối đa từ ngưỡng, ví dụ 80%."),
            _("60% hồ sơ trực tuyến, ngưỡng 80%, 14 điểm: min(1; 0,6 ÷ 0,8) × 14."),
            float(ratio_points(one([60.0]), one([100.0 * 0.8]), 14)[0]),
        ),
        WorkedExample(
            "steps",
            _("Điểm của ngưỡng cao nhất đạt được (ngưỡng đầu tiên khớp)."),
            _("3 cuộc họp; 4 cuộc = 15 điểm, 3 cuộc = 3/4, 2 cuộc = 1/2, 1 cuộc = 1/4."),
            float(step_points(one([3.0]), [(4, 15), (3, 11.25), (2, 7.5), (1, 3.75)])[0]),
        ),
        WorkedExample(
            "tiers",
            _("Mỗi mức (lựa chọn, có/không) có một tỷ lệ của điểm tối đa."),
            _("Cấp phó làm Trưởng Ban chỉ đạo (tỷ lệ 0,5), 15 điểm."),
            float(tier_points(["deputy"], {"head": 1.0, "deputy": 0.5}, 15)[0]),
        ),
        WorkedExample(
            "target_attainment",
            _("Điểm = min(1; giá trị ÷ chỉ tiêu của năm) × điểm tối đa."),
            _("45% so với chỉ tiêu 90%, 6 điểm."),
            float(target_points(one([45.0]), 90.0, 6)[0]),
        ),
    ]


def merger_example() -> dict[str, float]:
    """Tân Hội (9/10) and Thị trấn Mỏ Cày (3/6) into Xã Mỏ Cày: Σ tử số ÷ Σ mẫu số, in percent,
    against the (wrong) mean of percentages; and the mean of index values 60, 40, 80."""
    v = pd.DataFrame(
        {"unit": ["28940", "28903"], "period": ["2024"] * 2, "a": [9.0, 3.0], "b": [10.0, 6.0]}
    )
    e = pd.DataFrame(
        {"predecessor": ["28940", "28903"], "successor": ["M", "M"], "weight": [1.0, 1.0]}
    )
    rate = float(rebuild_ratio(v, e, numerator="a", denominator="b")["rate"].iloc[0])
    idx = pd.DataFrame({"unit": ["p", "q", "r"], "period": ["2024"] * 3, "i": [60.0, 40.0, 80.0]})
    ie = pd.DataFrame({"predecessor": ["p", "q", "r"], "successor": ["M"] * 3, "weight": [1.0] * 3})
    mean = float(rebuild_successors(idx, ie, {"i": "mean"}).table["i"].iloc[0])
    return {"rate": 100 * rate, "mean_of_rates": (90 + 50) / 2, "index_mean": mean}


def methodology_version(code: str | None = None) -> FrameworkVersion | None:
    """The framework version the methodology page describes (the newest loaded by default)."""
    qs = FrameworkVersion.objects.select_related("framework").order_by("-valid_from_year", "-pk")
    if code:
        qs = qs.filter(framework__code=code)
    return qs.first()
