"""The pipeline spec: COINr 1.1.14 defaults, YAML and JSON, and errors a user can act on."""

from __future__ import annotations

import pytest

from dxmon.engine.spec import check_spec, load_spec, loads_spec, parse_spec
from dxmon.engine.tree import IndicatorTree

TREE = IndicatorTree(
    indicators=("a", "b"),
    levels=(("I",),),
    parent={"a": "I", "b": "I"},
    weight={"a": 1.0, "b": 1.0, "I": 1.0},
    direction={"a": 1, "b": 1, "I": 1},
    target={"a": 5.0},
)


def test_it_fills_in_coinr_defaults():
    spec = parse_spec(
        {
            "steps": [
                {"step": "screen"},
                {"step": "treat"},
                {"step": "normalise"},
                {"step": "impute"},
            ]
        }
    )
    screen, treat, norm, imp = (s.params for s in spec.steps)
    assert screen["dat_thresh"] == 0.66
    assert screen["unit_screen"] == "byNA"
    assert (treat["winmax"], treat["skew_thresh"], treat["kurt_thresh"]) == (5, 2.0, 3.5)
    assert treat["f2"] == "log_CT"
    assert norm["method"] == "minmax"
    assert norm["range"] == [0, 100]
    assert imp["method"] == "mean"


def test_it_reads_yaml_and_json_alike():
    yaml_text = (
        "steps:\n  - {step: normalise, method: zscore, mean: 10, sd: 2}\n  - step: aggregate\n"
    )
    json_text = (
        '{"steps": [{"step": "normalise", "method": "zscore", "mean": 10, "sd": 2},'
        ' {"step": "aggregate"}]}'
    )
    assert loads_spec(yaml_text) == loads_spec(json_text)


def test_it_loads_a_spec_file(tmp_path):
    p = tmp_path / "s.yml"
    p.write_text("steps:\n  - {step: normalize, method: prank}\n", encoding="utf-8")
    assert load_spec(p).steps[0].step == "normalise"


@pytest.mark.parametrize(
    ("spec", "needle"),
    [
        ({"steps": [{"step": "weigh"}]}, "'weigh'"),
        ({"steps": [{"step": "normalise", "method": "softmax"}]}, "'softmax'"),
        ({"steps": [{"step": "normalise", "method": "minmax", "rang": [0, 1]}]}, "'rang'"),
        ({"steps": [{"step": "impute", "method": "mean_group"}]}, "group"),
        ({"steps": [{"step": "screen", "dat_thresh": 1.5}]}, "dat_thresh"),
        ({"steps": [{"step": "normalise", "method": "dist2ref"}]}, "ref"),
        ({"stages": []}, "steps"),
    ],
)
def test_it_rejects_a_bad_spec_with_a_fix(spec, needle):
    with pytest.raises(ValueError, match=needle):
        parse_spec(spec)


def test_it_names_the_indicator_without_target_before_running():
    spec = parse_spec({"steps": [{"step": "normalise", "method": "dist2targ"}]})
    with pytest.raises(ValueError, match=r"'b'.*Target"):
        check_spec(spec, TREE)


def test_it_rejects_weights_outside_the_tree():
    spec = parse_spec({"steps": [{"step": "aggregate", "weights": {"c": 2}}]})
    with pytest.raises(ValueError, match=r"'c'.*iMeta"):
        check_spec(spec, TREE)


def test_it_rejects_a_missing_group_column():
    spec = parse_spec({"steps": [{"step": "impute", "method": "mean_group", "group": "Region"}]})
    with pytest.raises(ValueError, match="'Region'"):
        check_spec(spec, TREE, ("EurAsia_group",))


def test_it_round_trips_through_a_dict():
    spec = parse_spec({"steps": [{"step": "treat", "winmax": 3}]})
    assert parse_spec(spec.as_dict()) == spec
