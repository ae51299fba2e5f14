"""Validation: bounds, ratios, cross rules, evidence, jumps against last period, peer outliers."""

from __future__ import annotations

from typing import Any

import pytest

from dxmon.collection.history import previous_values
from dxmon.collection.models import Evidence, Report
from dxmon.collection.services import period_get_or_create
from dxmon.collection.tests.cycle import make_commune, make_report, put
from dxmon.collection.validation import (
    check_value,
    modified_z_scores,
    report_validate,
    value_issues,
)
from dxmon.frameworks.models import CrossRule
from dxmon.testing.fixtures import Tree


@pytest.fixture
def report(tree: Tree, tiny: Any, periods: Any) -> Report:
    return make_report(tree.commune_a, periods["2025"], tiny.version)


def codes(issues: list[Any]) -> list[str]:
    return [issue.code for issue in issues]


def test_it_checks_types_and_bounds_without_the_database(tiny: Any) -> None:
    assert codes(check_value(tiny.ratio, value=None, numerator=45, denominator=50)) == []
    assert codes(check_value(tiny.ratio, value=None, numerator=51, denominator=50)) == [
        "numerator_gt_denominator"
    ]
    assert codes(check_value(tiny.ratio, value=None, numerator=0, denominator=0)) == [
        "denominator_zero"
    ]
    assert codes(check_value(tiny.count, value=3, numerator=1, denominator=2)) == ["type"]
    assert codes(check_value(tiny.boolean, value=0)) == []
    assert codes(check_value(tiny.score, value=-0.5)) == []  # no min_value declared
    tiny.score.min_value = 0
    assert codes(check_value(tiny.score, value=-0.5)) == ["min"]
    tiny.count.unit = "%"
    assert codes(check_value(tiny.count, value=120)) == ["percent_range"]


def test_it_scores_the_worked_example_of_iglewicz_and_hoaglin() -> None:
    """Median 56,5, MAD 4 (see ``modified_z_scores``): M(95) = 0,6745 × 38,5 / 4 ≈ 6,49."""
    scores = modified_z_scores([50, 52, 55, 58, 60, 95])
    assert scores is not None
    assert scores[-1] == pytest.approx(0.6745 * 38.5 / 4)
    assert scores[0] == pytest.approx(0.6745 * -6.5 / 4)
    assert modified_z_scores([5, 5, 5, 5, 9]) is None  # MAD 0: no score


def test_it_warns_of_an_outlier_among_peers_until_explained(
    tree: Tree, tiny: Any, periods: Any, report: Report
) -> None:
    peers = [tree.commune_b] + [
        make_commune(f"9{i}", f"Xã Ngang Hàng {i}", tree.province) for i in range(4)
    ]
    for unit, numerator in zip(peers, [50, 52, 55, 58, 60], strict=True):
        put(
            make_report(unit, periods["2025"], tiny.version),
            tiny.ratio,
            numerator=numerator,
            denominator=100,
        )
    put(report, tiny.ratio, numerator=95, denominator=100)
    issue = next(i for i in value_issues(report, tiny.ratio) if i.code == "peer_outlier")
    assert issue.severity == "warning"
    assert issue.needs_comment
    assert not issue.explained
    assert "5 đơn vị cùng cấp" in issue.message
    assert "6,5" in issue.message
    assert not report_validate(report).can_submit

    put(report, tiny.ratio, numerator=95, denominator=100, warning_comment="Đã rà soát: đúng.")
    issue = next(i for i in value_issues(report, tiny.ratio) if i.code == "peer_outlier")
    assert issue.explained


def test_it_ignores_peers_when_there_are_too_few(
    tree: Tree, tiny: Any, periods: Any, report: Report
) -> None:
    put(
        make_report(tree.commune_b, periods["2025"], tiny.version),
        tiny.ratio,
        numerator=10,
        denominator=100,
    )
    put(report, tiny.ratio, numerator=95, denominator=100)
    assert "peer_outlier" not in codes(value_issues(report, tiny.ratio))


def test_it_warns_of_a_jump_against_the_rebuilt_series_of_a_merged_commune(
    tree: Tree, tiny: Any, report: Report
) -> None:
    """2024: Tân Hội 40/100 and TT Mỏ Cày 20/100 → Xã Mỏ Cày 60/200 = 30%; 2025: 90%."""
    y2024 = period_get_or_create(code="2024")
    put(make_report(tree.tan_hoi, y2024, tiny.version), tiny.ratio, numerator=40, denominator=100)
    put(
        make_report(tree.mo_cay_town, y2024, tiny.version),
        tiny.ratio,
        numerator=20,
        denominator=100,
    )
    previous = previous_values(report)["CQS.1"]
    assert (previous.numerator, previous.denominator, previous.value) == (60, 200, 30)
    assert previous.period_code == "2024"
    assert "Xã Tân Hội" in previous.note
    assert "Thị trấn Mỏ Cày" in previous.note

    put(report, tiny.ratio, numerator=90, denominator=100)
    jump = next(i for i in value_issues(report, tiny.ratio) if i.code == "jump")
    assert jump.needs_comment
    assert "60 điểm phần trăm" in jump.message
    put(report, tiny.ratio, numerator=55, denominator=100)  # 25 points: no warning
    assert "jump" not in codes(value_issues(report, tiny.ratio))


def test_it_warns_when_a_count_triples_since_last_period(
    tree: Tree, tiny: Any, periods: Any
) -> None:
    y2021 = period_get_or_create(code="2021")
    put(make_report(tree.tan_hoi, y2021, tiny.version), tiny.count, value=10)
    current = make_report(tree.tan_hoi, periods["2022"], tiny.version)
    put(current, tiny.count, value=40)
    assert "jump" in codes(value_issues(current, tiny.count))
    put(current, tiny.count, value=25)
    assert "jump" not in codes(value_issues(current, tiny.count))
    put(current, tiny.count, value=3)  # less than a third
    assert "jump" in codes(value_issues(current, tiny.count))


def test_it_applies_the_frameworks_cross_rules(tiny: Any, report: Report) -> None:
    CrossRule.objects.create(
        version=tiny.version,
        code="R01",
        left="CQS.1.numerator",
        operator="<=",
        right="CQS.2",
        message_vi="Số CBCC có chữ ký số không được vượt tổng số CBCC.",
    )
    put(report, tiny.ratio, numerator=45, denominator=50)
    assert "rule:R01" not in codes(report_validate(report).errors)  # CQS.2 still empty
    put(report, tiny.count, value=40)
    errors = report_validate(report).errors
    rule = next(e for e in errors if e.code == "rule:R01")
    assert rule.indicator_code == "CQS.1"
    assert "không được vượt" in rule.message
    assert "45" in rule.message
    assert "rule:R01" in codes(value_issues(report, tiny.count))
    put(report, tiny.count, value=50)
    assert "rule:R01" not in codes(report_validate(report).errors)


def test_it_requires_evidence_where_the_framework_says_so(tiny: Any, report: Report) -> None:
    tiny.boolean.evidence_required = True
    tiny.boolean.save()
    put(report, tiny.boolean, value=1)
    assert "evidence_missing" in codes(report_validate(report).errors)
    Evidence.objects.create(
        report=report, indicator=tiny.boolean, kind="citation", doc_number="12/QĐ-UBND"
    )
    assert "evidence_missing" not in codes(report_validate(report).errors)


def test_it_reports_missing_values_as_warnings_that_do_not_block(tiny: Any, report: Report) -> None:
    result = report_validate(report)
    assert result.errors == []
    assert codes(result.warnings) == ["missing"] * 4
    assert result.can_submit
