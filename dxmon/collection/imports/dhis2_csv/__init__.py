"""DHIS2 data values CSV: ``dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,
lastupdated,comment,followup``, positional, keyed by codes (idScheme=code); the header is optional.
"""

from __future__ import annotations

import csv
import io

from dxmon.collection.imports.base import (
    ExportData,
    ImportFormat,
    ParsedFile,
    Row,
    decode_text,
)
from dxmon.collection.imports.dhis2 import FIELDS, dhis2_records, dhis2_row

HEADER = [
    "dataelement",
    "period",
    "orgunit",
    "catoptcombo",
    "attroptcombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "followup",
]


def parse(data: bytes) -> ParsedFile:
    """Rows of a DHIS2 CSV file."""
    result = ParsedFile()
    reader = csv.reader(io.StringIO(decode_text(data), newline=""))
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if line == 1 and cells[0].strip().lower() == HEADER[0]:
            continue
        record = dict(zip(FIELDS, cells, strict=False))
        row = dhis2_row(line=line, record=record)
        if isinstance(row, Row):
            result.rows.append(row)
        else:
            result.errors.append(row)
    return result


def render(export: ExportData) -> bytes:
    """A DHIS2 CSV of the exported values, with its header."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for record in dhis2_records(export):
        writer.writerow([record[key] for key in FIELDS])
    return out.getvalue().encode("utf-8")


FORMAT = ImportFormat(
    name="dhis2-csv",
    label="DHIS2 data values (CSV)",
    extension="csv",
    content_type="text/csv; charset=utf-8",
    parse=parse,
    render=render,
)
