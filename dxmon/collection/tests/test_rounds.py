"""Rounds: opening creates the expected reports; reporting rate and timeliness per level."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from dxmon.collection.choices import ReportStatus
from dxmon.collection.errors import CollectionError, NotAllowed, NotFound
from dxmon.collection.models import Report
from dxmon.collection.selectors import round_get, round_list, round_reporting_rate
from dxmon.collection.services.rounds import round_open
from dxmon.collection.tests.cycle import make_commune, make_report
from dxmon.testing.fixtures import Tree, make_unit
from dxmon.units.choices import Kind, Structure

DEADLINE = datetime.date(2025, 12, 15)


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_it_opens_a_round_with_a_draft_report_per_unit_once(
    tree: Tree, reviewer: Any, tiny: Any
) -> None:
    opened = round_open(
        user=reviewer,
        framework_version=tiny.version,
        period_code="2025",
        units=[tree.commune_a, tree.commune_b],
        deadline=DEADLINE,
    )
    assert opened.title == "Báo cáo CĐS kỳ 2025 (hạn 15/12/2025)"
    reports = Report.objects.filter(round=opened)
    assert sorted(r.unit.code for r in reports) == ["28903", "28918"]
    assert {r.status for r in reports} == {ReportStatus.DRAFT}
    again = round_open(
        user=reviewer,
        framework_version=tiny.version,
        period_code="2025",
        units=[tree.commune_a],
        deadline=DEADLINE,
        title="Đợt bổ sung",
    )
    assert Report.objects.filter(unit=tree.commune_a).count() == 1
    assert list(again.units.all()) == [tree.commune_a]
    assert Report.objects.get(unit=tree.commune_a).round == opened  # keeps its first round


def test_it_lets_only_the_province_open_rounds_within_its_scope(
    tree: Tree, officer: Any, reviewer: Any, tiny: Any
) -> None:
    with pytest.raises(NotAllowed):
        round_open(
            user=officer,
            framework_version=tiny.version,
            period_code="2025",
            units=[tree.commune_a],
            deadline=DEADLINE,
        )
    elsewhere = make_unit(
        code="01", name="Thành phố Hà Nội", kind=Kind.CENTRAL_CITY, structure=Structure.Y2025
    )
    with pytest.raises(NotFound):
        round_open(
            user=reviewer,
            framework_version=tiny.version,
            period_code="2025",
            units=[elsewhere],
            deadline=DEADLINE,
        )
    with pytest.raises(CollectionError, match="không còn tồn tại"):
        round_open(  # the 2022 commune no longer exists at the end of 2025
            user=reviewer,
            framework_version=tiny.version,
            period_code="2025",
            units=[tree.tan_hoi],
            deadline=DEADLINE,
        )
    with pytest.raises(CollectionError, match="Kỳ báo cáo không hợp lệ"):
        round_open(
            user=reviewer,
            framework_version=tiny.version,
            period_code="2025Q5",
            units=[tree.commune_a],
            deadline=DEADLINE,
        )
    assert not Report.objects.exists()


def test_it_counts_expected_submitted_and_on_time_reports(
    tree: Tree, reviewer: Any, outsider: Any, tiny: Any
) -> None:
    """Three communes: A on time (15/12 at 23:00), B late (16/12), C still a draft.

    Province: expected 3, submitted 2 (66,7%), on time 1 (33,3%), as DHIS2 counts them.
    """
    commune_c = make_commune("28921", "Xã Tân Thành Bình", tree.province)
    opened = round_open(
        user=reviewer,
        framework_version=tiny.version,
        period_code="2025",
        units=[tree.commune_a, tree.commune_b, commune_c],
        deadline=DEADLINE,
    )
    Report.objects.filter(unit=tree.commune_a).update(
        status=ReportStatus.SUBMITTED, submitted_at=at(DEADLINE, 23)
    )
    Report.objects.filter(unit=tree.commune_b).update(
        status=ReportStatus.APPROVED, submitted_at=at(DEADLINE + datetime.timedelta(days=1), 8)
    )
    rows = round_reporting_rate(round=opened)
    table = [(r.unit.code, r.is_total, r.expected, r.submitted, r.on_time) for r in rows]
    assert table == [
        ("86", True, 3, 2, 1),
        ("28903", False, 1, 1, 1),
        ("28918", False, 1, 1, 0),
        ("28921", False, 1, 0, 0),
    ]
    assert rows[0].rate == pytest.approx(200 / 3)
    assert rows[0].on_time_rate == pytest.approx(100 / 3)
    assert round_get(user=outsider, pk=opened.pk) == opened  # B is expected in it
    assert opened in round_list(user=reviewer)


def test_it_rolls_up_by_district_in_the_2022_structure(
    tree: Tree, reviewer: Any, tiny: Any
) -> None:
    opened = round_open(
        user=reviewer,
        framework_version=tiny.version,
        period_code="2022",
        units=[tree.tan_hoi, tree.mo_cay_town],
        deadline=datetime.date(2022, 12, 31),
    )
    Report.objects.filter(unit=tree.tan_hoi).update(
        status=ReportStatus.SUBMITTED, submitted_at=at(datetime.date(2022, 12, 1), 9)
    )
    rows = round_reporting_rate(round=opened)
    totals = {r.unit.code: (r.expected, r.submitted, r.on_time) for r in rows if r.is_total}
    assert totals == {"83": (2, 1, 1), "833": (2, 1, 1)}
    assert [r.unit.code for r in rows][:2] == ["83", "833"]


def test_it_keeps_a_report_made_before_the_round(
    tree: Tree, reviewer: Any, tiny: Any, periods: Any
) -> None:
    earlier = make_report(tree.commune_a, periods["2025"], tiny.version)
    opened = round_open(
        user=reviewer,
        framework_version=tiny.version,
        period_code="2025",
        units=[tree.commune_a],
        deadline=DEADLINE,
    )
    earlier.refresh_from_db()
    assert earlier.round == opened
