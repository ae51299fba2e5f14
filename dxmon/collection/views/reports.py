"""The reports list, the data entry page, its self-saving rows, evidence and exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dxmon.accounts.scope import Action, has_action
from dxmon.collection import selectors
from dxmon.collection.errors import CollectionError, ConcurrentEdit, InvalidValue
from dxmon.collection.forms import (
    CitationForm,
    EvidenceFileForm,
    ReportFilterForm,
    RevisionForm,
    ValueForm,
)
from dxmon.collection.imports import FORMATS, get_format
from dxmon.collection.models import DataValue, Evidence, Report
from dxmon.collection.services import evidence as evidence_services
from dxmon.collection.services.exports import ExportError, export_values
from dxmon.collection.services.values import value_save as value_save_service
from dxmon.collection.views.context import entry_context, find_row, is_htmx, row_context
from dxmon.frameworks.models import Indicator
from dxmon.vn.numbers import format_number, format_percent


@require_GET
@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    """The reports the user may see, filtered by period and status."""
    form = ReportFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {
            "period": form.cleaned_data.get("period"),
            "status": form.cleaned_data.get("status") or None,
        }
    reports = selectors.report_list(user=request.user, **filters)
    context = {
        "form": form,
        "reports": reports[:500],
        "total": reports.count(),
        "perms_import": has_action(request.user, Action.CHANGE),
        "perms_system": has_action(request.user, Action.ADMIN),
    }
    partial = "collection/partials/report_table.html"
    template = partial if is_htmx(request) else "collection/report_list.html"
    return render(request, template, context)


@require_GET
@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The data entry page, read-only when the report is locked or not the user's to edit."""
    report = selectors.report_get(user=request.user, pk=pk)
    return render(request, "collection/report_detail.html", entry_context(request, report))


def _indicator(report: Report, code: str) -> Indicator:
    return get_object_or_404(Indicator, version_id=report.framework_version_id, code=code)


def _shown_value(indicator: Indicator, current: DataValue | None) -> str:
    if current is None or (current.value is None and current.numerator is None):
        return _("(trống)")
    if indicator.is_ratio and current.numerator is not None:
        parts = (current.numerator, current.denominator)
        fraction = "/".join(format_number(part) for part in parts)
        return f"{fraction} ({format_percent(current.ratio_percent)})"
    return format_number(current.value)


def _conflict_message(user: Any, indicator: Indicator, exc: ConcurrentEdit) -> str:
    """What changed under the editor: this indicator, or (only) other parts of the report."""
    current = exc.values.get(indicator.code)
    shown = _shown_value(indicator, current)
    if current is not None and current.updated_by_id != getattr(user, "pk", None):
        return _(
            "Người khác vừa cập nhật chỉ số này: giá trị mới là %(value)s; "
            "trang đã tải lại giá trị mới nhất."
        ) % {"value": shown}
    return _(
        "Người khác vừa cập nhật báo cáo này nên lần lưu vừa rồi chưa được ghi; giá trị hiện "
        "tại của chỉ số là %(value)s. Trang đã tải lại giá trị mới nhất: hãy nhập lại nếu cần."
    ) % {"value": shown}


