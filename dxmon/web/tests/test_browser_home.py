"""In a real browser: a commune officer logs in and sees the commune's home page in Vietnamese."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dxmon.testing.browser import PHONE
from dxmon.testing.fixtures import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username: str) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def test_it_logs_the_officer_in_to_the_commune_home(
    page, live_server, officer, reports, screenshot_dir
):
    log_in(page, live_server, "officer_a")

    assert page.url == live_server.url + reverse("web:home")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", level=1).inner_text() == "Xã Mỏ Cày"
    assert "Hình thành từ: Thị trấn Mỏ Cày, Xã Tân Hội" in page.locator(".dx-lineage").inner_text()
    assert page.get_by_role("heading", name="Báo cáo", exact=True).is_visible()
    rows = page.locator("#dx-reports-table tbody tr")
    assert rows.count() == 1  # commune B's report is out of scope
    assert "Đã gửi" in rows.first.inner_text()
    assert rows.first.locator(".dx-synthetic").inner_text().strip() == "Dữ liệu mô phỏng"
    assert page.get_by_role("note").is_visible()  # the synthetic-data banner
    assert "Tỉnh Vĩnh Long" in page.locator(".dx-page-header").inner_text()
    # Bootstrap is served locally and applied: the navbar has its gradient background.
    assert "gradient" in page.locator("nav.navbar").evaluate(
        "el => getComputedStyle(el).backgroundImage"
    )
    page.screenshot(path=str(screenshot_dir / "commune-home-desktop.png"), full_page=True)

    page.set_viewport_size(PHONE)
    toggler = page.locator(".navbar-toggler")
    assert toggler.is_visible()
    page.screenshot(path=str(screenshot_dir / "commune-home-phone.png"), full_page=True)
    toggler.click()
    page.locator("#dx-nav.show").wait_for()
    assert page.get_by_role("button", name="English").is_visible()
    page.screenshot(path=str(screenshot_dir / "commune-home-phone-menu.png"))


def test_it_switches_to_english_and_back(page, live_server, officer):
    log_in(page, live_server, "officer_a")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Reports", exact=True).is_visible()
    assert page.locator(".dx-lineage").inner_text().strip().startswith("Formed from:")
    page.get_by_role("button", name="Tiếng Việt").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"


def test_it_shows_the_outsider_not_found_for_commune_a(page, live_server, outsider, tree):
    log_in(page, live_server, "officer_b")
    assert page.get_by_role("heading", level=1).inner_text() == "Xã Đa Phước Hội"
    response = page.goto(live_server.url + reverse("web:commune", args=[tree.commune_a.pk]))
    assert response is not None
    assert response.status == 404
    assert "Xã Mỏ Cày" not in page.content()


def test_it_shows_the_login_page_and_public_landing_on_a_phone(page, live_server, screenshot_dir):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("web:home"))
    assert page.get_by_role("heading", level=1).is_visible()
    page.screenshot(path=str(screenshot_dir / "public-home-phone.png"), full_page=True)
    page.goto(live_server.url + reverse("accounts:login"))
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(screenshot_dir / "login-phone.png"), full_page=True)


def test_it_shows_the_reviewer_the_province_overview(
    page, live_server, reviewer, reports, screenshot_dir
):
    log_in(page, live_server, "reviewer")
    assert page.get_by_role("heading", level=1).inner_text() == "Tỉnh Vĩnh Long"
    assert page.get_by_test_id("commune-count").inner_text() == "2"
    assert page.get_by_test_id("report-count").inner_text() == "2"
    page.screenshot(path=str(screenshot_dir / "province-home-desktop.png"), full_page=True)
