"""Workflow buttons of the report page: submit, return, district review, approve, reopen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dxmon.collection import selectors
from dxmon.collection.choices import ReportStatus
from dxmon.collection.errors import CollectionError, SubmitRefused
from dxmon.collection.forms import ReasonForm, ReturnForm
from dxmon.collection.models import Report
from dxmon.collection.services import workflow
from dxmon.collection.views.context import entry_context


def _done(request: HttpRequest, report: Report, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("collection:report_detail", pk=report.pk)


def _refused(request: HttpRequest, report: Report, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("collection:report_detail", pk=report.pk)


@require_POST
@login_required
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit (or resubmit a returned report); when refused, list what blocks it."""
    report = selectors.report_get(user=request.user, pk=pk)
    service = (
        workflow.report_resubmit
        if report.status == ReportStatus.RETURNED
        else workflow.report_submit
    )
    try:
        service(user=request.user, report=report)
    except SubmitRefused as exc:
        context = entry_context(
            request,
            report,
            submit_message=exc.message,
            submit_errors=exc.errors,
            submit_warnings=exc.warnings,
        )
        return render(request, "collection/report_detail.html", context, status=422)
    except CollectionError as exc:
        return _refused(request, report, exc.message)
    return _done(request, report, _("Đã gửi báo cáo."))


@require_POST
@login_required
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    form = ReturnForm(request.POST)
    form.is_valid()
    try:
        workflow.report_return(
            user=request.user,
            report=report,
            reason=form.cleaned_data.get("reason", ""),
            comments=form.indicator_comments(),
        )
    except CollectionError as exc:
        return _refused(request, report, exc.message)
    return _done(request, report, _("Đã trả lại báo cáo cho đơn vị."))


@require_POST
@login_required
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    try:
        workflow.report_review_district(user=request.user, report=report)
    except CollectionError as exc:
        return _refused(request, report, exc.message)
    return _done(request, report, _("Đã xác nhận xem xét báo cáo."))


@require_POST
@login_required
def report_approve(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    try:
        workflow.report_approve(user=request.user, report=report)
    except CollectionError as exc:
        return _refused(request, report, exc.message)
    return _done(request, report, _("Đã phê duyệt báo cáo; số liệu đã được khóa."))


@require_POST
@login_required
def report_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _refused(request, report, _("Cần ghi lý do mở lại."))
    try:
        workflow.report_reopen(user=request.user, report=report, reason=form.cleaned_data["reason"])
    except CollectionError as exc:
        return _refused(request, report, exc.message)
    return _done(request, report, _("Đã mở lại báo cáo để sửa."))
