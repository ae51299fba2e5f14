"""In a real browser: the officer of commune A adds a hamlet from the commune's unit page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dxmon.testing.browser import PHONE
from dxmon.testing.fixtures import PASSWORD
from dxmon.units.choices import Level
from dxmon.units.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_lets_the_officer_add_a_hamlet_through_the_form(
    page, live_server, officer, tree, screenshot_dir
):
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Tên đăng nhập").fill("officer_a")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    page.get_by_test_id("hamlets-link").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Xã Mỏ Cày"

    page.get_by_role("button", name="Thêm", exact=True).click()  # blank name
    assert page.locator("#dx-hamlet-name-error").inner_text() == "Cần nhập tên thôn, ấp."
    page.get_by_label("Tên thôn, ấp").fill("Ấp Phú Hội")
    page.get_by_label("Loại").select_option(label="Ấp")
    page.get_by_role("button", name="Thêm", exact=True).click()
    page.get_by_text("Đã thêm Ấp Phú Hội").wait_for()
    assert (
        page.get_by_test_id("hamlets")
        .locator("tbody tr")
        .first.inner_text()
        .startswith("Ấp Phú Hội")
    )
    assert Unit.objects.filter(parent=tree.commune_a, level=Level.HAMLET).count() == 1
    page.screenshot(path=str(screenshot_dir / "unit-commune-desktop.png"), full_page=True)

    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(screenshot_dir / "unit-commune-phone.png"), full_page=True)


def test_it_dry_runs_then_imports_a_csv_and_finds_units(
    page, live_server, officer, tree, screenshot_dir
):
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Tên đăng nhập").fill("officer_a")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    page.goto(live_server.url + reverse("units:detail", args=[tree.commune_a.pk]))
    csv = "code,name,kind\n,Ấp Phú Hội,ấp\n,,ấp\n".encode()
    page.get_by_label("Tệp CSV").set_input_files(
        {"name": "thon.csv", "mimeType": "text/csv", "buffer": csv}
    )
    page.get_by_role("button", name="Kiểm tra thử").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("import-errors").inner_text() == "Dòng 3: thiếu tên."
    page.screenshot(path=str(screenshot_dir / "unit-hamlet-import-errors.png"), full_page=True)

    page.get_by_label("Tệp CSV").set_input_files(
        {"name": "thon.csv", "mimeType": "text/csv", "buffer": csv.replace(b",,", b",Khom 2,")}
    )
    page.get_by_role("button", name="Kiểm tra thử").click()
    page.wait_for_load_state()
    changes = page.get_by_test_id("import-changes").locator("tbody tr")
    assert changes.count() == 2
    assert "Ấp Phú Hội (Ấp)" in changes.first.inner_text()
    page.screenshot(path=str(screenshot_dir / "unit-hamlet-import-dry-run.png"), full_page=True)
    page.get_by_role("button", name="Nhập", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_test_id("hamlet-count").inner_text() == "2"

    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("units:search") + "?q=mo+cay")
    results = page.get_by_test_id("unit-results").locator("li")
    assert results.count() == 1
    assert results.first.inner_text().startswith("Xã Mỏ Cày")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(screenshot_dir / "unit-search-phone.png"), full_page=True)
