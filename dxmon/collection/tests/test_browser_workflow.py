"""In a real browser: fill → submit → return with a comment → fix → resubmit → approve.

The acceptance walk of issue 3, with the keyboard alone where the officer types, and
screenshots on a desktop and a phone screen in ``var/screenshots``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import DataValue, Report
from dxmon.collection.services import period_get_or_create
from dxmon.frameworks.models import FrameworkVersion
from dxmon.frameworks.services import framework_load
from dxmon.testing.browser import PHONE
from dxmon.testing.fixtures import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MINI = Path(__file__).resolve().parents[2] / "frameworks" / "tests" / "data" / "mini.yaml"


@pytest.fixture
def report(tree) -> Report:
    version: FrameworkVersion = framework_load(path=MINI)
    return Report.objects.create(
        unit=tree.commune_a, period=period_get_or_create(code="2025"), framework_version=version
    )


def log_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def row(page, report: Report, code: str):
    indicator = report.framework_version.indicators.get(code=code)
    return page.locator(f"#row-{indicator.pk}")


def focused_id(page) -> str:
    return str(page.evaluate("document.activeElement.id"))


def type_and_tab(page, text: str) -> None:
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Tab")


def test_it_walks_a_report_from_draft_to_approved(
    page, live_server, officer, reviewer, report, screenshot_dir
):
    url = live_server.url + reverse("collection:report_detail", args=[report.pk])
    log_in(page, live_server, "officer_a")
    page.goto(url)
    assert page.get_by_role("heading", level=1).inner_text() == "Xã Mỏ Cày"
    assert "Đã nhập 0/4 chỉ số" in page.locator("#dx-completeness").inner_text()
    page.keyboard.press("Tab")  # the first stop is the skip link
    assert page.evaluate("document.activeElement.textContent.trim()") == (
        "Chuyển đến nội dung chính"
    )

    # Keyboard only: the numerator, Tab to the denominator, Tab to the comment; the
    # percentage is computed live as the officer types, Vietnamese style.
    ratio = row(page, report, "CQS.03")
    num = ratio.locator("[data-role=numerator]")
    num.focus()
    page.keyboard.type("159")
    page.keyboard.press("Tab")
    assert focused_id(page) == ratio.locator("[data-role=denominator]").get_attribute("id")
    page.keyboard.type("180")
    assert ratio.locator(".dx-percent").inner_text() == "88,3%"
    page.keyboard.press("Tab")
    assert focused_id(page).startswith("comment-")
    ratio.locator(".dx-saved").wait_for()
    assert "Đã lưu lúc" in ratio.locator(".dx-status").inner_text()

    context = row(page, report, "CTX.01")
    context.locator("input[name=value]").focus()
    type_and_tab(page, "200")
    context.locator(".dx-saved").wait_for()
    boolean = row(page, report, "CQS.04")
    boolean.get_by_label("Có").check()
    boolean.locator(".dx-saved").wait_for()
    members = row(page, report, "XHS.13")
    members.locator("input[name=value]").focus()
    type_and_tab(page, "12")
    members.locator(".dx-saved").wait_for()
    page.locator("#dx-completeness", has_text="Đã nhập 4/4 chỉ số").wait_for()
    page.screenshot(path=str(screenshot_dir / "report-entry-desktop.png"), full_page=True)

    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(screenshot_dir / "report-entry-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_load_state()
    assert "Đã gửi báo cáo." in page.locator("main").inner_text()
    assert page.locator('[data-testid="readonly-notice"]').is_visible()

    # The reviewer returns it with a comment on the ratio.
    log_in(page, live_server, "reviewer")
    page.goto(url)
    row(page, report, "CQS.03").get_by_label("Ý kiến trả lại cho chỉ số này (nếu có)").fill(
        "Mẫu số phải là tổng số CBCC (200 người)."
    )
    page.get_by_label("Lý do trả lại").fill("Tỷ lệ chữ ký số chưa đúng mẫu số.")
    page.get_by_role("button", name="Trả lại").click()
    page.wait_for_load_state()
    assert "Đã trả lại báo cáo" in page.locator("main").inner_text()

    # The officer sees the comment, fixes the denominator and resubmits.
    log_in(page, live_server, "officer_a")
    page.goto(url)
    ratio = row(page, report, "CQS.03")
    assert "Mẫu số phải là tổng số CBCC (200 người)." in ratio.inner_text()
    assert "Tỷ lệ chữ ký số chưa đúng mẫu số." in page.locator("main").inner_text()
    ratio.locator("[data-role=denominator]").focus()
    type_and_tab(page, "200")
    assert ratio.locator(".dx-percent").inner_text() == "79,5%"
    ratio.locator(".dx-saved").wait_for()
    page.screenshot(path=str(screenshot_dir / "report-returned-fixed-desktop.png"), full_page=True)
    page.get_by_role("button", name="Gửi lại báo cáo").click()
    page.wait_for_load_state()

    # The reviewer approves.
    log_in(page, live_server, "reviewer")
    page.goto(url)
    page.get_by_role("button", name="Phê duyệt").click()
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED

    # The officer's page is read-only and the audit log has every step.
    log_in(page, live_server, "officer_a")
    page.goto(url)
    assert page.locator('[data-testid="locked-notice"]').is_visible()
    assert page.locator("#dx-entry input[name=numerator]").first.is_disabled()
    audit = page.locator("#dx-audit").inner_text()
    for step in ("Gửi báo cáo", "Trả lại", "Ý kiến trả lại", "Gửi lại", "Phê duyệt"):
        assert step in audit, step
    assert "180 → 200" in audit
    assert "Mẫu số phải là tổng số CBCC (200 người)." in audit
    page.screenshot(path=str(screenshot_dir / "report-approved-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(screenshot_dir / "report-approved-phone.png"), full_page=True)

    # A direct POST to the value endpoint is refused and changes nothing.
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        live_server.url + reverse("collection:value_save", args=[report.pk, "CQS.03"]),
        form={"numerator": "1", "denominator": "200", "expected_revision": str(report.revision)},
        headers={"X-CSRFToken": csrf, "HX-Request": "true"},
    )
    assert response.status == 409
    assert "bị khóa" in response.text()
    stored = DataValue.objects.get(report=report, indicator__code="CQS.03")
    assert (stored.numerator, stored.denominator) == (159, 200)


def test_it_shows_the_newer_value_when_someone_else_saved_first(
    page, live_server, officer, reviewer, report, screenshot_dir
):
    from dxmon.collection.services.values import value_save

    url = live_server.url + reverse("collection:report_detail", args=[report.pk])
    log_in(page, live_server, "officer_a")
    page.goto(url)
    # Meanwhile the province office saves the same indicator.
    indicator = report.framework_version.indicators.get(code="XHS.13")
    value_save(user=reviewer, report=report, indicator=indicator, value=9, expected_revision=0)

    members = row(page, report, "XHS.13")
    members.locator("input[name=value]").focus()
    type_and_tab(page, "12")
    conflict = page.locator(".dx-conflict")
    conflict.wait_for()
    assert "Người khác vừa cập nhật chỉ số này: giá trị mới là 9" in conflict.inner_text()
    assert row(page, report, "XHS.13").locator("input[name=value]").input_value() == "9"
    row(page, report, "XHS.13").screenshot(path=str(screenshot_dir / "report-conflict-row.png"))
    assert DataValue.objects.get(report=report, indicator=indicator).value == 9
    # The page now holds the newer revision: the next save goes through. Enter saves the row
    # and never posts the page.
    members = row(page, report, "XHS.13")
    members.locator("input[name=value]").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("13")
    page.keyboard.press("Enter")
    members.locator(".dx-saved").wait_for()
    assert page.url == url
    assert DataValue.objects.get(report=report, indicator=indicator).value == 13


def test_it_opens_a_round_and_shows_its_reporting_rate(
    page, live_server, reviewer, report, screenshot_dir
):
    log_in(page, live_server, "reviewer")
    page.goto(live_server.url + reverse("collection:round_list"))
    page.get_by_label("Bộ chỉ số").select_option(
        label=f"{report.framework_version.title} ({report.framework_version.version})"
    )
    page.get_by_label("Kỳ báo cáo").fill("2025Q5")
    page.get_by_role("button", name="Mở đợt báo cáo").click()
    page.wait_for_load_state()
    assert "Kỳ báo cáo không hợp lệ" in page.locator("main").inner_text()
    page.screenshot(path=str(screenshot_dir / "round-open-errors-desktop.png"), full_page=True)

    page.get_by_label("Kỳ báo cáo").fill("2025")
    page.get_by_label("Hạn nộp").fill("2025-12-31")
    page.get_by_role("button", name="Mở đợt báo cáo").click()
    page.wait_for_load_state()
    table = page.locator(".dx-rate-table").inner_text()
    assert "Tỉnh Vĩnh Long" in table
    assert "Xã Đa Phước Hội" in table
    page.screenshot(path=str(screenshot_dir / "round-detail-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(screenshot_dir / "round-detail-phone.png"), full_page=True)

    page.goto(live_server.url + reverse("collection:report_list"))
    assert page.locator("#dx-report-table tbody tr").count() == 2
    page.screenshot(path=str(screenshot_dir / "report-list-phone.png"), full_page=True)


def test_it_dry_runs_an_import_then_imports_it(page, live_server, officer, report, screenshot_dir):
    csv = "unit_code,period,indicator,value,numerator,denominator,comment\n"
    csv += "28903,2025,XHS.13,12,,,\n28903,2025,CQS.03,,45,50,\n"
    log_in(page, live_server, "officer_a")
    page.goto(live_server.url + reverse("collection:import"))
    page.get_by_label("Tệp số liệu").set_input_files(
        files=[{"name": "so-lieu.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
    )
    page.get_by_label("Định dạng", exact=True).select_option("csv")
    page.get_by_role("button", name="Kiểm tra thử").click()
    page.locator('[data-testid="import-changes"]').wait_for()
    assert "XHS.13" in page.locator('[data-testid="import-changes"]').inner_text()
    assert not DataValue.objects.exists()
    page.screenshot(path=str(screenshot_dir / "import-dry-run-desktop.png"), full_page=True)
    page.locator("#dx-import-result").get_by_role("button", name="Nhập dữ liệu").click()
    page.locator('[data-testid="import-summary"]', has_text="Đã nhập xong").wait_for()
    assert DataValue.objects.filter(report=report).count() == 2


def test_it_fits_the_default_framework_on_a_phone(page, live_server, officer, tree, screenshot_dir):
    default = Path(__file__).resolve().parents[2] / "frameworks" / "data" / "xa-cds-1.0.yaml"
    report = Report.objects.create(
        unit=tree.commune_a,
        period=period_get_or_create(code="2025"),
        framework_version=framework_load(path=default),
    )
    log_in(page, live_server, "officer_a")
    page.goto(live_server.url + reverse("collection:report_detail", args=[report.pk]))
    page.screenshot(path=str(screenshot_dir / "report-default-desktop.png"))
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("select[name=value]").first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "report-default-phone.png"))
