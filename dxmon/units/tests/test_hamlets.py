"""Hamlets (ấp, thôn, tổ dân phố, khóm, bản) added in the UI or imported from CSV per commune."""

from __future__ import annotations

import io

import pytest

from dxmon.units.choices import Kind, Level
from dxmon.units.models import Unit
from dxmon.units.services import UnitError, hamlet_create, hamlets_import

CSV = (
    "code,name,kind\n"
    ",Ấp Tân Hội Đông,ấp\n"
    ",Ấp Tân Hội Tây,Ấp\n"
    "TH3,Ấp Phú Hội,ap\n"
    ",Ấp Giồng Bông,ấp\n"
)


def hamlets_of(commune: Unit) -> list[Unit]:
    return list(Unit.objects.filter(parent=commune, level=Level.HAMLET).order_by("code"))


def test_it_creates_a_hamlet_under_the_commune(tree):
    hamlet = hamlet_create(commune=tree.tan_hoi, name="  Ấp  Tân Hội Đông ", kind="ấp")
    assert hamlet.name == "Ấp Tân Hội Đông"
    assert hamlet.kind == Kind.HAMLET_AP
    assert hamlet.level == Level.HAMLET
    assert hamlet.code == "28940.01"
    assert hamlet.path == f"{tree.tan_hoi.path}{hamlet.pk}/"
    assert hamlet.search_key == "ap tan hoi dong"
    assert (hamlet.structure, hamlet.valid_to) == (tree.tan_hoi.structure, tree.tan_hoi.valid_to)
    assert hamlet_create(commune=tree.tan_hoi, name="Ấp 2", kind="Tổ dân phố").code == "28940.02"


def test_it_refuses_a_duplicate_name_or_a_bad_kind(tree):
    hamlet_create(commune=tree.tan_hoi, name="Ấp Tân Hội Đông", kind="ấp")
    with pytest.raises(UnitError, match="đã có"):
        hamlet_create(commune=tree.tan_hoi, name="ap tan hoi dong", kind="ấp")
    with pytest.raises(UnitError, match="không hợp lệ"):
        hamlet_create(commune=tree.tan_hoi, name="Khu phố 1", kind="khu phố")


def test_it_refuses_a_hamlet_outside_a_commune(tree):
    with pytest.raises(UnitError, match="cấp xã"):
        hamlet_create(commune=tree.old_district, name="Ấp 1", kind="ấp")


def test_it_imports_hamlets_from_csv(tree):
    summary = hamlets_import(commune=tree.tan_hoi, csv_file=io.StringIO(CSV))
    assert summary.ok
    assert (summary.created, summary.updated, summary.unchanged) == (4, 0, 0)
    hamlets = hamlets_of(tree.tan_hoi)
    assert [h.code for h in hamlets] == ["28940.01", "28940.02", "28940.03", "TH3"]
    assert all(h.path.startswith(tree.tan_hoi.path) for h in hamlets)


def test_it_reimports_without_duplicates(tree):
    hamlets_import(commune=tree.tan_hoi, csv_file=io.StringIO(CSV))
    again = hamlets_import(
        commune=tree.tan_hoi, csv_file=io.StringIO(CSV.replace("Phú Hội,ap", "Phú Hội,khóm"))
    )
    assert (again.created, again.updated, again.unchanged) == (0, 1, 3)
    assert len(hamlets_of(tree.tan_hoi)) == 4
    assert Unit.objects.get(code="TH3").kind == Kind.KHOM


def test_it_writes_nothing_when_a_row_is_wrong(tree):
    bad = CSV + ",,ấp\n,Xóm Mới,xóm\n,ấp tân hội đông,ấp\n"
    summary = hamlets_import(commune=tree.tan_hoi, csv_file=io.StringIO(bad))
    assert not summary.ok
    assert summary.errors == (
        "Dòng 6: thiếu tên.",
        "Dòng 7: loại “xóm” không hợp lệ (ấp, thôn, tổ dân phố, khóm, bản).",
        "Dòng 8: tên “ấp tân hội đông” bị lặp.",
    )
    assert hamlets_of(tree.tan_hoi) == []


def test_it_writes_nothing_on_a_dry_run(tree):
    summary = hamlets_import(commune=tree.tan_hoi, csv_file=io.StringIO(CSV), dry_run=True)
    assert (summary.ok, summary.dry_run, summary.created) == (True, True, 4)
    assert hamlets_of(tree.tan_hoi) == []


def test_it_refuses_a_csv_without_the_columns(tree):
    with pytest.raises(UnitError, match="thiếu cột: kind"):
        hamlets_import(commune=tree.tan_hoi, csv_file=io.StringIO("name\nẤp 1\n"))


def test_it_refuses_a_code_used_in_another_commune(tree):
    hamlets_import(commune=tree.tan_hoi, csv_file=io.StringIO(CSV))
    summary = hamlets_import(
        commune=tree.mo_cay_town, csv_file=io.StringIO("code,name,kind\nTH3,Khu phố 1,khóm\n")
    )
    assert summary.errors == ("Dòng 2: mã “TH3” đã dùng cho thôn, ấp của xã khác.",)
