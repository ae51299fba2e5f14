"""“Nhập từ báo cáo”: read a narrative report into a report, proposal by proposal.

``/reports/<pk>/extract/`` takes pasted text or a file and keeps it as a source document;
``/reports/<pk>/extract/<doc>/`` lists the proposals, each accepted (htmx, one row at a time),
edited, set aside or moved to another indicator. Set-aside proposals live in the session: they
write nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dxmon.accounts.scope import Action
from dxmon.collection import selectors
from dxmon.collection.errors import CollectionError, ConcurrentEdit, InvalidValue, ReportLocked
from dxmon.collection.forms import ExtractForm, ProposalForm, RevisionForm
from dxmon.collection.models import Report, SourceDocument
from dxmon.collection.services import extract as services
from dxmon.collection.services.values import ensure_editable
from dxmon.collection.views.context import is_htmx
from dxmon.frameworks.models import Indicator

SKIPPED = "dxmon_extract_skipped"


def _editable_report(request: HttpRequest, pk: int) -> Report | HttpResponse:
    """The report if the user may change it now; else the way back to the report page, saying
    why (an approved or submitted report takes no values)."""
    report = selectors.report_get(user=request.user, pk=pk, action=Action.CHANGE)
    try:
        ensure_editable(report)
    except ReportLocked as exc:
        messages.error(request, exc.message)
        url = reverse("collection:report_detail", args=[report.pk])
        if is_htmx(request):
            response = HttpResponse(exc.message, status=409)
            response["HX-Redirect"] = url
            return response
        return redirect(url)
    return report


def _skipped(request: HttpRequest, document: SourceDocument) -> set[int]:
    return set(request.session.get(SKIPPED, {}).get(str(document.pk), []))


def _set_skipped(request: HttpRequest, document: SourceDocument, key: int, on: bool) -> None:
    store = request.session.get(SKIPPED, {})
    keys = set(store.get(str(document.pk), []))
    keys = keys | {key} if on else keys - {key}
    store[str(document.pk)] = sorted(keys)
    request.session[SKIPPED] = store


def _proposals(
    request: HttpRequest, report: Report, document: SourceDocument, chosen: dict[int, str]
) -> services.Proposals:
    return services.report_proposals(
        report=report, document=document, skipped=_skipped(request, document), chosen=chosen
    )


def _page_url(report: Report, document: SourceDocument, key: int | None = None) -> str:
    url = reverse("collection:extract_proposals", args=[report.pk, document.pk])
    return f"{url}#proposal-{key}" if key is not None else url


@require_http_methods(["GET", "POST"])
@login_required
def extract_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Paste a text or choose a file; it becomes the report's source document."""
    report = _editable_report(request, pk)
    if isinstance(report, HttpResponse):
        return report
    form = ExtractForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.source_document_create(
                user=request.user, report=report, **form.cleaned_data
            )
        except CollectionError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(_page_url(report, document))
    context = {
        "report": report,
        "form": form,
        "max_mb": services.source_max_mb(),
        "accept": ",".join(services.SOURCE_SUFFIXES),
    }
    status = 422 if form.errors else 200
    return render(request, "collection/extract_start.html", context, status=status)


