"""In a real browser, as the public (no login): the landing page, a province ranking with its
map, the national ranking, a commune profile and the open-data page, on a desktop and on a phone
(390 × 844); screenshots in ``var/screenshots/public-*.png``."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.urls import reverse

from dxmon.audit.services import SYSTEM
from dxmon.collection.choices import ReportStatus
from dxmon.public.services import publication_publish
from dxmon.public.tests.conftest import OTHER, SUBMITTED_CTX, _period, _report
from dxmon.scoring.services import scores_compute
from dxmon.testing.browser import PHONE
from dxmon.testing.fixtures import Tree, make_unit
from dxmon.units.choices import Kind, Structure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = ["Long Hồ", "Cái Nhum", "Tân Hạnh", "Phước Hậu", "Trà Ôn", "Vũng Liêm", "Hiếu Phụng",
         "Quới Thiện", "Trung Thành", "Tam Bình", "Song Phú", "Hòa Hiệp", "Bình Minh",
         "Đông Thành", "Tân Quới", "Mang Thít", "An Phước", "Chánh An"]  # fmt: skip


@pytest.fixture
def showcase(tree: Tree) -> dict[str, Any]:
    from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load

    version = framework_load(path=DEFAULT_FRAMEWORK_PATH)
    rng = random.Random(5)
    communes = [tree.commune_a]
    tree.commune_a.latitude, tree.commune_a.longitude, tree.commune_a.area_km2 = 10.05, 106.33, 42
    tree.commune_a.save()
    for i, name in enumerate(NAMES):
        communes.append(
            make_unit(
                code=str(29100 + i),
                name=f"Xã {name}",
                kind=Kind.COMMUNE,
                structure=Structure.Y2025,
                parent=tree.province,
                latitude=9.85 + rng.random() * 0.5,
                longitude=105.85 + rng.random() * 0.6,
                area_km2=15 + rng.random() * 60,
            )
        )
    year, old_year = _period("2025"), _period("2024")
    for unit in communes:
        values = {
            "NTS.01": (rng.choice([0.0, 0.5, 1.0]), None, None),
            "NTS.02": (rng.randint(0, 5), None, None),
            "NTS.03": (None, rng.randint(2, 10), 10),
            "CQS.05": (None, rng.randint(30, 100), 100),
        }
        report = _report(version, unit, year, values, ctx=rng.randint(1000, 9000))
        report.is_synthetic = True
        report.save()
    _report(version, tree.commune_b, year, OTHER, status=ReportStatus.SUBMITTED, ctx=SUBMITTED_CTX)
    _report(version, tree.tan_hoi, old_year, {"NTS.03": (90, 9, 10), "CQS.05": (79, 79, 100)})
    _report(version, tree.mo_cay_town, old_year, {"NTS.03": (50, 3, 6)})
    for period in (old_year, year):
        run = scores_compute(
            framework_version=version, period=period, province=tree.province,
            uncertainty_samples=40,
        )  # fmt: skip
        publication_publish(user=SYSTEM, run=run)
    return {"year": year, "tree": tree}


def fits_the_screen(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def _visit(page: Any, url: str, shot: str, screenshot_dir: Any) -> str:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, url
    page.screenshot(path=str(screenshot_dir / f"public-{shot}.png"), full_page=True)
    return str(page.text_content("body"))


def test_it_shows_the_public_pages_to_anonymous_visitors(
    page: Any, live_server: Any, showcase: dict[str, Any], screenshot_dir: Any
) -> None:
    tree, year = showcase["tree"], showcase["year"]
    base = live_server.url
    pages = {
        "landing": reverse("public:landing"),
        "ranking": reverse("public:ranking", args=[tree.province.code, year.code]),
        "national": reverse("public:national", args=[year.code]),
        "unit": reverse("public:unit", args=[tree.commune_a.pk]),
        "data": reverse("public:data"),
    }
    for viewport, size in (("desktop", None), ("phone", PHONE)):
        if size:
            page.set_viewport_size(size)
        for name, path in pages.items():
            text = _visit(page, base + path, f"{name}-{viewport}", screenshot_dir)
            # Anonymous: the login button, no user menu.
            assert page.locator("a[href*='/accounts/login']").count() == 1
            assert tree.commune_b.name not in text
            assert "43,219" not in text
            assert "43.219" not in text
            if viewport == "phone":
                assert fits_the_screen(page), name
    page.goto(base + pages["ranking"])
    assert page.locator("svg.dx-map-svg circle").count() == len(NAMES) + 1
    page.locator("table.dx-ranking a", has_text="Xã Mỏ Cày").first.click()
    page.wait_for_load_state()
    assert "Xã Tân Hội" in page.inner_text("[data-testid=history]")
