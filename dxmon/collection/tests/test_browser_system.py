"""In a real browser: the DVC portal's figure beside the self-reported value, with the
difference badge following what the officer types."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from dxmon.collection.models import Report, SystemSource, SystemValue
from dxmon.collection.services import period_get_or_create
from dxmon.collection.tests.test_browser_workflow import log_in, row, type_and_tab
from dxmon.frameworks.services import framework_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MINI = Path(__file__).resolve().parents[2] / "frameworks" / "tests" / "data" / "mini.yaml"


def test_it_shows_the_system_figure_and_updates_the_difference_as_the_officer_types(
    page, live_server, officer, tree, screenshot_dir
):
    version = framework_load(path=MINI)
    period = period_get_or_create(code="2025")
    report = Report.objects.create(unit=tree.commune_a, period=period, framework_version=version)
    # Transactional tests flush the rows the migration seeded.
    source, _ = SystemSource.objects.get_or_create(
        code="dvc_portal", defaults={"name": "Cổng DVC quốc gia – Bộ chỉ số 766"}
    )
    SystemValue.objects.create(
        unit=tree.commune_a,
        period=period,
        indicator=version.indicators.get(code="CQS.03"),
        numerator=157,
        denominator=200,
        value=78.5,
        source=source,
        imported_at=timezone.make_aware(datetime.datetime(2025, 3, 12, 9, 0)),
    )
    log_in(page, live_server, "officer_a")
    page.goto(live_server.url + reverse("collection:report_detail", args=[report.pk]))
    ratio = row(page, report, "CQS.03")
    figure = ratio.locator('[data-testid="system-value"]')
    assert "Cổng DVC quốc gia – Bộ chỉ số 766" in figure.inner_text()
    assert "78,5%" in figure.inner_text()
    assert "nhập 12/3/2025" in figure.inner_text()
    assert ratio.locator('[data-testid="system-diff"]').count() == 0  # nothing self-reported yet
    ratio.get_by_label("Tử số").click()
    type_and_tab(page, "45")
    type_and_tab(page, "50")
    badge = ratio.locator('[data-testid="system-diff"]')
    badge.wait_for()
    assert badge.inner_text().strip() == "chênh 11,5 điểm %"
    page.screenshot(path=str(screenshot_dir / "system-value-desktop.png"), full_page=True)
