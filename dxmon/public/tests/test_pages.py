"""What the public pages show: rankings with the map, the commune profile with its history
across the 2025 merger, the open-data page, and English through the language switch."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from dxmon.public.tests.conftest import Scenario


def test_it_shows_the_province_ranking_with_the_map(scenario: Scenario) -> None:
    s = scenario
    response = Client().get(reverse("public:ranking", args=[s.tree.province.code, s.year.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert s.tree.commune_a.name in html
    assert "<svg" in html
    assert "<circle" in html
    points = s.published.scores.get(unit=s.tree.commune_a, node_code="INDEX").points
    assert f"{points:.1f}".replace(".", ",") in html


def test_it_shows_tan_hoi_in_the_reconstructed_history_of_mo_cay(scenario: Scenario) -> None:
    """Issue 5: the Tân Hội figures appear on the profile of Xã Mỏ Cày as part of its
    reconstructed history, marked as such."""
    s = scenario
    response = Client().get(reverse("public:unit", args=[s.tree.commune_a.pk]))
    profile = response.context["p"]
    history = [(h.period.code, h.unit.name, h.own, h.row.reconstructed) for h in profile.history]
    assert ("2024", "Xã Tân Hội", False, False) in history
    assert ("2024", "Xã Mỏ Cày", True, True) in history
    assert ("2025", "Xã Mỏ Cày", True, False) in history
    html = response.content.decode()
    assert "Xã Tân Hội" in html
    assert "đơn vị cũ" in html
    assert "dựng lại" in html
    # The approved values of the latest period, with the numbers the Vietnamese way.
    assert "1.357" in html


def test_it_lists_national_ranking_with_search(scenario: Scenario) -> None:
    url = reverse("public:national", args=[scenario.year.code])
    html = Client().get(url, {"q": "mo cay"}).content.decode()
    assert "Xã Mỏ Cày" in html
    html = Client().get(url, {"q": "khong co xa nay"}).content.decode()
    assert "Xã Mỏ Cày" not in html


def test_it_speaks_english_through_the_language_switch(scenario: Scenario) -> None:
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/public/"})
    html = client.get(reverse("public:landing")).content.decode()
    assert 'lang="en"' in html
    assert "Commune digital transformation results" in html
    assert "National ranking" in html


def test_it_shows_the_licence_and_downloads_on_the_data_page(scenario: Scenario) -> None:
    html = Client().get(reverse("public:data")).content.decode()
    assert "creativecommons.org/licenses/by/4.0" in html
    assert reverse("public:download", args=[scenario.year.code, "values", "xlsx"]) in html
    assert "is_synthetic" in html


def test_it_tells_apart_two_provinces_that_share_a_code_across_the_merger(
    scenario: Scenario,
) -> None:
    """Vĩnh Long is 86 before and after 1/7/2025; a 2024 ranking exists for the old province and,
    rebuilt, for the new one, so the landing page links each with its structure."""
    from dxmon.testing.fixtures import make_unit
    from dxmon.units.choices import Kind, Structure

    s = scenario
    old = make_unit(code="86", name="Tỉnh Vĩnh Long", kind=Kind.PROVINCE, structure=Structure.Y2022)
    url = reverse("public:ranking", args=["86", s.old_year.code])
    # Without a structure the code means the province in force at the end of 2024: the old one,
    # which has no published scores here.
    assert Client().get(url).status_code == 404
    rebuilt = Client().get(url, {"structure": Structure.Y2025})
    assert rebuilt.status_code == 200
    assert s.tree.commune_a.name in rebuilt.content.decode()
    assert rebuilt.context["province"] == s.tree.province != old
    landing = Client().get(reverse("public:landing")).content.decode()
    assert f"{url}?structure=2025" in landing
