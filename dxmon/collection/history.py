"""Last period's values of a report's unit, rebuilt from predecessors across the 2025 merger.

The previous period is the one of the same kind that ends the day before the report's period
starts (2024 for 2025, 2025Q2 for 2025Q3). When the unit did not exist then (a 2025 commune
in 2024), its value is rebuilt from the units it was formed from (``Lineage``): ratios by
summing numerators and denominators, counts by summing, other types by the mean (the national
DTI precedent). Split weights are ignored: a predecessor counts whole, and the note says the
series was rebuilt so that the break is shown.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dxmon.collection.models import DataValue, Period, Report
from dxmon.frameworks.choices import ValueType
from dxmon.units.models import Lineage, Unit


@dataclass(frozen=True)
class PreviousValue:
    """One indicator's value for the previous period; ``note`` says when it was rebuilt."""

    period_code: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    rebuilt_from: tuple[str, ...] = ()
    note: str = ""


def previous_period(period: Period) -> Period | None:
    """The stored period of the same kind just before ``period``, if any."""
    return Period.objects.filter(
        kind=period.kind, end=period.start - datetime.timedelta(days=1)
    ).first()


def history_units(unit: Unit, day: datetime.date) -> list[Unit]:
    """``unit`` itself if it existed on ``day``, else its predecessors that did."""
    if unit.is_valid_on(day):
        return [unit]
    links = Lineage.objects.filter(successor=unit).select_related("predecessor")
    return [link.predecessor for link in links if link.predecessor.is_valid_on(day)]


def _combine(items: list[DataValue], period_code: str, names: tuple[str, ...]) -> PreviousValue:
    value_type = items[0].indicator.value_type
    note = ""
    if names:
        note = _("Dựng lại từ số liệu của %(count)s đơn vị cũ: %(names)s.") % {
            "count": len(names),
            "names": ", ".join(names),
        }
    if value_type == ValueType.RATIO:
        pairs = [(v.numerator, v.denominator) for v in items]
        full = [(n, d) for n, d in pairs if n is not None and d is not None]
        num = sum(n for n, _d in full) if full else None
        den = sum(d for _n, d in full) if full else None
        value = 100.0 * num / den if num is not None and den else None
        return PreviousValue(period_code, value, num, den, names, note)
    numbers = [v.value for v in items if v.value is not None]
    if not numbers:
        return PreviousValue(period_code, None, rebuilt_from=names, note=note)
    if value_type == ValueType.COUNT:
        return PreviousValue(period_code, float(sum(numbers)), rebuilt_from=names, note=note)
    return PreviousValue(period_code, sum(numbers) / len(numbers), rebuilt_from=names, note=note)


def previous_values(report: Report) -> dict[str, PreviousValue]:
    """Last period's value of each indicator (by code) for ``report``'s unit, in 2 queries."""
    prev = previous_period(report.period)
    if prev is None:
        return {}
    units = history_units(report.unit, prev.end)
    if not units:
        return {}
    rebuilt = units != [report.unit]
    rows = (
        DataValue.objects.filter(
            report__unit__in=units,
            report__period=prev,
            report__framework_version__framework_id=report.framework_version.framework_id,
        )
        .select_related("indicator", "report__unit")
        .order_by("-report__framework_version__valid_from_year", "report__unit__code")
    )
    by_code: dict[str, dict[int, DataValue]] = defaultdict(dict)
    for row in rows:
        # The newest framework version wins when a unit reported under two.
        by_code[row.indicator.code].setdefault(row.report.unit_id, row)
    result: dict[str, PreviousValue] = {}
    for code, per_unit in by_code.items():
        items = list(per_unit.values())
        names = tuple(item.report.unit.name for item in items) if rebuilt else ()
        result[code] = _combine(items, prev.code, names)
    return result