@require_http_methods(["GET", "POST"])
@login_required
def value_save(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """One indicator's row: GET renders it, POST saves it (the draft saves itself on change)."""
    action = Action.VIEW if request.method == "GET" else Action.CHANGE
    report = selectors.report_get(user=request.user, pk=pk, action=action)
    indicator = _indicator(report, code)
    if request.method == "GET":
        return _row_response(request, report, indicator)
    form = ValueForm(request.POST, indicator=indicator)
    revision = RevisionForm(request.POST)
    if not (form.is_valid() and revision.is_valid()):
        return _row_response(request, report, indicator, form=form, status=422)
    try:
        result = value_save_service(
            user=request.user,
            report=report,
            indicator=indicator,
            expected_revision=revision.cleaned_data["expected_revision"],
            **form.service_kwargs(),
        )
    except ConcurrentEdit as exc:
        return _row_response(
            request,
            report,
            indicator,
            conflict=_conflict_message(request.user, indicator, exc),
            status=409,
        )
    except InvalidValue as exc:
        return _row_response(request, report, indicator, form=form, issues=exc.issues, status=422)
    except CollectionError as exc:
        return _row_response(request, report, indicator, refused=exc.message, status=409)
    return _row_response(
        request, report, indicator, saved_at=timezone.localtime(), issues=result.issues
    )


def _row_response(
    request: HttpRequest,
    report: Report,
    indicator: Indicator,
    *,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """The row partial for htmx (with the new revision out of band), else back to the page."""
    report.refresh_from_db()
    if not is_htmx(request):
        if extra.get("conflict") or extra.get("refused"):
            messages.error(request, extra.get("conflict") or extra["refused"])
        elif status == 200 and request.method == "POST":
            messages.success(request, _("Đã lưu chỉ số %(code)s.") % {"code": indicator.code})
        if status != 200:
            context = entry_context(request, report)
            return render(request, "collection/report_detail.html", context, status=status)
        return redirect(f"{report_url(report)}#row-{indicator.pk}")
    row = find_row(report, indicator)
    context = row_context(request, report, row, **extra)
    response = render(
        request, "collection/partials/value_row_response.html", context, status=status
    )
    if extra.get("conflict") or extra.get("refused"):
        # Replace the whole row, inputs included, so the newer values show and nothing is kept
        # that would overwrite them.
        response["HX-Retarget"] = f"#row-{indicator.pk}"
        response["HX-Reswap"] = "outerHTML"
        response["HX-Reselect"] = f"#row-{indicator.pk}"
    return response


def report_url(report: Report) -> str:
    from django.urls import reverse

    return reverse("collection:report_detail", args=[report.pk])


@require_POST
@login_required
def evidence_add(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Attach a file or cite an official document as evidence for one indicator."""
    report = selectors.report_get(user=request.user, pk=pk, action=Action.CHANGE)
    indicator = _indicator(report, code)
    is_file = request.POST.get("kind") == "file"
    form: EvidenceFileForm | CitationForm = (
        EvidenceFileForm(request.POST, request.FILES) if is_file else CitationForm(request.POST)
    )
    error = ""
    if form.is_valid():
        try:
            if isinstance(form, EvidenceFileForm):
                evidence_services.evidence_add_file(
                    user=request.user,
                    report=report,
                    indicator=indicator,
                    upload=form.cleaned_data["upload"],
                )
            else:
                evidence_services.evidence_add_citation(
                    user=request.user, report=report, indicator=indicator, **form.cleaned_data
                )
        except CollectionError as exc:
            error = exc.message
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return _evidence_response(request, report, indicator, error=error)


@require_POST
@login_required
def evidence_delete(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk, action=Action.CHANGE)
    evidence = get_object_or_404(Evidence, report=report, pk=evidence_pk)
    error = ""
    try:
        evidence_services.evidence_delete(user=request.user, evidence=evidence)
    except CollectionError as exc:
        error = exc.message
    if evidence.indicator is None:
        return redirect(report_url(report))
    return _evidence_response(request, report, evidence.indicator, error=error)


def _evidence_response(
    request: HttpRequest, report: Report, indicator: Indicator, *, error: str
) -> HttpResponse:
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        return redirect(f"{report_url(report)}#row-{indicator.pk}")
    report.refresh_from_db()
    context = row_context(request, report, find_row(report, indicator), evidence_error=error)
    return render(
        request, "collection/partials/evidence.html", context, status=422 if error else 200
    )


@require_GET
@login_required
def report_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The report's values as a file in one of the import formats (the same scope check)."""
    report = selectors.report_get(user=request.user, pk=pk)
    if fmt not in FORMATS:
        raise Http404(fmt)
    try:
        data = export_values(user=request.user, unit=report.unit, period=report.period, fmt=fmt)
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect(report_url(report))
    file_format = get_format(fmt)
    response = HttpResponse(data, content_type=file_format.content_type)
    filename = f"dxmon-{report.unit.code}-{report.period.code}.{file_format.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


__all__ = [
    "evidence_add",
    "evidence_delete",
    "report_detail",
    "report_export",
    "report_list",
    "value_save",
]
