"""Saving one value: computed ratios, revisions, locks, scope and the audit trail."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404

from dxmon.audit.models import AuditEntry
from dxmon.collection.choices import ReportStatus
from dxmon.collection.errors import (
    CollectionError,
    ConcurrentEdit,
    InvalidValue,
    NotAllowed,
    NotFound,
    ReportLocked,
)
from dxmon.collection.models import DataValue, Report
from dxmon.collection.services.values import value_save
from dxmon.collection.tests.cycle import make_report
from dxmon.testing.fixtures import Tree


@pytest.fixture
def report(tree: Tree, tiny: Any, periods: Any) -> Report:
    return make_report(tree.commune_a, periods["2025"], tiny.version)


def test_it_computes_a_ratio_from_numerator_and_denominator(
    officer: Any, tiny: Any, report: Report
) -> None:
    result = value_save(
        user=officer,
        report=report,
        indicator=tiny.ratio,
        value=12.0,  # ignored: a ratio's percentage is computed, never typed
        numerator=45,
        denominator=50,
        expected_revision=0,
    )
    assert result.value.value == pytest.approx(90.0)
    assert result.revision == 1
    report.refresh_from_db()
    assert report.revision == 1
    stored = DataValue.objects.get(report=report, indicator=tiny.ratio)
    assert (stored.numerator, stored.denominator, stored.updated_by) == (45, 50, officer)


def test_it_records_every_changed_field_with_old_and_new_values(
    officer: Any, tiny: Any, report: Report
) -> None:
    value_save(user=officer, report=report, indicator=tiny.count, value=40, expected_revision=0)
    value_save(
        user=officer,
        report=report,
        indicator=tiny.count,
        value=41,
        comment="Theo danh sách hội viên",
        expected_revision=1,
    )
    entries = AuditEntry.objects.filter(context_id=str(report.pk), action="value.update")
    changes = {(e.field, e.old_value, e.new_value) for e in entries}
    assert changes == {("value", "40", "41"), ("comment", "", "Theo danh sách hội viên")}
    assert all(e.actor == officer for e in entries)
    assert AuditEntry.objects.filter(action="value.create", field="value", new_value="40").exists()


def test_it_refuses_a_second_save_from_the_same_revision_with_the_newer_value(
    officer: Any, reviewer: Any, tiny: Any, report: Report
) -> None:
    value_save(user=officer, report=report, indicator=tiny.count, value=40, expected_revision=0)
    with pytest.raises(ConcurrentEdit) as caught:
        value_save(
            user=reviewer, report=report, indicator=tiny.count, value=35, expected_revision=0
        )
    assert "người khác cập nhật" in caught.value.message
    assert "Vui lòng xem giá trị mới nhất" in caught.value.message
    assert caught.value.revision == 1
    assert caught.value.values["CQS.2"].value == 40
    assert DataValue.objects.get(report=report, indicator=tiny.count).value == 40


def test_it_does_not_bump_the_revision_when_nothing_changes(
    officer: Any, tiny: Any, report: Report
) -> None:
    value_save(user=officer, report=report, indicator=tiny.count, value=7, expected_revision=0)
    again = value_save(
        user=officer, report=report, indicator=tiny.count, value=7, expected_revision=1
    )
    assert again.revision == 1


@pytest.mark.parametrize(
    ("attr", "fields", "code"),
    [
        ("ratio", {"numerator": 60, "denominator": 50}, "numerator_gt_denominator"),
        ("ratio", {"numerator": 3, "denominator": 0}, "denominator_zero"),
        ("ratio", {"numerator": 3}, "denominator_missing"),
        ("count", {"value": 2.5}, "not_whole"),
        ("count", {"value": -1}, "negative"),
        ("boolean", {"value": 2}, "boolean"),
        ("score", {"value": 11}, "max"),
    ],
)
def test_it_refuses_a_value_that_breaks_its_type_or_bounds(
    officer: Any, tiny: Any, report: Report, attr: str, fields: dict[str, Any], code: str
) -> None:
    with pytest.raises(InvalidValue) as caught:
        value_save(
            user=officer,
            report=report,
            indicator=getattr(tiny, attr),
            expected_revision=0,
            **fields,
        )
    assert [issue.code for issue in caught.value.issues] == [code]
    assert not DataValue.objects.filter(report=report).exists()
    report.refresh_from_db()
    assert report.revision == 0


def test_it_locks_approved_and_submitted_reports(officer: Any, tiny: Any, report: Report) -> None:
    for status, words in (
        (ReportStatus.APPROVED, "phê duyệt nên bị khóa"),
        (ReportStatus.SUBMITTED, "đang chờ xem xét"),
    ):
        Report.objects.filter(pk=report.pk).update(status=status)
        with pytest.raises(ReportLocked, match=words):
            value_save(
                user=officer, report=report, indicator=tiny.count, value=1, expected_revision=0
            )


def test_it_hides_the_report_from_the_outsider(outsider: Any, tiny: Any, report: Report) -> None:
    with pytest.raises(NotFound) as caught:
        value_save(user=outsider, report=report, indicator=tiny.count, value=1, expected_revision=0)
    assert isinstance(caught.value, Http404)
    assert not DataValue.objects.exists()


def test_it_refuses_a_supervisor_who_may_only_read(
    supervisor: Any, tiny: Any, report: Report
) -> None:
    with pytest.raises(NotAllowed):
        value_save(
            user=supervisor, report=report, indicator=tiny.count, value=1, expected_revision=0
        )


def test_it_refuses_an_indicator_of_another_framework_version(
    officer: Any, tiny: Any, report: Report
) -> None:
    from dxmon.frameworks.models import FrameworkVersion

    other = FrameworkVersion.objects.create(
        framework=tiny.version.framework,
        version="2.0",
        title="Khác",
        valid_from_year=2026,
        source_yaml="#",
        checksum="1" * 64,
    )
    foreign = type(tiny.count).objects.create(
        version=other,
        group=tiny.count.group,
        code="X.1",
        name_vi="Khác",
        value_type="count",
        aggregation="sum",
    )
    with pytest.raises(CollectionError, match="không thuộc bộ chỉ số"):
        value_save(user=officer, report=report, indicator=foreign, value=1, expected_revision=0)


def test_the_entry_page_reads_everything_in_a_fixed_number_of_queries(
    tree: Tree,
    officer: Any,
    reviewer: Any,
    tiny: Any,
    report: Report,
    django_assert_max_num_queries: Any,
) -> None:
    from dxmon.collection.models import ReturnComment
    from dxmon.collection.selectors import report_completeness, report_entry_sections
    from dxmon.collection.services import period_get_or_create
    from dxmon.collection.tests.cycle import put
    from dxmon.frameworks.models import Target

    y2024 = period_get_or_create(code="2024")
    put(make_report(tree.tan_hoi, y2024, tiny.version), tiny.count, value=10)
    put(make_report(tree.mo_cay_town, y2024, tiny.version), tiny.count, value=5)
    Target.objects.create(indicator=tiny.ratio, year=2025, value=90, comparator=">=")
    Target.objects.create(indicator=tiny.ratio, year=2030, value=100, comparator=">=")
    value_save(user=officer, report=report, indicator=tiny.count, value=60, expected_revision=0)
    ReturnComment.objects.create(report=report, indicator=tiny.count, comment="Kiểm tra lại")
    report = Report.objects.select_related("unit", "period", "framework_version").get(pk=report.pk)

    with django_assert_max_num_queries(20):
        sections = report_entry_sections(report=report)
    assert [s.node.code for s in sections] == ["CQS", "KTS", "XHS"]
    rows = {row.indicator.code: row for s in sections for row in s.rows}
    assert list(rows) == ["CQS.1", "CQS.2", "KTS.1", "XHS.1"]
    count = rows["CQS.2"]
    assert count.value is not None
    assert count.value.value == 60
    assert count.previous is not None
    assert count.previous.value == 15  # 10 + 5: counts of the old communes add up
    assert [i.code for i in count.issues] == ["jump"]  # 15 → 60 is four times
    assert [c.comment for c in count.comments] == ["Kiểm tra lại"]
    assert [t.year for t in rows["CQS.1"].targets] == [2025]
    assert [i.code for i in rows["CQS.1"].issues] == ["missing"]
    assert report_completeness(report) == (1, 4)
