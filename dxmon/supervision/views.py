"""Pages of supervision: missions, visits with their brief, findings, recommendations and
their follow-ups, the commune's page of recommendations addressed to it, document downloads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dxmon.accounts.scope import Action, role_required
from dxmon.reporting.renderers import render as render_document
from dxmon.supervision import selectors, services
from dxmon.supervision.choices import RecommendationStatus
from dxmon.supervision.documents import (
    mission_plan_document,
    mission_report_document,
    visit_brief_document,
)
from dxmon.supervision.errors import SupervisionError
from dxmon.supervision.forms import (
    FindingForm,
    FollowUpForm,
    MissionForm,
    RecommendationForm,
    VisitForm,
)
from dxmon.supervision.models import Mission

DOCUMENTS = {"plan": mission_plan_document, "report": mission_report_document}
FORMATS = ("docx", "pdf")
MOVES = {
    "start": services.mission_start,
    "to_reporting": services.mission_to_reporting,
    "close": services.mission_close,
}


def _download(document: Any, fmt: str) -> HttpResponse:
    filename, content_type, content = render_document(fmt, document)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _council_only(request: HttpRequest, mission: Mission) -> None:
    if not services.is_council(request.user, mission):
        raise Http404("Mission")


@login_required
@require_GET
def mission_list(request: HttpRequest) -> HttpResponse:
    missions = list(selectors.mission_list(user=request.user))
    progress = selectors.mission_progress(user=request.user, missions=missions)
    rows = [(m, progress[m.pk]) for m in missions]
    return render(
        request,
        "supervision/mission_list.html",
        {"rows": rows, "can_create": services.can_plan(request.user)},
    )


@role_required(action=Action.SUPERVISE)
@require_http_methods(["GET", "POST"])
def mission_create(request: HttpRequest) -> HttpResponse:
    form = MissionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            mission = services.mission_create(user=request.user, **form.service_kwargs())
        except SupervisionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lập kế hoạch giám sát."))
            return redirect("supervision:mission_detail", pk=mission.pk)
    return render(
        request, "supervision/form.html", {"form": form, "title": _("Lập kế hoạch giám sát")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def mission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mission = selectors.mission_get(user=request.user, pk=pk)
    _council_only(request, mission)
    form = MissionForm(request.POST or None, instance=mission, user=request.user)
    if request.method == "POST" and form.is_valid():
        changes = form.service_kwargs()
        changes.pop("council_unit", None)
        mission.refresh_from_db()
        try:
            services.mission_update(user=request.user, mission=mission, **changes)
        except SupervisionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu kế hoạch giám sát."))
            return redirect("supervision:mission_detail", pk=mission.pk)
    return render(
        request,
        "supervision/form.html",
        {"form": form, "title": _("Sửa kế hoạch giám sát"), "mission": mission},
    )


@login_required
@require_GET
def mission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mission = selectors.mission_get(user=request.user, pk=pk)
    council = services.is_council(request.user, mission)
    context = {
        "mission": mission,
        "council": council,
        "visits": selectors.visit_list(user=request.user, mission=mission),
        "findings": selectors.finding_list(user=request.user, mission=mission),
        "recommendations": selectors.recommendation_list(user=request.user, mission=mission),
        "progress": selectors.mission_progress(user=request.user, missions=[mission])[mission.pk],
        "overdue": selectors.overdue_by_addressee(user=request.user, mission=mission),
        "visit_form": VisitForm(user=request.user) if council else None,
        "finding_form": FindingForm(mission=mission) if council else None,
        "recommendation_form": RecommendationForm(user=request.user, mission=mission)
        if council
        else None,
    }
    return render(request, "supervision/mission_detail.html", context)


@login_required
@require_POST
def mission_move(request: HttpRequest, pk: int, move: str) -> HttpResponse:
    mission = selectors.mission_get(user=request.user, pk=pk)
    if move not in MOVES:
        raise Http404(move)
    try:
        MOVES[move](user=request.user, mission=mission)
    except SupervisionError as exc:
        messages.error(request, exc.message)
    return redirect("supervision:mission_detail", pk=mission.pk)


def _post_form(
    request: HttpRequest, mission: Mission, form: Any, write: Any, done: str
) -> HttpResponse:
    if form.is_valid():
        try:
            write(**form.cleaned_data)
        except SupervisionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, done)
    else:
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, errors)
    return redirect("supervision:mission_detail", pk=mission.pk)


@login_required
@require_POST
def visit_create(request: HttpRequest, pk: int) -> HttpResponse:
    mission = selectors.mission_get(user=request.user, pk=pk)
    form = VisitForm(request.POST, user=request.user)
    return _post_form(
        request,
        mission,
        form,
        lambda **data: services.visit_add(user=request.user, mission=mission, **data),
        _("Đã thêm buổi giám sát."),
    )


@login_required
@require_POST
def finding_create(request: HttpRequest, pk: int) -> HttpResponse:
    mission = selectors.mission_get(user=request.user, pk=pk)
    form = FindingForm(request.POST, mission=mission)
    return _post_form(
        request,
        mission,
        form,
        lambda **data: services.finding_record(user=request.user, mission=mission, **data),
        _("Đã ghi nhận kết quả giám sát."),
    )


@login_required
@require_POST
def recommendation_create(request: HttpRequest, pk: int) -> HttpResponse:
    mission = selectors.mission_get(user=request.user, pk=pk)
    form = RecommendationForm(request.POST, user=request.user, mission=mission)
    return _post_form(
        request,
        mission,
        form,
        lambda **data: services.recommendation_create(user=request.user, mission=mission, **data),
        _("Đã thêm kiến nghị."),
    )


@login_required
@require_GET
def mission_document(request: HttpRequest, pk: int, doc: str, fmt: str) -> HttpResponse:
    mission = selectors.mission_get(user=request.user, pk=pk)
    if doc not in DOCUMENTS or fmt not in FORMATS:
        raise Http404(doc)
    return _download(DOCUMENTS[doc](mission), fmt)


@login_required
@require_GET
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_get(user=request.user, pk=pk)
    council = services.is_council(request.user, visit.mission)
    context = {
        "visit": visit,
        "mission": visit.mission,
        "council": council,
        "brief": selectors.visit_brief(user=request.user, visit=visit) if council else None,
        "findings": selectors.finding_list(user=request.user, visit=visit),
    }
    return render(request, "supervision/visit_detail.html", context)


@login_required
@require_GET
def visit_brief_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    visit = selectors.visit_get(user=request.user, pk=pk)
    _council_only(request, visit.mission)
    if fmt not in FORMATS:
        raise Http404(fmt)
    return _download(visit_brief_document(visit, user=request.user), fmt)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rec = selectors.recommendation_get(user=request.user, pk=pk)
    allowed = services.recommendation_allowed_statuses(user=request.user, recommendation=rec)
    choices = [(s, str(RecommendationStatus(s).label)) for s in allowed]
    form = FollowUpForm(
        request.POST or None,
        request.FILES or None,
        allowed=choices,
        initial={"date": timezone.localdate(), "status_after": rec.status},
    )
    if request.method == "POST" and allowed and form.is_valid():
        try:
            services.followup_add(user=request.user, recommendation=rec, **form.cleaned_data)
        except SupervisionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã cập nhật tình hình thực hiện kiến nghị."))
            return redirect("supervision:recommendation_detail", pk=rec.pk)
    context = {
        "rec": rec,
        "followups": selectors.followup_list(recommendation=rec),
        "form": form if allowed else None,
    }
    return render(request, "supervision/recommendation_detail.html", context)


@login_required
@require_GET
def commune_recommendations(request: HttpRequest) -> HttpResponse:
    recs = selectors.recommendations_for_unit(user=request.user)
    context = {
        "recommendations": recs,
        "reminders": selectors.reminder_list(user=request.user)[:20],
    }
    return render(request, "supervision/commune.html", context)
