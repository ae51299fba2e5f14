"""Writes of supervision: missions and their states, visits, findings, recommendations,
follow-ups, and the reminders before deadlines.

Who may do what (decided here, on top of the one scope check ``dxmon.accounts.scope``):

- the council (a user with ``SUPERVISE`` on the mission's ``council_unit``: the HĐND supervisors
  of that province, or of its legal successor after the 2025 merger) plans and runs the mission,
  records findings and recommendations, verifies closure, marks a recommendation not implemented
  or cancels it;
- the addressee (a user with ``CHANGE`` on the addressee unit, or on a unit it merged into) adds
  follow-ups and moves a recommendation open → in progress → done with evidence.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from dxmon.accounts.scope import Action, can
from dxmon.audit.services import audit_record
from dxmon.collection.models import Period
from dxmon.jobs.registry import Progress
from dxmon.supervision.choices import (
    FINISHED_STATUSES,
    FindingKind,
    MissionStatus,
    Pillar,
    Priority,
    RecommendationStatus,
)
from dxmon.supervision.errors import InvalidTransition, NotAllowed, SupervisionError
from dxmon.supervision.models import Finding, FollowUp, Mission, Recommendation, Reminder, Visit
from dxmon.units.models import Lineage, Unit
from dxmon.vn.dates import format_date_short

S = RecommendationStatus
REMINDER_DAYS = 7

# The moves each side may make; a follow-up that keeps the status is a plain update.
ADDRESSEE_MOVES: dict[str, frozenset[str]] = {
    S.OPEN: frozenset({S.IN_PROGRESS, S.DONE_WITH_EVIDENCE}),
    S.IN_PROGRESS: frozenset({S.DONE_WITH_EVIDENCE}),
}
COUNCIL_MOVES: dict[str, frozenset[str]] = {
    S.OPEN: frozenset({S.IN_PROGRESS, S.NOT_IMPLEMENTED, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.NOT_IMPLEMENTED, S.CANCELLED}),
    # Evidence the council finds insufficient sends the recommendation back to in progress.
    S.DONE_WITH_EVIDENCE: frozenset(
        {S.VERIFIED_CLOSED, S.IN_PROGRESS, S.NOT_IMPLEMENTED, S.CANCELLED}
    ),
}

MISSION_MOVES: dict[str, tuple[str, str]] = {
    # action: (from, to)
    "start": (MissionStatus.PLANNED, MissionStatus.IN_PROGRESS),
    "to_reporting": (MissionStatus.IN_PROGRESS, MissionStatus.REPORTING),
    "close": (MissionStatus.REPORTING, MissionStatus.CLOSED),
}

MISSION_EDITABLE_FIELDS = (
    "issuing_body",
    "legal_basis_number",
    "legal_basis_date",
    "topic",
    "period",
    "period_under_review",
    "leader_name",
    "leader_position",
    "members",
    "plan_number",
    "plan_date",
    "report_number",
    "report_date",
)


# --------------------------------------------------------------------------------------------
# Who may


def is_council(user: Any, mission: Mission) -> bool:
    """Whether ``user`` acts for the council that runs ``mission``."""
    return can(user, Action.SUPERVISE, mission.council_unit)


def is_addressee(user: Any, recommendation: Recommendation) -> bool:
    """Whether ``user`` answers for the addressee unit (or for the unit it merged into)."""
    unit = recommendation.addressee_unit
    if can(user, Action.CHANGE, unit):
        return True
    successors = Unit.objects.filter(
        pk__in=Lineage.objects.filter(predecessor=unit).values("successor_id")
    )
    return any(can(user, Action.CHANGE, s) for s in successors)


def can_plan(user: Any) -> bool:
    """Whether ``user`` may plan missions at all (their role has ``SUPERVISE``)."""
    from dxmon.accounts.scope import has_action

    return has_action(user, Action.SUPERVISE)


def _require_council(user: Any, mission: Mission) -> None:
    if not is_council(user, mission):
        raise NotAllowed(_("Chỉ đoàn giám sát của HĐND mới được thực hiện việc này."))


def _require_open_mission(mission: Mission) -> None:
    if mission.status == MissionStatus.CLOSED:
        raise SupervisionError(_("Đợt giám sát đã kết thúc, không thể thay đổi."))


def _save(obj: Any) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise SupervisionError("; ".join(exc.messages)) from exc
    obj.save()


def _members(members: Iterable[Mapping[str, str]]) -> list[dict[str, str]]:
    out = []
    for member in members:
        name = str(member.get("name", "")).strip()
        if name:
            out.append({"name": name, "position": str(member.get("position", "")).strip()})
    return out


# --------------------------------------------------------------------------------------------
# Missions


@transaction.atomic
def mission_create(
    *,
    user: Any,
    issuing_body: str,
    council_unit: Unit,
    topic: str,
    leader_name: str,
    leader_position: str = "",
    members: Iterable[Mapping[str, str]] = (),
    legal_basis_number: str = "",
    legal_basis_date: datetime.date | None = None,
    period: Period | None = None,
    period_under_review: str = "",
    plan_number: str = "",
    plan_date: datetime.date | None = None,
    report_number: str = "",
    report_date: datetime.date | None = None,
    is_synthetic: bool = False,
) -> Mission:
    """Plan a mission of the council of ``council_unit``."""
    if not can(user, Action.SUPERVISE, council_unit):
        raise NotAllowed(
            _("Bạn không có quyền lập kế hoạch giám sát cho %(unit)s.")
            % {"unit": council_unit.name}
        )
    mission = Mission(
        issuing_body=issuing_body.strip(),
        council_unit=council_unit,
        topic=topic.strip(),
        leader_name=leader_name.strip(),
        leader_position=leader_position.strip(),
        members=_members(members),
        legal_basis_number=legal_basis_number.strip(),
        legal_basis_date=legal_basis_date,
        period=period,
        period_under_review=period_under_review.strip(),
        plan_number=plan_number.strip(),
        plan_date=plan_date,
        report_number=report_number.strip(),
        report_date=report_date,
        is_synthetic=is_synthetic,
        created_by=user if getattr(user, "pk", None) else None,
    )
    _save(mission)
    audit_record(
        actor=user,
        action="supervision.mission_create",
        obj=mission,
        new=mission.status,
        context=mission,
    )
    return mission


@transaction.atomic
def mission_update(*, user: Any, mission: Mission, **changes: Any) -> Mission:
    """Change the plan's fields (see :data:`MISSION_EDITABLE_FIELDS`), each change audited."""
    _require_council(user, mission)
    _require_open_mission(mission)
    unknown = set(changes) - set(MISSION_EDITABLE_FIELDS)
    if unknown:
        raise SupervisionError(
            _("Không sửa được trường: %(f)s.") % {"f": ", ".join(sorted(unknown))}
        )
    if "members" in changes:
        changes["members"] = _members(changes["members"])
    changed: list[tuple[str, Any, Any]] = []
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        old = getattr(mission, name)
        if old != value:
            changed.append((name, old, value))
            setattr(mission, name, value)
    if changed:
        _save(mission)
        for name, old, new in changed:
            audit_record(
                actor=user,
                action="supervision.mission_update",
                obj=mission,
                field=name,
                old=old,
                new=new,
                context=mission,
            )
    return mission


