"""Open data: published scores and approved values as CSV, JSON and XLSX, with the licence and a
data dictionary (every column: name, type, meaning, unit)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from dxmon.collection.models import Period
from dxmon.public.choices import LICENCE_URLS, Licence
from dxmon.public.selectors import public_scores, public_values
from dxmon.units.models import Unit

LICENCE = Licence.CC_BY_4
FORMATS = ("csv", "json", "xlsx")
DATASETS = ("scores", "values")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: str
    unit: str = ""


def licence_info() -> dict[str, str]:
    """The licence of the open data and the attribution text users must give."""
    return {
        "id": str(LICENCE),
        "name": str(Licence(LICENCE).label),
        "url": LICENCE_URLS[LICENCE],
        "attribution": _(
            "Nguồn: %(site)s — kết quả chuyển đổi số cấp xã do cơ quan chuyển đổi số cấp tỉnh "
            "công bố; số liệu theo giấy phép CC BY 4.0."
        )
        % {"site": getattr(settings, "SITE_NAME", "dxmon")},
        "synthetic_note": _(
            "Các dòng có is_synthetic = true là dữ liệu mô phỏng (tạo ra để trình diễn), "
            "không phải số liệu thật của địa phương."
        ),
    }


def dictionary() -> dict[str, list[Column]]:
    """Every column of each dataset."""
    common = [
        Column("period", "string", _("Mã kỳ báo cáo (năm, ví dụ 2024)")),
        Column("province_code", "string", _("Mã tỉnh (mã hành chính chính thức)")),
        Column("province_name", "string", _("Tên tỉnh")),
        Column("unit_code", "string", _("Mã đơn vị cấp xã (mã hành chính chính thức)")),
        Column("unit_name", "string", _("Tên đơn vị cấp xã")),
        Column(
            "structure",
            "string",
            _("Cơ cấu hành chính của đơn vị: 2022 (ba cấp, đến 30/6/2025) hoặc 2025 (hai cấp)"),
        ),
    ]
    synthetic = Column(
        "is_synthetic",
        "boolean",
        _("true nếu là dữ liệu mô phỏng (tạo ra để trình diễn), không phải số liệu thật"),
    )
    return {
        "scores": [
            *common,
            Column(
                "node_code",
                "string",
                _("Mã nút: INDEX (chỉ số tổng hợp), trụ cột, nhóm hoặc chỉ số"),
            ),
            Column("value", "number", _("Tỷ lệ điểm đạt được so với điểm tối đa"), _("0–1")),
            Column("points", "number", _("Điểm đạt được"), _("điểm")),
            Column("max_points", "number", _("Điểm tối đa của nút"), _("điểm")),
            Column(
                "rank_in_province", "integer", _("Hạng trong tỉnh trong lần tính (1 = cao nhất)")
            ),
            Column(
                "rank_p05",
                "number",
                _("Hạng ở phân vị thứ 5 của phân tích bất định (chỉ nút INDEX)"),
            ),
            Column(
                "rank_p95",
                "number",
                _("Hạng ở phân vị thứ 95 của phân tích bất định (chỉ nút INDEX)"),
            ),
            Column(
                "reconstructed",
                "boolean",
                _("true nếu điểm được dựng lại từ các đơn vị cũ trước sáp nhập 1/7/2025"),
            ),
            Column("method", "string", _("Cách dựng lại (khi reconstructed = true)")),
            synthetic,
            Column("run_id", "integer", _("Số hiệu lần tính điểm đã công bố")),
        ],
        "values": [
            *common,
            Column("indicator_code", "string", _("Mã chỉ số trong bộ chỉ số")),
            Column("indicator_name", "string", _("Tên chỉ số")),
            Column(
                "value",
                "number",
                _("Giá trị (tỷ lệ phần trăm, số lượng, điểm hoặc 0/1)"),
                _("theo cột indicator_unit"),
            ),
            Column("numerator", "number", _("Tử số (với chỉ số tỷ lệ)")),
            Column("denominator", "number", _("Mẫu số (với chỉ số tỷ lệ)")),
            Column("indicator_unit", "string", _("Đơn vị tính của chỉ số")),
            Column("qualifier", "string", _("Từ chỉ mức như trong nguồn (“trên”, “gần”…)")),
            Column(
                "source",
                "string",
                _("Nguồn của giá trị (tự báo cáo, văn bản, hệ thống, nhập từ tệp, mô phỏng)"),
            ),
            synthetic,
            Column("approved_at", "datetime", _("Thời điểm báo cáo được phê duyệt (ISO 8601)")),
        ],
    }


def dictionary_json() -> dict[str, Any]:
    return {
        "licence": licence_info(),
        "datasets": {k: [asdict(c) for c in cols] for k, cols in dictionary().items()},
    }


def _unit_fields(unit: Unit, provinces: dict[int, Unit]) -> list[Any]:
    root = int(unit.path.strip("/").split("/")[0]) if unit.path else unit.pk
    prov = provinces.get(root)
    return [
        prov.code if prov else "",
        prov.name if prov else "",
        unit.code,
        unit.name,
        unit.structure,
    ]


def _score_rows(
    period: Period, province: Unit | None, provinces: dict[int, Unit]
) -> list[list[Any]]:
    qs = public_scores(period=period, province=province).select_related("unit")
    return [
        [period.code, *_unit_fields(s.unit, provinces), s.node_code, s.value, s.points,
         s.max_points, s.rank_in_province, s.rank_p05, s.rank_p95, s.reconstructed, s.method,
         s.is_synthetic, s.run_id]
        for s in qs.order_by("unit__code", "unit_id", "node_code").iterator(chunk_size=2000)
    ]  # fmt: skip


def _value_rows(
    period: Period, province: Unit | None, provinces: dict[int, Unit]
) -> list[list[Any]]:
    qs = public_values(period=period, province=province).select_related(
        "report", "report__unit", "indicator"
    )
    return [
        [period.code, *_unit_fields(v.report.unit, provinces), v.indicator.code,
         v.indicator.name_vi, v.value, v.numerator, v.denominator, v.indicator.unit, v.qualifier,
         v.source, bool(v.is_synthetic or v.report.is_synthetic),
         v.report.approved_at.isoformat() if v.report.approved_at else None]
        for v in qs.order_by("report__unit__code", "indicator__order", "indicator__code")
    ]  # fmt: skip


def rows(dataset: str, *, period: Period, province: Unit | None) -> list[list[Any]]:
    """The dataset's rows (lists in the dictionary's column order)."""
    provinces = {u.pk: u for u in Unit.objects.filter(level=1)}
    if dataset == "scores":
        return _score_rows(period, province, provinces)
    if dataset == "values":
        return _value_rows(period, province, provinces)
    raise ValueError(dataset)


def filename(dataset: str, fmt: str, *, period: Period, province: Unit | None) -> str:
    where = province.code if province is not None else "toan-quoc"
    return f"dxmon-{dataset}-{period.code}-{where}.{fmt}"


def render(
    dataset: str, fmt: str, *, period: Period, province: Unit | None
) -> tuple[str, str, bytes]:
    """(filename, content type, bytes) of a dataset in ``fmt``."""
    columns = [c.name for c in dictionary()[dataset]]
    data = rows(dataset, period=period, province=province)
    name = filename(dataset, fmt, period=period, province=province)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows(data)
        # The BOM lets Excel open the Vietnamese text as UTF-8.
        return name, CONTENT_TYPES[fmt], ("\ufeff" + buf.getvalue()).encode("utf-8")
    if fmt == "json":
        payload = {
            "dataset": dataset,
            "period": period.code,
            "province": province.code if province is not None else None,
            "licence": licence_info(),
            "columns": [asdict(c) for c in dictionary()[dataset]],
            "rows": [dict(zip(columns, r, strict=True)) for r in data],
        }
        return name, CONTENT_TYPES[fmt], json.dumps(payload, ensure_ascii=False).encode("utf-8")
    if fmt == "xlsx":
        return name, CONTENT_TYPES[fmt], _xlsx(dataset, columns, data)
    raise ValueError(fmt)


def _xlsx(dataset: str, columns: list[str], data: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=False)
    ws = wb.active
    assert ws is not None
    ws.title = dataset
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in data:
        ws.append(r)
    ws.freeze_panes = "A2"
    dic = wb.create_sheet(_("Từ điển dữ liệu"))
    dic.append([_("Cột"), _("Kiểu"), _("Ý nghĩa"), _("Đơn vị")])
    for c in dictionary()[dataset]:
        dic.append([c.name, c.type, c.meaning, c.unit])
    lic = wb.create_sheet(_("Giấy phép"))
    info = licence_info()
    for key in ("name", "url", "attribution", "synthetic_note"):
        lic.append([info[key]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
