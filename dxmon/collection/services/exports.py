"""Export of data values in any import format, and the blank workbook of a round."""

from __future__ import annotations

from typing import Any, cast

from django.utils.translation import gettext as _

from dxmon.accounts.scope import Action, can
from dxmon.collection.imports import get_format
from dxmon.collection.imports.base import (
    ExportData,
    ExportValue,
    Layout,
    LayoutIndicator,
    LayoutPillar,
    LayoutUnit,
)
from dxmon.collection.imports.xlsx import render_workbook
from dxmon.collection.models import Period
from dxmon.collection.selectors import NotFoundError, value_list_for_export
from dxmon.frameworks.choices import NodeLevel, ValueType
from dxmon.frameworks.models import FrameworkVersion, Node
from dxmon.units.models import Unit


class ExportError(ValueError):
    """An export that cannot be made as asked; the message is for the user."""


def workbook_layout(
    *, framework_version: FrameworkVersion, units: list[Unit], period: Period
) -> Layout:
    """The form of ``framework_version`` for ``units`` and ``period``: indicators by pillar."""
    nodes = {node.pk: node for node in Node.objects.filter(version=framework_version)}

    def pillar_of(node: Node) -> Node:
        while node.level != NodeLevel.PILLAR and node.parent_id in nodes:
            node = nodes[node.parent_id]
        return node

    by_pillar: dict[int, list[LayoutIndicator]] = {}
    for indicator in framework_version.indicators.order_by("order", "code"):
        pillar = pillar_of(nodes[indicator.group_id])
        by_pillar.setdefault(pillar.pk, []).append(
            LayoutIndicator(
                code=indicator.code,
                name=indicator.name_vi,
                unit=indicator.unit,
                value_type=indicator.value_type,
                is_ratio=indicator.value_type == ValueType.RATIO,
                min_value=indicator.min_value,
                max_value=indicator.max_value,
            )
        )
    pillars = sorted((nodes[pk] for pk in by_pillar), key=lambda node: (node.order, node.code))
    return Layout(
        framework_label=framework_version.title or str(framework_version),
        period_code=period.code,
        pillars=tuple(
            LayoutPillar(code=node.code, name=node.name_vi, indicators=tuple(by_pillar[node.pk]))
            for node in pillars
        ),
        units=tuple(LayoutUnit(code=unit.code, name=unit.name) for unit in units),
    )


def workbook_build(
    *, framework_version: FrameworkVersion, units: list[Unit], period: Period
) -> bytes:
    """A blank workbook to fill in: a sheet per pillar, a row per unit × indicator."""
    layout = workbook_layout(framework_version=framework_version, units=units, period=period)
    return render_workbook(layout, [])


def _default_version(period: Period) -> FrameworkVersion | None:
    year = period.start.year
    covering = [v for v in FrameworkVersion.objects.all() if v.covers_year(year)]
    if len({v.framework_id for v in covering}) != 1:
        return None
    return max(covering, key=lambda v: v.valid_from_year)


def export_values(
    *, user: Any, unit: Unit, period: Period, descendants: bool = False, fmt: str
) -> bytes:
    """The values of ``unit`` (and its subtree) for ``period`` as a file of format ``fmt``.

    Goes through the scope check: only what ``user`` may see is written. Callers resolve the
    unit with ``dxmon.collection.selectors.unit_for_period`` so an outsider gets "not found".
    """
    file_format = get_format(fmt)
    if not can(cast(Any, user), Action.VIEW, unit):
        raise NotFoundError(_("Không tìm thấy đơn vị mã “%(code)s”.") % {"code": unit.code})
    values: list[ExportValue] = []
    versions: dict[int, FrameworkVersion] = {}
    units: dict[int, Unit] = {}
    for item in value_list_for_export(user=user, unit=unit, period=period, descendants=descendants):
        report = item.report
        versions[report.framework_version_id] = report.framework_version
        units.setdefault(report.unit_id, report.unit)
        values.append(
            ExportValue(
                unit_code=report.unit.code,
                unit_name=report.unit.name,
                period_code=period.code,
                indicator_code=item.indicator.code,
                indicator_name=item.indicator.name_vi,
                is_ratio=item.indicator.value_type == ValueType.RATIO,
                value=item.value,
                numerator=item.numerator,
                denominator=item.denominator,
                comment=item.comment,
                stored_by=item.updated_by.username if item.updated_by else "",
                last_updated=item.updated_at,
            )
        )
    layout = None
    if fmt == "xlsx":
        if len(versions) > 1:
            raise ExportError(
                _("Các báo cáo thuộc nhiều bộ chỉ số; không thể xuất chung một tệp Excel.")
            )
        version = next(iter(versions.values())) if versions else _default_version(period)
        if version is None:
            raise ExportError(_("Không xác định được bộ chỉ số cho kỳ %(p)s.") % {"p": period})
        layout_units = sorted(units.values(), key=lambda u: u.code) or [unit]
        layout = workbook_layout(framework_version=version, units=layout_units, period=period)
    return file_format.render(ExportData(period_code=period.code, values=values, layout=layout))
