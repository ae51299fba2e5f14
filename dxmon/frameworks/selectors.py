"""Reads of indicator frameworks. Frameworks are public methodology: no user scoping."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from dxmon.frameworks.models import FrameworkVersion, Indicator, Node, Target


def framework_version_list() -> QuerySet[FrameworkVersion]:
    return (
        FrameworkVersion.objects.select_related("framework")
        .annotate(indicator_count=Count("indicators"))
        .order_by("framework__code", "-valid_from_year", "-loaded_at")
    )


def framework_version_get(*, code: str, version: str | None = None) -> FrameworkVersion:
    """The version ``version`` of framework ``code``, or its latest loaded version.

    Raises ``FrameworkVersion.DoesNotExist`` when there is none.
    """
    qs = FrameworkVersion.objects.select_related("framework").filter(framework__code=code)
    if version is not None:
        return qs.get(version=version)
    latest = qs.order_by("-valid_from_year", "-loaded_at", "-pk").first()
    if latest is None:
        raise FrameworkVersion.DoesNotExist(code)
    return latest


def framework_version_for_year(*, code: str, year: int) -> FrameworkVersion:
    """The newest loaded version of ``code`` whose valid years cover ``year``."""
    candidates = (
        FrameworkVersion.objects.select_related("framework")
        .filter(framework__code=code, valid_from_year__lte=year)
        .order_by("-valid_from_year", "-loaded_at", "-pk")
    )
    for candidate in candidates:
        if candidate.covers_year(year):
            return candidate
    raise FrameworkVersion.DoesNotExist(f"{code} {year}")


@dataclass
class GroupBranch:
    node: Node
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class PillarBranch:
    node: Node
    groups: list[GroupBranch] = field(default_factory=list)


def indicator_tree(version: FrameworkVersion) -> list[PillarBranch]:
    """Pillars → groups → indicators (with targets) of a version, in file order, in 3 queries."""
    indicators = Indicator.objects.filter(version=version).prefetch_related(
        Prefetch("targets", queryset=Target.objects.order_by("year", "pk"))
    )
    nodes = list(
        Node.objects.filter(version=version)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("indicators", queryset=indicators.order_by("order")))
    )
    pillars = [PillarBranch(n) for n in nodes if n.parent_id is None]
    by_id = {p.node.pk: p for p in pillars}
    for node in nodes:
        if node.parent_id is not None and node.parent_id in by_id:
            by_id[node.parent_id].groups.append(GroupBranch(node, list(node.indicators.all())))
    return pillars


def indicator_targets(indicator: Indicator, year: int) -> list[Target]:
    """The targets set for ``indicator`` in ``year`` (several sources may set one each)."""
    return [t for t in indicator.targets.all() if t.year == year]
