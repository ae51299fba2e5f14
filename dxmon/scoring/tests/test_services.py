"""Scoring runs on the shared personas' tree with the default commune framework (xa-cds 1.0).

Hand-computed points follow the framework's rules (dxmon/frameworks/FORMAT.md "Scoring rules"):
NTS.01 (choice, 15 points, tiers head 1 / deputy 0.5 / none 0), NTS.02 (count, 15 points, steps
4 → 1, 3 → 0.75, 2 → 0.5, 1 → 0.25), NTS.03 (ratio × max, 10 points), CQS.05 (ratio × max with
full points at 80 %, 14 points: min(1, ratio / 0.8) × 14, the 766 rule).
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import DataValue, Period, Report
from dxmon.frameworks.models import FrameworkVersion
from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load
from dxmon.scoring.models import INDEX_CODE, Score, ScoringRun
from dxmon.scoring.selectors import latest_run, ranking, unit_scores
from dxmon.scoring.services import ScoringError, scores_compute
from dxmon.testing.fixtures import Tree
from dxmon.units.models import Unit

# (value, numerator, denominator) per indicator for the two old communes, 2024.
TAN_HOI = {"NTS.01": (0.5, None, None), "NTS.02": (3, None, None), "NTS.03": (90, 9, 10),
           "CQS.05": (60, 60, 100)}  # fmt: skip
MO_CAY_TOWN = {"NTS.01": (1.0, None, None), "NTS.02": (5, None, None), "NTS.03": (50, 3, 6),
               "CQS.05": (90, 90, 100)}  # fmt: skip


@pytest.fixture
def version(db: None) -> FrameworkVersion:
    return framework_load(path=DEFAULT_FRAMEWORK_PATH)


def _period(code: str) -> Period:
    year = int(code)
    return Period.objects.create(
        code=code, kind="year", start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31)
    )


def _report(
    version: FrameworkVersion,
    unit: Unit,
    period: Period,
    values: dict[str, tuple[Any, Any, Any]],
    status: str = ReportStatus.APPROVED,
    synthetic: bool = False,
) -> Report:
    report = Report.objects.create(
        unit=unit, period=period, framework_version=version, status=status
    )
    for code, (value, num, den) in values.items():
        DataValue.objects.create(
            report=report,
            indicator=version.indicators.get(code=code),
            value=value,
            numerator=num,
            denominator=den,
            is_synthetic=synthetic,
        )
    return report


def _score(run: ScoringRun, unit: Unit, code: str) -> Score:
    return Score.objects.get(run=run, unit=unit, node_code=code)


@pytest.fixture
def year_2024(tree: Tree, version: FrameworkVersion) -> Period:
    period = _period("2024")
    _report(version, tree.tan_hoi, period, TAN_HOI)
    _report(version, tree.mo_cay_town, period, MO_CAY_TOWN, synthetic=True)
    return period


def test_it_scores_indicators_by_the_framework_rules(
    tree: Tree, version: FrameworkVersion, year_2024: Period
) -> None:
    """Tân Hội: NTS.01 deputy 0.5 × 15 = 7.5; NTS.02 3 meetings → 0.75 × 15 = 11.25;
    NTS.03 9/10 × 10 = 9; CQS.05 0.6 / 0.8 = 0.75 × 14 = 10.5. Group NTS (80 points, the other
    indicators missing → 0) = 27.75 points, value 27.75 / 80. Thị trấn Mỏ Cày: 15, 15 (5 ≥ 4),
    3/6 × 10 = 5, min(1, 0.9 / 0.8) × 14 = 14."""
    run = scores_compute(framework_version="xa-cds", period="2024")
    th, town = tree.tan_hoi, tree.mo_cay_town
    assert _score(run, th, "NTS.01").points == pytest.approx(7.5)
    assert _score(run, th, "NTS.02").points == pytest.approx(11.25)
    assert _score(run, th, "NTS.03").points == pytest.approx(9.0)
    assert _score(run, th, "CQS.05").points == pytest.approx(10.5)
    assert _score(run, th, "CQS.05").value == pytest.approx(0.75)
    nts = _score(run, th, "NTS")
    assert nts.points == pytest.approx(27.75)
    assert nts.max_points == pytest.approx(80.0)
    assert nts.value == pytest.approx(27.75 / 80)
    assert _score(run, town, "NTS.02").points == pytest.approx(15.0)
    assert _score(run, town, "NTS.03").points == pytest.approx(5.0)
    assert _score(run, town, "CQS.05").points == pytest.approx(14.0)
    index = _score(run, th, INDEX_CODE)
    assert index.max_points == pytest.approx(1000.0)
    assert index.points == pytest.approx(7.5 + 11.25 + 9 + 10.5)
    # Ranks on the index: the town (49 points) before Tân Hội (38.25).
    assert _score(run, town, INDEX_CODE).rank == 1
    assert index.rank == 2
    assert index.rank_in_province == 2
    assert index.rank_in_kind == 1
    assert _score(run, town, INDEX_CODE).is_synthetic
    assert not index.is_synthetic
    assert not index.reconstructed
    assert not index.includes_unapproved
    assert run.status == "succeeded"
    assert "NTS.03" in run.spec


def test_it_rebuilds_mo_cay_from_tan_hoi_and_the_township(
    tree: Tree, version: FrameworkVersion, year_2024: Period
) -> None:
    """Xã Mỏ Cày (2025) in 2024, from the fixture's lineage (Tân Hội + Thị trấn Mỏ Cày, weight 1):
    NTS.03 (9 + 3) / (10 + 6) = 0.75 → 7.5 (not the mean of 90 % and 50 %, 70 % → 7);
    NTS.02 3 + 5 = 8 meetings → 15; NTS.01 mean share (0.5 + 1) / 2 → 11.25;
    CQS.05 150 / 200 = 0.75 / 0.8 → 13.125."""
    run = scores_compute(framework_version="xa-cds", period="2024", province=tree.province)
    a = tree.commune_a
    assert _score(run, a, "NTS.03").points == pytest.approx(7.5)
    assert _score(run, a, "NTS.02").points == pytest.approx(15.0)
    assert _score(run, a, "NTS.01").points == pytest.approx(11.25)
    assert _score(run, a, "CQS.05").points == pytest.approx(13.125)
    index = _score(run, a, INDEX_CODE)
    assert index.reconstructed
    assert index.rank == 1
    assert index.method == "lineage_sum+predecessor_mean"
    assert index.is_synthetic  # the township's data were synthetic
    assert not _score(run, tree.tan_hoi, INDEX_CODE).reconstructed
    assert not Score.objects.filter(run=run, unit=tree.commune_b).exists()
    assert run.log["units_reconstructed"] == 1


def test_it_excludes_unapproved_data_unless_asked_then_flags_it(
    tree: Tree, version: FrameworkVersion
) -> None:
    period = _period("2024")
    _report(version, tree.tan_hoi, period, TAN_HOI)
    _report(version, tree.mo_cay_town, period, MO_CAY_TOWN, status=ReportStatus.SUBMITTED)
    run = scores_compute(framework_version="xa-cds", period=period)
    assert not Score.objects.filter(run=run, unit=tree.mo_cay_town).exists()
    # Xã Mỏ Cày rebuilt from Tân Hội alone: NTS.03 9/10 → 9.
    assert _score(run, tree.commune_a, "NTS.03").points == pytest.approx(9.0)
    run2 = scores_compute(framework_version="xa-cds", period=period, include_unapproved=True)
    assert _score(run2, tree.mo_cay_town, INDEX_CODE).includes_unapproved
    assert not _score(run2, tree.tan_hoi, INDEX_CODE).includes_unapproved
    assert _score(run2, tree.commune_a, INDEX_CODE).includes_unapproved
    assert _score(run2, tree.commune_a, "NTS.03").points == pytest.approx(7.5)
    assert ScoringRun.objects.count() == 2  # history kept


def test_it_gives_rank_intervals_when_asked(
    tree: Tree, version: FrameworkVersion, year_2024: Period
) -> None:
    run = scores_compute(framework_version="xa-cds", period="2024", uncertainty_samples=50)
    for unit in (tree.tan_hoi, tree.mo_cay_town):
        s = _score(run, unit, INDEX_CODE)
        assert s.rank_p05 is not None
        assert s.rank_p95 is not None
        assert s.rank_median is not None
        assert 1 <= s.rank_p05 <= s.rank_median <= s.rank_p95 <= 2
    assert _score(run, tree.tan_hoi, "NTS").rank_p05 is None


def test_it_refuses_an_unknown_period_or_framework(tree: Tree, version: FrameworkVersion) -> None:
    with pytest.raises(ScoringError, match="2031"):
        scores_compute(framework_version="xa-cds", period="2031")
    _period("2024")
    with pytest.raises(ScoringError, match="khong-co"):
        scores_compute(framework_version="khong-co", period="2024")


def test_it_hides_commune_a_from_the_outsider(
    tree: Tree, version: FrameworkVersion, year_2024: Period, officer: Any, outsider: Any,
    reviewer: Any,
) -> None:  # fmt: skip
    scores_compute(framework_version="xa-cds", period="2024", province=tree.province)
    assert list(ranking(user=outsider, period="2024")) == []
    assert unit_scores(user=outsider, unit=tree.commune_a) == []
    mine = unit_scores(user=officer, unit=tree.commune_a)
    assert [(s.run.period.code, s.reconstructed) for s in mine] == [("2024", True)]
    seen = {s.unit.code for s in ranking(user=reviewer, period="2024", province=tree.province)}
    assert seen == {"28903", "28940"}
    assert latest_run(period="2024") is not None


def test_it_recomputes_in_the_background_after_an_approval(
    tree: Tree, version: FrameworkVersion, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    period = _period("2025")
    report = _report(
        version, tree.commune_a, period, {"NTS.03": (80, 8, 10)}, status=ReportStatus.SUBMITTED
    )
    assert not ScoringRun.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        report.status = ReportStatus.APPROVED
        report.save()
    run = ScoringRun.objects.get()
    assert run.province == tree.province
    assert run.period == period
    assert _score(run, tree.commune_a, "NTS.03").points == pytest.approx(8.0)
    # Saving an already approved report again does not recompute.
    with django_capture_on_commit_callbacks(execute=True):
        report.save()
    assert ScoringRun.objects.count() == 1
