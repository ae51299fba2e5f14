"""The workflows: mission states, recommendation transitions, evidence, reminders, audit."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from dxmon.audit.models import AuditEntry
from dxmon.jobs.registry import job_function
from dxmon.supervision import services
from dxmon.supervision.choices import MissionStatus, RecommendationStatus
from dxmon.supervision.errors import InvalidTransition, NotAllowed, SupervisionError
from dxmon.supervision.models import Reminder
from dxmon.supervision.selectors import reminder_list

S = RecommendationStatus


def test_it_moves_a_mission_through_its_states_with_audit(supervisor, mission):
    with pytest.raises(InvalidTransition):
        services.mission_close(user=supervisor, mission=mission)
    services.mission_start(user=supervisor, mission=mission)
    services.mission_to_reporting(user=supervisor, mission=mission)
    services.mission_close(user=supervisor, mission=mission)
    assert mission.status == MissionStatus.CLOSED
    actions = list(
        AuditEntry.objects.filter(object_type="supervision.mission", field="status")
        .order_by("pk")
        .values_list("new_value", flat=True)
    )
    assert actions == ["in_progress", "reporting", "closed"]
    with pytest.raises(SupervisionError):
        services.mission_update(user=supervisor, mission=mission, topic="Khác")


def test_it_audits_each_changed_field(supervisor, mission):
    services.mission_update(
        user=supervisor, mission=mission, legal_basis_number="45/QĐ-HĐND", topic=mission.topic
    )
    entry = AuditEntry.objects.get(action="supervision.mission_update")
    assert (entry.field, entry.old_value, entry.new_value) == (
        "legal_basis_number",
        "",
        "45/QĐ-HĐND",
    )


def test_it_needs_evidence_to_report_done(officer, mission):
    rec = mission.recommendations.get()
    with pytest.raises(SupervisionError, match="minh chứng"):
        services.followup_add(
            user=officer, recommendation=rec, text="Đã làm", status_after=S.DONE_WITH_EVIDENCE
        )
    services.followup_add(
        user=officer, recommendation=rec, text="Đang làm", status_after=S.IN_PROGRESS
    )
    services.followup_add(
        user=officer,
        recommendation=rec,
        text="Đã làm",
        status_after=S.DONE_WITH_EVIDENCE,
        evidence_citation="Báo cáo số 12/BC-UBND ngày 01/11/2022 của UBND xã Tân Hội",
    )
    rec.refresh_from_db()
    assert rec.status == S.DONE_WITH_EVIDENCE
    assert [f.status_after for f in rec.followups.all()] == [S.IN_PROGRESS, S.DONE_WITH_EVIDENCE]


def test_it_lets_only_the_council_cancel_or_mark_not_implemented(officer, supervisor, mission):
    rec = mission.recommendations.get()
    for target in (S.CANCELLED, S.NOT_IMPLEMENTED, S.VERIFIED_CLOSED):
        with pytest.raises((NotAllowed, InvalidTransition)):
            services.followup_add(user=officer, recommendation=rec, text="x", status_after=target)
    # Closure is verified only after the addressee reported it done with evidence.
    with pytest.raises(InvalidTransition):
        services.followup_add(
            user=supervisor, recommendation=rec, text="x", status_after=S.VERIFIED_CLOSED
        )
    services.followup_add(
        user=supervisor, recommendation=rec, text="Không thực hiện", status_after=S.NOT_IMPLEMENTED
    )
    rec.refresh_from_db()
    assert rec.status == S.NOT_IMPLEMENTED
    assert rec.closed_at is not None
    # Not implemented is not closed: past its deadline it still counts as overdue.
    assert rec.is_overdue_on(datetime.date(2023, 1, 1))
    assert services.recommendation_allowed_statuses(user=officer, recommendation=rec) == []


def test_it_offers_each_side_its_own_moves(officer, supervisor, mission):
    rec = mission.recommendations.get()
    assert services.recommendation_allowed_statuses(user=officer, recommendation=rec) == [
        S.OPEN,
        S.IN_PROGRESS,
        S.DONE_WITH_EVIDENCE,
    ]
    assert services.recommendation_allowed_statuses(user=supervisor, recommendation=rec) == [
        S.OPEN,
        S.IN_PROGRESS,
        S.NOT_IMPLEMENTED,
        S.CANCELLED,
    ]


def test_it_reminds_addressees_once_per_deadline(officer, outsider, mission):
    rec = mission.recommendations.get()  # deadline 30/11/2022
    assert services.reminders_send(today=datetime.date(2022, 11, 20)) == []
    [reminder] = services.reminders_send(today=datetime.date(2022, 11, 25))
    assert reminder.addressee_unit == rec.addressee_unit
    assert "30/11/2022" in reminder.message
    assert "còn 5 ngày" in reminder.message
    assert services.reminders_send(today=datetime.date(2022, 11, 26)) == []
    assert list(reminder_list(user=officer)) == [reminder]
    assert not reminder_list(user=outsider).exists()


def test_it_runs_reminders_as_a_registered_job(mission):
    func = job_function("supervision.reminders")
    done = []
    result = func(progress=lambda d, t=None: done.append(d), today="2022-11-28")
    assert result == {"reminders_created": 1}
    assert Reminder.objects.count() == 1
    call_command("supervision", "reminders", "--today", "2022-11-29")
    assert Reminder.objects.count() == 1
