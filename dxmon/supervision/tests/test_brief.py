"""The pre-visit brief: figures and gaps, rank from scoring, inconsistencies, open
recommendations from earlier missions, and questions drawn from the weak points."""

from __future__ import annotations

import datetime

from django.utils import timezone

from dxmon.collection.choices import ValueSource
from dxmon.collection.models import DataValue, Report
from dxmon.frameworks.models import FrameworkVersion, Indicator
from dxmon.scoring.choices import RunStatus
from dxmon.scoring.models import Score, ScoringRun
from dxmon.supervision import services
from dxmon.supervision.selectors import visit_brief


def test_it_shows_rank_and_interval_once_scoring_has_run(supervisor, mission, tan_hoi_report):
    visit = mission.visits.get()
    assert visit_brief(user=supervisor, visit=visit).rank.text == "chưa có kết quả xếp hạng"
    run = ScoringRun.objects.create(
        framework_version=tan_hoi_report.framework_version,
        period=tan_hoi_report.period,
        status=RunStatus.SUCCEEDED,
        finished_at=timezone.now(),
    )
    Score.objects.create(
        run=run,
        unit=visit.unit,
        node_code="INDEX",
        points=612.5,
        max_points=1000,
        rank=120,
        rank_in_province=14,
        rank_p05=9,
        rank_p95=21,
    )
    rank = visit_brief(user=supervisor, visit=visit).rank
    assert rank.text == "hạng 14 trong tỉnh, 612,5/1.000 điểm"
    assert rank.interval == "khoảng hạng 9–21 (5%–95% các kịch bản)"


def test_it_flags_self_reports_that_disagree_with_system_data(
    supervisor, mission, tan_hoi_report, tree
):
    """The self-reported CQS.07 (trên 79%) against the iGate figure (61%) of the same unit and
    period, held in a system import under another framework version."""
    own = tan_hoi_report.values.get(indicator__code="CQS.07")
    system_version = FrameworkVersion.objects.get(pk=tan_hoi_report.framework_version_id)
    system_version.pk = None
    system_version.version = "1.0-system"
    system_version.save()
    indicator = Indicator.objects.get(pk=own.indicator_id)
    indicator.pk = None
    indicator.version = system_version
    indicator.save()
    report = Report.objects.create(
        unit=tree.tan_hoi, period=tan_hoi_report.period, framework_version=system_version
    )
    DataValue.objects.create(
        report=report, indicator=indicator, value=61.0, source=ValueSource.SYSTEM
    )
    brief = visit_brief(user=supervisor, visit=mission.visits.get())
    [flag] = [f for f in brief.flags if f.kind == "system_mismatch"]
    assert flag.indicator_code == "CQS.07"
    assert "trên 79%" in flag.message
    assert "61%" in flag.message
    assert any("giải trình" in q and "61%" in q for q in brief.questions)


def test_it_lists_open_recommendations_of_earlier_missions(supervisor, mission, tree):
    later = services.mission_create(
        user=supervisor,
        issuing_body="Ban Văn hóa - Xã hội HĐND tỉnh Vĩnh Long",
        council_unit=tree.province,
        topic="Chuyển đổi số ở Xã Mỏ Cày",
        leader_name="Nguyễn Văn A",
    )
    visit = services.visit_add(
        user=supervisor, mission=later, unit=tree.commune_a, date=datetime.date(2025, 10, 2)
    )
    brief = visit_brief(user=supervisor, visit=visit)
    # Xã Mỏ Cày was formed from Tân Hội: the 2022 recommendation follows it.
    assert [r.text for r in brief.open_recommendations] == [
        "Hỗ trợ đưa nông sản lên sàn thương mại điện tử."
    ]
    assert any("sàn thương mại điện tử" in q for q in brief.questions)
    assert "Đơn vị chưa có báo cáo đã phê duyệt" in brief.notes[0]


def test_it_compares_with_the_province_median(supervisor, mission, tan_hoi_report, tree):
    from dxmon.collection.choices import ReportStatus
    from dxmon.testing.fixtures import make_unit
    from dxmon.units.choices import Kind, Structure

    indicator = tan_hoi_report.values.get(indicator__code="CQS.07").indicator
    peers = [tree.mo_cay_town] + [
        make_unit(
            code=code,
            name=name,
            kind=Kind.COMMUNE,
            structure=Structure.Y2022,
            parent=tree.old_district,
        )
        for code, name in (("28909", "Xã Định Thủy"), ("28912", "Xã Phước Hiệp"))
    ]
    for unit, value in zip(peers, (95.0, 92.0, 90.0), strict=True):
        report = Report.objects.create(
            unit=unit,
            period=tan_hoi_report.period,
            framework_version=tan_hoi_report.framework_version,
            status=ReportStatus.APPROVED,
        )
        DataValue.objects.create(report=report, indicator=indicator, value=value)
    brief = visit_brief(user=supervisor, visit=mission.visits.get())
    figures = {f.indicator_code: f for p in brief.pillars for f in p.figures}
    # Median of 79, 90, 92 and 95.
    assert figures["CQS.07"].peer_median_display == "91%"
    assert figures["CQS.07"].peer_count == 4
    # Fewer than three peers reporting: no median shown.
    assert figures["CQS.02"].peer_median is None
