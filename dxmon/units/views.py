"""Unit pages: search, a unit's card (tree, lineage, children) and a commune's hamlets.

Units are public reference data: any logged-in user reads them. Adding or importing hamlets
needs CHANGE on the commune, checked through the scope module (outside it: 404).
"""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dxmon.accounts.scope import Action, can, get_object_or_404_scoped
from dxmon.units import selectors
from dxmon.units.choices import Level
from dxmon.units.forms import CSV_MAX_KB, HamletForm, HamletImportForm, UnitSearchForm
from dxmon.units.models import Unit
from dxmon.units.services import UnitError, hamlet_create, hamlets_import

SESSION_KEY = "dxmon_hamlets_csv"
TEMPLATE_EXAMPLE = ("", "Ấp Tân Hội Đông", "ấp")


def _commune_to_change(request: HttpRequest, pk: int) -> Unit:
    communes = Unit.objects.filter(level=Level.COMMUNE).select_related("parent")
    return get_object_or_404_scoped(communes, request.user, Action.CHANGE, pk=pk)


def _hamlets_context(unit: Unit, form: HamletForm | None = None) -> dict[str, Any]:
    return {
        "unit": unit,
        "hamlets": selectors.unit_children(unit).filter(level=Level.HAMLET),
        "hamlet_form": form or HamletForm(),
        "import_form": HamletImportForm(),
        "csv_max_kb": CSV_MAX_KB,
    }


@require_GET
@login_required
def unit_search(request: HttpRequest) -> HttpResponse:
    """``/units/?q=mo+cay&on=2025-07-01``: units by name, diacritics optional."""
    form = UnitSearchForm(request.GET or None)
    on, units = datetime.date.today(), []
    if form.is_valid():
        on = form.cleaned_data["on"]
        units = selectors.unit_search(query=form.cleaned_data["q"], on=on, limit=50)
    context = {"form": form, "on": on, "units": units, "searched": bool(request.GET.get("q"))}
    return render(request, "units/search.html", context)


@require_GET
@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit's card: tree, validity, lineage with weights, children; a commune's hamlets."""
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=pk)
    return render(request, "units/detail.html", _detail_context(request, unit))


def _detail_context(request: HttpRequest, unit: Unit, form: HamletForm | None = None) -> Any:
    is_commune = unit.level == Level.COMMUNE
    return {
        "unit": unit,
        "ancestors": list(reversed(selectors.unit_ancestors(unit))),
        "predecessors": selectors.unit_predecessors(unit),
        "successors": selectors.unit_successors(unit),
        "children": selectors.unit_children(unit).exclude(level=Level.HAMLET),
        "is_commune": is_commune,
        "can_change": is_commune and can(request.user, Action.CHANGE, unit),
        **(_hamlets_context(unit, form) if is_commune else {}),
    }


@require_POST
@login_required
def hamlet_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a hamlet; for htmx the list and form come back, else the unit page."""
    commune = _commune_to_change(request, pk)
    form = HamletForm(request.POST)
    if form.is_valid():
        try:
            hamlet = hamlet_create(commune=commune, actor=request.user, **form.cleaned_data)
        except UnitError as exc:
            form.add_error("name", str(exc))
        else:
            message = _("Đã thêm %(name)s (mã %(code)s).") % {
                "name": hamlet.name,
                "code": hamlet.code,
            }
            if not request.htmx:  # type: ignore[attr-defined]
                messages.success(request, message)
                return redirect("units:detail", pk=commune.pk)
            context = _hamlets_context(commune) | {"added": message, "can_change": True}
            return render(request, "units/partials/hamlets.html", context)
    if request.htmx:  # type: ignore[attr-defined]
        context = _hamlets_context(commune, form) | {"can_change": True}
        return render(request, "units/partials/hamlets.html", context, status=422)
    context = _detail_context(request, commune, form)
    return render(request, "units/detail.html", context, status=422)


def _csv_text(request: HttpRequest, commune: Unit, form: HamletImportForm) -> str | None:
    """The uploaded CSV, or the one checked by the last dry run of this commune."""
    stash = request.session.get(SESSION_KEY, {})
    text = form.cleaned_data.get("upload")
    if text is not None:
        stash[str(commune.pk)] = text
    request.session[SESSION_KEY] = stash
    stored: str | None = stash.get(str(commune.pk))
    return text if text is not None else stored


@require_http_methods(["GET", "POST"])
@login_required
def hamlet_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Dry run ("Kiểm tra thử"): what would change, or every error by row; "Nhập" writes."""
    commune = _commune_to_change(request, pk)
    form = HamletImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"unit": commune, "form": form, "csv_max_kb": CSV_MAX_KB}
    if request.method == "POST" and form.is_valid():
        text = _csv_text(request, commune, form)
        dry_run = request.POST.get("action") != "import"
        if text is None:
            form.add_error("upload", _("Hãy chọn tệp CSV."))
        else:
            try:
                summary = hamlets_import(
                    commune=commune, csv_file=io.StringIO(text), dry_run=dry_run, actor=request.user
                )
            except UnitError as exc:
                form.add_error("upload", str(exc))
            else:
                if summary.ok and not dry_run:
                    request.session.get(SESSION_KEY, {}).pop(str(commune.pk), None)
                    request.session.modified = True
                    messages.success(request, _imported_message(summary.created, summary.updated))
                    return redirect("units:detail", pk=commune.pk)
                context["summary"] = summary
    failed = request.method == "POST" and (form.errors or not context["summary"].ok)
    return render(request, "units/hamlet_import.html", context, status=422 if failed else 200)


def _imported_message(created: int, updated: int) -> str:
    return _("Đã nhập: %(created)d thôn, ấp mới, %(updated)d cập nhật.") % {
        "created": created,
        "updated": updated,
    }


@require_GET
@login_required
def hamlet_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The CSV to fill in: code,name,kind, then the commune's hamlets or an example row.

    UTF-8 with a byte-order mark so that Excel shows the diacritics.
    """
    commune = get_object_or_404(Unit, pk=pk, level=Level.COMMUNE)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["code", "name", "kind"])
    hamlets = selectors.unit_children(commune).filter(level=Level.HAMLET)
    rows = [(h.code, h.name, h.get_kind_display().lower()) for h in hamlets] or [TEMPLATE_EXAMPLE]
    writer.writerows(rows)
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="thon-ap-{commune.code}.csv"'
    return response
