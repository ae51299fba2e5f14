"""The review workflow: fill → submit → return → fix → resubmit → approve → reopen, with audit."""

from __future__ import annotations

from typing import Any

import pytest

from dxmon.collection.choices import ReportStatus
from dxmon.collection.errors import (
    CollectionError,
    NotAllowed,
    NotFound,
    ReportLocked,
    SubmitRefused,
)
from dxmon.collection.models import Report, ReturnComment
from dxmon.collection.selectors import NotFoundError, report_audit, report_get, report_list
from dxmon.collection.services.values import value_save
from dxmon.collection.services.workflow import (
    TRANSITIONS,
    report_approve,
    report_reopen,
    report_resubmit,
    report_return,
    report_review_district,
    report_submit,
    report_transitions,
)
from dxmon.collection.tests.cycle import make_report, make_user
from dxmon.frameworks.models import CrossRule
from dxmon.testing.fixtures import Tree


@pytest.fixture
def report(tree: Tree, tiny: Any, periods: Any) -> Report:
    return make_report(tree.commune_a, periods["2025"], tiny.version)


def fill(user: Any, report: Report, tiny: Any, **overrides: Any) -> Report:
    values: dict[str, dict[str, Any]] = {
        "ratio": {"numerator": 45, "denominator": 50},
        "count": {"value": 40},
        "boolean": {"value": 1},
        "score": {"value": 8},
    }
    values.update(overrides)
    for attr, fields in values.items():
        report.refresh_from_db()
        value_save(
            user=user,
            report=report,
            indicator=getattr(tiny, attr),
            expected_revision=report.revision,
            **fields,
        )
    report.refresh_from_db()
    return report


def test_the_transitions_table_names_every_move() -> None:
    moves = {name: (sorted(t.sources), t.target) for name, t in TRANSITIONS.items()}
    assert moves["submit"] == (["draft"], "submitted")
    assert moves["resubmit"] == (["returned"], "resubmitted")
    assert moves["reopen"] == (["approved"], "returned")
    assert moves["review_district"] == (["resubmitted", "submitted"], "district_reviewed")


def test_it_walks_a_report_from_draft_to_approved_and_back(
    officer: Any, reviewer: Any, tiny: Any, report: Report
) -> None:
    fill(officer, report, tiny)
    assert [t.name for t in report_transitions(user=officer, report=report)] == ["submit"]
    report = report_submit(user=officer, report=report)
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_at is not None
    with pytest.raises(ReportLocked):
        value_save(
            user=officer,
            report=report,
            indicator=tiny.count,
            value=41,
            expected_revision=report.revision,
        )

    report = report_return(
        user=reviewer,
        report=report,
        reason="Cần kiểm tra lại tỷ lệ văn bản điện tử.",
        comments={"CQS.1": "Mẫu số khác số văn bản đi trong sổ."},
    )
    assert report.status == ReportStatus.RETURNED
    comment = ReturnComment.objects.get(report=report, indicator=tiny.ratio)
    assert comment.author == reviewer
    assert not comment.resolved

    value_save(
        user=officer,
        report=report,
        indicator=tiny.ratio,
        numerator=45,
        denominator=60,
        expected_revision=report.revision,
    )
    report = report_resubmit(user=officer, report=report)
    assert report.status == ReportStatus.RESUBMITTED
    comment.refresh_from_db()
    assert comment.resolved

    report = report_approve(user=reviewer, report=report)
    assert report.status == ReportStatus.APPROVED
    assert report.approved_by == reviewer
    with pytest.raises(ReportLocked, match="phê duyệt"):
        value_save(
            user=officer,
            report=report,
            indicator=tiny.count,
            value=41,
            expected_revision=report.revision,
        )

    with pytest.raises(CollectionError, match="lý do"):
        report_reopen(user=reviewer, report=report, reason="  ")
    report = report_reopen(user=reviewer, report=report, reason="Sở phát hiện số CBCC sai.")
    assert report.status == ReportStatus.RETURNED
    value_save(
        user=officer,
        report=report,
        indicator=tiny.count,
        value=41,
        expected_revision=report.revision,
    )
    value_save(
        user=officer,
        report=report,
        indicator=tiny.score,
        value=9,
        expected_revision=report.revision + 1,
    )
    report.refresh_from_db()
    assert report.changes_since_approval == 2

    steps = list(
        report_audit(report=report)
        .filter(field="status")
        .values_list("action", "old_value", "new_value", "reason")
    )
    assert steps[::-1] == [
        ("report.submit", "draft", "submitted", ""),
        ("report.return", "submitted", "returned", "Cần kiểm tra lại tỷ lệ văn bản điện tử."),
        ("report.resubmit", "returned", "resubmitted", ""),
        ("report.approve", "resubmitted", "approved", ""),
        ("report.reopen", "approved", "returned", "Sở phát hiện số CBCC sai."),
    ]
    audit = report_audit(report=report)
    assert audit.filter(
        action="report.return_comment",
        field="CQS.1",
        new_value="Mẫu số khác số văn bản đi trong sổ.",
    ).exists()
    assert audit.filter(
        action="value.update", field="denominator", old_value="50", new_value="60", actor=officer
    ).exists()


