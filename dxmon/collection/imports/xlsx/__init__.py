"""An Excel workbook per framework version × period: a sheet per pillar, filled in and read back.

Each sheet has a title, a line of instructions, a header row whose first three (hidden) columns
hold the codes dxmon reads back (``unit_code``, ``period``, ``indicator``), then a row per unit ×
indicator. Only the input cells are unlocked (the sheet is protected without a password, to
prevent accidents, not to secure anything); data validation keeps numbers non-negative and a
numerator at most its denominator. The reader finds the header row by its ``unit_code`` cell,
so rows added above it do not matter.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dxmon.collection.imports.base import (
    ExportData,
    ExportValue,
    ImportFormat,
    Issue,
    Layout,
    LayoutIndicator,
    LayoutPillar,
    ParsedFile,
    Row,
    number_text,
)

HEADER_KEY = "unit_code"
# Column positions (1-based).
COL_UNIT, COL_PERIOD, COL_INDICATOR = 1, 2, 3
COL_UNIT_NAME, COL_CODE, COL_NAME, COL_MEASURE = 4, 5, 6, 7
COL_VALUE, COL_NUM, COL_DEN, COL_PERCENT, COL_COMMENT = 8, 9, 10, 11, 12
HEADER_ROW = 3

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
GREY_FILL = PatternFill("solid", fgColor="EDEDED")
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UNLOCKED = Protection(locked=False)


def _headers() -> list[str]:
    return [
        HEADER_KEY,
        "period",
        "indicator",
        _("Đơn vị"),
        _("Mã chỉ số"),
        _("Chỉ số"),
        _("Đơn vị tính"),
        _("Giá trị"),
        _("Tử số"),
        _("Mẫu số"),
        _("Tỷ lệ (%)"),
        _("Ghi chú"),
    ]


def _sheet_title(name: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Sheet"
    base, number = title, 2
    while title in used:
        suffix = f" ({number})"
        title = base[: 31 - len(suffix)] + suffix
        number += 1
    used.add(title)
    return title


def _validations(ws: Worksheet, first: int, last: int) -> None:
    error_title = _("Số liệu không hợp lệ")
    non_negative = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=error_title,
        error=_("Nhập một số không âm."),
    )
    numerator = DataValidation(
        type="custom",
        formula1=f'AND(ISNUMBER(I{first}),I{first}>=0,OR(J{first}="",I{first}<=J{first}))',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=error_title,
        error=_("Tử số phải là số không âm và không lớn hơn mẫu số."),
    )
    for validation in (non_negative, numerator):
        ws.add_data_validation(validation)
    non_negative.add(f"H{first}:H{last}")
    non_negative.add(f"J{first}:J{last}")
    numerator.add(f"I{first}:I{last}")


def _fill_sheet(
    ws: Worksheet,
    *,
    layout: Layout,
    pillar: LayoutPillar,
    values: dict[tuple[str, str], ExportValue],
) -> None:
    ws.cell(1, COL_UNIT_NAME, f"{layout.framework_label} — {_('kỳ')} {layout.period_code}")
    ws.cell(1, COL_UNIT_NAME).font = Font(bold=True, size=13)
    ws.cell(
        2,
        COL_UNIT_NAME,
        _(
            "Chỉ nhập vào các ô màu vàng. Chỉ số tỷ lệ: nhập tử số và mẫu số, tỷ lệ tự tính. "
            "Không sửa, xóa hay chèn cột."
        ),
    ).font = Font(italic=True)
    for column, header in enumerate(_headers(), start=1):
        cell = ws.cell(HEADER_ROW, column, header)
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    row = HEADER_ROW + 1
    for unit in layout.units:
        for indicator in pillar.indicators:
            _fill_row(ws, row, layout, unit.code, unit.name, indicator, values)
            row += 1
    last = max(row - 1, HEADER_ROW + 1)
    _validations(ws, HEADER_ROW + 1, last)
    for letter in ("A", "B", "C"):
        ws.column_dimensions[letter].hidden = True
    widths = {"D": 24, "E": 10, "F": 60, "G": 12, "H": 12, "I": 12, "J": 12, "K": 10, "L": 40}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"H{HEADER_ROW + 1}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _fill_row(
    ws: Worksheet,
    row: int,
    layout: Layout,
    unit_code: str,
    unit_name: str,
    indicator: LayoutIndicator,
    values: dict[tuple[str, str], ExportValue],
) -> None:
    item = values.get((unit_code, indicator.code))
    cells: list[Any] = [
        unit_code,
        layout.period_code,
        indicator.code,
        unit_name,
        indicator.code,
        indicator.name,
        indicator.unit,
        item.value if item and not (indicator.is_ratio and item.numerator is not None) else None,
        item.numerator if item else None,
        item.denominator if item else None,
        f'=IF(AND(ISNUMBER(I{row}),ISNUMBER(J{row}),J{row}>0),I{row}/J{row}*100,"")',
        item.comment if item and item.comment else None,
    ]
    for column, content in enumerate(cells, start=1):
        cell = ws.cell(row, column, content)
        cell.border = BORDER
        if column in (COL_UNIT, COL_PERIOD, COL_INDICATOR):
            cell.number_format = "@"
    inputs = [COL_NUM, COL_DEN, COL_COMMENT] if indicator.is_ratio else [COL_VALUE, COL_COMMENT]
    for column in (COL_VALUE, COL_NUM, COL_DEN):
        ws.cell(row, column).fill = GREY_FILL
    for column in inputs:
        ws.cell(row, column).protection = UNLOCKED
        ws.cell(row, column).fill = INPUT_FILL
    ws.cell(row, COL_NAME).alignment = Alignment(wrap_text=True, vertical="top")
    ws.cell(row, COL_PERCENT).number_format = "0.0"


def render_workbook(layout: Layout, values: list[ExportValue]) -> bytes:
    """The workbook for ``layout``, with ``values`` already filled in."""
    workbook = Workbook()
    default = workbook.active
    by_key = {(item.unit_code, item.indicator_code): item for item in values}
    used: set[str] = set()
    for pillar in layout.pillars:
        ws = workbook.create_sheet(_sheet_title(pillar.name or pillar.code, used))
        _fill_sheet(ws, layout=layout, pillar=pillar, values=by_key)
    if default is not None and layout.pillars:
        workbook.remove(default)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def render(export: ExportData) -> bytes:
    if export.layout is None:
        raise ValueError(_("Không có mẫu biểu để xuất tệp Excel."))
    return render_workbook(export.layout, export.values)


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return number_text(cell)
    return str(cell).strip()


def _cell(cells: tuple[Any, ...], column: int) -> Any:
    value = cells[column - 1] if len(cells) >= column else None
    if isinstance(value, str):
        value = value.strip() or None
    return value


def parse(data: bytes) -> ParsedFile:
    """Rows of a workbook built by :func:`render_workbook` and filled in."""
    result = ParsedFile()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        result.errors.append(Issue(0, _("Không đọc được tệp Excel: %(error)s") % {"error": exc}))
        return result
    found = False
    try:
        for ws in workbook.worksheets:
            header_row: int | None = None
            for number, cells in enumerate(ws.iter_rows(values_only=True), start=1):
                if header_row is None:
                    if _text(_cell(cells, COL_UNIT)).lower() == HEADER_KEY:
                        header_row = number
                        found = True
                    continue
                value, num, den = (_cell(cells, c) for c in (COL_VALUE, COL_NUM, COL_DEN))
                comment = _text(_cell(cells, COL_COMMENT))
                if value is None and num is None and den is None and not comment:
                    continue
                result.rows.append(
                    Row(
                        line=number,
                        sheet=ws.title,
                        unit_code=_text(_cell(cells, COL_UNIT)),
                        period_code=_text(_cell(cells, COL_PERIOD)),
                        indicator_code=_text(_cell(cells, COL_INDICATOR)),
                        value=value,
                        numerator=num,
                        denominator=den,
                        comment=comment,
                    )
                )
    finally:
        workbook.close()
    if not found:
        result.errors.append(
            Issue(0, _("Không tìm thấy bảng số liệu (hàng tiêu đề có ô “unit_code”) trong tệp."))
        )
    return result


FORMAT = ImportFormat(
    name="xlsx",
    label="Excel (.xlsx)",
    extension="xlsx",
    content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    parse=parse,
    render=render,
)
