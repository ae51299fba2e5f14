"""``manage.py demo``: the background variant queues a job the worker can run."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from dxmon.jobs.models import Job, JobStatus
from dxmon.jobs.registry import job_function


@pytest.mark.django_db
def test_it_queues_the_load_as_a_background_job(django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", "load", "--background", stdout=out)
    job = Job.objects.get()
    assert job.kind == "demo.load"
    assert job.status == JobStatus.QUEUED
    assert f"/jobs/{job.pk}/" in out.getvalue()
    assert DBTaskResult.objects.filter(id=job.task_result_id).exists()
    assert job_function("demo.load").__name__ == "demo_load_job"


@pytest.mark.django_db
def test_it_says_so_when_there_are_no_demo_logins_yet():
    out = io.StringIO()
    call_command("demo", "logins", stdout=out)
    assert "manage.py demo load" in out.getvalue()
