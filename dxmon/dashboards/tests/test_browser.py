"""The results pages in a real browser (Debian's chromium): charts drawn by the locally served
ECharts, the ranking sorted and filtered client-side, the comparison's picker; a screenshot of
each page on a desktop and on a phone (390×844) into var/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from dxmon.dashboards.tests.conftest import Results
from dxmon.testing.browser import DESKTOP, PHONE
from dxmon.testing.fixtures import PASSWORD, Tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def shoot(page, screenshot_dir: Path, name: str) -> None:
    """Desktop and phone screenshots of the current page, charts drawn."""
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.wait_for_timeout(400)  # the charts redraw after a resize (debounced)
        page.screenshot(path=str(screenshot_dir / f"dashboards-{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def charts_ready(page) -> None:
    page.wait_for_function(
        "[...document.querySelectorAll('[data-dx-chart]')]"
        ".every(el => el.dataset.dxReady === '1' && el.querySelector('svg'))"
    )


def test_it_draws_the_province_overview(
    page, live_server, screenshot_dir, results: Results, tree: Tree, reviewer
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    log_in(page, live_server, reviewer.username)
    page.goto(
        live_server.url + reverse("dashboards:province", args=[tree.province.pk]) + "?period=2025"
    )
    charts_ready(page)
    # Ten communes drawn as circles on the map (ECharts' SVG renderer: one path each).
    assert page.locator("#dx-map svg path").count() >= 10
    table = page.locator("#dx-ranking tbody tr")
    assert table.count() == 10
    # Sort by name, then filter to wards only.
    page.locator("#dx-ranking th button", has_text="Xã, phường").click()
    first = table.first.locator("td").nth(1).inner_text()
    assert first.startswith(("Phường", "Xã"))
    page.select_option("#dx-f-kind", "phuong")
    visible = page.locator("#dx-ranking tbody tr:visible")
    assert visible.count() == 3
    assert all(
        t.startswith("Xã Thử") for t in visible.locator("td:nth-child(2) a").all_inner_texts()
    )
    page.select_option("#dx-f-kind", "")
    # The table alternative of the map carries the same communes.
    page.locator("summary", has_text="Xem số liệu dạng bảng").first.click()
    assert page.locator("figure", has=page.locator("#dx-map")).locator("tbody tr").count() == 10
    shoot(page, screenshot_dir, "province")
    assert not errors


def test_it_draws_the_profile_with_the_reconstructed_history(
    page, live_server, screenshot_dir, results: Results, tree: Tree, officer
) -> None:
    log_in(page, live_server, officer.username)
    page.goto(live_server.url + reverse("dashboards:unit", args=[tree.commune_a.pk]))
    charts_ready(page)
    history = page.get_by_test_id("history")
    assert "Lịch sử tái lập" in history.inner_text()
    assert "Xã Tân Hội" in history.inner_text()
    assert "tái lập từ đơn vị tiền thân" in history.inner_text()
    real = page.get_by_test_id("real-values").inner_text()
    assert "Xã Tân Hội" in real
    assert "90%" in real
    # The trend's legend names the dashed, reconstructed series.
    assert "tái lập từ đơn vị tiền thân" in page.locator("#dx-trend").inner_text()
    shoot(page, screenshot_dir, "profile")


def test_it_draws_the_scorecard(
    page, live_server, screenshot_dir, results: Results, tree: Tree, reviewer
) -> None:
    log_in(page, live_server, reviewer.username)
    page.goto(
        live_server.url
        + reverse("dashboards:scorecard")
        + f"?province={tree.province.pk}&period=2025"
    )
    card = page.get_by_test_id("scorecard")
    assert card.locator("td.dx-light-red").count() >= 1
    color = card.locator("td.dx-light-green").first.evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert color == "rgb(99, 190, 123)"
    with page.expect_download() as download:
        page.get_by_test_id("xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    shoot(page, screenshot_dir, "scorecard")


def test_it_draws_the_indicator_explorer(
    page, live_server, screenshot_dir, results: Results, tree: Tree, supervisor
) -> None:
    log_in(page, live_server, supervisor.username)
    page.goto(live_server.url + reverse("dashboards:indicator", args=["NLS.03"]))
    charts_ready(page)
    assert "Tỷ lệ" in page.locator("h1").inner_text()
    assert page.get_by_test_id("levels").locator("tbody tr").count() >= 3
    shoot(page, screenshot_dir, "indicator")


def test_it_compares_communes_picked_by_a_search_without_diacritics(
    page, live_server, screenshot_dir, results: Results, tree: Tree, reviewer
) -> None:
    log_in(page, live_server, reviewer.username)
    page.goto(live_server.url + reverse("dashboards:compare"))
    for query, name in (("mo cay", "Xã Mỏ Cày"), ("da phuoc", "Xã Đa Phước Hội")):
        page.fill("#dx-unit-q", query)
        page.locator("#dx-unit-results button", has_text=name).first.click()
    page.get_by_test_id("compare-submit").click()
    page.wait_for_load_state()
    charts_ready(page)
    table = page.get_by_test_id("compare-table").inner_text()
    assert "Xã Mỏ Cày" in table
    assert "Xã Đa Phước Hội" in table
    assert "Chỉ số tổng hợp" in table
    shoot(page, screenshot_dir, "compare")
