"""Large imports run as background jobs with progress."""

from __future__ import annotations

from dxmon.collection.apps import IMPORT_JOB_KIND
from dxmon.collection.models import DataValue
from dxmon.collection.services.imports import data_import, data_import_start
from dxmon.collection.tests.files import make_file
from dxmon.collection.tests.test_imports import VALID, setting  # noqa: F401
from dxmon.jobs.models import Job, JobStatus


def test_it_reports_progress_up_to_the_total(setting, officer):  # noqa: F811
    data, _lines = make_file("csv", VALID)
    calls: list[tuple[int, int]] = []

    data_import(user=officer, data=data, fmt="csv", progress=lambda d, t: calls.append((d, t)))

    assert calls[0][0] == 0
    assert calls[-1][0] == calls[-1][1]
    assert all(done <= total for done, total in calls)


def test_it_runs_a_large_import_as_a_job(
    setting,  # noqa: F811
    officer,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    data, _lines = make_file("dhis2-csv", VALID)
    before = DataValue.objects.count()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = data_import_start(
            user=officer, data=data, fmt="dhis2-csv", filename="x.csv", background_threshold=2
        )
    assert isinstance(job, Job)
    assert job.kind == IMPORT_JOB_KIND
    assert DataValue.objects.count() == before  # nothing until the worker runs it
    for callback in callbacks:
        callback()  # the immediate backend runs the job here, as the worker would

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert job.result["created"] == 2
    assert job.result["updated"] == 1
    assert job.done == job.total
    assert DataValue.objects.count() == before + 2
    assert list(tmp_path.rglob("upload*")) == []  # the uploaded file is removed


def test_it_imports_small_files_at_once(setting, officer):  # noqa: F811
    data, _lines = make_file("csv", VALID)
    result = data_import_start(user=officer, data=data, fmt="csv")
    assert not isinstance(result, Job)
    assert result.written
