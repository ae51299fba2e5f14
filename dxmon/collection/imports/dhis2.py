"""What the DHIS2 formats share: data element codes, periods and option combos.

See README.md: a ratio indicator ``CQS.1`` travels as two data elements ``CQS.1.NUM`` and
``CQS.1.DEN``; any other indicator as its own code; periods as DHIS2 writes them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from dxmon.collection.imports.base import (
    PART_DENOMINATOR,
    PART_NUMERATOR,
    PART_VALUE,
    ExportData,
    Issue,
    Row,
    number_text,
)
from dxmon.collection.periods import PeriodError, period_from_dhis2, period_to_dhis2

NUMERATOR_SUFFIX = ".NUM"
DENOMINATOR_SUFFIX = ".DEN"
# The default category option combo, by code and by its uid in every DHIS2 instance.
DEFAULT_COMBOS = {"", "default", "hllvx50cxc0"}
FIELDS = [
    "dataElement",
    "period",
    "orgUnit",
    "categoryOptionCombo",
    "attributeOptionCombo",
    "value",
    "storedBy",
    "lastUpdated",
    "comment",
    "followup",
]


@lru_cache(maxsize=1024)
def _period(code: str) -> str:
    try:
        return period_from_dhis2(code).code
    except PeriodError:
        return code  # the shared validator reports it with the row's line


def dhis2_row(*, line: int, record: dict[str, Any]) -> Row | Issue:
    """A row from one DHIS2 data value (keys as in dataValueSets JSON)."""

    def text(key: str) -> str:
        value = record.get(key)
        return "" if value is None else str(value).strip()

    for key in ("categoryOptionCombo", "attributeOptionCombo"):
        if text(key).lower() not in DEFAULT_COMBOS:
            return Issue(
                line,
                _(
                    "%(field)s “%(value)s” không được hỗ trợ: "
                    "dxmon chỉ dùng nhóm mặc định (default)."
                )
                % {"field": key, "value": text(key)},
            )
    element = text("dataElement")
    part = PART_VALUE
    if element.upper().endswith(NUMERATOR_SUFFIX):
        element, part = element[: -len(NUMERATOR_SUFFIX)], PART_NUMERATOR
    elif element.upper().endswith(DENOMINATOR_SUFFIX):
        element, part = element[: -len(DENOMINATOR_SUFFIX)], PART_DENOMINATOR
    raw = record.get("value")
    value = raw if isinstance(raw, int | float) and not isinstance(raw, bool) else text("value")
    return Row(
        line=line,
        unit_code=text("orgUnit"),
        period_code=_period(text("period")),
        indicator_code=element,
        value=value if part == PART_VALUE else None,
        numerator=value if part == PART_NUMERATOR else None,
        denominator=value if part == PART_DENOMINATOR else None,
        comment=text("comment"),
        part=part,
    )


def dhis2_records(export: ExportData) -> list[dict[str, str]]:
    """DHIS2 data values (all fields as strings) for the exported values."""
    records: list[dict[str, str]] = []
    for item in export.values:
        common = {
            "period": period_to_dhis2(item.period_code),
            "orgUnit": item.unit_code,
            "categoryOptionCombo": "",
            "attributeOptionCombo": "",
            "storedBy": item.stored_by,
            "lastUpdated": item.last_updated.isoformat(timespec="seconds")
            if item.last_updated
            else "",
            "followup": "false",
        }
        if item.is_ratio and item.numerator is not None and item.denominator is not None:
            parts: list[tuple[str, float | None, str]] = [
                (item.indicator_code + NUMERATOR_SUFFIX, item.numerator, item.comment),
                (item.indicator_code + DENOMINATOR_SUFFIX, item.denominator, ""),
            ]
        else:
            parts = [(item.indicator_code, item.value, item.comment)]
        for element, value, comment in parts:
            if value is None:
                continue
            records.append(
                {"dataElement": element, "value": number_text(value), "comment": comment, **common}
            )
    return records
