"""DHIS2 dataValueSets JSON (``{"dataValues": [...]}``), keyed by codes (idScheme=code).

The "line" of an error is the data value's position (1, 2, …) in ``dataValues``.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from dxmon.collection.imports.base import (
    ExportData,
    ImportFormat,
    Issue,
    ParsedFile,
    Row,
    decode_text,
)
from dxmon.collection.imports.dhis2 import FIELDS, dhis2_records, dhis2_row


def parse(data: bytes) -> ParsedFile:
    """Rows of a dataValueSets JSON document."""
    result = ParsedFile()
    try:
        document: Any = json.loads(decode_text(data))
    except json.JSONDecodeError as exc:
        result.errors.append(Issue(0, _("Tệp JSON không đọc được: %(error)s") % {"error": exc}))
        return result
    values = document.get("dataValues") if isinstance(document, dict) else None
    if not isinstance(values, list):
        result.errors.append(Issue(0, _("Tệp JSON không có danh sách “dataValues”.")))
        return result
    for index, record in enumerate(values, start=1):
        if not isinstance(record, dict):
            result.errors.append(Issue(index, _("Mục này không phải một giá trị dữ liệu DHIS2.")))
            continue
        row = dhis2_row(line=index, record=record)
        if isinstance(row, Row):
            result.rows.append(row)
        else:
            result.errors.append(row)
    return result


def render(export: ExportData) -> bytes:
    """A dataValueSets JSON document of the exported values."""
    values: list[dict[str, Any]] = []
    for record in dhis2_records(export):
        item: dict[str, Any] = {key: record[key] for key in FIELDS if record.get(key)}
        item["followup"] = False
        values.append(item)
    document = {"dataValues": values}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


FORMAT = ImportFormat(
    name="dhis2-json",
    label="DHIS2 dataValueSets (JSON)",
    extension="json",
    content_type="application/json",
    parse=parse,
    render=render,
)
