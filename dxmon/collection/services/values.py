"""Saving one value of a report, safely against concurrent editors.

A value changes only while its report is editable (``draft`` or ``returned``); an approved
report is locked until a reviewer reopens it, a submitted one awaits review. Each save names
the report revision the editor started from: if someone saved in between, the save is refused
with the newer values (optimistic locking; the revision is bumped with a compare-and-swap
UPDATE so two saves can never both win). A ratio's percentage is always computed here from its
numerator and denominator. Every changed field goes to the audit log with the report as
context; after a reopen, changes are counted in ``changes_since_approval``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from dxmon.accounts.scope import Action
from dxmon.audit.services import audit_record
from dxmon.collection.choices import ReportStatus, ValueSource
from dxmon.collection.errors import (
    CollectionError,
    ConcurrentEdit,
    InvalidValue,
    ReportLocked,
)
from dxmon.collection.models import DataValue, Report, SourceDocument
from dxmon.collection.services.access import report_for_write
from dxmon.collection.validation import ERROR, Issue, check_value, value_issues
from dxmon.frameworks.choices import ValueType
from dxmon.frameworks.models import Indicator

__all__ = [
    "CollectionError",
    "ConcurrentEdit",
    "InvalidValue",
    "ReportLocked",
    "SaveResult",
    "report_values",
    "value_save",
]

_FIELDS = ("value", "numerator", "denominator", "comment", "warning_comment")
_NUMBERS = ("value", "numerator", "denominator")
_PROVENANCE = ("qualifier", "source", "source_document", "source_excerpt")


@dataclass(frozen=True)
class SaveResult:
    value: DataValue
    revision: int
    issues: list[Issue]


def report_values(report: Report) -> dict[str, DataValue]:
    """The report's stored values by indicator code."""
    return {
        v.indicator.code: v
        for v in DataValue.objects.filter(report=report).select_related("indicator")
    }


def ensure_editable(report: Report) -> None:
    """Raise :class:`ReportLocked` unless values of ``report`` may change now."""
    if report.status == ReportStatus.APPROVED:
        raise ReportLocked(
            _("Báo cáo đã được phê duyệt nên bị khóa; cần được mở lại (có lý do) trước khi sửa.")
        )
    if not report.is_editable:
        raise ReportLocked(
            _(
                "Báo cáo đã gửi và đang chờ xem xét nên không sửa được; "
                "chỉ sửa được khi báo cáo bị trả lại."
            )
        )


@transaction.atomic
def value_save(
    *,
    user: Any,
    report: Report,
    indicator: Indicator,
    value: float | None = None,
    numerator: float | None = None,
    denominator: float | None = None,
    comment: str = "",
    warning_comment: str | None = None,
    expected_revision: int,
    source: str | None = None,
    source_document: SourceDocument | None = None,
    source_excerpt: str = "",
    qualifier: str = "",
) -> SaveResult:
    """Save ``indicator``'s value in ``report`` as ``user``, starting from ``expected_revision``.

    Raises NotFound (outside scope), NotAllowed, ReportLocked, ConcurrentEdit (someone saved
    since ``expected_revision``) or InvalidValue (type or bounds). Returns the stored value,
    the report's new revision and the issues (cross rules, outliers) to show beside it.
    ``warning_comment=None`` keeps the stored explanation.

    Provenance: ``source`` (a ``ValueSource``) with ``source_document``, ``source_excerpt`` and
    ``qualifier`` ("trên" in "trên 79%") says where the number was read. Without ``source``
    the provenance follows the number: kept while the number is unchanged (a comment was
    edited), reset to a self-report as soon as the number changes.

    A ratio is normally given as numerator and denominator; a document that only states a
    percentage ("trên 79%") gives ``value`` alone, which is kept as the percentage. A
    percentage-only value survives saves that carry neither part (a comment edited on the
    entry page, whose ratio inputs are empty).
    """
    report = report_for_write(user=user, report=report, action=Action.CHANGE)
    ensure_editable(report)
    if indicator.version_id != report.framework_version_id:
        raise CollectionError(
            _("Chỉ số %(code)s không thuộc bộ chỉ số của báo cáo này.") % {"code": indicator.code}
        )
    if report.revision != expected_revision:
        raise _conflict(report)

    stored = DataValue.objects.filter(report=report, indicator=indicator).first()
    percent_only = False
    if indicator.value_type == ValueType.RATIO:
        if numerator is None and denominator is None:
            keep = value is None and source is None and stored is not None
            if keep and stored is not None and stored.numerator is None:
                value = stored.value
            percent_only = value is not None
        else:
            value = (
                100.0 * numerator / denominator if numerator is not None and denominator else None
            )
    problems = check_value(indicator, value=value, numerator=numerator, denominator=denominator)
    if percent_only and value is not None and not 0 <= value <= 100:
        problems.append(
            Issue(
                indicator.code,
                ERROR,
                "percent_range",
                _("Chỉ số %(code)s: tỷ lệ phải từ 0 đến 100%%.") % {"code": indicator.code},
            )
        )
    if problems:
        raise InvalidValue(" ".join(p.message for p in problems), problems)

    created = stored is None
    if stored is None:
        stored = DataValue(report=report, indicator=indicator)
    old = {name: getattr(stored, name) for name in (*_FIELDS, *_PROVENANCE)}
    new = {
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "comment": (comment or "").strip(),
        "warning_comment": (
            old["warning_comment"] if warning_comment is None else warning_comment.strip()
        ),
    }
    number_changed = created or any(old[name] != new[name] for name in _NUMBERS)
    if source is not None:
        new.update(
            source=source,
            source_document=source_document,
            source_excerpt=(source_excerpt or "").strip(),
            qualifier=(qualifier or "").strip(),
        )
    elif number_changed:
        new.update(
            source=ValueSource.SELF_REPORT, source_document=None, source_excerpt="", qualifier=""
        )
    else:
        new.update({name: old[name] for name in _PROVENANCE})
    changed = [name for name in new if old[name] != new[name]]
    if not changed and not created:
        return SaveResult(stored, report.revision, value_issues(report, indicator))

    # Compare-and-swap: only one of two concurrent saves from the same revision bumps it.
    counted = F("changes_since_approval") + (1 if report.approved_at is not None else 0)
    bumped = Report.objects.filter(pk=report.pk, revision=expected_revision).update(
        revision=F("revision") + 1,
        changes_since_approval=counted,
        updated_at=timezone.now(),
    )
    if not bumped:
        raise _conflict(report)
    report.refresh_from_db(fields=["revision", "changes_since_approval", "updated_at"])

    for name in changed:
        setattr(stored, name, new[name])
    stored.updated_by = user if getattr(user, "pk", None) is not None else None
    stored.full_clean()
    stored.save()
    action = "value.create" if created else "value.update"
    for name in changed:
        audit_record(
            actor=user,
            action=action,
            obj=stored,
            field=name,
            old=_audited(old[name]),
            new=_audited(new[name]),
            context=report,
        )
    return SaveResult(stored, report.revision, value_issues(report, indicator))


def _audited(value: Any) -> Any:
    """A source document is logged by its title and id, other fields as they are."""
    if isinstance(value, SourceDocument):
        return f"{value.title} (#{value.pk})"
    return value


def _conflict(report: Report) -> ConcurrentEdit:
    current = Report.objects.get(pk=report.pk)
    return ConcurrentEdit(
        _(
            "Báo cáo đã được người khác cập nhật (phiên bản %(revision)s) sau khi bạn mở. "
            "Vui lòng xem giá trị mới nhất."
        )
        % {"revision": current.revision},
        revision=current.revision,
        values=report_values(current),
    )