@transaction.atomic
def _mission_move(*, user: Any, mission: Mission, move: str) -> Mission:
    _require_council(user, mission)
    source, target = MISSION_MOVES[move]
    if mission.status != source:
        raise InvalidTransition(
            _("Đợt giám sát đang ở trạng thái “%(now)s”, không chuyển sang “%(to)s” được.")
            % {"now": mission.get_status_display(), "to": MissionStatus(target).label}
        )
    mission.status = target
    _save(mission)
    audit_record(
        actor=user,
        action=f"supervision.mission_{move}",
        obj=mission,
        field="status",
        old=source,
        new=target,
        context=mission,
    )
    return mission


def mission_start(*, user: Any, mission: Mission) -> Mission:
    """planned → in progress."""
    return _mission_move(user=user, mission=mission, move="start")


def mission_to_reporting(*, user: Any, mission: Mission) -> Mission:
    """in progress → reporting (the delegation writes its report)."""
    return _mission_move(user=user, mission=mission, move="to_reporting")


def mission_close(*, user: Any, mission: Mission) -> Mission:
    """reporting → closed; recommendations stay tracked after the mission closes."""
    return _mission_move(user=user, mission=mission, move="close")


# --------------------------------------------------------------------------------------------
# Visits and findings


@transaction.atomic
def visit_add(
    *,
    user: Any,
    mission: Mission,
    unit: Unit,
    date: datetime.date,
    location: str = "",
    participants: str = "",
    notes: str = "",
) -> Visit:
    """Schedule a working session with ``unit`` (which must be within the council's reach)."""
    _require_council(user, mission)
    _require_open_mission(mission)
    if not can(user, Action.SUPERVISE, unit):
        raise NotAllowed(_("%(unit)s không thuộc phạm vi giám sát của đoàn.") % {"unit": unit.name})
    visit = Visit(
        mission=mission,
        unit=unit,
        date=date,
        location=location.strip(),
        participants=participants.strip(),
        notes=notes.strip(),
    )
    _save(visit)
    audit_record(
        actor=user, action="supervision.visit_add", obj=visit, new=visit.date, context=mission
    )
    return visit


