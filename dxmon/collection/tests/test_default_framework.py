"""Bulk input with the default commune framework (dxmon/frameworks/data), as shipped."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from dxmon.collection.models import DataValue
from dxmon.collection.services.exports import export_values, workbook_build
from dxmon.collection.services.imports import UNCHANGED, data_import
from dxmon.frameworks.choices import NodeLevel, ValueType

framework_services = pytest.importorskip("dxmon.frameworks.services")


@pytest.fixture
def default_version(db):
    return framework_services.framework_load(path=framework_services.DEFAULT_FRAMEWORK_PATH)


def test_it_fills_the_default_workbook_and_exports_it_back_unchanged(
    tree, periods, officer, default_version
):
    period = periods["2025"]
    if not default_version.covers_year(period.start.year):
        pytest.skip("the default framework does not cover 2025")
    content = workbook_build(
        framework_version=default_version, units=[tree.commune_a], period=period
    )
    workbook = load_workbook(io.BytesIO(content))
    pillars = default_version.nodes.filter(level=NodeLevel.PILLAR).count()
    assert len(workbook.sheetnames) == pillars
    # Fill every input cell: numerator/denominator of ratios, a small value elsewhere.
    indicators = {i.code: i for i in default_version.indicators.all()}
    filled = 0
    for ws in workbook.worksheets:
        for row in range(4, ws.max_row + 1):
            indicator = indicators.get(ws.cell(row, 3).value)
            if indicator is None:
                continue
            if indicator.value_type == ValueType.RATIO:
                ws.cell(row, 9, 9)
                ws.cell(row, 10, 10)
            else:
                low = indicator.min_value if indicator.min_value is not None else 0
                ws.cell(row, 8, max(low, 1) if indicator.max_value != 0 else 0)
            filled += 1
    out = io.BytesIO()
    workbook.save(out)

    result = data_import(user=officer, data=out.getvalue(), fmt="xlsx")

    assert result.ok, [str(e) for e in result.errors[:10]]
    assert result.created == filled == len(indicators)
    exported = export_values(user=officer, unit=tree.commune_a, period=period, fmt="xlsx")
    before = DataValue.objects.count()
    again = data_import(user=officer, data=exported, fmt="xlsx")
    assert again.ok
    assert {change.action for change in again.changes} == {UNCHANGED}
    assert DataValue.objects.count() == before
