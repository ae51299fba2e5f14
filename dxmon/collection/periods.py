"""Reporting period codes: ``2022`` (year), ``2022S1`` (half), ``2022Q3`` (quarter), ``2022-08``.

Parsing is pure (no database); :func:`dxmon.collection.services.period_get_or_create` stores them.
DHIS2 writes the same periods as ``2022``, ``2022S1``, ``2022Q3`` and ``202208``.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dxmon.collection.choices import PeriodKind

MIN_YEAR = 2000
MAX_YEAR = 2100

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})$"), PeriodKind.YEAR),
    (re.compile(r"^(\d{4})S([12])$"), PeriodKind.HALF),
    (re.compile(r"^(\d{4})Q([1-4])$"), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})-(\d{2})$"), PeriodKind.MONTH),
]
_DHIS2_MONTH = re.compile(r"^(\d{4})(\d{2})$")


class PeriodError(ValueError):
    """A period code that is not one of the four forms, or out of range."""


@dataclass(frozen=True)
class PeriodSpec:
    """A parsed period code with its first and last day."""

    code: str
    kind: str
    start: datetime.date
    end: datetime.date

    @property
    def year(self) -> int:
        return self.start.year


def _invalid(code: str) -> PeriodError:
    return PeriodError(_("Kỳ báo cáo không hợp lệ: “%(code)s”.") % {"code": code})


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def period_parse(code: str) -> PeriodSpec:
    """Parse a dxmon period code.

    >>> period_parse("2022Q3").end
    datetime.date(2022, 9, 30)
    """
    text = (code or "").strip().upper()
    for pattern, kind in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        year = int(match.group(1))
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise _invalid(code)
        part = int(match.group(2)) if match.lastindex and match.lastindex > 1 else 0
        if kind == PeriodKind.YEAR:
            first, last = 1, 12
        elif kind == PeriodKind.HALF:
            first, last = 6 * part - 5, 6 * part
        elif kind == PeriodKind.QUARTER:
            first, last = 3 * part - 2, 3 * part
        else:
            if not 1 <= part <= 12:
                raise _invalid(code)
            first = last = part
        return PeriodSpec(
            code=text, kind=kind, start=datetime.date(year, first, 1), end=_month_end(year, last)
        )
    raise _invalid(code)


def period_from_dhis2(code: str) -> PeriodSpec:
    """Parse a DHIS2 period (``202208`` is August 2022); dxmon codes are accepted too."""
    text = (code or "").strip().upper()
    match = _DHIS2_MONTH.match(text)
    if match:
        return period_parse(f"{match.group(1)}-{match.group(2)}")
    return period_parse(text)


def period_to_dhis2(code: str) -> str:
    """The DHIS2 form of a dxmon period code (only months differ: ``2022-08`` → ``202208``)."""
    spec = period_parse(code)
    return spec.code.replace("-", "") if spec.kind == PeriodKind.MONTH else spec.code
