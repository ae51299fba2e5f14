"""Helpers for the reporting-cycle tests (plain functions; fixtures live in conftest files)."""

from __future__ import annotations

from typing import Any

from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import DataValue, Period, Report
from dxmon.frameworks.models import FrameworkVersion, Indicator
from dxmon.testing.fixtures import PASSWORD, make_unit
from dxmon.units.choices import Kind
from dxmon.units.models import Unit


def make_report(
    unit: Unit, period: Period, version: FrameworkVersion, status: str = ReportStatus.DRAFT
) -> Report:
    return Report.objects.create(unit=unit, period=period, framework_version=version, status=status)


def put(report: Report, indicator: Indicator, **fields: Any) -> DataValue:
    """Store a value directly (test setup, not the service under test)."""
    if indicator.is_ratio and "numerator" in fields and fields.get("denominator"):
        fields.setdefault("value", 100.0 * fields["numerator"] / fields["denominator"])
    value, _created = DataValue.objects.update_or_create(
        report=report, indicator=indicator, defaults=fields
    )
    return value


def make_user(username: str, role: str, scope_unit: Unit | None) -> Any:
    from dxmon.accounts.models import User

    user = User(username=username, role=role, scope_unit=scope_unit)
    user.set_password(PASSWORD)
    user.save()
    return user


def make_commune(code: str, name: str, parent: Unit) -> Unit:
    structure = parent.structure
    kind = Kind.COMMUNE
    return make_unit(code=code, name=name, kind=kind, structure=structure, parent=parent)


__all__ = ["PASSWORD", "make_commune", "make_report", "make_user", "put"]