@transaction.atomic
def finding_record(
    *,
    user: Any,
    mission: Mission,
    kind: str,
    text: str,
    visit: Visit | None = None,
    pillar: str = Pillar.GENERAL,
    indicator_code: str = "",
    answer: str = "",
) -> Finding:
    """Record a strength, weakness, difficulty or question (with the answer given)."""
    _require_council(user, mission)
    _require_open_mission(mission)
    if visit is not None and visit.mission_id != mission.pk:
        raise SupervisionError(_("Buổi giám sát không thuộc đợt giám sát này."))
    if kind not in FindingKind.values:
        raise SupervisionError(_("Loại kết quả giám sát không hợp lệ."))
    finding = Finding(
        mission=mission,
        visit=visit,
        kind=kind,
        text=text.strip(),
        pillar=pillar or Pillar.GENERAL,
        indicator_code=indicator_code.strip().upper(),
        answer=answer.strip(),
    )
    _save(finding)
    audit_record(
        actor=user, action="supervision.finding_record", obj=finding, new=kind, context=mission
    )
    return finding


# --------------------------------------------------------------------------------------------
# Recommendations and follow-ups


@transaction.atomic
def recommendation_create(
    *,
    user: Any,
    mission: Mission,
    addressee_unit: Unit,
    text: str,
    deadline: datetime.date | None = None,
    priority: str = Priority.MEDIUM,
    responsible_person: str = "",
    finding: Finding | None = None,
) -> Recommendation:
    """Address a recommendation to a unit within the council's reach."""
    _require_council(user, mission)
    _require_open_mission(mission)
    if finding is not None and finding.mission_id != mission.pk:
        raise SupervisionError(_("Kết quả giám sát không thuộc đợt giám sát này."))
    if not can(user, Action.SUPERVISE, addressee_unit):
        raise NotAllowed(
            _("%(unit)s không thuộc phạm vi giám sát của đoàn.") % {"unit": addressee_unit.name}
        )
    recommendation = Recommendation(
        mission=mission,
        finding=finding,
        addressee_unit=addressee_unit,
        text=text.strip(),
        deadline=deadline,
        priority=priority,
        responsible_person=responsible_person.strip(),
        created_by=user if getattr(user, "pk", None) else None,
    )
    _save(recommendation)
    audit_record(
        actor=user,
        action="supervision.recommendation_create",
        obj=recommendation,
        new=recommendation.status,
        context=mission,
    )
    return recommendation


def recommendation_allowed_statuses(*, user: Any, recommendation: Recommendation) -> list[str]:
    """The statuses a follow-up by ``user`` may leave (the current one first: a plain update)."""
    current = recommendation.status
    council = is_council(user, recommendation.mission)
    addressee = not council and is_addressee(user, recommendation)
    if not (council or addressee):
        return []
    moves = COUNCIL_MOVES if council else ADDRESSEE_MOVES
    keep = [current] if council or current not in FINISHED_STATUSES else []
    following = [s for s in RecommendationStatus.values if s in moves.get(current, frozenset())]
    return keep + following


def _check_move(*, user: Any, recommendation: Recommendation, target: str) -> None:
    current = recommendation.status
    council = is_council(user, recommendation.mission)
    addressee = is_addressee(user, recommendation)
    if not (council or addressee):
        raise NotAllowed(_("Bạn không có quyền cập nhật kiến nghị này."))
    if target == current:
        if current in FINISHED_STATUSES and not council:
            raise InvalidTransition(_("Kiến nghị đã kết thúc."))
        return
    allowed = (COUNCIL_MOVES.get(current, frozenset()) if council else frozenset()) | (
        ADDRESSEE_MOVES.get(current, frozenset()) if addressee else frozenset()
    )
    if target not in allowed:
        if target in COUNCIL_MOVES.get(current, frozenset()):
            raise NotAllowed(
                _("Chỉ đoàn giám sát của HĐND mới được chuyển kiến nghị sang “%(to)s”.")
                % {"to": RecommendationStatus(target).label}
            )
        raise InvalidTransition(
            _("Kiến nghị đang “%(now)s”, không chuyển sang “%(to)s” được.")
            % {"now": recommendation.get_status_display(), "to": RecommendationStatus(target).label}
        )


