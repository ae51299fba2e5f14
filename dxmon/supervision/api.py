"""API of supervision: missions, visits, findings, recommendations and follow-ups, through the
same selectors (scope) and services as the pages. Out of scope reads as 404."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from dxmon.supervision import selectors, services
from dxmon.supervision.choices import FindingKind, Pillar, Priority
from dxmon.supervision.errors import NotAllowed, SupervisionError
from dxmon.supervision.models import Finding, FollowUp, Mission, Recommendation, Visit
from dxmon.units.models import Unit

router = Router(tags=["supervision"], auth=django_auth)


class ErrorOut(Schema):
    detail: str


class UnitRefOut(Schema):
    id: int
    code: str
    name: str
    structure: str


class MemberSchema(Schema):
    name: str
    position: str = ""


class ProgressOut(Schema):
    total: int
    closed: int
    overdue: int
    percent_closed: float
    by_status: dict[str, int]


class MissionOut(Schema):
    id: int
    title: str
    issuing_body: str
    council_unit: UnitRefOut
    legal_basis_number: str
    legal_basis_date: datetime.date | None
    period_under_review: str
    leader_name: str
    leader_position: str
    members: list[MemberSchema]
    status: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    units: list[UnitRefOut]
    is_synthetic: bool
    progress: ProgressOut


class MissionIn(Schema):
    issuing_body: str
    council_unit_id: int
    topic: str
    leader_name: str
    leader_position: str = ""
    members: list[MemberSchema] = []
    legal_basis_number: str = ""
    legal_basis_date: datetime.date | None = None
    period_under_review: str = ""


class VisitOut(Schema):
    id: int
    mission_id: int
    unit: UnitRefOut
    date: datetime.date
    location: str
    participants: str
    notes: str


class VisitIn(Schema):
    unit_id: int
    date: datetime.date
    location: str = ""
    participants: str = ""
    notes: str = ""


class FindingOut(Schema):
    id: int
    mission_id: int
    visit_id: int | None
    pillar: str
    indicator_code: str
    kind: str
    text: str
    answer: str


class FindingIn(Schema):
    visit_id: int | None = None
    pillar: Pillar = Pillar.GENERAL
    indicator_code: str = ""
    kind: FindingKind
    text: str
    answer: str = ""


class RecommendationOut(Schema):
    id: int
    mission_id: int
    finding_id: int | None
    addressee_unit: UnitRefOut
    responsible_person: str
    text: str
    deadline: datetime.date | None
    priority: str
    status: str
    overdue: bool


class RecommendationIn(Schema):
    addressee_unit_id: int
    text: str
    deadline: datetime.date | None = None
    priority: Priority = Priority.MEDIUM
    responsible_person: str = ""
    finding_id: int | None = None


class FollowUpOut(Schema):
    id: int
    date: datetime.date
    author: str
    text: str
    status_before: str
    status_after: str
    evidence_citation: str
    evidence_file: str


class FollowUpIn(Schema):
    text: str
    status_after: str | None = None
    date: datetime.date | None = None
    evidence_citation: str = ""


def _unit(unit: Unit) -> UnitRefOut:
    return UnitRefOut(id=unit.pk, code=unit.code, name=unit.name, structure=unit.structure)


def _mission(mission: Mission, progress: selectors.MissionProgress) -> MissionOut:
    visits = list(mission.visits.all())
    return MissionOut(
        id=mission.pk,
        title=mission.topic,
        issuing_body=mission.issuing_body,
        council_unit=_unit(mission.council_unit),
        legal_basis_number=mission.legal_basis_number,
        legal_basis_date=mission.legal_basis_date,
        period_under_review=mission.period_under_review,
        leader_name=mission.leader_name,
        leader_position=mission.leader_position,
        members=[MemberSchema(**m) for m in mission.members],
        status=mission.status,
        start_date=mission.start_date,
        end_date=mission.end_date,
        units=[_unit(u) for u in dict.fromkeys(v.unit for v in visits)],
        is_synthetic=mission.is_synthetic,
        progress=ProgressOut(
            total=progress.total,
            closed=progress.closed,
            overdue=progress.overdue,
            percent_closed=round(progress.percent_closed, 1),
            by_status={s.status: s.count for s in progress.by_status},
        ),
    )


def _visit(v: Visit) -> VisitOut:
    return VisitOut(
        id=v.pk,
        mission_id=v.mission_id,
        unit=_unit(v.unit),
        date=v.date,
        location=v.location,
        participants=v.participants,
        notes=v.notes,
    )


def _finding(f: Finding) -> FindingOut:
    return FindingOut(
        id=f.pk,
        mission_id=f.mission_id,
        visit_id=f.visit_id,
        pillar=f.pillar,
        indicator_code=f.indicator_code,
        kind=f.kind,
        text=f.text,
        answer=f.answer,
    )


def _recommendation(r: Recommendation) -> RecommendationOut:
    return RecommendationOut(
        id=r.pk,
        mission_id=r.mission_id,
        finding_id=r.finding_id,
        addressee_unit=_unit(r.addressee_unit),
        responsible_person=r.responsible_person,
        text=r.text,
        deadline=r.deadline,
        priority=r.priority,
        status=r.status,
        overdue=bool(getattr(r, "overdue_flag", r.is_overdue)),
    )


def _followup(f: FollowUp) -> FollowUpOut:
    return FollowUpOut(
        id=f.pk,
        date=f.date,
        author=str(f.author) if f.author else "",
        text=f.text,
        status_before=f.status_before,
        status_after=f.status_after,
        evidence_citation=f.evidence_citation,
        evidence_file=(f.evidence_file.name or "") if f.evidence_file else "",
    )


def _refusal(exc: SupervisionError) -> Any:
    return Status(403 if isinstance(exc, NotAllowed) else 400, ErrorOut(detail=exc.message))


def _scoped_unit(request: HttpRequest, unit_id: int) -> Unit:
    from dxmon.accounts.scope import Action, get_object_or_404_scoped

    return get_object_or_404_scoped(Unit.objects.all(), request.user, Action.VIEW, pk=unit_id)


@router.get("/missions", response=list[MissionOut], summary="Các đợt giám sát trong phạm vi")
def list_missions(request: HttpRequest) -> list[MissionOut]:
    missions = list(selectors.mission_list(user=request.user))
    progress = selectors.mission_progress(user=request.user, missions=missions)
    return [_mission(m, progress[m.pk]) for m in missions]


@router.post(
    "/missions",
    response={201: MissionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Lập kế hoạch giám sát",
)
def create_mission(request: HttpRequest, payload: MissionIn) -> Any:
    unit = _scoped_unit(request, payload.council_unit_id)
    data = payload.dict(exclude={"council_unit_id"})
    try:
        mission = services.mission_create(user=request.user, council_unit=unit, **data)
    except SupervisionError as exc:
        return _refusal(exc)
    mission = selectors.mission_get(user=request.user, pk=mission.pk)
    progress = selectors.mission_progress(user=request.user, missions=[mission])[mission.pk]
    return Status(201, _mission(mission, progress))


@router.get("/missions/{mission_id}", response=MissionOut, summary="Một đợt giám sát")
def get_mission(request: HttpRequest, mission_id: int) -> MissionOut:
    mission = selectors.mission_get(user=request.user, pk=mission_id)
    progress = selectors.mission_progress(user=request.user, missions=[mission])[mission.pk]
    return _mission(mission, progress)


@router.get("/missions/{mission_id}/visits", response=list[VisitOut], summary="Buổi giám sát")
def list_visits(request: HttpRequest, mission_id: int) -> list[VisitOut]:
    mission = selectors.mission_get(user=request.user, pk=mission_id)
    return [_visit(v) for v in selectors.visit_list(user=request.user, mission=mission)]


@router.post(
    "/missions/{mission_id}/visits",
    response={201: VisitOut, 400: ErrorOut, 403: ErrorOut},
    summary="Thêm buổi giám sát",
)
def create_visit(request: HttpRequest, mission_id: int, payload: VisitIn) -> Any:
    mission = selectors.mission_get(user=request.user, pk=mission_id)
    unit = _scoped_unit(request, payload.unit_id)
    try:
        visit = services.visit_add(
            user=request.user, mission=mission, unit=unit, **payload.dict(exclude={"unit_id"})
        )
    except SupervisionError as exc:
        return _refusal(exc)
    return Status(201, _visit(visit))


@router.get("/visits/{visit_id}", response=VisitOut, summary="Một buổi giám sát")
def get_visit(request: HttpRequest, visit_id: int) -> VisitOut:
    return _visit(selectors.visit_get(user=request.user, pk=visit_id))


@router.get("/missions/{mission_id}/findings", response=list[FindingOut], summary="Kết quả")
def list_findings(request: HttpRequest, mission_id: int) -> list[FindingOut]:
    mission = selectors.mission_get(user=request.user, pk=mission_id)
    return [_finding(f) for f in selectors.finding_list(user=request.user, mission=mission)]


@router.post(
    "/missions/{mission_id}/findings",
    response={201: FindingOut, 400: ErrorOut, 403: ErrorOut},
    summary="Ghi nhận kết quả giám sát",
)
def create_finding(request: HttpRequest, mission_id: int, payload: FindingIn) -> Any:
    mission = selectors.mission_get(user=request.user, pk=mission_id)
    visit = (
        selectors.visit_get(user=request.user, pk=payload.visit_id) if payload.visit_id else None
    )
    try:
        finding = services.finding_record(
            user=request.user,
            mission=mission,
            visit=visit,
            pillar=payload.pillar,
            indicator_code=payload.indicator_code,
            kind=payload.kind,
            text=payload.text,
            answer=payload.answer,
        )
    except SupervisionError as exc:
        return _refusal(exc)
    return Status(201, _finding(finding))


@router.get("/recommendations", response=list[RecommendationOut], summary="Kiến nghị trong phạm vi")
def list_recommendations(
    request: HttpRequest, mission: int | None = None
) -> list[RecommendationOut]:
    selected = selectors.mission_get(user=request.user, pk=mission) if mission else None
    recs = selectors.recommendation_list(user=request.user, mission=selected)
    return [_recommendation(r) for r in recs]


@router.post(
    "/missions/{mission_id}/recommendations",
    response={201: RecommendationOut, 400: ErrorOut, 403: ErrorOut},
    summary="Thêm kiến nghị",
)
def create_recommendation(request: HttpRequest, mission_id: int, payload: RecommendationIn) -> Any:
    mission = selectors.mission_get(user=request.user, pk=mission_id)
    unit = _scoped_unit(request, payload.addressee_unit_id)
    finding = None
    if payload.finding_id:
        finding = (
            selectors.finding_list(user=request.user, mission=mission)
            .filter(pk=payload.finding_id)
            .first()
        )
        if finding is None:
            return Status(400, ErrorOut(detail=_("Kết quả giám sát không thuộc đợt giám sát này.")))
    try:
        rec = services.recommendation_create(
            user=request.user,
            mission=mission,
            addressee_unit=unit,
            text=payload.text,
            deadline=payload.deadline,
            priority=payload.priority,
            responsible_person=payload.responsible_person,
            finding=finding,
        )
    except SupervisionError as exc:
        return _refusal(exc)
    return Status(201, _recommendation(rec))


@router.get("/recommendations/{rec_id}", response=RecommendationOut, summary="Một kiến nghị")
def get_recommendation(request: HttpRequest, rec_id: int) -> RecommendationOut:
    return _recommendation(selectors.recommendation_get(user=request.user, pk=rec_id))


@router.get(
    "/recommendations/{rec_id}/followups",
    response=list[FollowUpOut],
    summary="Quá trình thực hiện một kiến nghị",
)
def list_followups(request: HttpRequest, rec_id: int) -> list[FollowUpOut]:
    rec = selectors.recommendation_get(user=request.user, pk=rec_id)
    return [_followup(f) for f in selectors.followup_list(recommendation=rec)]


@router.post(
    "/recommendations/{rec_id}/followups",
    response={201: FollowUpOut, 400: ErrorOut, 403: ErrorOut},
    summary="Cập nhật tình hình thực hiện (minh chứng là số hiệu văn bản; tệp qua trang web)",
)
def create_followup(request: HttpRequest, rec_id: int, payload: FollowUpIn) -> Any:
    rec = selectors.recommendation_get(user=request.user, pk=rec_id)
    try:
        followup = services.followup_add(user=request.user, recommendation=rec, **payload.dict())
    except SupervisionError as exc:
        return _refusal(exc)
    return Status(201, _followup(followup))
