"""The public methodology page: what is measured and how scores, ranks and history are computed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dxmon.frameworks.selectors import indicator_tree
from dxmon.scoring.selectors import merger_example, methodology_examples, methodology_version


@require_GET
def methodology(request: HttpRequest) -> HttpResponse:
    version = methodology_version(request.GET.get("framework"))
    context = {
        "fv": version,
        "tree": indicator_tree(version) if version else [],
        "examples": methodology_examples(),
        "merger": merger_example(),
    }
    return render(request, "scoring/methodology.html", context)
