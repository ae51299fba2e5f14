"""Reads of the results pages, reusable by the public site (``user=None``: the public, who sees
only scores computed from approved data and approved reports; otherwise the user's scope)."""

from __future__ import annotations

from dxmon.dashboards.selectors.core import (
    BANDS,
    LIGHTS,
    Band,
    Point,
    attainment,
    band_of,
    current_run,
    district_2022,
    period_default,
    period_list,
    pillars,
    province_of,
    scores,
    series,
    target_for,
    value_of,
)
from dxmon.dashboards.selectors.explorer import (
    Explorer,
    LevelRow,
    indicator_choices,
    indicator_explorer,
    indicator_get,
)
from dxmon.dashboards.selectors.overview import (
    Distribution,
    RankingRow,
    Reporting,
    pillar_distributions,
    province_communes,
    province_ranking,
    reporting_status,
)
from dxmon.dashboards.selectors.profile import (
    Comparison,
    Profile,
    commune_search,
    comparison,
    scores_for_unit,
    unit_profile,
)
from dxmon.dashboards.selectors.scorecard import Scorecard, period_reports, scorecard

__all__ = [
    "BANDS", "LIGHTS", "Band", "Comparison", "Distribution", "Explorer", "LevelRow", "Point",
    "Profile", "RankingRow", "Reporting", "Scorecard", "attainment", "band_of", "commune_search",
    "comparison", "current_run", "district_2022", "indicator_choices", "indicator_explorer",
    "indicator_get",
    "period_default", "period_list", "period_reports", "pillar_distributions", "pillars",
    "province_communes", "province_of", "province_ranking", "reporting_status", "scorecard",
    "scores", "scores_for_unit", "series", "target_for", "unit_profile", "value_of",
]  # fmt: skip
