"""``dxmon data import`` and ``dxmon data export``."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from dxmon.audit.models import AuditEntry
from dxmon.collection.models import DataValue
from dxmon.collection.tests.files import R, make_file
from dxmon.collection.tests.test_imports import MALFORMED, VALID, setting  # noqa: F401


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("data", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_fails_and_prints_every_error_with_its_row(setting, reviewer, tmp_path):  # noqa: F811
    data, lines = make_file("dhis2-csv", [row for row, _ in MALFORMED])
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    before = DataValue.objects.count()
    err = io.StringIO()

    with pytest.raises(CommandError, match="không ghi dữ liệu nào"):
        call_command(
            "data", "import", str(path), "--format", "dhis2-csv", "--user", "reviewer", stderr=err
        )

    assert DataValue.objects.count() == before
    printed = err.getvalue()
    for (_row, expected), line in zip(MALFORMED, lines, strict=True):
        if expected is not None:
            assert f"Dòng {line}: " in printed
    assert "Dòng trùng" in printed


def test_it_prints_the_changes_of_a_dry_run(setting, tmp_path):  # noqa: F811
    data, _lines = make_file("csv", VALID)
    path = tmp_path / "good.csv"
    path.write_bytes(data)
    before = (DataValue.objects.count(), AuditEntry.objects.count())

    out, _err = _run("import", str(path), "--format", "csv", "--dry-run")

    assert (DataValue.objects.count(), AuditEntry.objects.count()) == before
    assert "Sửa 28903 2025 CQS.2 (value: 10 → 12)" in out
    assert "Chạy thử: 2 thêm, 1 sửa, 0 không đổi" in out


def test_it_exports_and_imports_back_without_changes(setting, officer, tmp_path):  # noqa: F811
    data, _lines = make_file("dhis2-json", VALID)
    source = tmp_path / "in.json"
    source.write_bytes(data)
    out, _err = _run("import", str(source), "--format", "dhis2-json", "--user", "officer_a")
    assert "Đã nhập: 2 thêm, 1 sửa" in out
    exported = tmp_path / "out.xlsx"

    out, _err = _run(
        "export", "--unit", "28903", "--period", "2025", "--format", "xlsx", "--out", str(exported)
    )
    assert exported.stat().st_size > 0
    out, _err = _run("import", str(exported), "--format", "xlsx", "--user", "officer_a")

    assert "Đã nhập: 0 thêm, 0 sửa, 3 không đổi" in out


def test_it_tells_the_outsider_the_unit_is_not_found(setting, outsider, tmp_path):  # noqa: F811
    target = tmp_path / "a.csv"
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị"):
        _run(
            "export",
            "--unit",
            "28903",
            "--period",
            "2025",
            "--format",
            "csv",
            "--out",
            str(target),
            "--user",
            "officer_b",
        )
    assert not target.exists()
    data, _lines = make_file("csv", [R("28903", "2025", "CQS.2", value=99)])
    source = tmp_path / "in.csv"
    source.write_bytes(data)
    with pytest.raises(CommandError):
        _run("import", str(source), "--format", "csv", "--user", "officer_b")
    assert not DataValue.objects.filter(value=99).exists()