def test_it_refuses_submission_with_errors_and_unexplained_warnings(
    officer: Any, tiny: Any, report: Report
) -> None:
    CrossRule.objects.create(
        version=tiny.version,
        code="R01",
        left="CQS.1.numerator",
        operator="<=",
        right="CQS.2",
        message_vi="Vượt tổng số CBCC.",
    )
    fill(officer, report, tiny, count={"value": 30})
    with pytest.raises(SubmitRefused) as caught:
        report_submit(user=officer, report=report)
    assert [e.code for e in caught.value.errors] == ["rule:R01"]
    assert "1 lỗi" in caught.value.message
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_it_requires_the_district_to_review_a_2022_commune_before_the_province(
    tree: Tree, reviewer: Any, tiny: Any, periods: Any
) -> None:
    tan_hoi_officer = make_user("officer_th", "commune", tree.tan_hoi)
    district = make_user("district_833", "district", tree.old_district)
    report = make_report(tree.tan_hoi, periods["2022"], tiny.version)
    fill(tan_hoi_officer, report, tiny)
    report_submit(user=tan_hoi_officer, report=report)

    with pytest.raises(CollectionError, match="Huyện Mỏ Cày Nam xem xét trước"):
        report_approve(user=reviewer, report=report)
    with pytest.raises(NotAllowed):
        report_review_district(user=reviewer, report=report)  # the province is not the district
    report = report_review_district(user=district, report=report, note="Đã đối chiếu sổ sách.")
    assert report.status == ReportStatus.DISTRICT_REVIEWED
    with pytest.raises(NotAllowed):
        report_approve(user=district, report=report)  # the district does not approve
    with pytest.raises(NotAllowed, match="chỉ cơ quan cấp tỉnh"):
        report_return(user=district, report=report, reason="Sai")
    report = report_approve(user=reviewer, report=report)
    assert report.status == ReportStatus.APPROVED
    actions = list(report_audit(report=report).values_list("action", flat=True))
    assert actions.index("report.approve") < actions.index("report.review_district")


def test_it_needs_no_district_review_in_the_2025_structure(
    tree: Tree, officer: Any, reviewer: Any, tiny: Any, report: Report
) -> None:
    district = make_user("district_833", "district", tree.old_district)
    fill(officer, report, tiny)
    report_submit(user=officer, report=report)
    with pytest.raises(NotFound):
        report_review_district(user=district, report=report)  # not in the district's scope
    assert report_approve(user=reviewer, report=report).status == ReportStatus.APPROVED


def test_it_refuses_moves_that_are_not_in_the_table(
    officer: Any, reviewer: Any, tiny: Any, report: Report
) -> None:
    with pytest.raises(CollectionError, match="trạng thái “Đang soạn”"):
        report_approve(user=reviewer, report=report)
    with pytest.raises(CollectionError, match="trạng thái"):
        report_resubmit(user=officer, report=report)
    fill(officer, report, tiny)
    report_submit(user=officer, report=report)
    with pytest.raises(NotAllowed):
        report_approve(user=officer, report=report)
    with pytest.raises(CollectionError, match="lý do trả lại"):
        report_return(user=reviewer, report=report, reason="", comments={})
    with pytest.raises(CollectionError, match="XYZ"):
        report_return(user=reviewer, report=report, reason="x", comments={"XYZ": "?"})


def test_the_outsider_finds_nothing_of_commune_a(
    officer: Any, outsider: Any, reviewer: Any, tiny: Any, report: Report
) -> None:
    fill(officer, report, tiny)
    with pytest.raises(NotFound):
        report_submit(user=outsider, report=report)
    with pytest.raises(NotFoundError):
        report_get(user=outsider, pk=report.pk)
    assert report not in report_list(user=outsider)
    assert report in report_list(user=officer)
    report_submit(user=officer, report=report)
    for move in (report_approve, report_resubmit):
        with pytest.raises(NotFound):
            move(user=outsider, report=report)
    with pytest.raises(NotFound):
        report_return(user=outsider, report=report, reason="x")
