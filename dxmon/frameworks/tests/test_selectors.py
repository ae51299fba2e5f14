"""Reads: versions by code, by year, the indicator tree and targets per year."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxmon.frameworks.models import FrameworkVersion
from dxmon.frameworks.selectors import (
    framework_version_for_year,
    framework_version_get,
    indicator_targets,
    indicator_tree,
)
from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load
from dxmon.frameworks.tests.conftest import DATA


@pytest.fixture
def two_versions(db: None, tmp_path: Path) -> tuple[FrameworkVersion, FrameworkVersion]:
    old = framework_load(path=DATA / "mini.yaml")
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "1.0"', 'version: "2.0"').replace(
        "{from: 2022, to: 2025}", "{from: 2024, to: 2025}"
    )
    newer = tmp_path / "mini-2.yaml"
    newer.write_text(text, encoding="utf-8")
    return old, framework_load(path=newer)


def test_it_gets_a_version_or_the_latest(two_versions):
    old, new = two_versions
    assert framework_version_get(code="mini", version="1.0") == old
    assert framework_version_get(code="mini") == new
    with pytest.raises(FrameworkVersion.DoesNotExist):
        framework_version_get(code="nothing")


def test_it_picks_the_newest_version_covering_a_year(two_versions):
    old, new = two_versions
    assert framework_version_for_year(code="mini", year=2022) == old
    assert framework_version_for_year(code="mini", year=2025) == new
    with pytest.raises(FrameworkVersion.DoesNotExist):
        framework_version_for_year(code="mini", year=2031)


@pytest.mark.django_db
def test_it_builds_the_tree_in_file_order_with_few_queries(django_assert_max_num_queries):
    version = framework_load(path=DEFAULT_FRAMEWORK_PATH)
    with django_assert_max_num_queries(3):
        tree = indicator_tree(version)
        targets = [t for p in tree for g in p.groups for i in g.indicators for t in i.targets.all()]
    assert [p.node.code for p in tree] == ["NEN_TANG", "CQS", "KTS", "XHS", "TTC"]
    assert [g.node.code for g in tree[0].groups] == ["NTS", "TCS", "HTS", "NLS", "ATT", "DLS"]
    assert [i.code for i in tree[0].groups[0].indicators][:2] == ["NTS.01", "NTS.02"]
    assert sum(len(g.indicators) for p in tree for g in p.groups) == 83
    assert targets


@pytest.mark.django_db
def test_it_returns_the_targets_of_a_year():
    version = framework_load(path=DEFAULT_FRAMEWORK_PATH)
    xhs01 = version.indicators.get(code="XHS.01")
    assert sorted(t.source_code for t in indicator_targets(xhs01, 2025)) == ["QD411", "QD749"]
    assert indicator_targets(xhs01, 2030) == []
