"""Background work of scoring (django-tasks)."""

from __future__ import annotations

from django_tasks import task


@task()
def recompute_after_approval(*, report_id: int) -> int | None:
    """Recompute the scores of an approved report's period and province; returns the run id."""
    from dxmon.collection.models import Report
    from dxmon.scoring.services import scores_recompute_for_report

    report = (
        Report.objects.select_related("unit", "period", "framework_version")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        return None
    return scores_recompute_for_report(report=report).pk
