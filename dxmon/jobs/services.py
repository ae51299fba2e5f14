"""Writes for background jobs: start, report progress, finish, fail, and run in the background."""

from __future__ import annotations

import time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dxmon.jobs.models import Job, JobStatus
from dxmon.jobs.registry import JOB_KINDS, UnknownJobKindError

# At most one progress write per job in this interval (seconds); the last step always writes.
PROGRESS_MIN_INTERVAL = 0.25
_last_progress_write: dict[int, float] = {}


def _now() -> float:
    return time.monotonic()


class JobError(ValueError):
    """A job that cannot be started as asked; the message is for the user."""


def job_start(*, kind: str, title: str, total: int | None, user: Any = None) -> Job:
    """Record a queued job; the worker (or the caller) runs it."""
    job = Job(kind=kind, title=title[:300], total=total, created_by=user)
    job.full_clean()
    job.save()
    return job


def job_running(*, job_id: int) -> None:
    """Mark a job as started."""
    Job.objects.filter(pk=job_id).update(status=JobStatus.RUNNING, started_at=timezone.now())


def job_progress(*, job_id: int, done: int, total: int | None = None, message: str = "") -> bool:
    """Record how far a job is, with one UPDATE at most a few times a second.

    Returns whether the row was written.
    """
    now = _now()
    last = _last_progress_write.get(job_id)
    finished = total is not None and done >= total
    if last is not None and now - last < PROGRESS_MIN_INTERVAL and not finished:
        return False
    _last_progress_write[job_id] = now
    fields: dict[str, Any] = {"done": max(0, done)}
    if total is not None:
        fields["total"] = max(0, total)
    if message:
        fields["message"] = message
    Job.objects.filter(pk=job_id).update(**fields)
    return True


def job_finish(*, job_id: int, result: dict[str, Any] | None = None) -> None:
    """Mark a job as succeeded; a job with a known total ends at done == total."""
    _last_progress_write.pop(job_id, None)
    job = Job.objects.get(pk=job_id)
    job.status = JobStatus.SUCCEEDED
    job.finished_at = timezone.now()
    job.result = result or {}
    if job.total is not None:
        job.done = job.total
    job.save(update_fields=["status", "finished_at", "result", "done"])


def job_fail(*, job_id: int, message: str, done: int | None = None) -> None:
    """Mark a job as failed with a message the user can read (and how far it got)."""
    _last_progress_write.pop(job_id, None)
    fields: dict[str, Any] = {"status": JobStatus.FAILED, "finished_at": timezone.now()}
    if done is not None:
        fields["done"] = max(0, done)
    Job.objects.filter(pk=job_id).update(message=message, **fields)


def run_in_background(
    *,
    kind: str,
    title: str,
    kwargs: dict[str, Any] | None = None,
    user: Any = None,
    total: int | None = None,
) -> Job:
    """Record a job of a registered ``kind`` and queue it for the worker.

    The task is queued once the surrounding transaction (if any) commits, so the worker always
    finds the job row.
    """
    if kind not in JOB_KINDS:
        raise JobError(_("Không có loại tác vụ “%(kind)s”.") % {"kind": kind})
    job = job_start(kind=kind, title=title, total=total, user=user)

    def enqueue() -> None:
        from dxmon.jobs.tasks import run_job

        result = run_job.enqueue(job_id=job.pk, kind=kind, kwargs=kwargs or {})
        Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id)[:64])
        job.task_result_id = str(result.id)[:64]

    transaction.on_commit(enqueue)
    return job


def job_execute(*, job_id: int, kind: str, kwargs: dict[str, Any]) -> None:
    """Run a job's function here and now, recording progress and outcome in its row."""
    from dxmon.jobs.registry import job_function

    job_running(job_id=job_id)
    # The last step reached, written on failure even when throttling skipped it.
    reached: list[int] = []
    try:
        func = job_function(kind)

        def progress(done: int, total: int | None = None) -> None:
            reached[:] = [done]
            job_progress(job_id=job_id, done=done, total=total)

        result = func(progress=progress, **kwargs)
    except UnknownJobKindError:
        job_fail(job_id=job_id, message=_("Không có loại tác vụ “%(kind)s”.") % {"kind": kind})
    except Exception as exc:
        job_fail(
            job_id=job_id,
            message=_("Tác vụ gặp lỗi và đã dừng: %(error)s") % {"error": str(exc) or repr(exc)},
            done=reached[0] if reached else None,
        )
        raise
    else:
        job_finish(job_id=job_id, result=result)
