"""Small results on the shared personas' tree: the default framework, approved reports for 2022
(Tân Hội real, Thị trấn Mỏ Cày synthetic) and 2025 (Xã Mỏ Cày, Xã Đa Phước Hội and a few more
communes with coordinates so the map has something to draw), and scores computed for both."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from dxmon.collection.choices import ReportStatus, ValueSource
from dxmon.collection.models import DataValue, Period, Report, SourceDocument
from dxmon.frameworks.models import FrameworkVersion
from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load
from dxmon.scoring.models import ScoringRun
from dxmon.scoring.services import scores_compute
from dxmon.testing.fixtures import Tree, make_unit
from dxmon.units.choices import Kind, Structure
from dxmon.units.models import Unit

# The figures of the article on Tân Hội (17 August 2022); ratios in percent.
TAN_HOI_2022 = {"NLS.03": (90.0, None, None), "CQS.02": (90.0, None, None),
                "CQS.16": (100.0, None, None), "KTS.11": (40.0, None, None),
                "XHS.12": (100.0, 4.0, 4.0)}  # fmt: skip
MO_CAY_TOWN_2022 = {"NLS.03": (50.0, 5.0, 10.0), "CQS.02": (60.0, 6.0, 10.0),
                    "CQS.01": (40.0, 4.0, 10.0)}  # fmt: skip
# Xã Mỏ Cày 2025 against the 2025 targets: CQS.01 ≥ 60 (green), CQS.02 = 100 (amber at 90),
# NLS.03 = 100 (red at 50).
MO_CAY_2025 = {"CQS.01": (70.0, 7.0, 10.0), "CQS.02": (90.0, 9.0, 10.0),
               "NLS.03": (50.0, 5.0, 10.0)}  # fmt: skip
B_2025 = {"CQS.01": (30.0, 3.0, 10.0), "CQS.02": (100.0, 10.0, 10.0),
          "NLS.03": (95.0, 19.0, 20.0)}  # fmt: skip


@dataclass
class Results:
    version: FrameworkVersion
    p2022: Period
    p2025: Period
    run_2022: ScoringRun
    run_2025: ScoringRun
    extra: list[Unit]


def _period(code: str) -> Period:
    year = int(code)
    period, _created = Period.objects.get_or_create(
        code=code,
        defaults={
            "kind": "year",
            "start": datetime.date(year, 1, 1),
            "end": datetime.date(year, 12, 31),
        },
    )
    return period


def _report(
    version: FrameworkVersion,
    unit: Unit,
    period: Period,
    values: dict[str, tuple[Any, Any, Any]],
    *,
    synthetic: bool = False,
    source: SourceDocument | None = None,
) -> Report:
    report = Report.objects.create(
        unit=unit,
        period=period,
        framework_version=version,
        status=ReportStatus.APPROVED,
        is_synthetic=synthetic,
    )
    for code, (value, num, den) in values.items():
        DataValue.objects.create(
            report=report,
            indicator=version.indicators.get(code=code),
            value=value,
            numerator=num,
            denominator=den,
            is_synthetic=synthetic,
            source=ValueSource.SYNTHETIC if synthetic else ValueSource.DOCUMENT,
            source_document=source,
        )
    return report


@pytest.fixture
def results(tree: Tree) -> Results:
    version = framework_load(path=DEFAULT_FRAMEWORK_PATH)
    p2022, p2025 = _period("2022"), _period("2025")
    article = SourceDocument.objects.create(
        title="HĐND tỉnh giám sát chuyển đổi số tại xã Tân Hội",
        published_on=datetime.date(2022, 8, 17),
    )
    _report(version, tree.tan_hoi, p2022, TAN_HOI_2022, source=article)
    _report(version, tree.mo_cay_town, p2022, MO_CAY_TOWN_2022, synthetic=True)
    coords = {tree.commune_a.pk: (10.1114, 106.322, 38.9), tree.commune_b.pk: (10.15, 106.28, 25.0)}
    for pk, (lat, lon, area) in coords.items():
        Unit.objects.filter(pk=pk).update(latitude=lat, longitude=lon, area_km2=area)
    _report(version, tree.commune_a, p2025, MO_CAY_2025)
    _report(version, tree.commune_b, p2025, B_2025, synthetic=True)
    extra = []
    for i in range(8):
        unit = make_unit(
            code=f"2899{i}",
            name=f"Xã Thử Nghiệm {i + 1}",
            kind=Kind.WARD if i % 3 == 0 else Kind.COMMUNE,
            structure=Structure.Y2025,
            parent=tree.province,
            latitude=10.0 + 0.04 * (i % 4),
            longitude=106.2 + 0.05 * (i // 2),
            area_km2=15.0 + 4 * i,
        )
        share = 0.3 + 0.08 * i
        _report(
            version,
            unit,
            p2025,
            {
                "CQS.01": (100 * share, 10 * share, 10.0),
                "CQS.02": (100 * share, 10 * share, 10.0),
                "NLS.03": (100 * share, 10 * share, 10.0),
            },
            synthetic=True,
        )
        extra.append(unit)
    run_2022 = scores_compute(framework_version=version, period=p2022)
    run_2025 = scores_compute(framework_version=version, period=p2025, uncertainty_samples=20)
    return Results(version, p2022, p2025, run_2022, run_2025, extra)
