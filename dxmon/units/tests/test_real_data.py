"""Acceptance on the whole country, loaded from the real published data (issue 2, units).

The country is loaded once for this module and removed afterwards, so the small `tree` fixture
of other tests (which reuses real codes such as 83 and 28903) never meets it.

Counting communes in the 2022 structure: the source has 10,040 rows, of which 10,035 are
communes (xã, phường, thị trấn) and 5 are island districts with no commune level (Bạch Long Vĩ,
Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo). We load those 5 as districts without children rather than
invent communes; together they make the 10,040 grass-roots units of the issue, and each of
them became a special zone (đặc khu) on 1 July 2025.
"""

from __future__ import annotations

import datetime
import io
import json
import time
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from vietnam_provinces import Province, Ward

from dxmon.units import selectors
from dxmon.units.choices import Kind, Level, LineageKind, WeightBasis
from dxmon.units.models import Lineage, Unit
from dxmon.units.services import lineage_load, units_load
from dxmon.vn.text import fold

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

VISIT = datetime.date(2022, 8, 17)
MERGER = datetime.date(2025, 7, 1)


@pytest.fixture(scope="module")
def country(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        started = time.monotonic()
        first = [units_load(structure="2022"), units_load(structure="2025"), lineage_load()]
        seconds = time.monotonic() - started
        second = [units_load(structure="2022"), units_load(structure="2025"), lineage_load()]
    print(f"\nwhole country loaded in {seconds:.1f} s")
    yield first, second
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Lineage._meta.db_table}")
        for level in (Level.HAMLET, Level.COMMUNE, Level.DISTRICT, Level.PROVINCE):
            cursor.execute(f"DELETE FROM {Unit._meta.db_table} WHERE level = %s", [int(level)])


def count(structure: str, level: int) -> int:
    return Unit.objects.filter(structure=structure, level=level).count()


def test_it_counts_the_2022_structure(country):
    assert count("2022", Level.PROVINCE) == 63
    assert count("2022", Level.DISTRICT) == 696
    assert count("2022", Level.COMMUNE) == 10_035
    island = Unit.objects.filter(structure="2022", level=Level.DISTRICT, children__isnull=True)
    assert sorted(island.values_list("short_name", flat=True)) == [
        "Bạch Long Vĩ",
        "Côn Đảo",
        "Cồn Cỏ",
        "Hoàng Sa",
        "Lý Sơn",
    ]
    assert count("2022", Level.COMMUNE) + island.count() == 10_040


def test_it_counts_the_2025_structure(country):
    assert count("2025", Level.PROVINCE) == 34
    assert count("2025", Level.COMMUNE) == 3_321
    assert count("2025", Level.DISTRICT) == 0


def test_it_places_tan_hoi_in_2022(country):
    tan_hoi = selectors.unit_get(code="28940", on=VISIT)
    assert (tan_hoi.name, tan_hoi.kind) == ("Xã Tân Hội", Kind.COMMUNE)
    assert [(a.name, a.kind) for a in selectors.unit_ancestors(tan_hoi)] == [
        ("Huyện Mỏ Cày Nam", Kind.RURAL_DISTRICT),
        ("Tỉnh Bến Tre", Kind.PROVINCE),
    ]


def test_it_follows_tan_hoi_into_mo_cay(country):
    tan_hoi = selectors.unit_get(code="28940", on=VISIT)
    (edge,) = selectors.unit_successors(tan_hoi)
    mo_cay = edge.successor
    assert (mo_cay.code, mo_cay.name, mo_cay.kind) == ("28903", "Xã Mỏ Cày", Kind.COMMUNE)
    assert mo_cay.is_valid_on(MERGER)
    assert mo_cay.parent is not None
    assert mo_cay.parent.name == "Tỉnh Vĩnh Long"
    assert selectors.unit_get(code="28903", on=MERGER) == mo_cay
    assert sorted(e.predecessor.name for e in selectors.unit_predecessors(mo_cay)) == sorted(
        ["Thị trấn Mỏ Cày", "Xã Đa Phước Hội", "Xã Tân Hội", "Xã An Thạnh"]
    )
    assert (edge.kind, edge.weight, edge.date) == (LineageKind.MERGE, 1.0, MERGER)


