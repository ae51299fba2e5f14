"""Loading one province of the real published data (vietnamadminunits): fast, runs every time."""

from __future__ import annotations

import datetime

import pytest

from dxmon.units import selectors
from dxmon.units.choices import Kind, Level, LineageKind, WeightBasis
from dxmon.units.models import Lineage, Unit
from dxmon.units.services import LoadSummary, UnitError, lineage_load, units_load

VISIT = datetime.date(2022, 8, 17)


@pytest.fixture
def ben_tre(db):
    """Bến Tre (2022) and Vĩnh Long (2025, which took Bến Tre in), with their lineage."""
    return (
        units_load(structure="2022", province="ben tre"),
        units_load(structure="2025", province="Vĩnh Long"),
        lineage_load(province="86"),
    )


def test_it_loads_one_province_tree(ben_tre):
    old, new, _lineage = ben_tre
    province = Unit.objects.get(structure="2022", level=Level.PROVINCE)
    assert (province.code, province.name, province.kind) == ("83", "Tỉnh Bến Tre", Kind.PROVINCE)
    assert old.created == Unit.objects.filter(structure="2022").count()
    assert Unit.objects.filter(structure="2025", level=Level.PROVINCE).get().code == "86"
    assert new.created == Unit.objects.filter(structure="2025").count()
    tan_hoi = selectors.unit_get(code="28940", on=VISIT)
    assert tan_hoi.parent is not None
    assert tan_hoi.parent.name == "Huyện Mỏ Cày Nam"
    assert tan_hoi.path == f"/{province.pk}/{tan_hoi.parent.pk}/{tan_hoi.pk}/"
    assert tan_hoi.search_key == "xa tan hoi"
    assert tan_hoi.latitude is not None


def test_it_is_idempotent(ben_tre):
    counts = (Unit.objects.count(), Lineage.objects.count())
    again = (
        units_load(structure="2022", province="83"),
        units_load(structure="2025", province="vinh long"),
        lineage_load(province="Tỉnh Vĩnh Long"),
    )
    for first, second in zip(ben_tre, again, strict=True):
        assert (second.created, second.updated) == (0, 0)
        assert second.unchanged == first.created
    assert (Unit.objects.count(), Lineage.objects.count()) == counts


def test_it_restores_a_changed_unit(ben_tre):
    Unit.objects.filter(code="28940", structure="2022").update(name="Xã Sai Tên", latitude=None)
    summary = units_load(structure="2022", province="83")
    assert summary.updated == 1
    tan_hoi = Unit.objects.get(code="28940", structure="2022")
    assert (tan_hoi.name, tan_hoi.search_key) == ("Xã Tân Hội", "xa tan hoi")
    assert tan_hoi.latitude is not None


def test_it_skips_edges_whose_ends_are_not_loaded(ben_tre):
    lineage = ben_tre[2]
    # Vĩnh Long (2025) also took in the old Vĩnh Long and Trà Vinh, which are not loaded here.
    assert lineage.skipped > 0
    assert lineage.created == Lineage.objects.count()
    ben_tre_path = Unit.objects.get(structure="2022", code="83").path
    predecessors = Unit.objects.filter(successor_links__isnull=False).distinct()
    assert predecessors.count() == Unit.objects.filter(structure="2022", level=3).count()
    assert all(p.path.startswith(ben_tre_path) for p in predecessors)


def test_it_links_tan_hoi_to_mo_cay(ben_tre):
    edge = Lineage.objects.get(predecessor__code="28940", predecessor__structure="2022")
    assert (edge.successor.code, edge.successor.name) == ("28903", "Xã Mỏ Cày")
    assert (edge.kind, edge.weight, edge.weight_basis) == (
        LineageKind.MERGE,
        1.0,
        WeightBasis.WHOLE,
    )
    assert edge.date == datetime.date(2025, 7, 1)


def test_it_refuses_an_unknown_province_or_structure(db):
    with pytest.raises(UnitError, match="Không tìm thấy tỉnh, thành phố “Atlantis”"):
        units_load(structure="2022", province="Atlantis")
    with pytest.raises(UnitError, match="Cơ cấu không hợp lệ"):
        units_load(structure="2030")
    # Bến Tre no longer exists in the 2025 structure.
    with pytest.raises(UnitError, match="Bến Tre"):
        lineage_load(province="Bến Tre")


def test_it_reports_progress(db):
    calls: list[tuple[int, int]] = []
    summary = units_load(
        structure="2025", province="86", progress=lambda d, t: calls.append((d, t))
    )
    assert isinstance(summary, LoadSummary)
    assert calls[-1] == (summary.created, summary.created)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)
