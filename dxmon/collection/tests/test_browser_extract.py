"""In a real browser: the example article pasted into a Tân Hội 2022 draft, proposals accepted.

The acceptance walk of issue 7 item 5, with screenshots on a desktop and a phone screen in
``var/screenshots``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from dxmon.accounts.services import user_create
from dxmon.collection.choices import ValueSource
from dxmon.collection.models import DataValue, Report
from dxmon.collection.services import period_get_or_create
from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load
from dxmon.testing.browser import DESKTOP, PHONE
from dxmon.testing.fixtures import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = Path(__file__).resolve().parents[2] / "demo" / "data" / "tan-hoi-2022-08-17.txt"
TITLE = "HĐND tỉnh giám sát chuyển đổi số tại xã Tân Hội"


@pytest.fixture
def report(tree) -> Report:
    user_create(
        username="officer_tan_hoi",
        password=PASSWORD,
        role="commune",
        scope_unit=tree.tan_hoi,
        full_name="Cán bộ xã Tân Hội",
    )
    version = framework_load(path=DEFAULT_FRAMEWORK_PATH)
    return Report.objects.create(
        unit=tree.tan_hoi, period=period_get_or_create(code="2022"), framework_version=version
    )


def log_in(page, live_server, username: str) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def entry_row(page, report: Report, code: str):
    indicator = report.framework_version.indicators.get(code=code)
    return page.locator(f"#row-{indicator.pk}")


def fits_the_screen(page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_it_pastes_the_article_and_accepts_the_proposals(page, live_server, report, screenshot_dir):
    log_in(page, live_server, "officer_tan_hoi")
    page.goto(live_server.url + reverse("collection:report_detail", args=[report.pk]))
    page.get_by_role("link", name="Nhập từ báo cáo").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Nhập từ báo cáo"

    page.get_by_label("Dán nội dung báo cáo").fill(ARTICLE.read_text(encoding="utf-8"))
    page.get_by_label("Tiêu đề văn bản").fill(TITLE)
    page.get_by_label("Nơi đăng hoặc ban hành").fill("Báo Đồng Khởi")
    page.screenshot(path=str(screenshot_dir / "extract-start-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    assert fits_the_screen(page)
    page.screenshot(path=str(screenshot_dir / "extract-start-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Đọc số liệu").click()
    page.wait_for_load_state()

    # Eleven figures, each beside its sentence with the figure highlighted.
    assert (
        "Đọc được 11 số liệu, 10 gắn được" in page.get_by_test_id("proposal-summary").inner_text()
    )
    assert page.locator("article.dx-proposal").count() == 11
    assert page.locator("article.dx-proposal mark").count() == 11
    over = page.locator('article.dx-proposal[data-indicator="CQS.07"]')
    assert over.locator("mark").inner_text() == "trên 79%"
    assert over.get_by_test_id("proposed-value").inner_text() == "trên 79%"
    ratio = page.locator('article.dx-proposal[data-indicator="XHS.12"]')
    assert ratio.get_by_test_id("proposed-value").inner_text() == "4/4 (100%)"
    unmapped = page.locator("#dx-unmapped")
    assert unmapped.locator('article[data-figure="3 trụ cột"]').count() == 1
    page.screenshot(path=str(screenshot_dir / "extract-proposals-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    assert fits_the_screen(page)
    page.screenshot(path=str(screenshot_dir / "extract-proposals-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)

    # One by hand first (htmx): the "accept all" form then posts the new revision.
    ratio.get_by_role("button", name="Chấp nhận").click()
    page.locator('article.dx-proposal-accepted[data-indicator="XHS.12"]').wait_for()
    assert page.get_by_test_id("revision").inner_text() == "1"
    unmapped.get_by_role("button", name="Bỏ qua").click()
    unmapped.get_by_text("Đã bỏ qua").wait_for()

    page.get_by_role("button", name="Chấp nhận tất cả đề xuất có độ tin cậy cao").click()
    page.wait_for_load_state()
    assert "Đã nhập 8 đề xuất có độ tin cậy cao." in page.locator("main").inner_text()
    assert page.locator("article.dx-proposal-accepted").count() == 9
    assert page.locator("#dx-unmapped").get_by_text("Đã bỏ qua").is_visible()

    # The one below the high mark, by keyboard: focus "Chấp nhận" and press Enter.
    over = page.locator('article.dx-proposal[data-indicator="CQS.07"]')
    over.get_by_role("button", name="Chấp nhận").focus()
    page.keyboard.press("Enter")
    page.locator('article.dx-proposal-accepted[data-indicator="CQS.07"]').wait_for()
    assert (
        "trên 79%"
        in page.locator('[data-indicator="CQS.07"] [data-testid=accepted-value]').inner_text()
    )
    page.screenshot(path=str(screenshot_dir / "extract-accepted-desktop.png"), full_page=True)

    page.get_by_role("link", name="Quay lại báo cáo").first.click()
    page.wait_for_load_state()
    assert "Đã nhập 10/" in page.locator("#dx-completeness").inner_text()
    cqs07 = entry_row(page, report, "CQS.07")
    assert cqs07.locator(".dx-percent").inner_text() == "79%"
    provenance = cqs07.get_by_test_id("provenance")
    assert f"Nguồn: {TITLE}" in provenance.inner_text()
    assert provenance.get_by_test_id("qualifier").inner_text() == "văn bản ghi: trên 79%"
    provenance.locator("summary").click()
    assert "mức độ 3, 4" in provenance.locator("blockquote").inner_text()
    xhs12 = entry_row(page, report, "XHS.12")
    assert xhs12.locator("[data-role=numerator]").input_value() == "4"
    assert xhs12.locator("[data-role=denominator]").input_value() == "4"
    assert xhs12.locator(".dx-percent").inner_text() == "100%"
    assert xhs12.get_by_test_id("provenance").is_visible()
    page.screenshot(path=str(screenshot_dir / "extract-report-desktop.png"), full_page=True)
    cqs07.screenshot(path=str(screenshot_dir / "extract-report-row-desktop.png"))
    xhs12.screenshot(path=str(screenshot_dir / "extract-report-ratio-desktop.png"))
    page.set_viewport_size(PHONE)
    page.reload()
    assert fits_the_screen(page)
    cqs07 = entry_row(page, report, "CQS.07")
    cqs07.get_by_test_id("provenance").locator("summary").click()
    page.screenshot(path=str(screenshot_dir / "extract-report-phone.png"), full_page=True)
    cqs07.screenshot(path=str(screenshot_dir / "extract-report-row-phone.png"))

    stored = DataValue.objects.filter(report=report)
    assert stored.count() == 10
    assert set(stored.values_list("source", flat=True)) == {ValueSource.DOCUMENT}
    assert stored.get(indicator__code="CQS.07").qualifier == "trên"