def test_it_knows_28903_was_the_old_township(country):
    assert selectors.unit_get(code="28903", on=VISIT).name == "Thị trấn Mỏ Cày"


def test_it_is_idempotent(country):
    first, second = country
    for before, after in zip(first, second, strict=True):
        assert (after.created, after.updated, after.skipped) == (0, 0, 0)
        assert after.unchanged == before.created
    assert first[0].created == 63 + 696 + 10_035
    assert first[1].created == 34 + 3_321
    assert first[2].skipped == 0


def test_it_shares_each_divided_commune_with_weights_summing_to_1(country):
    totals: dict[int, float] = defaultdict(float)
    successors: dict[int, int] = defaultdict(int)
    for pred, weight in Lineage.objects.values_list("predecessor_id", "weight"):
        totals[pred] += weight
        successors[pred] += 1
    assert len(totals) == 10_040
    assert all(total == pytest.approx(1.0) for total in totals.values())
    divided = [pred for pred, n in successors.items() if n > 1]
    assert len(divided) == 471
    splits = Lineage.objects.filter(kind=LineageKind.SPLIT)
    assert set(splits.values_list("predecessor_id", flat=True)) == set(divided)
    assert set(splits.values_list("weight_basis", flat=True)) == {WeightBasis.EQUAL}


def test_it_gives_every_new_commune_a_predecessor(country):
    orphans = Unit.objects.filter(structure="2025", level=Level.COMMUNE).annotate(
        n=Count("predecessor_links")
    )
    assert not orphans.filter(n=0).exists()


def test_it_turns_island_districts_into_special_zones(country):
    con_dao = Unit.objects.get(structure="2022", name="Huyện Côn Đảo")
    (edge,) = selectors.unit_successors(con_dao)
    assert (edge.successor.name, edge.successor.kind) == ("Đặc khu Côn Đảo", Kind.SPECIAL_ZONE)
    assert (edge.kind, edge.weight) == (LineageKind.RENAME, 1.0)


def test_it_uses_the_official_2025_codes_of_vietnam_provinces(country):
    def key(name: str) -> str:
        return fold(name.replace("’", "'").replace("–", "-")).replace(" ", "")

    loaded = {
        code: key(name)
        for code, name in Unit.objects.filter(structure="2025", level=Level.COMMUNE).values_list(
            "code", "name"
        )
    }
    official = {f"{int(w.code):05d}": key(w.name) for w in Ward.iter_all()}
    assert loaded == official
    provinces = dict(
        Unit.objects.filter(structure="2025", level=Level.PROVINCE).values_list("code", "name")
    )
    assert {code: fold(name) for code, name in provinces.items()} == {
        f"{int(p.code):02d}": fold(p.name if "Thành phố" in p.name else f"Tỉnh {p.name}")
        for p in Province.iter_all()
    }


def test_it_fills_path_and_search_key_everywhere(country):
    assert not Unit.objects.filter(path="").exists()
    assert not Unit.objects.filter(search_key="").exists()
    found = selectors.unit_search(query="tan hoi", on=VISIT)
    assert "28940" in [u.code for u in found]
    exact = [u.search_key.endswith(" tan hoi") for u in found]
    assert exact == sorted(exact, reverse=True)  # "Xã Tân Hội" before "Xã Tân Hội Đông"
    assert all({"tan", "hoi"} <= set(u.search_key.split()) for u in found)


def test_it_shows_tan_hoi_as_json(country):
    out = io.StringIO()
    call_command("units", "show", "28940", "--on", "2022-08-17", "--json", stdout=out)
    card = json.loads(out.getvalue())
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
