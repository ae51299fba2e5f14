"""Reads for the home pages. Private data is read through ``dxmon.accounts.scope`` only.

Unit names and their place in the tree are public reference data (published lists), so a
commune's province is read from the tree; reports are always restricted to the user's scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from dxmon.accounts.choices import Role
from dxmon.accounts.models import User
from dxmon.accounts.scope import Action, restrict
from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import Report
from dxmon.frameworks.models import Framework, FrameworkVersion
from dxmon.units.choices import Level, Structure
from dxmon.units.models import Lineage, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class CommuneHome:
    unit: Unit
    province: Unit | None
    predecessors: list[Unit]
    reports: list[Report]
    has_synthetic: bool


@dataclass(frozen=True)
class AreaOverview:
    """A province's or district's overview for its office or its supervisors."""

    unit: Unit
    commune_count: int
    report_count: int
    by_status: list[StatusCount]
    has_synthetic: bool


@dataclass(frozen=True)
class SystemOverview:
    units_by_structure: list[tuple[str, int]]
    framework_count: int
    framework_version_count: int
    users_by_role: list[tuple[str, int]]
    user_count: int = field(default=0)


def province_of(unit: Unit) -> Unit | None:
    """The province-level ancestor of ``unit`` (itself if it is a province)."""
    ancestor_ids = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    return Unit.objects.filter(pk__in=ancestor_ids, level=Level.PROVINCE).first()


def predecessors_of(unit: Unit) -> list[Unit]:
    links = Lineage.objects.filter(successor=unit).select_related("predecessor")
    return sorted((link.predecessor for link in links), key=lambda u: (u.name, u.code))


def report_list(
    *, user: User | AnonymousUser, unit: Unit | None = None, action: Action = Action.VIEW
) -> QuerySet[Report]:
    """Reports the user may see, newest period first, optionally of one unit."""
    reports = Report.objects.select_related("unit", "period", "framework_version__framework")
    if unit is not None:
        reports = reports.filter(unit=unit)
    return restrict(reports, user, action)


def commune_home(*, user: User | AnonymousUser, unit: Unit) -> CommuneHome:
    """The commune's home page; ``unit`` must already come from a scoped lookup."""
    reports = list(report_list(user=user, unit=unit))
    return CommuneHome(
        unit=unit,
        province=province_of(unit),
        predecessors=predecessors_of(unit),
        reports=reports,
        has_synthetic=any(report.is_synthetic for report in reports),
    )


def area_overview(*, user: User) -> AreaOverview | None:
    unit = user.scope_unit
    if unit is None:
        return None
    communes = restrict(
        Unit.objects.filter(level=Level.COMMUNE, structure=unit.structure).descendants_of(unit),
        user,
    )
    reports = report_list(user=user)
    counts = {
        row["status"]: row["n"]
        for row in reports.order_by().values("status").annotate(n=Count("pk"))
    }
    by_status = [
        StatusCount(status=value, label=str(label), count=counts.get(value, 0))
        for value, label in ReportStatus.choices
    ]
    return AreaOverview(
        unit=unit,
        commune_count=communes.count(),
        report_count=sum(counts.values()),
        by_status=by_status,
        has_synthetic=reports.filter(is_synthetic=True).exists(),
    )


def system_overview(*, user: User) -> SystemOverview:
    units = restrict(Unit.objects.all(), user, Action.ADMIN)
    per_structure = {
        row["structure"]: row["n"]
        for row in units.order_by().values("structure").annotate(n=Count("pk"))
    }
    per_role = {
        row["role"]: row["n"]
        for row in User.objects.order_by().values("role").annotate(n=Count("pk"))
    }
    return SystemOverview(
        units_by_structure=[
            (str(label), per_structure.get(value, 0)) for value, label in Structure.choices
        ],
        framework_count=Framework.objects.count(),
        framework_version_count=FrameworkVersion.objects.count(),
        users_by_role=[(str(label), per_role.get(value, 0)) for value, label in Role.choices],
        user_count=sum(per_role.values()),
    )