@require_GET
@login_required
def extract_proposals(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    """The proposals of a source document beside the indicators they would fill."""
    report = _editable_report(request, pk)
    if isinstance(report, HttpResponse):
        return report
    document = services.report_source_document_get(report=report, pk=doc_pk)
    proposals = _proposals(request, report, document, {})
    context = {
        "report": report,
        "document": document,
        "proposals": proposals,
        "indicators": _indicators(report),
        "high_confidence": round(100 * services.HIGH_CONFIDENCE),
    }
    return render(request, "collection/extract_proposals.html", context)


def _indicators(report: Report) -> list[Indicator]:
    return list(report.framework_version.indicators.order_by("order"))


@require_http_methods(["GET", "POST"])
@login_required
def proposal_row(request: HttpRequest, pk: int, doc_pk: int, key: int) -> HttpResponse:
    """GET: one proposal, for another indicator (``?indicator=CODE``). POST: accept it, with
    the numbers as edited, or set it aside / take it back (``action=skip|unskip``)."""
    report = _editable_report(request, pk)
    if isinstance(report, HttpResponse):
        return report
    document = services.report_source_document_get(report=report, pk=doc_pk)
    data = request.POST if request.method == "POST" else request.GET
    chosen = {key: data["indicator"]} if data.get("indicator") else {}
    action = request.POST.get("action", "accept") if request.method == "POST" else "show"
    if action in ("skip", "unskip"):
        _set_skipped(request, document, key, action == "skip")
        action = "show"
    if action == "show":
        return _row(request, report, document, key, chosen)
    return _accept(request, report, document, key, chosen)


def _accept(
    request: HttpRequest,
    report: Report,
    document: SourceDocument,
    key: int,
    chosen: dict[int, str],
) -> HttpResponse:
    form, revision = ProposalForm(request.POST), RevisionForm(request.POST)
    if not (form.is_valid() and revision.is_valid()):
        return _row(request, report, document, key, chosen, form=form, status=422)
    proposal = _proposals(request, report, document, chosen).get(key)
    if proposal.indicator is None:
        error = _("Hãy chọn chỉ số để nhập số liệu này.")
        return _row(request, report, document, key, chosen, error=error, status=422)
    numbers = services.Numbers(
        form.cleaned_data["value"], form.cleaned_data["numerator"], form.cleaned_data["denominator"]
    )
    try:
        services.proposal_accept(
            user=request.user,
            report=report,
            document=document,
            proposal=proposal,
            indicator=proposal.indicator,
            numbers=numbers,
            expected_revision=revision.cleaned_data["expected_revision"],
        )
    except ConcurrentEdit as exc:
        conflict = _(
            "Báo cáo vừa được cập nhật ở nơi khác (phiên bản %(revision)s) nên số liệu này chưa "
            "được ghi. Giá trị hiện tại của chỉ số đã hiện bên dưới: bấm “Chấp nhận” lần nữa "
            "nếu vẫn muốn thay bằng số liệu của văn bản."
        ) % {"revision": exc.revision}
        return _row(request, report, document, key, chosen, error=conflict, status=409)
    except InvalidValue as exc:
        error = " ".join(issue.message for issue in exc.issues)
        return _row(request, report, document, key, chosen, error=error, status=422)
    except CollectionError as exc:
        return _row(request, report, document, key, chosen, error=exc.message, status=409)
    _set_skipped(request, document, key, False)
    if not is_htmx(request):
        messages.success(
            request, _("Đã nhập số liệu vào chỉ số %(code)s.") % {"code": proposal.indicator.code}
        )
    return _row(request, report, document, key, chosen, saved=True)


def _row(
    request: HttpRequest,
    report: Report,
    document: SourceDocument,
    key: int,
    chosen: dict[int, str],
    *,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """The proposal's row for htmx (with the report revision out of band), else the page."""
    report.refresh_from_db()
    if not is_htmx(request):
        if extra.get("error"):
            messages.error(request, extra["error"])
        return redirect(_page_url(report, document, key))
    context = {
        "report": report,
        "document": document,
        "p": _proposals(request, report, document, chosen).get(key),
        "indicators": _indicators(report),
        **extra,
    }
    template = "collection/partials/extract_proposal_response.html"
    return render(request, template, context, status=status)


@require_POST
@login_required
def proposals_accept_all(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    """Accept every pending proposal whose confidence is high, then show the page again."""
    report = _editable_report(request, pk)
    if isinstance(report, HttpResponse):
        return report
    document = services.report_source_document_get(report=report, pk=doc_pk)
    revision = RevisionForm(request.POST)
    if not revision.is_valid():
        messages.error(request, _("Thiếu phiên bản báo cáo; hãy tải lại trang."))
        return redirect(_page_url(report, document))
    try:
        outcomes, _revision = services.proposals_accept_high(
            user=request.user,
            report=report,
            proposals=_proposals(request, report, document, {}),
            expected_revision=revision.cleaned_data["expected_revision"],
        )
    except ConcurrentEdit:
        messages.error(
            request,
            _(
                "Báo cáo vừa được cập nhật ở nơi khác nên chưa nhập được các đề xuất. Trang đã "
                "tải lại giá trị mới nhất: hãy xem lại rồi chấp nhận lần nữa."
            ),
        )
        return redirect(_page_url(report, document))
    saved = sum(1 for outcome in outcomes if outcome.saved)
    messages.success(
        request,
        ngettext(
            "Đã nhập %(n)s đề xuất có độ tin cậy cao.",
            "Đã nhập %(n)s đề xuất có độ tin cậy cao.",
            saved,
        )
        % {"n": saved},
    )
    for outcome in outcomes:
        if not outcome.saved and outcome.proposal.indicator is not None:
            messages.warning(
                request,
                f"{outcome.proposal.indicator.code} ({outcome.proposal.figure.text}): "
                f"{outcome.message}",
            )
    return redirect(_page_url(report, document))


__all__ = ["extract_proposals", "extract_start", "proposal_row", "proposals_accept_all"]
