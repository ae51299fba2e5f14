"""The public site: published results and open data, without login."""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from dxmon.collection.models import Period
from dxmon.public import opendata, selectors
from dxmon.public.maps import map_svg
from dxmon.units.models import Unit
from dxmon.vn.text import fold

NATIONAL = "national"
PAGE_SIZE = 100


def _period_or_404(code: str) -> Period:
    period = selectors.published_period_get(code)
    if period is None:
        raise Http404(code)
    return period


def _mixed(rows: list[selectors.RankedRow]) -> bool:
    """Whether some rows are synthetic and some not: then each synthetic row carries the label
    (when all are, the page's banner says so once)."""
    flags = {r.row.is_synthetic for r in rows}
    return len(flags) == 2


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    periods = selectors.published_periods()
    return render(request, "public/landing.html", {"periods": periods})


@require_GET
def ranking(request: HttpRequest, province_code: str, period: str) -> HttpResponse:
    if province_code == NATIONAL:
        return national_ranking(request, period)
    p = _period_or_404(period)
    province = selectors.province_get(province_code, p, request.GET.get("structure"))
    rows = selectors.public_ranking(period=p, province=province) if province else []
    if not rows:
        raise Http404(province_code)
    context = {
        "period": p,
        "province": province,
        "rows": rows,
        "intervals": selectors.intervals_apply(rows, national=False),
        # Drawn only when the cached fragment is missing (the content behind the key is fixed).
        "map": lambda: map_svg(rows),
        "cache_key": selectors.period_cache_key(p),
        "is_synthetic": any(r.row.is_synthetic for r in rows),
        "mixed_synthetic": _mixed(rows),
        "periods": selectors.published_periods(),
    }
    return render(request, "public/ranking.html", context)


@require_GET
def national_ranking(request: HttpRequest, period: str) -> HttpResponse:
    p = _period_or_404(period)
    rows = selectors.public_ranking(period=p)
    query = fold(request.GET.get("q", "").strip())
    shown = [r for r in rows if query in fold(r.row.name)] if query else rows
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "period": p,
        "rows": page.object_list,
        "page": page,
        "total": len(rows),
        "q": request.GET.get("q", ""),
        "intervals": selectors.intervals_apply(rows, national=True),
        "is_synthetic": any(r.row.is_synthetic for r in rows),
        "mixed_synthetic": _mixed(rows),
    }
    return render(request, "public/national.html", context)


@require_GET
def unit_profile(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_pk)
    profile = selectors.public_unit_profile(unit)
    if profile is None:
        raise Http404(str(unit_pk))
    chart = [
        {
            "period": h.period.code,
            "value": h.row.percent,
            "unit": h.unit.name,
            "own": h.own,
            "reconstructed": h.row.reconstructed,
        }
        for h in profile.history
    ]
    return render(
        request,
        "public/unit.html",
        {"p": profile, "chart_json": json.dumps(chart, ensure_ascii=False)},
    )


@require_GET
def methodology(request: HttpRequest) -> HttpResponse:
    return redirect(reverse("scoring:methodology"))


@require_GET
def data(request: HttpRequest) -> HttpResponse:
    context = {
        "periods": selectors.published_periods(),
        "licence": opendata.licence_info(),
        "dictionary": opendata.dictionary(),
        "formats": opendata.FORMATS,
    }
    return render(request, "public/data.html", context)


@require_GET
def dictionary_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(opendata.dictionary_json(), json_dumps_params={"ensure_ascii": False})


@require_GET
def download(request: HttpRequest, period: str, dataset: str, fmt: str) -> HttpResponse:
    if dataset not in opendata.DATASETS or fmt not in opendata.FORMATS:
        raise Http404(dataset)
    p = _period_or_404(period)
    code = request.GET.get("province", "")
    province = selectors.province_get(code, p) if code else None
    if code and province is None:
        raise Http404(code)
    name, content_type, body = opendata.render(dataset, fmt, period=p, province=province)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
