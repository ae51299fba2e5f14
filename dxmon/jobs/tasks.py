"""The one django-tasks task: run a registered job function for a Job row."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from dxmon.jobs.services import job_execute


@task()
def run_job(*, job_id: int, kind: str, kwargs: dict[str, Any]) -> None:
    """Run the job; its outcome (and any error, in Vietnamese) is recorded in the Job row."""
    job_execute(job_id=job_id, kind=kind, kwargs=kwargs)
