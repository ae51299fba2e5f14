"""Loading framework versions: atomic, idempotent, never rewriting an old version."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxmon.frameworks.choices import NodeLevel, ValueType
from dxmon.frameworks.models import CrossRule, Framework, FrameworkVersion, Indicator, Node, Target
from dxmon.frameworks.services import (
    DEFAULT_FRAMEWORK_PATH,
    FrameworkInvalid,
    framework_check,
    framework_load,
)
from dxmon.frameworks.tests.conftest import DATA

MODELS = (Framework, FrameworkVersion, Node, Indicator, Target, CrossRule)


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def test_it_finds_the_default_framework_valid():
    assert framework_check(path=DEFAULT_FRAMEWORK_PATH) == []


@pytest.mark.django_db
def test_it_loads_the_default_framework_with_its_whole_tree():
    version = framework_load(path=DEFAULT_FRAMEWORK_PATH)
    assert (version.framework.code, version.version) == ("xa-cds", "1.0")
    assert version.title == "Bộ chỉ số chuyển đổi số cấp xã"
    assert (version.valid_from_year, version.valid_to_year) == (2022, 2030)
    assert version.max_points == 1000
    assert "405/QĐ-BKHCN" in version.legal_basis
    pillars = version.nodes.filter(level=NodeLevel.PILLAR)
    assert [p.code for p in pillars.order_by("order")] == ["NEN_TANG", "CQS", "KTS", "XHS", "TTC"]
    assert version.nodes.filter(level=NodeLevel.GROUP).count() == 13
    assert version.indicators.count() == 83
    assert version.indicators.filter(scored=False).count() == 10  # 8 context + CQS.15 + KTS.10
    # Points add up at every level of the scored tree.
    assert sum(p.max_points or 0 for p in pillars) == 1000
    for group in version.nodes.filter(level=NodeLevel.GROUP):
        points = sum(i.max_points or 0 for i in group.indicators.all())
        assert points == (group.max_points or 0), group.code
    cqs03 = version.indicators.get(code="CQS.03")
    assert cqs03.value_type == ValueType.RATIO
    assert cqs03.numerator_label
    target = cqs03.targets.get()
    assert (target.year, target.value, target.comparator, target.source_code) == (
        2025,
        100,
        "=",
        "QD942",
    )
    assert "942/QĐ-TTg" in target.source_title
    assert version.cross_rules.filter(left="CQS.03.numerator", right="CTX.01").exists()


@pytest.mark.django_db
def test_it_keeps_local_example_targets_out_of_the_targets():
    version = framework_load(path=DEFAULT_FRAMEWORK_PATH)
    nts06 = version.indicators.get(code="NTS.06")
    assert nts06.targets.count() == 0
    assert nts06.example_targets[0]["source"] == "GV_NB"


@pytest.mark.django_db
def test_it_writes_nothing_when_the_file_has_errors():
    before = _counts()
    with pytest.raises(FrameworkInvalid) as caught:
        framework_load(path=DATA / "broken.yaml")
    assert len(caught.value.errors) == 5
    assert all(e.line for e in caught.value.errors)
    assert _counts() == before


@pytest.mark.django_db
def test_it_does_nothing_when_the_same_version_is_loaded_again():
    first = framework_load(path=DATA / "mini.yaml")
    before = _counts()
    again = framework_load(path=DATA / "mini.yaml")
    assert again.pk == first.pk
    assert _counts() == before


@pytest.mark.django_db
def test_it_refuses_a_changed_file_with_the_same_version(tmp_path: Path):
    framework_load(path=DATA / "mini.yaml")
    before = _counts()
    changed = tmp_path / "mini.yaml"
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    changed.write_text(text.replace("Có họp không giấy", "Có họp trực tuyến"), encoding="utf-8")
    with pytest.raises(FrameworkInvalid) as caught:
        framework_load(path=changed)
    [error] = caught.value.errors
    assert error.path == "framework.version"
    assert "tăng số phiên bản" in error.message
    assert _counts() == before


@pytest.mark.django_db
def test_it_loads_a_new_version_without_touching_the_old_one(tmp_path: Path):
    old = framework_load(path=DATA / "mini.yaml")
    old_rows = list(Indicator.objects.filter(version=old).values())
    old_targets = list(Target.objects.filter(indicator__version=old).values())
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "1.0"', 'version: "1.1"').replace(
        "Tỷ lệ CBCC có chữ ký số", "Tỷ lệ CBCC có chữ ký số chuyên dùng"
    )
    newer = tmp_path / "mini-1.1.yaml"
    newer.write_text(text, encoding="utf-8")
    new = framework_load(path=newer)
    assert new.pk != old.pk
    assert new.framework_id == old.framework_id
    assert list(Indicator.objects.filter(version=old).values()) == old_rows
    assert list(Target.objects.filter(indicator__version=old).values()) == old_targets
    assert new.indicators.get(code="CQS.03").name_vi.endswith("chuyên dùng")
    assert new.indicators.get(code="CQS.03").pk != old.indicators.get(code="CQS.03").pk


@pytest.mark.django_db
def test_it_stores_weights_from_points_and_context_as_unscored():
    version = framework_load(path=DATA / "mini.yaml")
    cqs = version.nodes.get(code="CQS")
    assert cqs.weight == pytest.approx(0.6)
    assert version.indicators.get(code="CQS.03").weight == pytest.approx(40 / 60)
    ctx = version.indicators.get(code="CTX.01")
    assert ctx.group.parent is not None
    assert (ctx.scored, ctx.weight, ctx.group.code, ctx.group.parent.code) == (
        False,
        0,
        "CTX",
        "TTC",
    )
    # A top-level indicator lands in the group it names.
    assert version.indicators.get(code="XHS.13").group.code == "XHS_TCN"
    steps = version.indicators.get(code="XHS.13")
    assert steps.scoring_rule == "steps"
    assert steps.scoring["steps"][0] == {"at_least": 12, "share": 1}
