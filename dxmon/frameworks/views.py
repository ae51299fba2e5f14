"""Public pages of indicator frameworks: the list of versions and one version's tree."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dxmon.frameworks.models import FrameworkVersion
from dxmon.frameworks.selectors import (
    framework_version_get,
    framework_version_list,
    indicator_tree,
)


@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    return render(request, "frameworks/framework_list.html", {"versions": framework_version_list()})


@require_GET
def version_detail(request: HttpRequest, code: str, version: str) -> HttpResponse:
    try:
        fv = framework_version_get(code=code, version=version)
    except FrameworkVersion.DoesNotExist as exc:
        raise Http404(_("Không có phiên bản bộ chỉ số này.")) from exc
    context = {
        "fv": fv,
        "tree": indicator_tree(fv),
        "legal_basis": [line for line in fv.legal_basis.splitlines() if line.strip()],
        "rules": fv.cross_rules.order_by("code"),
    }
    return render(request, "frameworks/version_detail.html", context)
