"""Background jobs run by the real database worker, with progress and outcome in the Job row."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from dxmon.jobs import services
from dxmon.jobs.models import Job, JobStatus
from dxmon.jobs.progress import cli_progress
from dxmon.jobs.services import JobError, job_progress, job_start, run_in_background


def run_worker() -> None:
    # The worker closes the database connection after each task, as in production; tests that
    # run it use real transactions (transaction=True) so the closed connection simply reopens.
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_it_runs_a_queued_job_to_success_with_done_equal_to_total():
    job = run_in_background(kind="jobs.count", title="Đếm", kwargs={"total": 7})
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert DBTaskResult.objects.filter(id=job.task_result_id).exists()

    run_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert (job.done, job.total) == (7, 7)
    assert job.result == {"counted": 7}
    assert job.started_at is not None
    assert job.finished_at is not None
    assert DBTaskResult.objects.get(id=job.task_result_id).status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_it_records_a_failure_with_a_vietnamese_message():
    job = run_in_background(
        kind="jobs.count", title="Đếm rồi lỗi", kwargs={"total": 5, "fail_at": 3}
    )

    run_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message.startswith("Tác vụ gặp lỗi")
    assert "failed at 3" in job.message
    assert job.done == 2


@pytest.mark.django_db
def test_it_queues_nothing_until_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run_in_background(kind="jobs.count", title="Đếm", kwargs={"total": 1})
    assert DBTaskResult.objects.count() == 0
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_it_refuses_an_unknown_kind():
    with pytest.raises(JobError, match="Không có loại tác vụ"):
        run_in_background(kind="nope", title="?")
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_it_throttles_progress_writes_but_always_writes_the_last_step(monkeypatch):
    clock = iter([100.0, 100.05, 100.1, 100.2, 100.6])
    monkeypatch.setattr(services, "_now", lambda: next(clock))
    job = job_start(kind="jobs.count", title="Đếm", total=10)

    written = [
        job_progress(job_id=job.pk, done=1),
        job_progress(job_id=job.pk, done=2),
        job_progress(job_id=job.pk, done=3),
        job_progress(job_id=job.pk, done=10, total=10),
        job_progress(job_id=job.pk, done=10, total=10),
    ]

    assert written == [True, False, False, True, True]
    job.refresh_from_db()
    assert job.done == 10


def test_it_prints_occasional_lines_when_not_on_a_terminal():
    out = io.StringIO()
    with cli_progress(100, "Nạp dữ liệu", stream=out) as progress:
        for done in range(1, 101):
            progress(done, 100)
    lines = out.getvalue().splitlines()
    assert lines[-1] == "Nạp dữ liệu: 100/100 (100%)"
    assert 5 <= len(lines) <= 11
    assert "\r" not in out.getvalue()
