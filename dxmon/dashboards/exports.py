"""The scorecard as an Excel workbook with the same traffic-light fills as the page."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dxmon.dashboards.selectors import LIGHTS, Scorecard

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _fill(light: str) -> PatternFill:
    color = LIGHTS[light][1]
    return PatternFill(fill_type="solid", start_color=color, end_color=color)


def scorecard_xlsx(card: Scorecard) -> tuple[str, str, bytes]:
    """``(filename, content type, bytes)``: one row per unit, one column per indicator, each
    cell filled by its traffic light; a second sheet holds the legend and the targets."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Bảng điểm")
    head = [_("Mã"), _("Đơn vị"), _("Huyện (cơ cấu 2022)"), _("Dữ liệu mô phỏng")]
    ws.append(head + [c.indicator.code for c in card.columns])
    ws.append(
        ["", _("Chỉ tiêu"), "", ""]
        + [
            f"{c.target.get_comparator_display()} {c.target.value:g}" if c.target else ""
            for c in card.columns
        ]
    )
    for cell in (*ws[1], *ws[2]):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for row in card.rows:
        ws.append(
            [
                row.unit.code,
                row.unit.name,
                row.district.name if row.district else "",
                _("có") if row.is_synthetic else "",
            ]
            + [c.value for c in row.cells]
        )
        r = ws.max_row
        for j, light in enumerate(c.light for c in row.cells):
            target = ws.cell(row=r, column=len(head) + 1 + j)
            target.fill = _fill(light)
            target.number_format = "#,##0.0"
    ws.freeze_panes = f"{get_column_letter(len(head) + 1)}3"
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["C"].width = 22
    for j in range(len(card.columns)):
        ws.column_dimensions[get_column_letter(len(head) + 1 + j)].width = 10
    legend = wb.create_sheet(_("Chú giải"))
    legend.append([_("Màu"), _("Ý nghĩa")])
    for key, (label, _color) in LIGHTS.items():
        legend.append(["", str(label)])
        legend.cell(row=legend.max_row, column=1).fill = _fill(key)
    legend.append([])
    legend.append([_("Mã chỉ số"), _("Tên chỉ số"), _("Chỉ tiêu"), _("Văn bản")])
    for col in card.columns:
        t = col.target
        legend.append(
            [
                col.indicator.code,
                col.indicator.name_vi,
                f"{t.get_comparator_display()} {t.value:g}" if t else "",
                t.source_title if t else "",
            ]
        )
    legend.column_dimensions["B"].width = 60
    out = io.BytesIO()
    wb.save(out)
    name = f"bang-diem-{card.province.code}-{card.period.code}.xlsx"
    return name, XLSX, out.getvalue()
