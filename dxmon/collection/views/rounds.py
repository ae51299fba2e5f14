"""Reporting rounds: the list, opening one, and its reporting rate like DHIS2's summary."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dxmon.accounts.scope import Action, has_action, restrict
from dxmon.collection import selectors
from dxmon.collection.errors import CollectionError
from dxmon.collection.forms import RoundOpenForm
from dxmon.collection.periods import period_parse
from dxmon.collection.services.exports import workbook_build
from dxmon.collection.services.rounds import round_open
from dxmon.frameworks.models import FrameworkVersion
from dxmon.units.choices import Level
from dxmon.units.models import Unit


def _districts(user: Any) -> QuerySet[Unit]:
    units = Unit.objects.filter(level=Level.DISTRICT).order_by("structure", "name")
    return restrict(units, user, Action.ADMIN)


def _open_form(request: HttpRequest) -> RoundOpenForm:
    return RoundOpenForm(
        request.POST or None,
        versions=FrameworkVersion.objects.select_related("framework").order_by(
            "framework__code", "-valid_from_year"
        ),
        districts=_districts(request.user),
    )


def _expected_units(user: Any, form: RoundOpenForm) -> QuerySet[Unit]:
    """The communes that must report: all in the user's scope, or those of one district."""
    end = period_parse(form.cleaned_data["period_code"]).end
    communes = Unit.objects.valid_on(end).filter(level=Level.COMMUNE)
    scope = form.cleaned_data["scope"]
    if scope != RoundOpenForm.SCOPE_ALL:
        district = _districts(user).get(pk=int(scope))
        communes = communes.filter(path__startswith=district.path)
    return restrict(communes, user, Action.ADMIN).order_by("code")


@require_http_methods(["GET", "POST"])
@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    """The rounds in the user's scope; the province office opens a new one here."""
    can_open = has_action(request.user, Action.ADMIN)
    form = _open_form(request) if can_open else None
    if request.method == "POST":
        if form is None:
            return HttpResponse(status=403)
        if form.is_valid():
            try:
                opened = round_open(
                    user=request.user,
                    framework_version=form.cleaned_data["framework_version"],
                    period_code=form.cleaned_data["period_code"],
                    units=list(_expected_units(request.user, form)),
                    deadline=form.cleaned_data["deadline"],
                    title=form.cleaned_data["title"],
                )
            except CollectionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã mở đợt báo cáo “%(title)s”.") % {"title": opened})
                return redirect("collection:round_detail", pk=opened.pk)
    context = {"rounds": selectors.round_list(user=request.user), "form": form}
    status = 422 if form is not None and form.errors else 200
    return render(request, "collection/round_list.html", context, status=status)


@require_GET
@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Expected, submitted and on-time reports per commune and per district and province."""
    found = selectors.round_get(user=request.user, pk=pk)
    visible = set(restrict(found.units.all(), request.user).values_list("pk", flat=True))
    rows = [
        row
        for row in selectors.round_reporting_rate(round=found)
        if row.is_total or row.unit.pk in visible
    ]
    reports = {r.unit_id: r for r in selectors.report_list(user=request.user, round=found)}
    context = {"round": found, "rows": rows, "reports": reports}
    return render(request, "collection/round_detail.html", context)


@require_GET
@login_required
def round_workbook(request: HttpRequest, pk: int) -> HttpResponse:
    """The blank Excel workbook of the round for the communes the user may see."""
    found = selectors.round_get(user=request.user, pk=pk)
    units = list(restrict(found.units.all(), request.user).order_by("code"))
    data = workbook_build(
        framework_version=found.framework_version, units=units, period=found.period
    )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"dxmon-dot-{found.period.code}-{found.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
