"""Reports of communes A and B for the home page tests."""

from __future__ import annotations

import datetime

import pytest

from dxmon.collection.models import Period, Report
from dxmon.frameworks.models import Framework, FrameworkVersion


@pytest.fixture
def reports(tree):
    framework = Framework.objects.create(code="cds-xa", title="Bộ chỉ số CĐS cấp xã")
    version = FrameworkVersion.objects.create(
        framework=framework,
        version="2025.1",
        title="Bộ chỉ số CĐS cấp xã 2025",
        valid_from_year=2022,
        source_yaml="{}",
        checksum="0" * 64,
    )
    period = Period.objects.create(
        code="2025", kind="year", start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31)
    )
    return {
        "a": Report.objects.create(
            unit=tree.commune_a,
            period=period,
            framework_version=version,
            status="submitted",
            is_synthetic=True,
        ),
        "b": Report.objects.create(
            unit=tree.commune_b, period=period, framework_version=version, status="approved"
        ),
    }
