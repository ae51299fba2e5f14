"""The kinds of work that may run in the background, each a dotted path to a function.

A job function is called as ``func(progress=progress, **kwargs)`` where ``progress(done, total)``
reports how far it is; it returns a small JSON-serialisable dict (the job's result) or None.
It must not hold one database transaction across its ``progress`` calls, or the progress stays
invisible to the pages until the end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


class Progress(Protocol):
    def __call__(self, done: int, total: int | None = None) -> None: ...


JobFunction = Callable[..., dict[str, Any] | None]

# Apps add their own kinds in ``AppConfig.ready`` (``JOB_KINDS.setdefault(kind, path)``).
JOB_KINDS: dict[str, str] = {
    # Used by the tests: counts to ``total`` reporting progress at every step.
    "jobs.count": "dxmon.jobs.registry.count_job",
}


# How the keys of job results are shown on the job page (other keys are shown as they are).
RESULT_LABELS: dict[str, Any] = {
    "counted": _("Đã đếm"),
    "units_created": _("Đơn vị hành chính mới"),
    "lineage_created": _("Quan hệ kế thừa mới"),
    "framework": _("Bộ chỉ số"),
    "users_created": _("Tài khoản mới"),
    "periods_created": _("Kỳ báo cáo mới"),
    "reports_created": _("Báo cáo mới"),
    "values_created": _("Giá trị chỉ số mới"),
    "audit_entries": _("Dòng nhật ký thay đổi"),
}


class UnknownJobKindError(ValueError):
    """A job kind that is not in :data:`JOB_KINDS`."""


def job_function(kind: str) -> JobFunction:
    """The function registered for ``kind``."""
    try:
        path = JOB_KINDS[kind]
    except KeyError as exc:
        raise UnknownJobKindError(kind) from exc
    func: JobFunction = import_string(path)
    return func


def count_job(*, progress: Progress, total: int = 10, fail_at: int | None = None) -> dict[str, Any]:
    """Count to ``total``; raise at ``fail_at`` (to exercise failures)."""
    for done in range(1, total + 1):
        if fail_at is not None and done == fail_at:
            raise RuntimeError(f"count_job failed at {done}")
        progress(done, total)
    return {"counted": total}
