"""Up the unit tree by rule (issue 4 item 5): communes → districts → province → nation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dxmon.engine.rollup import Rule, roll_up

PARENT = {"c1": "d1", "c2": "d1", "c3": "d2", "d1": "P", "d2": "P"}
TABLE = pd.DataFrame(
    {
        "unit": ["c1", "c2", "c3"],
        "online": [30.0, 10.0, 60.0],
        "dossiers": [40.0, 60.0, 100.0],
        "pop": [1000.0, 3000.0, 2000.0],
        "score": [80.0, 40.0, np.nan],
        "plan": [1.0, 0.0, 1.0],
    }
)
RULES = {
    "online_share": Rule("ratio_sum", numerator="online", denominator="dossiers"),
    "pop": Rule("sum", column="pop"),
    "score": Rule("mean", column="score"),
    "worst": Rule("min", column="score"),
    "best": Rule("max", column="score"),
    "plan": Rule("last", column="plan"),
}


def test_it_rolls_ratios_up_by_summing_numerators_and_denominators():
    out = roll_up(TABLE, PARENT, RULES).set_index("unit")
    assert out.loc["d1", "online_share"] == pytest.approx(40 / 100)
    # province: (30 + 10 + 60) / (40 + 60 + 100) = 0.5, not the mean of the district ratios
    assert out.loc["P", "online_share"] == pytest.approx(0.5)
    assert out.loc["P", "pop"] == 6000
    assert out.loc["P", "depth"] == 2


def test_it_averages_over_leaves_with_data():
    out = roll_up(TABLE, PARENT, RULES).set_index("unit")
    assert out.loc["d1", "score"] == 60.0
    assert out["score"].isna().loc["d2"]
    assert out.loc["P", "score"] == 60.0
    assert (out.loc["P", "worst"], out.loc["P", "best"]) == (40.0, 80.0)


def test_it_rolls_up_each_period_separately():
    t = pd.concat(
        [TABLE.assign(period="2024Q1"), TABLE.assign(period="2024Q2", pop=TABLE["pop"] * 2)]
    )
    out = roll_up(t, PARENT, {"pop": Rule("sum", column="pop")}, by=["period"])
    p = out[out["unit"] == "P"].set_index("period")["pop"]
    assert p.to_dict() == {"2024Q1": 6000.0, "2024Q2": 12000.0}


def test_it_rejects_an_unknown_rule():
    with pytest.raises(ValueError, match=r"'x'.*'median'"):
        roll_up(TABLE, PARENT, {"x": Rule("median", column="pop")})