@transaction.atomic
def followup_add(
    *,
    user: Any,
    recommendation: Recommendation,
    text: str,
    status_after: str | None = None,
    date: datetime.date | None = None,
    evidence_file: Any = None,
    evidence_citation: str = "",
) -> FollowUp:
    """Add a dated update to ``recommendation``, optionally moving its status.

    "Done with evidence" needs evidence in this update (a file or the citation of a document);
    verified closure needs evidence on record.
    """
    recommendation = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("mission__council_unit", "addressee_unit")
        .get(pk=recommendation.pk)
    )
    target = status_after or recommendation.status
    if target not in RecommendationStatus.values:
        raise SupervisionError(_("Trạng thái kiến nghị không hợp lệ."))
    _check_move(user=user, recommendation=recommendation, target=target)
    text = text.strip()
    if not text:
        raise SupervisionError(_("Hãy ghi nội dung cập nhật."))
    has_evidence = bool(evidence_file) or bool(evidence_citation.strip())
    if target == S.DONE_WITH_EVIDENCE and target != recommendation.status and not has_evidence:
        raise SupervisionError(
            _("Cần đính kèm minh chứng (tệp hoặc số hiệu văn bản) khi báo cáo đã thực hiện.")
        )
    if target == S.VERIFIED_CLOSED and not (
        has_evidence or any(f.has_evidence for f in recommendation.followups.all())
    ):
        raise SupervisionError(_("Chưa có minh chứng nào để kiểm tra và kết thúc kiến nghị."))
    followup = FollowUp(
        recommendation=recommendation,
        date=date or timezone.localdate(),
        author=user if getattr(user, "pk", None) else None,
        text=text,
        status_before=recommendation.status,
        status_after=target,
        evidence_citation=evidence_citation.strip(),
    )
    if evidence_file:
        followup.evidence_file = evidence_file
    _save(followup)
    old = recommendation.status
    if target != old:
        recommendation.status = target
        recommendation.closed_at = timezone.now() if target in FINISHED_STATUSES else None
        recommendation.save(update_fields=["status", "closed_at"])
    audit_record(
        actor=user,
        action="supervision.followup_add",
        obj=recommendation,
        field="status",
        old=old,
        new=target,
        reason=text,
        context=recommendation.mission,
    )
    return followup


# --------------------------------------------------------------------------------------------
# Reminders


@transaction.atomic
def reminders_send(*, today: datetime.date, days: int = REMINDER_DAYS) -> list[Reminder]:
    """Remind each addressee of the recommendations due within ``days`` of ``today``.

    One reminder per recommendation and deadline: running it again the same week writes
    nothing; a deadline moved later is reminded again.
    """
    due = (
        Recommendation.objects.due_within(today, days)
        .exclude(
            Exists(
                Reminder.objects.filter(
                    recommendation=OuterRef("pk"), deadline=OuterRef("deadline")
                )
            )
        )
        .select_related("addressee_unit", "mission")
    )
    created: list[Reminder] = []
    for recommendation in due:
        assert recommendation.deadline is not None
        left = (recommendation.deadline - today).days
        message = _(
            "Kiến nghị của %(body)s “%(text)s” đến hạn ngày %(deadline)s (còn %(days)s ngày)."
        ) % {
            "body": recommendation.mission.issuing_body,
            "text": recommendation.text[:200],
            "deadline": format_date_short(recommendation.deadline),
            "days": left,
        }
        reminder = Reminder(
            recommendation=recommendation,
            addressee_unit=recommendation.addressee_unit,
            deadline=recommendation.deadline,
            created_on=today,
            message=message,
        )
        reminder.save()
        audit_record(
            actor=None,
            action="supervision.reminder_send",
            obj=recommendation,
            new=recommendation.deadline,
            reason=message,
            context=recommendation.mission,
        )
        created.append(reminder)
    return created


def reminders_job(*, progress: Progress, today: str | None = None) -> dict[str, Any]:
    """:func:`reminders_send` as a background job (kind ``supervision.reminders``)."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    created = reminders_send(today=day)
    progress(1, 1)
    return {"reminders_created": len(created)}
