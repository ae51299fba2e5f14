"""API of the reporting cycle: rounds, reports, values, transitions, evidence and imports.

Every operation goes through the same selectors and services as the pages, so through the one
scope check: what a user may not see is "not found" (404). Session authentication with CSRF
(django-ninja ``django_auth``). A value is saved with the report revision it was based on;
a stale revision answers 409 with the newer values.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from ninja.security import django_auth

from dxmon.collection import selectors
from dxmon.collection.choices import ReportStatus
from dxmon.collection.errors import (
    CollectionError,
    ConcurrentEdit,
    InvalidValue,
    NotAllowed,
    SubmitRefused,
)
from dxmon.collection.models import DataValue, Evidence, Report
from dxmon.collection.selectors import NotFoundError
from dxmon.collection.services import workflow
from dxmon.collection.services.rounds import round_open
from dxmon.collection.services.values import value_save
from dxmon.collection.validation import Issue
from dxmon.frameworks.models import FrameworkVersion, Indicator
from dxmon.units.models import Unit

router = Router(tags=["collection"], auth=django_auth)


class ErrorIssueOut(Schema):
    indicator_code: str | None
    severity: str
    code: str
    message: str
    needs_comment: bool
    explained: bool


class ErrorOut(Schema):
    detail: str
    issues: list[ErrorIssueOut] = []


class RoundIn(Schema):
    framework_version_id: int
    period: str
    unit_ids: list[int]
    deadline: datetime.date
    title: str = ""


class RoundOut(Schema):
    id: int
    title: str
    period: str
    framework_version: str
    deadline: datetime.date
    opened_at: datetime.datetime
    unit_count: int


class RateOut(Schema):
    unit_code: str
    unit_name: str
    level: int
    is_total: bool
    expected: int
    submitted: int
    on_time: int
    rate: float | None
    on_time_rate: float | None


class ReportFilterIn(Schema):
    period: str | None = None
    round: int | None = None
    status: ReportStatus | None = None


class ReportOut(Schema):
    id: int
    unit_code: str
    unit_name: str
    period: str
    framework_version: str
    status: str
    status_label: str
    revision: int
    changes_since_approval: int
    submitted_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    round_id: int | None
    is_synthetic: bool


class ValueOut(Schema):
    indicator: str
    value: float | None
    numerator: float | None
    denominator: float | None
    comment: str
    warning_comment: str
    source: str
    updated_at: datetime.datetime


class ReportDetailOut(ReportOut):
    filled: int
    total: int
    transitions: list[str]
    values: list[ValueOut]


class ValueIn(Schema):
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    comment: str = ""
    warning_comment: str | None = None
    expected_revision: int


class SaveOut(Schema):
    value: ValueOut
    revision: int
    issues: list[ErrorIssueOut]


class ConflictOut(Schema):
    detail: str
    revision: int
    values: list[ValueOut]


class TransitionIn(Schema):
    reason: str = ""
    comments: dict[str, str] = {}


class EvidenceOut(Schema):
    id: int
    kind: str
    indicator: str | None
    original_name: str
    content_type: str
    size: int
    doc_number: str
    doc_date: datetime.date | None
    issuer: str
    summary: str
    at: datetime.datetime


class AuditOut(Schema):
    at: datetime.datetime
    actor: str
    action: str
    field: str
    old_value: str
    new_value: str
    reason: str


class ImportOut(Schema):
    job_id: int | None = None
    dry_run: bool
    written: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = []
    changes: list[str] = []


def _issue(issue: Issue) -> dict[str, Any]:
    return {
        "indicator_code": issue.indicator_code,
        "severity": issue.severity,
        "code": issue.code,
        "message": issue.message,
        "needs_comment": issue.needs_comment,
        "explained": issue.explained,
    }


def _failure(exc: CollectionError | NotFoundError) -> Status[dict[str, Any]]:
    """The status and body for a refused operation."""
    if isinstance(exc, NotFoundError):
        return Status(404, {"detail": str(exc) or _("Không tìm thấy.")})
    if isinstance(exc, NotAllowed):
        return Status(403, {"detail": exc.message})
    if isinstance(exc, ConcurrentEdit):
        return Status(
            409,
            {
                "detail": exc.message,
                "revision": exc.revision,
                "values": [_value(v) for v in exc.values.values()],
            },
        )
    issues: list[Issue] = []
    if isinstance(exc, InvalidValue):
        issues = exc.issues
    elif isinstance(exc, SubmitRefused):
        issues = [*exc.errors, *exc.warnings]
    return Status(400, {"detail": exc.message, "issues": [_issue(i) for i in issues]})


def _value(value: DataValue) -> dict[str, Any]:
    return {
        "indicator": value.indicator.code,
        "value": value.value,
        "numerator": value.numerator,
        "denominator": value.denominator,
        "comment": value.comment,
        "warning_comment": value.warning_comment,
        "source": value.source,
        "updated_at": value.updated_at,
    }


def _report(report: Report) -> dict[str, Any]:
    return {
        "id": report.pk,
        "unit_code": report.unit.code,
        "unit_name": report.unit.name,
        "period": report.period.code,
        "framework_version": str(report.framework_version),
        "status": report.status,
        "status_label": str(ReportStatus(report.status).label),
        "revision": report.revision,
        "changes_since_approval": report.changes_since_approval,
        "submitted_at": report.submitted_at,
        "approved_at": report.approved_at,
        "round_id": report.round_id,
        "is_synthetic": report.is_synthetic,
    }


def _detail(request: HttpRequest, report: Report) -> dict[str, Any]:
    filled, total = selectors.report_completeness(report)
    values = DataValue.objects.filter(report=report).select_related("indicator")
    return {
        **_report(report),
        "filled": filled,
        "total": total,
        "transitions": [
            t.name for t in workflow.report_transitions(user=request.user, report=report)
        ],
        "values": [_value(v) for v in values.order_by("indicator__order")],
    }


# --- rounds ------------------------------------------------------------------------------


@router.get("/rounds", response=list[RoundOut], summary="Các đợt báo cáo")
def rounds(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": r.pk,
            "title": r.title,
            "period": r.period.code,
            "framework_version": str(r.framework_version),
            "deadline": r.deadline,
            "opened_at": r.opened_at,
            "unit_count": r.unit_count,  # type: ignore[attr-defined]
        }
        for r in selectors.round_list(user=request.user)
    ]


@router.post(
    "/rounds",
    response={201: RoundOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Mở đợt báo cáo (cơ quan cấp tỉnh)",
)
def round_create(request: HttpRequest, payload: RoundIn) -> Status[dict[str, Any]]:
    version = FrameworkVersion.objects.filter(pk=payload.framework_version_id).first()
    units = list(Unit.objects.filter(pk__in=payload.unit_ids))
    if version is None:
        return Status(404, {"detail": _("Không tìm thấy phiên bản bộ chỉ số.")})
    if len(units) != len(set(payload.unit_ids)):
        return Status(404, {"detail": _("Không tìm thấy đơn vị.")})
    try:
        opened = round_open(
            user=request.user,
            framework_version=version,
            period_code=payload.period,
            units=units,
            deadline=payload.deadline,
            title=payload.title,
        )
    except (CollectionError, NotFoundError) as exc:
        return _failure(exc)
    return Status(
        201,
        {
            "id": opened.pk,
            "title": opened.title,
            "period": opened.period.code,
            "framework_version": str(opened.framework_version),
            "deadline": opened.deadline,
            "opened_at": opened.opened_at,
            "unit_count": len(units),
        },
    )


@router.get(
    "/rounds/{round_id}/rate",
    response={200: list[RateOut], 404: ErrorOut},
    summary="Tỷ lệ báo cáo và báo cáo đúng hạn của một đợt",
)
def round_rate(request: HttpRequest, round_id: int) -> Status[Any]:
    try:
        found = selectors.round_get(user=request.user, pk=round_id)
    except NotFoundError as exc:
        return _failure(exc)
    rows = [
        {
            "unit_code": row.unit.code,
            "unit_name": row.unit.name,
            "level": row.unit.level,
            "is_total": row.is_total,
            "expected": row.expected,
            "submitted": row.submitted,
            "on_time": row.on_time,
            "rate": row.rate,
            "on_time_rate": row.on_time_rate,
        }
        for row in selectors.round_reporting_rate(round=found)
    ]
    return Status(200, rows)


# --- reports and values --------------------------------------------------------------------


@router.get("/reports", response=list[ReportOut], summary="Các báo cáo trong phạm vi")
def reports(request: HttpRequest, filters: Query[ReportFilterIn]) -> list[dict[str, Any]]:
    period = None
    if filters.period:
        try:
            period = selectors.period_get(code=filters.period)
        except NotFoundError:
            return []
    qs = selectors.report_list(user=request.user, period=period, status=filters.status)
    if filters.round is not None:
        qs = qs.filter(round_id=filters.round)
    return [_report(r) for r in qs[:1000]]


@router.get(
    "/reports/{report_id}",
    response={200: ReportDetailOut, 404: ErrorOut},
    summary="Một báo cáo với các giá trị",
)
def report_detail(request: HttpRequest, report_id: int) -> Status[dict[str, Any]]:
    try:
        report = selectors.report_get(user=request.user, pk=report_id)
    except NotFoundError as exc:
        return _failure(exc)
    return Status(200, _detail(request, report))


@router.put(
    "/reports/{report_id}/values/{code}",
    response={200: SaveOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut},
    summary="Lưu giá trị một chỉ số (409 nếu báo cáo đã được người khác cập nhật)",
)
def value_put(
    request: HttpRequest, report_id: int, code: str, payload: ValueIn
) -> Status[dict[str, Any]]:
    try:
        report = selectors.report_get(user=request.user, pk=report_id)
        indicator = Indicator.objects.filter(
            version_id=report.framework_version_id, code=code
        ).first()
        if indicator is None:
            raise NotFoundError(_("Không có chỉ số mã “%(code)s”.") % {"code": code})
        result = value_save(
            user=request.user,
            report=report,
            indicator=indicator,
            value=payload.value,
            numerator=payload.numerator,
            denominator=payload.denominator,
            comment=payload.comment,
            warning_comment=payload.warning_comment,
            expected_revision=payload.expected_revision,
        )
    except (CollectionError, NotFoundError) as exc:
        return _failure(exc)
    return Status(
        200,
        {
            "value": _value(result.value),
            "revision": result.revision,
            "issues": [_issue(i) for i in result.issues],
        },
    )


def _transition(
    request: HttpRequest, report_id: int, name: str, payload: TransitionIn | None
) -> Status[dict[str, Any]]:
    body = payload or TransitionIn()
    try:
        report = selectors.report_get(user=request.user, pk=report_id)
        if name == "submit":
            report = workflow.report_submit(user=request.user, report=report)
        elif name == "resubmit":
            report = workflow.report_resubmit(user=request.user, report=report)
        elif name == "return":
            report = workflow.report_return(
                user=request.user, report=report, reason=body.reason, comments=body.comments
            )
        elif name == "review":
            report = workflow.report_review_district(
                user=request.user, report=report, note=body.reason
            )
        elif name == "approve":
            report = workflow.report_approve(user=request.user, report=report)
        else:
            report = workflow.report_reopen(user=request.user, report=report, reason=body.reason)
    except (CollectionError, NotFoundError) as exc:
        return _failure(exc)
    return Status(200, _detail(request, report))


_TRANSITION_RESPONSES = {200: ReportDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.post("/reports/{report_id}/submit", response=_TRANSITION_RESPONSES, summary="Gửi")
def report_submit(request: HttpRequest, report_id: int) -> Status[dict[str, Any]]:
    return _transition(request, report_id, "submit", None)


@router.post("/reports/{report_id}/resubmit", response=_TRANSITION_RESPONSES, summary="Gửi lại")
def report_resubmit(request: HttpRequest, report_id: int) -> Status[dict[str, Any]]:
    return _transition(request, report_id, "resubmit", None)


@router.post("/reports/{report_id}/return", response=_TRANSITION_RESPONSES, summary="Trả lại")
def report_return(
    request: HttpRequest, report_id: int, payload: TransitionIn
) -> Status[dict[str, Any]]:
    return _transition(request, report_id, "return", payload)


@router.post(
    "/reports/{report_id}/review",
    response=_TRANSITION_RESPONSES,
    summary="Huyện xác nhận đã xem xét",
)
def report_review(
    request: HttpRequest, report_id: int, payload: TransitionIn | None = None
) -> Status[dict[str, Any]]:
    return _transition(request, report_id, "review", payload)


@router.post("/reports/{report_id}/approve", response=_TRANSITION_RESPONSES, summary="Phê duyệt")
def report_approve(request: HttpRequest, report_id: int) -> Status[dict[str, Any]]:
    return _transition(request, report_id, "approve", None)


@router.post("/reports/{report_id}/reopen", response=_TRANSITION_RESPONSES, summary="Mở lại")
def report_reopen(
    request: HttpRequest, report_id: int, payload: TransitionIn
) -> Status[dict[str, Any]]:
    return _transition(request, report_id, "reopen", payload)


@router.get(
    "/reports/{report_id}/evidence",
    response={200: list[EvidenceOut], 404: ErrorOut},
    summary="Minh chứng của báo cáo",
)
def evidence_list(request: HttpRequest, report_id: int) -> Status[Any]:
    try:
        report = selectors.report_get(user=request.user, pk=report_id)
    except NotFoundError as exc:
        return _failure(exc)
    items = Evidence.objects.filter(report=report).select_related("indicator")
    return Status(
        200,
        [
            {
                "id": e.pk,
                "kind": e.kind,
                "indicator": e.indicator.code if e.indicator else None,
                "original_name": e.original_name,
                "content_type": e.content_type,
                "size": e.size,
                "doc_number": e.doc_number,
                "doc_date": e.doc_date,
                "issuer": e.issuer,
                "summary": e.summary,
                "at": e.at,
            }
            for e in items.order_by("at", "pk")
        ],
    )


@router.get(
    "/reports/{report_id}/audit",
    response={200: list[AuditOut], 404: ErrorOut},
    summary="Nhật ký thay đổi của báo cáo",
)
def report_audit(request: HttpRequest, report_id: int) -> Status[Any]:
    try:
        report = selectors.report_get(user=request.user, pk=report_id)
    except NotFoundError as exc:
        return _failure(exc)
    return Status(
        200,
        [
            {
                "at": e.at,
                "actor": str(e.actor) if e.actor else _("hệ thống"),
                "action": e.action,
                "field": e.field,
                "old_value": e.old_value,
                "new_value": e.new_value,
                "reason": e.reason,
            }
            for e in selectors.report_audit(report=report)[:1000]
        ],
    )


# --- imports -------------------------------------------------------------------------------


@router.post(
    "/imports",
    response={200: ImportOut, 202: ImportOut, 400: ErrorOut},
    summary="Nhập số liệu từ tệp (xlsx, csv, dhis2-json, dhis2-csv), có chạy thử",
)
def data_import(
    request: HttpRequest,
    file: File[UploadedFile],
    format: Form[str],
    dry_run: Form[bool] = False,
    framework: Form[str] = "",
) -> Status[dict[str, Any]]:
    from dxmon.collection.imports import UnknownFormatError
    from dxmon.collection.services.imports import ImportResult, data_import_start

    try:
        outcome = data_import_start(
            user=request.user,
            data=file.read(),
            fmt=format,
            dry_run=dry_run,
            framework=framework or None,
            filename=file.name or "",
        )
    except UnknownFormatError as exc:
        return Status(400, {"detail": str(exc)})
    if not isinstance(outcome, ImportResult):
        return Status(202, {"job_id": outcome.pk, "dry_run": dry_run, "written": False})
    return Status(
        200,
        {
            "dry_run": outcome.dry_run,
            "written": outcome.written,
            "created": outcome.created,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
            "errors": [str(issue) for issue in outcome.errors],
            "changes": [str(change) for change in outcome.changes if change.action != "unchanged"],
        },
    )
