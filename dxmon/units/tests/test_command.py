"""The `units` management command (what `dxmon units ...` runs)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from dxmon.units.models import Unit


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("units", *args, stdout=out)
    return out.getvalue()


def test_it_shows_a_unit_as_json(tree):
    card = json.loads(run("show", "28940", "--on", "2022-08-17", "--json"))
    assert card == {
        "code": "28940",
        "name": "Xã Tân Hội",
        "kind": "xa",
        "valid_from": None,
        "valid_to": "2025-06-30",
        "parent": {"code": "833", "name": "Huyện Mỏ Cày Nam"},
        "ancestors": [
            {"code": "833", "name": "Huyện Mỏ Cày Nam", "kind": "huyen"},
            {"code": "83", "name": "Tỉnh Bến Tre", "kind": "tinh"},
        ],
        "predecessors": [],
        "successors": [
            {
                "code": "28903",
                "name": "Xã Mỏ Cày",
                "kind": "xa",
                "date": "2025-07-01",
                "weight": 1.0,
            }
        ],
    }


def test_it_shows_a_unit_as_vietnamese_text(tree):
    text = run("show", "28903", "--on", "2025-07-01")
    assert text.splitlines()[0] == "Xã Mỏ Cày (28903) — Xã, Cấp xã"
    assert "Hiệu lực: từ ngày 1 tháng 7 năm 2025" in text
    assert "Thuộc: Tỉnh Vĩnh Long (86)" in text
    assert "  - Xã Tân Hội (28940), ngày 1 tháng 7 năm 2025, tỷ trọng 1" in text


def test_it_fails_in_vietnamese_on_an_unknown_code(tree):
    with pytest.raises(CommandError, match="Không có đơn vị hành chính mã 99999"):
        run("show", "99999", "--on", "2022-08-17", "--json")


def test_it_imports_hamlets_from_a_file(tree, tmp_path):
    path = tmp_path / "ap.csv"
    path.write_text("\ufeffname,kind\nẤp 1,ấp\nẤp 2,ấp\n", encoding="utf-8")
    dry = run("import-hamlets", "28940", str(path), "--on", "2022-08-17", "--dry-run")
    assert "2 thôn/ấp tạo mới" in dry
    assert "chạy thử" in dry
    assert not Unit.objects.filter(parent=tree.tan_hoi).exists()
    run("import-hamlets", "28940", str(path), "--on", "2022-08-17")
    assert Unit.objects.filter(parent=tree.tan_hoi).count() == 2


def test_it_reports_every_wrong_row_and_fails(tree, tmp_path):
    path = tmp_path / "ap.csv"
    path.write_text("name,kind\n,ấp\nẤp 2,xóm\n", encoding="utf-8")
    with pytest.raises(CommandError) as info:
        run("import-hamlets", "28940", str(path), "--on", "2022-08-17")
    assert "Dòng 2: thiếu tên." in str(info.value)
    assert "Dòng 3: loại “xóm” không hợp lệ" in str(info.value)
