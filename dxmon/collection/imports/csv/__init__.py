"""dxmon's own CSV: one row per unit × period × indicator.

Columns: ``unit_code, period, indicator, value, numerator, denominator, comment`` (a header row
is required; other columns are ignored; comma or semicolon separated; UTF-8).
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from dxmon.collection.imports.base import (
    ExportData,
    ImportFormat,
    Issue,
    ParsedFile,
    Row,
    decode_text,
    number_text,
)

COLUMNS = ["unit_code", "period", "indicator", "value", "numerator", "denominator", "comment"]
REQUIRED = ["unit_code", "period", "indicator"]


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def parse(data: bytes) -> ParsedFile:
    """Rows of a dxmon CSV file (header on line 1)."""
    text = decode_text(data)
    result = ParsedFile()
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        result.errors.append(
            Issue(1, _("Thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)})
        )
        return result
    reader.fieldnames = header
    for record in reader:
        line = reader.line_num
        cells = {key: (value or "").strip() for key, value in record.items() if key}
        if not any(cells.values()):
            continue
        result.rows.append(
            Row(
                line=line,
                unit_code=cells.get("unit_code", ""),
                period_code=cells.get("period", ""),
                indicator_code=cells.get("indicator", ""),
                value=cells.get("value") or None,
                numerator=cells.get("numerator") or None,
                denominator=cells.get("denominator") or None,
                comment=cells.get("comment", ""),
            )
        )
    return result


def render(export: ExportData) -> bytes:
    """A dxmon CSV of the exported values (UTF-8 with BOM, so Excel shows Vietnamese right)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in export.values:
        writer.writerow(
            [
                item.unit_code,
                item.period_code,
                item.indicator_code,
                number_text(item.value),
                number_text(item.numerator),
                number_text(item.denominator),
                item.comment,
            ]
        )
    return out.getvalue().encode("utf-8-sig")


FORMAT = ImportFormat(
    name="csv",
    label="CSV (dxmon)",
    extension="csv",
    content_type="text/csv; charset=utf-8",
    parse=parse,
    render=render,
)
