"""Validation of framework files: every error, with its path, line and a Vietnamese message."""

from __future__ import annotations

from dxmon.frameworks.services import FrameworkError, framework_check
from dxmon.frameworks.tests.conftest import DATA


def _by_path(errors: list[FrameworkError]) -> dict[str, FrameworkError]:
    return {e.path: e for e in errors}


def test_it_lists_every_mistake_of_the_broken_file_with_path_and_line():
    errors = framework_check(path=DATA / "broken.yaml")
    found = _by_path(errors)
    expected = {
        # unknown parent
        "indicators[0].group": (41, "XHS_KHONG_CO"),
        # duplicate code
        "pillars[0].groups[0].indicators[1].code": (27, "bị trùng"),
        # weights that do not add up (0,7 + 0,2)
        "pillars": (9, "0,9"),
        # a target for a year outside 2022–2025
        "pillars[0].groups[0].indicators[0].targets[0].year": (26, "2030"),
        # unknown aggregation rule
        "pillars[0].groups[0].indicators[1].aggregation": (30, "avg"),
    }
    assert set(found) == set(expected)
    for path, (line, fragment) in expected.items():
        assert found[path].line == line, path
        assert fragment in found[path].message, path


def test_it_accepts_the_small_valid_file():
    assert framework_check(path=DATA / "mini.yaml") == []


def _mini(**replace: str) -> str:
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return text


def test_it_requires_numerator_and_denominator_labels_of_a_ratio():
    text = _mini(**{"            numerator: Số CBCC có chữ ký số\n": ""})
    errors = framework_check(text=text)
    assert [e.path for e in errors] == ["pillars[0].groups[0].indicators[0]"]
    assert "tử số" in errors[0].message
    assert errors[0].line == 21  # the line of "- code: CQS.03"


def test_it_refuses_an_aggregation_that_does_not_fit_the_value_type():
    errors = framework_check(text=_mini(**{"aggregation: ratio_sum": "aggregation: sum"}))
    assert [e.path for e in errors] == ["pillars[0].groups[0].indicators[0].aggregation"]
    assert "ratio_sum" in errors[0].message


def test_it_refuses_children_points_that_do_not_add_up_to_the_parent():
    errors = framework_check(
        text=_mini(**{"max_points: 40\n            scoring": "max_points: 30\n            scoring"})
    )
    assert [e.path for e in errors] == ["pillars[0].groups[0].max_points"]
    assert "50" in errors[0].message
    assert "60" in errors[0].message


def test_it_refuses_a_cross_rule_naming_an_unknown_indicator():
    errors = framework_check(text=_mini(**{"right: CTX.01": "right: CTX.99"}))
    assert [e.path for e in errors] == ["cross_rules[0].right"]
    assert "CTX.99" in errors[0].message


def test_it_refuses_numerator_of_a_non_ratio_in_a_cross_rule():
    errors = framework_check(text=_mini(**{"right: CTX.01": "right: CTX.01.denominator"}))
    assert [e.path for e in errors] == ["cross_rules[0].right"]


def test_it_refuses_an_unknown_scoring_rule_and_target_source():
    text = _mini(**{"rule: ratio_x_max": "rule: magic", "source: QD942}": "source: QD000}"})
    paths = {e.path for e in framework_check(text=text)}
    assert paths == {
        "pillars[0].groups[0].indicators[0].scoring.rule",
        "pillars[0].groups[0].indicators[0].targets[0].source",
    }


def test_it_reports_a_yaml_syntax_error_with_its_line():
    errors = framework_check(text="framework:\n  code: [x\npillars: []\n")
    assert len(errors) == 1
    assert errors[0].line is not None
    assert "YAML" in errors[0].message


def test_it_reports_a_duplicate_key_with_its_line():
    errors = framework_check(
        text=_mini(**{"  max_points: 100\n": "  max_points: 100\n  max_points: 100\n"})
    )
    assert len(errors) == 1
    assert errors[0].line is not None


def test_it_reports_missing_required_fields_and_unknown_fields():
    text = _mini(**{"  title: Bộ chỉ số thử nghiệm\n": "  tilte: Bộ chỉ số thử nghiệm\n"})
    messages = {e.path: e.message for e in framework_check(text=text)}
    assert "framework.tilte" in messages
    assert "title" in messages["framework"]
