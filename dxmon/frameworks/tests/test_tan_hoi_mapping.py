"""Every figure of the Tân Hội article (17/8/2022) maps to an indicator of the default framework."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH
from dxmon.frameworks.validation import iter_tree, validate_text

MAPPING = DEFAULT_FRAMEWORK_PATH.parent / "tan_hoi_2022_mapping.yaml"
ARTICLE = Path("/work/shared/examples/tan-hoi-2022-08-17.txt")


def _indicators() -> dict[str, Any]:
    data, errors = validate_text(DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8"))
    assert errors == []
    return {i.data["code"]: i.data for i in iter_tree(data) if i.kind == "indicator"}


def test_it_maps_every_figure_to_an_indicator_of_a_compatible_type():
    mapping = YAML(typ="safe").load(MAPPING.read_text(encoding="utf-8"))
    indicators = _indicators()
    assert mapping["framework"] == {"code": "xa-cds", "version": "1.0"}
    for fig in mapping["figures"]:
        code = fig["indicator"]
        assert code in indicators, code
        vtype = indicators[code]["value_type"]
        if fig["numerator"] is not None or fig["denominator"] is not None:
            assert vtype == "ratio", code
            assert fig["value"] == 100 * fig["numerator"] / fig["denominator"]
        if vtype == "ratio":
            assert 0 <= fig["value"] <= 100, code
        else:
            assert vtype == "count", code
            assert float(fig["value"]).is_integer(), code
        assert fig["qualifier"] in (None, "trên")


def test_it_covers_the_figures_named_in_the_issue():
    mapping = YAML(typ="safe").load(MAPPING.read_text(encoding="utf-8"))
    pairs = {(f["indicator"], f["value"]) for f in mapping["figures"]}
    assert {
        ("NLS.03", 90),
        ("CQS.02", 90),
        ("CQS.16", 100),
        ("CQS.17", 80),
        ("CQS.07", 79),
        ("KTS.01", 100),
        ("KTS.02", 100),
        ("KTS.11", 40),
        ("KTS.12", 1),
        ("XHS.16", 3),
        ("XHS.12", 100),
    } <= pairs
    over = [f for f in mapping["figures"] if f["qualifier"] == "trên"]
    assert [f["indicator"] for f in over] == ["CQS.07"]


def test_it_quotes_figures_as_written_in_the_article():
    if not ARTICLE.exists():
        return
    article = " ".join(ARTICLE.read_text(encoding="utf-8").split())
    mapping = YAML(typ="safe").load(MAPPING.read_text(encoding="utf-8"))
    for fig in mapping["figures"]:
        assert fig["figure"] in article, fig["figure"]
