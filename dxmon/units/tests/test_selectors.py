"""Reads over the small Tân Hội → Mỏ Cày tree of dxmon/testing/fixtures.py."""

from __future__ import annotations

import datetime

import pytest

from dxmon.units import selectors
from dxmon.units.models import Unit

VISIT = datetime.date(2022, 8, 17)
MERGER = datetime.date(2025, 7, 1)


def test_it_tells_a_reused_code_apart_by_date(tree):
    assert selectors.unit_get(code="28903", on=VISIT) == tree.mo_cay_town
    assert selectors.unit_get(code="28903", on=MERGER) == tree.commune_a


def test_it_refuses_a_unit_outside_its_validity(tree):
    with pytest.raises(Unit.DoesNotExist, match="28940"):
        selectors.unit_get(code="28940", on=MERGER)


def test_it_filters_by_level(tree):
    with pytest.raises(Unit.DoesNotExist):
        selectors.unit_get(code="28940", on=VISIT, level=2)
    assert selectors.unit_get(code="28940", on=VISIT, level=3) == tree.tan_hoi


def test_it_lists_ancestors_from_the_parent_up(tree):
    assert selectors.unit_ancestors(tree.tan_hoi) == [tree.old_district, tree.old_province]
    assert selectors.unit_ancestors(tree.old_province) == []


def test_it_follows_lineage_both_ways(tree):
    successors = [e.successor for e in selectors.unit_successors(tree.tan_hoi)]
    assert successors == [tree.commune_a]
    predecessors = {e.predecessor for e in selectors.unit_predecessors(tree.commune_a)}
    assert predecessors == {tree.tan_hoi, tree.mo_cay_town}
    assert list(selectors.unit_predecessors(tree.commune_b)) == []


def test_it_searches_without_diacritics(tree):
    assert selectors.unit_search(query="tan hoi") == [tree.tan_hoi]
    assert selectors.unit_search(query="TÂN  hội", on=VISIT) == [tree.tan_hoi]
    assert selectors.unit_search(query="tan hoi", on=MERGER) == []


def test_it_matches_words_from_their_start(tree):
    # "hoi" is inside "phuoc hoi" as a word, but "oi" starts no word of any name.
    assert tree.commune_b in selectors.unit_search(query="hoi")
    assert selectors.unit_search(query="oi") == []


def test_it_puts_exact_names_first(tree):
    found = selectors.unit_search(query="mo cay")
    assert found[0] in (tree.mo_cay_town, tree.commune_a)
    assert set(found[:2]) == {tree.mo_cay_town, tree.commune_a}
    assert tree.old_district in found


def test_it_builds_the_unit_card(tree):
    card = selectors.unit_card(tree.tan_hoi)
    assert card["parent"] == {"code": "833", "name": "Huyện Mỏ Cày Nam"}
    assert [a["code"] for a in card["ancestors"]] == ["833", "83"]
    assert card["successors"] == [
        {"code": "28903", "name": "Xã Mỏ Cày", "kind": "xa", "date": "2025-07-01", "weight": 1.0}
    ]
    assert card["valid_from"] is None
    assert card["valid_to"] == "2025-06-30"
