"""What every import format produces and consumes: rows in, rows out, with their line numbers."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# Which of a value's fields a row carries: a dxmon CSV or workbook row carries them all; a DHIS2
# row carries one (the plain data element, its ``.NUM`` or its ``.DEN``).
PART_ALL = "all"
PART_VALUE = "value"
PART_NUMERATOR = "numerator"
PART_DENOMINATOR = "denominator"

Cell = str | float | int | None


@dataclass
class Row:
    """One input row, as written in the file (numbers are parsed by the shared validator)."""

    line: int
    unit_code: str
    period_code: str
    indicator_code: str
    value: Cell = None
    numerator: Cell = None
    denominator: Cell = None
    comment: str = ""
    part: str = PART_ALL
    sheet: str = ""


@dataclass(frozen=True)
class Issue:
    """An error found in a file, with where it is (line 0: the file as a whole)."""

    line: int
    message: str
    sheet: str = ""

    @property
    def where(self) -> str:
        if self.line <= 0:
            return _("Tệp")
        if self.sheet:
            return _("Trang “%(sheet)s”, dòng %(line)s") % {"sheet": self.sheet, "line": self.line}
        return _("Dòng %(line)s") % {"line": self.line}

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ParsedFile:
    """A file turned into rows, and what could not be read."""

    rows: list[Row] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)


@dataclass(frozen=True)
class ExportValue:
    """One stored value, flattened for writing out."""

    unit_code: str
    unit_name: str
    period_code: str
    indicator_code: str
    indicator_name: str
    is_ratio: bool
    value: float | None
    numerator: float | None
    denominator: float | None
    comment: str = ""
    stored_by: str = ""
    last_updated: datetime.datetime | None = None


@dataclass(frozen=True)
class LayoutIndicator:
    code: str
    name: str
    unit: str
    value_type: str
    is_ratio: bool
    min_value: float | None = None
    max_value: float | None = None


@dataclass(frozen=True)
class LayoutPillar:
    code: str
    name: str
    indicators: tuple[LayoutIndicator, ...]


@dataclass(frozen=True)
class LayoutUnit:
    code: str
    name: str


@dataclass(frozen=True)
class Layout:
    """The empty form of a workbook: a sheet per pillar, a row per unit × indicator."""

    framework_label: str
    period_code: str
    pillars: tuple[LayoutPillar, ...]
    units: tuple[LayoutUnit, ...]


@dataclass
class ExportData:
    """Everything a format needs to write a file: values, and for workbooks the empty cells too."""

    period_code: str
    values: list[ExportValue]
    layout: Layout | None = None


@dataclass(frozen=True)
class ImportFormat:
    """A file format data can be imported from and exported to."""

    name: str
    label: str
    extension: str
    content_type: str
    parse: Callable[[bytes], ParsedFile]
    render: Callable[[ExportData], bytes]


def number_text(value: float | None) -> str:
    """A number as files write it: ``90`` not ``90.0``, full precision otherwise, blank for None."""
    if value is None:
        return ""
    if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def decode_text(data: bytes) -> str:
    """Bytes of a text file as str: UTF-8 (with or without BOM), else Windows-1258/1252."""
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
