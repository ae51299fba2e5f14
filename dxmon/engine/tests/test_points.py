"""DTI-style points, with hand computations from the scoring patterns of the 922/QĐ-BTTTT-derived
district set (../shared/reference/vn_dx_frameworks.md §1.3) and dichvucong.gov.vn (§3.2)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dxmon.engine.points import ScoringRule, band_of, score_points, step_points

RULES = {
    # 1.2 share of CĐS meetings chaired by the Bí thư or Chủ tịch: ratio × 20
    "chaired": ScoringRule("ratio", 20, numerator="chaired_n", denominator="meetings"),
    # steering-committee meetings per year: 4 → 20, 3 → 15, 2 → 10, 1 → 5
    "meetings": ScoringRule(
        "steps", 20, column="meetings", steps=((4, 20), (3, 15), (2, 10), (1, 5))
    ),
    # head of the committee: chair → full, deputy → ½, none → 0 (10 points)
    "head": ScoringRule("tiers", 10, column="head", tiers={"chair": 1.0, "deputy": 0.5}),
    # satisfaction, 6 points, full at 90 %
    "satisfied": ScoringRule("target", 6, column="satisfied", target=0.9),
}
PARENT = {
    "chaired": "awareness",
    "meetings": "awareness",
    "head": "awareness",
    "satisfied": "service",
    "awareness": "DTI",
    "service": "DTI",
}


def test_it_scores_a_commune_by_hand():
    """Commune A: 3 of 4 meetings chaired → 15; 4 meetings → 20; deputy → 5; 72 % → 6 × 0.8 = 4.8.
    Awareness 40 of 50 = 0.8; service 4.8 of 6 = 0.8; DTI 44.8 of 56 = 0.8."""
    t = pd.DataFrame(
        {"chaired_n": [3.0], "meetings": [4.0], "head": ["deputy"], "satisfied": [0.72]}
    )
    res = score_points(t, RULES, PARENT)
    assert res.points.iloc[0][
        ["chaired", "meetings", "head", "satisfied"]
    ].tolist() == pytest.approx([15.0, 20.0, 5.0, 4.8])
    assert res.maximum["awareness"] == 50
    assert res.maximum["DTI"] == 56
    assert res.values.loc[0, "DTI"] == pytest.approx(44.8 / 56)


def test_it_gives_no_points_without_meetings():
    t = pd.DataFrame({"chaired_n": [0.0], "meetings": [0.0], "head": ["none"], "satisfied": [0.0]})
    res = score_points(t, RULES, PARENT)
    assert res.points.loc[0, "DTI"] == 0.0


def test_it_keeps_the_highest_step_reached():
    x = np.array([0.0, 1, 2.5, 3, 10])
    assert step_points(x, ((1, 5), (4, 20), (3, 15), (2, 10))).tolist() == [0, 5, 10, 15, 20]


def test_it_names_the_indicator_with_a_bad_rule():
    with pytest.raises(ValueError, match="'x'"):
        score_points(pd.DataFrame({"a": [1.0]}), {"x": ScoringRule("bonus", 5, column="a")}, {})
    with pytest.raises(ValueError, match=r"'x'.*'b'"):
        score_points(
            pd.DataFrame({"a": [1.0]}),
            {"x": ScoringRule("ratio", 5, numerator="a", denominator="b")},
            {},
        )


def test_it_bands_values_by_lower_bounds():
    bands = [(0.0, "thấp"), (0.5, "khá"), (0.8, "cao")]
    assert band_of(pd.Series([0.79, 0.8, 0.1, np.nan]), bands).tolist() == [
        "khá",
        "cao",
        "thấp",
        None,
    ]
