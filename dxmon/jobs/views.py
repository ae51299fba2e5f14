"""The page that follows a background job until it ends."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dxmon.jobs.models import JobStatus
from dxmon.jobs.registry import RESULT_LABELS
from dxmon.jobs.selectors import job_get_for_user
from dxmon.vn.numbers import format_number


def _shown(value: object) -> object:
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return format_number(value) if is_number else value  # type: ignore[arg-type]


@require_GET
@login_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = job_get_for_user(job_id=job_id, user=request.user)
    context = {
        "job": job,
        "running": job.status in (JobStatus.QUEUED, JobStatus.RUNNING),
        "done": format_number(job.done),
        "total": format_number(job.total) if job.total else "",
        "result_rows": [
            (RESULT_LABELS.get(k, k), _shown(v)) for k, v in (job.result or {}).items()
        ],
    }
    template = "jobs/partials/job_progress.html" if request.htmx else "jobs/job_detail.html"  # type: ignore[attr-defined]
    return render(request, template, context)
