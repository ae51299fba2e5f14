"""Fixtures for collection tests: a tiny framework version and the periods 2022 and 2025."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from dxmon.collection.models import Period
from dxmon.collection.services import period_get_or_create
from dxmon.frameworks.choices import Aggregation, NodeLevel, ValueType
from dxmon.frameworks.models import Framework, FrameworkVersion, Indicator, Node


@dataclass
class TinyFramework:
    version: FrameworkVersion
    ratio: Indicator  # CQS.1, a percentage stored as numerator / denominator
    count: Indicator  # CQS.2
    boolean: Indicator  # KTS.1
    score: Indicator  # XHS.1, 0..10


@pytest.fixture
def tiny(db: None) -> TinyFramework:
    framework = Framework.objects.create(code="xa-test", title="Bộ chỉ số thử")
    version = FrameworkVersion.objects.create(
        framework=framework,
        version="1.0",
        title="Bộ chỉ số thử 1.0",
        valid_from_year=2022,
        source_yaml="# test",
        checksum="0" * 64,
    )
    indicators = []
    specs = [
        ("CQS", "Chính quyền số", "CQS.1", ValueType.RATIO, Aggregation.RATIO_SUM, None),
        ("CQS", "Chính quyền số", "CQS.2", ValueType.COUNT, Aggregation.SUM, None),
        ("KTS", "Kinh tế số", "KTS.1", ValueType.BOOLEAN, Aggregation.MEAN, 1.0),
        ("XHS", "Xã hội số", "XHS.1", ValueType.SCORE, Aggregation.MEAN, 10.0),
    ]
    pillars: dict[str, Node] = {}
    for order, (pillar_code, pillar_name, code, value_type, aggregation, max_value) in enumerate(
        specs
    ):
        if pillar_code not in pillars:
            pillar = Node.objects.create(
                version=version,
                level=NodeLevel.PILLAR,
                code=pillar_code,
                name_vi=pillar_name,
                order=len(pillars),
            )
            group = Node.objects.create(
                version=version,
                parent=pillar,
                level=NodeLevel.GROUP,
                code=f"{pillar_code}.G",
                name_vi=f"Nhóm {pillar_name.lower()}",
                order=len(pillars),
            )
            pillars[pillar_code] = group
        indicators.append(
            Indicator.objects.create(
                version=version,
                group=pillars[pillar_code],
                code=code,
                name_vi=f"Chỉ số {code}",
                value_type=value_type,
                aggregation=aggregation,
                max_value=max_value,
                order=order,
            )
        )
    return TinyFramework(version, *indicators)


@pytest.fixture
def periods(db: None) -> dict[str, Period]:
    return {code: period_get_or_create(code=code) for code in ("2022", "2025")}
