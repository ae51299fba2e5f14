"""The synthetic-data generator: deterministic, plausible, and honest about its shape."""

from __future__ import annotations

import numpy as np
import pytest

from dxmon.demo.generator import (
    CommuneSpec,
    GeneratedValue,
    IndicatorSpec,
    classify_context,
    generate,
)

INDICATORS = [
    IndicatorSpec(code="R1", value_type="ratio", denominator_label="Tổng số CBCC của xã"),
    IndicatorSpec(code="R2", value_type="ratio", denominator_label="Tổng số hộ gia đình"),
    IndicatorSpec(code="R3", value_type="ratio", denominator_label="Tổng số thôn/ấp/TDP"),
    IndicatorSpec(
        code="R4", value_type="ratio", denominator_label="Tổng số DN đang hoạt động trên địa bàn"
    ),
    IndicatorSpec(code="C1", value_type="count", name="Số cuộc họp về CĐS"),
    IndicatorSpec(code="C2", value_type="count", name="Số sự cố mất ATTT", direction=-1),
    IndicatorSpec(code="B1", value_type="boolean", name="Xã có cổng thông tin"),
    IndicatorSpec(code="S1", value_type="score", min_value=0, max_value=100),
    IndicatorSpec(code="K1", value_type="choice", choice_shares=(1.0, 0.5, 0.0)),
    IndicatorSpec(code="CTX.04", value_type="count", name="Số thôn, ấp", is_context=True),
]
COMMUNES = [CommuneSpec(key=f"2022:{i:05d}", years=(2022, 2023, 2024)) for i in range(200)]


def by_key(values: list[GeneratedValue]) -> dict[tuple[str, int, str], GeneratedValue]:
    return {(v.commune, v.year, v.indicator): v for v in values}


def test_it_gives_identical_values_for_the_same_seed():
    assert generate(INDICATORS, COMMUNES, seed=7) == generate(INDICATORS, COMMUNES, seed=7)
    assert generate(INDICATORS, COMMUNES, seed=7) != generate(INDICATORS, COMMUNES, seed=8)


def test_it_gives_a_commune_the_same_values_whoever_else_is_generated():
    alone = by_key(generate(INDICATORS, COMMUNES[5:6]))
    together = by_key(generate(INDICATORS, COMMUNES))
    assert alone
    assert all(together[k] == v for k, v in alone.items())


def test_it_keeps_numerators_within_denominators_and_values_within_bounds():
    values = generate(INDICATORS, COMMUNES)
    for v in values:
        if v.indicator.startswith("R"):
            assert v.numerator is not None
            assert v.denominator is not None
            assert 0 <= v.numerator <= v.denominator
            assert v.value == pytest.approx(100 * v.numerator / v.denominator)
        elif v.indicator == "B1":
            assert v.value in (0.0, 1.0)
        elif v.indicator == "S1":
            assert 0 <= v.value <= 100
        elif v.indicator == "K1":
            assert v.value in (0.0, 0.5, 1.0)
        else:
            assert v.value >= 0
            assert float(v.value).is_integer()


def test_it_draws_denominators_from_realistic_ranges():
    values = [v for v in generate(INDICATORS, COMMUNES) if v.year == 2022]
    den = {
        i: [v.denominator or 0.0 for v in values if v.indicator == i]
        for i in ("R1", "R2", "R3", "R4")
    }
    for code, low, high in (("R1", 20, 35), ("R2", 1500, 6000), ("R3", 4, 12), ("R4", 5, 150)):
        assert min(den[code]) >= low, code
        assert max(den[code]) <= high, code


def test_it_uses_the_same_hamlet_count_as_context_and_denominator():
    values = by_key(generate(INDICATORS, COMMUNES, missing_rate=0))
    for commune in COMMUNES[:20]:
        assert (
            values[(commune.key, 2022, "CTX.04")].value
            == values[(commune.key, 2022, "R3")].denominator
        )


def test_it_trends_upward_and_correlates_related_indicators():
    values = generate(INDICATORS, COMMUNES, missing_rate=0, outlier_rate=0)
    means = [
        np.mean([v.value for v in values if v.indicator == "R2" and v.year == y])
        for y in (2022, 2023, 2024)
    ]
    assert means[0] < means[1] < means[2]
    table = by_key(values)
    r2 = [table[(c.key, 2022, "R2")].value for c in COMMUNES]
    s1 = [table[(c.key, 2022, "S1")].value for c in COMMUNES]
    assert np.corrcoef(r2, s1)[0, 1] > 0.3


def test_it_leaves_about_five_percent_missing_and_marks_a_few_outliers():
    values = generate(INDICATORS, COMMUNES)
    expected = len(INDICATORS) * len(COMMUNES) * 3
    missing = 1 - len(values) / expected
    assert 0.03 < missing < 0.07
    outliers = [v for v in values if v.outlier]
    assert 0 < len(outliers) < 0.02 * len(values)


def test_it_builds_a_merged_commune_from_its_predecessors():
    olds = [CommuneSpec(key=f"2022:{i}", years=(2022,)) for i in ("a", "b", "c")]
    new = CommuneSpec(key="2025:x", years=(2022,), predecessors=tuple(o.key for o in olds))
    values = by_key(generate(INDICATORS, [*olds, new], missing_rate=0))
    households = sum(values[(o.key, 2022, "R2")].denominator or 0.0 for o in olds)
    assert households > 4500
    assert values[("2025:x", 2022, "R2")].denominator == households


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Tổng số CBCC của xã", "staff"),
        ("Tổng số hồ sơ TTHC của xã trong kỳ", "files"),
        ("Số TTHC cấp xã đủ điều kiện cung cấp DVCTT toàn trình", "eligible_procedures"),
        ("Dân số từ 15 tuổi trở lên", "adults"),
        ("Tổng số hộ kinh doanh", "household_businesses"),
        ("Tổng số thôn/ấp/TDP của xã", "hamlets"),
        ("Tổng chi ngân sách xã trong năm", "budget"),
        ("Số văn bản chỉ đạo CĐS phải ban hành theo yêu cầu của tỉnh", "directives"),
        ("Điều gì đó khác", "generic"),
    ],
)
def test_it_recognises_what_a_denominator_counts(label, kind):
    assert classify_context(label) == kind


def test_it_keeps_known_facts_about_a_commune():
    plain = CommuneSpec(key="2022:28940", years=(2022, 2023))
    known = CommuneSpec(
        key="2022:28940", years=(2022, 2023), maturity=3.0, context=(("hamlets", 4.0),)
    )
    before = by_key(generate(INDICATORS, [plain], missing_rate=0, outlier_rate=0))
    after = by_key(generate(INDICATORS, [known], missing_rate=0, outlier_rate=0))
    assert after[("2022:28940", 2023, "R3")].denominator == 4
    assert after[("2022:28940", 2023, "CTX.04")].value == 4
    assert after[("2022:28940", 2023, "S1")].value > before[("2022:28940", 2023, "S1")].value
