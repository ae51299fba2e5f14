"""Writing test files in each format from abstract rows, remembering each row's line."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

FORMATS = ["csv", "dhis2-json", "dhis2-csv", "xlsx"]


@dataclass
class R:
    unit: str
    period: str
    indicator: str
    value: Any = None
    num: Any = None
    den: Any = None
    comment: str = ""


def _dhis2_period(code: str) -> str:
    return code.replace("-", "")


def _dhis2_entries(row: R) -> list[dict[str, Any]]:
    base = {"period": _dhis2_period(row.period), "orgUnit": row.unit}
    entries = []
    if row.num is not None or row.den is not None:
        if row.num is not None:
            entries.append({"dataElement": f"{row.indicator}.NUM", "value": row.num})
        if row.den is not None:
            entries.append({"dataElement": f"{row.indicator}.DEN", "value": row.den})
    else:
        entries.append({"dataElement": row.indicator, "value": row.value})
    entries[0]["comment"] = row.comment
    return [{**base, **entry} for entry in entries]


def make_file(fmt: str, rows: list[R]) -> tuple[bytes, list[int]]:
    """The file, and the line each row starts on (the line errors are reported at)."""
    lines: list[int] = []
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            ["unit_code", "period", "indicator", "value", "numerator", "denominator", "comment"]
        )
        for number, row in enumerate(rows, start=2):
            writer.writerow(
                [row.unit, row.period, row.indicator, row.value, row.num, row.den, row.comment]
            )
            lines.append(number)
        return out.getvalue().encode(), lines
    if fmt == "dhis2-json":
        values: list[dict[str, Any]] = []
        for row in rows:
            lines.append(len(values) + 1)
            values.extend(_dhis2_entries(row))
        return json.dumps({"dataValues": values}).encode(), lines
    if fmt == "dhis2-csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
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
        )
        number = 1
        for row in rows:
            lines.append(number + 1)
            for entry in _dhis2_entries(row):
                number += 1
                writer.writerow(
                    [
                        entry["dataElement"],
                        entry["period"],
                        entry["orgUnit"],
                        "",
                        "",
                        entry["value"],
                        "",
                        "",
                        entry.get("comment", ""),
                        "false",
                    ]
                )
        return out.getvalue().encode(), lines
    assert fmt == "xlsx"
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "Số liệu"
    ws.append(["Biểu thử"])
    ws.append(["Hướng dẫn"])
    ws.append(["unit_code", "period", "indicator", "Đơn vị", "Mã", "Chỉ số", "ĐVT"])
    for number, row in enumerate(rows, start=4):
        ws.append(
            [
                row.unit,
                row.period,
                row.indicator,
                "",
                row.indicator,
                "",
                "",
                row.value,
                row.num,
                row.den,
                None,
                row.comment or None,
            ]
        )
        lines.append(number)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), lines
