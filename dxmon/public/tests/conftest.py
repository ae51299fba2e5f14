"""A province with approved, submitted and draft reports, and runs published, unpublished and
computed with unapproved data. Raw values and scores that must never be public carry
distinctive numbers that the tests search for in every public response."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache

from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import DataValue, Period, Report
from dxmon.frameworks.models import FrameworkVersion
from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load
from dxmon.public.models import Publication
from dxmon.public.selectors import clear_local_cache
from dxmon.public.services import publication_publish
from dxmon.scoring.models import INDEX_CODE, Score, ScoringRun
from dxmon.scoring.services import scores_compute
from dxmon.testing.fixtures import Tree, make_unit
from dxmon.units.choices import Kind, Structure
from dxmon.units.models import Unit

# Values that may be public (approved, in a published period).
PUBLIC_CTX = 1357.0
# Values that must never be public: a submitted report, a draft, an approved report of a
# period without publication; and the scores of unpublished runs.
SUBMITTED_CTX = 43.219
DRAFT_CTX = 56.781
UNPUBLISHED_PERIOD_CTX = 67.891
UNPUBLISHED_RUN_POINTS = 654.321
UNPUBLISHED_PERIOD_POINTS = 876.543

APPROVED = {"NTS.01": (1.0, None, None), "NTS.02": (3, None, None), "NTS.03": (80, 8, 10),
            "CQS.05": (60, 60, 100)}  # fmt: skip
OTHER = {"NTS.01": (0.5, None, None), "NTS.02": (4, None, None), "NTS.03": (70, 7, 13)}
OLD_TAN_HOI = {"NTS.01": (0.5, None, None), "NTS.02": (3, None, None), "NTS.03": (90, 9, 10),
               "CQS.05": (60, 60, 100)}  # fmt: skip
OLD_TOWN = {"NTS.01": (1.0, None, None), "NTS.02": (5, None, None), "NTS.03": (50, 3, 6)}


@dataclass
class Scenario:
    tree: Tree
    version: FrameworkVersion
    draft_unit: Unit
    year: Period  # 2025: published
    old_year: Period  # 2024: published, before the merger (reconstructed scores)
    hidden_year: Period  # 2023: computed, never published
    published: ScoringRun
    unpublished: ScoringRun
    with_unapproved: ScoringRun
    hidden_run: ScoringRun
    publication: Publication


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
    *,
    status: str = ReportStatus.APPROVED,
    ctx: float | None = None,
) -> Report:
    report = Report.objects.create(
        unit=unit, period=period, framework_version=version, status=status
    )
    rows = dict(values)
    if ctx is not None:
        rows["CTX.01"] = (ctx, None, None)
    for code, (value, num, den) in rows.items():
        DataValue.objects.create(
            report=report,
            indicator=version.indicators.get(code=code),
            value=value,
            numerator=num,
            denominator=den,
        )
    return report


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    clear_local_cache()
    yield
    cache.clear()
    clear_local_cache()


@pytest.fixture
def scenario(tree: Tree, reviewer: Any) -> Scenario:
    version = framework_load(path=DEFAULT_FRAMEWORK_PATH)
    tree.commune_a.latitude, tree.commune_a.longitude, tree.commune_a.area_km2 = 10.1, 106.3, 40
    tree.commune_a.save()
    draft_unit = make_unit(
        code="28999",
        name="Xã Thử Nghiệm Nháp",
        kind=Kind.COMMUNE,
        structure=Structure.Y2025,
        parent=tree.province,
    )
    year, old_year, hidden_year = _period("2025"), _period("2024"), _period("2023")
    _report(version, tree.commune_a, year, APPROVED, ctx=PUBLIC_CTX)
    _report(version, tree.commune_b, year, OTHER, status=ReportStatus.SUBMITTED, ctx=SUBMITTED_CTX)
    _report(version, draft_unit, year, OTHER, status=ReportStatus.DRAFT, ctx=DRAFT_CTX)
    _report(version, tree.tan_hoi, old_year, OLD_TAN_HOI)
    _report(version, tree.mo_cay_town, old_year, OLD_TOWN)
    _report(version, tree.tan_hoi, hidden_year, OLD_TAN_HOI, ctx=UNPUBLISHED_PERIOD_CTX)

    published = scores_compute(framework_version=version, period=year, province=tree.province)
    publication = publication_publish(user=reviewer, run=published)
    old = scores_compute(framework_version=version, period=old_year, province=tree.province)
    publication_publish(user=reviewer, run=old)
    # Computed after the published run, so it is the "latest" run: still never public.
    unpublished = scores_compute(framework_version=version, period=year, province=tree.province)
    Score.objects.filter(run=unpublished, node_code=INDEX_CODE).update(
        points=UNPUBLISHED_RUN_POINTS
    )
    with_unapproved = scores_compute(
        framework_version=version, period=year, province=tree.province, include_unapproved=True
    )
    hidden_run = scores_compute(framework_version=version, period=hidden_year)
    Score.objects.filter(run=hidden_run, node_code=INDEX_CODE).update(
        points=UNPUBLISHED_PERIOD_POINTS
    )
    return Scenario(
        tree, version, draft_unit, year, old_year, hidden_year,
        published, unpublished, with_unapproved, hidden_run, publication,
    )  # fmt: skip


def forbidden_strings(s: Scenario, *, names: bool = True) -> list[str]:
    """Text that would betray an unapproved value or an unpublished score."""
    out: list[str] = []
    for number in (SUBMITTED_CTX, DRAFT_CTX, UNPUBLISHED_PERIOD_CTX):
        out += [f"{number:.3f}", f"{number:.3f}".replace(".", ",")]
    for number in (UNPUBLISHED_RUN_POINTS, UNPUBLISHED_PERIOD_POINTS):
        out += [
            f"{number:.3f}",
            f"{number:.3f}".replace(".", ","),
            f"{number:.1f}".replace(".", ","),
        ]
    if names:
        # Units with no approved data in a published run never show.
        out += [s.tree.commune_b.name, s.draft_unit.name]
    return out
