"""Reads for background jobs."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from dxmon.accounts.scope import Action, has_action
from dxmon.jobs.models import Job


def job_get_for_user(*, job_id: int, user: Any) -> Job:
    """The job, if ``user`` started it or administers (admin, provincial office); else 404."""
    job = Job.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or not user.is_authenticated:
        raise Http404("Job")
    if job.created_by_id == user.pk or has_action(user, Action.ADMIN):
        return job
    raise Http404("Job")
