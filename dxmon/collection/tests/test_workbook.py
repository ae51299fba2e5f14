"""The Excel workbook generated per framework version × period."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from dxmon.collection.imports.xlsx import parse
from dxmon.collection.services.exports import workbook_build
from dxmon.collection.services.imports import data_import


def test_it_builds_a_protected_sheet_per_pillar_with_hidden_codes(tree, tiny, periods):
    content = workbook_build(
        framework_version=tiny.version,
        units=[tree.commune_a, tree.commune_b],
        period=periods["2025"],
    )
    workbook = load_workbook(io.BytesIO(content))

    assert workbook.sheetnames == ["Chính quyền số", "Kinh tế số", "Xã hội số"]
    ws = workbook["Chính quyền số"]
    assert ws.protection.sheet
    assert all(ws.column_dimensions[c].hidden for c in "ABC")
    assert [ws.cell(3, c).value for c in (1, 2, 3)] == ["unit_code", "period", "indicator"]
    # Two units × two indicators, the ratio first.
    assert [ws.cell(r, 3).value for r in range(4, 8)] == ["CQS.1", "CQS.2", "CQS.1", "CQS.2"]
    assert ws.cell(4, 1).value == "28903"
    assert ws.cell(4, 2).value == "2025"
    assert ws.cell(3, 1).protection.locked
    assert not ws.cell(4, 9).protection.locked  # numerator of the ratio
    assert not ws.cell(4, 10).protection.locked  # denominator
    assert ws.cell(4, 8).protection.locked  # its percentage is computed, not typed
    assert not ws.cell(5, 8).protection.locked  # the count's value
    kinds = {(dv.type, str(dv.sqref)) for dv in ws.data_validations.dataValidation}
    assert ("custom", "I4:I7") in kinds
    assert any(kind == "decimal" and "H4:H7" in ref for kind, ref in kinds)


def test_it_reads_back_a_filled_workbook(tree, tiny, periods, officer):
    content = workbook_build(
        framework_version=tiny.version, units=[tree.commune_a], period=periods["2025"]
    )
    workbook = load_workbook(io.BytesIO(content))
    ws = workbook["Chính quyền số"]
    ws.cell(4, 9, 45)
    ws.cell(4, 10, 50)
    ws.cell(5, 8, 12)
    ws.cell(5, 12, "Theo sổ theo dõi")
    out = io.BytesIO()
    workbook.save(out)

    parsed = parse(out.getvalue())
    assert parsed.errors == []
    assert [(r.sheet, r.line, r.indicator_code) for r in parsed.rows] == [
        ("Chính quyền số", 4, "CQS.1"),
        ("Chính quyền số", 5, "CQS.2"),
    ]
    result = data_import(user=officer, data=out.getvalue(), fmt="xlsx")
    assert result.ok, result.errors
    assert result.created == 2


def test_it_reports_a_file_that_is_not_a_workbook(db):
    parsed = parse(b"not a zip")
    assert parsed.rows == []
    assert "Không đọc được tệp Excel" in parsed.errors[0].message
