"""Home page per role, and a commune's home page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dxmon.accounts.choices import Role
from dxmon.accounts.scope import Action, get_object_or_404_scoped
from dxmon.units.choices import Level
from dxmon.units.models import Unit
from dxmon.web import selectors


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Landing page for the public; otherwise the home of the user's role."""
    user = request.user
    if not user.is_authenticated or user.role == Role.PUBLIC:
        return render(request, "web/home.html")
    if user.role == Role.ADMIN or user.is_superuser:
        overview = selectors.system_overview(user=user)
        return render(request, "web/home_admin.html", {"overview": overview})
    if user.role == Role.COMMUNE and user.scope_unit is not None:
        return commune(request, user.scope_unit.pk)
    area = selectors.area_overview(user=user)
    template = "web/home_supervisor.html" if user.role == Role.SUPERVISOR else "web/home_area.html"
    return render(request, template, {"area": area})


@require_GET
@login_required
def commune(request: HttpRequest, pk: int) -> HttpResponse:
    """A commune's home: who it is, where it came from, its reports. 404 outside the scope."""
    unit = get_object_or_404_scoped(
        Unit.objects.filter(level=Level.COMMUNE), request.user, Action.VIEW, pk=pk
    )
    data = selectors.commune_home(user=request.user, unit=unit)
    return render(request, "web/commune_home.html", {"home": data})
