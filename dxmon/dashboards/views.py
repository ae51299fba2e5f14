"""Results pages for signed-in users: province overview, commune profile, scorecard, indicator
explorer, comparison. Every object goes through the one scope check (404 outside it)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dxmon.accounts.scope import Action, get_object_or_404_scoped, restrict
from dxmon.collection.models import Period
from dxmon.dashboards import charts, exports
from dxmon.dashboards import selectors as s
from dxmon.units.choices import Level
from dxmon.units.models import Unit

MAX_COMPARE = 5


def _period(request: HttpRequest) -> Period | None:
    code = request.GET.get("period")
    if code:
        period = Period.objects.filter(code=code).first()
        if period is None:
            raise Http404(code)
        return period
    return s.period_default()


def _province(request: HttpRequest, pk: Any) -> Unit:
    return get_object_or_404_scoped(
        Unit.objects.filter(level=Level.PROVINCE), request.user, Action.VIEW, pk=pk
    )


def _commune(request: HttpRequest, pk: Any) -> Unit:
    return get_object_or_404_scoped(
        Unit.objects.filter(level=Level.COMMUNE).select_related("parent"),
        request.user,
        Action.VIEW,
        pk=pk,
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def profile_url(unit: Unit) -> str:
    return reverse("dashboards:unit", args=[unit.pk])


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The results page of the user's role: a commune's profile, a province's overview."""
    scope = getattr(request.user, "scope_unit", None)
    if scope is not None and scope.level == Level.COMMUNE:
        return redirect("dashboards:unit", scope.pk)
    if scope is not None:
        return redirect("dashboards:province", s.province_of(scope).pk)
    provinces = restrict(Unit.objects.filter(level=Level.PROVINCE), request.user).order_by(
        "-structure", "name"
    )
    return render(request, "dashboards/index.html", {"provinces": provinces})


@require_GET
@login_required
def province(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _province(request, pk)
    period = _period(request)
    user = request.user
    rows = s.province_ranking(user=user, province=unit, period=period) if period else []
    communes = list(s.province_communes(unit))
    title = _("Bản đồ chỉ số các xã, phường — %(name)s") % {"name": unit.name}
    context = {
        "province": unit,
        "period": period,
        "periods": s.period_list(),
        "rows": rows,
        "map": charts.map_chart(rows, communes, url_for=profile_url, title=title),
        "distribution": charts.distribution_chart(
            s.pillar_distributions(user=user, province=unit, period=period) if period else []
        ),
        "reporting": s.reporting_status(user=user, province=unit, period=period)
        if period
        else None,
        "districts": sorted(
            {r.district.pk: r.district for r in rows if r.district}.values(), key=lambda d: d.name
        ),
        "kinds": sorted({(r.unit.kind, r.kind_label) for r in rows}),
        "has_synthetic": any(r.is_synthetic for r in rows),
        "has_intervals": any(r.rank_p05 is not None for r in rows),
        "table_key": _rows_key(rows),
    }
    return render(request, "dashboards/province.html", context)


def _rows_key(rows: list[s.RankingRow]) -> str:
    """A key that changes whenever anything the ranking table shows changes, so its rendered
    rows can be cached without ever going stale (rendering them is most of the page's time)."""
    shown = repr(
        [
            (r.unit.pk, r.unit.name, r.unit.kind, r.unit.search_key, r.rank, r.points, r.percent,
             r.rank_p05, r.rank_p95, r.change, r.is_synthetic, r.reconstructed,
             r.includes_unapproved, r.district.pk if r.district else None,
             r.district.name if r.district else None, r.band.color if r.band else None)
            for r in rows
        ]
    )  # fmt: skip
    return hashlib.sha256(shown.encode()).hexdigest()


@require_GET
@login_required
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    commune = _commune(request, pk)
    profile = s.unit_profile(user=request.user, unit=commune)
    context = {
        "profile": profile,
        "trend": charts.trend_chart(profile),
        "nodes": charts.nodes_chart(profile) if profile.nodes else None,
        "history": charts.history_rows(profile),
    }
    return render(request, "dashboards/unit.html", context)


@require_GET
@login_required
def scorecard(request: HttpRequest) -> HttpResponse:
    unit = _province(request, request.GET.get("province") or _default_province(request))
    period = _period(request)
    if period is None:
        raise Http404("period")
    card = s.scorecard(
        user=request.user,
        province=unit,
        period=period,
        pillar=request.GET.get("pillar", ""),
        district=_int(request.GET.get("district")),
        kind=request.GET.get("kind", ""),
        with_target_only=request.GET.get("all") != "1",
    )
    if request.GET.get("format") == "xlsx":
        name, content_type, content = exports.scorecard_xlsx(card)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    query = request.GET.copy()
    query["format"] = "xlsx"
    context = {
        "card": card,
        "periods": s.period_list(),
        "lights": s.LIGHTS,
        "xlsx_query": query.urlencode(),
        "filters": request.GET,
    }
    return render(request, "dashboards/scorecard.html", context)


def _default_province(request: HttpRequest) -> int:
    scope = getattr(request.user, "scope_unit", None)
    if scope is None:
        raise Http404("province")
    return s.province_of(scope).pk


@require_GET
@login_required
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    province_pk = request.GET.get("province")
    unit = _province(request, province_pk) if province_pk else None
    explorer = s.indicator_explorer(user=request.user, code=code, province=unit)
    context = {
        "ex": explorer,
        "province": unit,
        "chart": charts.explorer_chart(explorer),
        "indicators": s.indicator_choices(),
    }
    return render(request, "dashboards/indicator.html", context)


@require_GET
@login_required
def compare(request: HttpRequest) -> HttpResponse:
    pks = [p for p in (request.GET.get("units") or "").replace(" ", "").split(",") if p]
    units = [_commune(request, pk) for pk in dict.fromkeys(pks)][:MAX_COMPARE]
    cmp = s.comparison(user=request.user, units=units) if len(units) >= 2 else None
    context = {
        "units": units,
        "cmp": cmp,
        "charts": charts.compare_charts(cmp) if cmp else [],
        "table": charts.compare_rows(cmp) if cmp else [],
        "max_units": MAX_COMPARE,
    }
    return render(request, "dashboards/compare.html", context)


@require_GET
@login_required
def unit_search(request: HttpRequest) -> JsonResponse:
    """Communes within the user's scope matching ``q`` (diacritics ignored), for the picker."""
    found = s.commune_search(user=request.user, query=request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {
                    "pk": u.pk,
                    "name": u.name,
                    "detail": f"{u.parent.name if u.parent else ''} · {u.get_structure_display()}",
                }
                for u in found
            ]
        }
    )
