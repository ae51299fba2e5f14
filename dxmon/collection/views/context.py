"""What the data entry page and its row partials are rendered with."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from dxmon.accounts.scope import Action, can
from dxmon.audit.models import AuditEntry
from dxmon.collection import selectors
from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import Report
from dxmon.collection.services.evidence import ALLOWED
from dxmon.collection.services.workflow import report_transitions
from dxmon.frameworks.models import Indicator
from dxmon.vn.numbers import format_number

EXPORT_FORMATS = ("xlsx", "csv", "dhis2-json", "dhis2-csv")


def evidence_limits() -> dict[str, Any]:
    """What the page says about evidence files (the service enforces the same)."""
    return {
        "evidence_types": ", ".join(sorted({ext.upper() for ext in ALLOWED} - {"JPEG"})),
        "evidence_accept": ",".join(f".{ext}" for ext in ALLOWED),
        "evidence_max_mb": int(getattr(settings, "DXMON_EVIDENCE_MAX_MB", 10)),
    }


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def report_permissions(user: Any, report: Report) -> dict[str, bool]:
    """Which of the page's actions to offer ``user``; the services decide again on POST."""
    names = {transition.name for transition in report_transitions(user=user, report=report)}
    return {
        "edit": report.is_editable and can(user, Action.CHANGE, report.unit),
        "submit": bool(names & {"submit", "resubmit"}),
        "return": "return" in names,
        "review": "review_district" in names,
        "approve": "approve" in names,
        "reopen": "reopen" in names,
    }


def _progress(report: Report) -> dict[str, int]:
    filled, total = selectors.report_completeness(report)
    return {
        "filled": filled,
        "total": total,
        "percent": round(100 * filled / total) if total else 0,
    }


def entry_context(request: HttpRequest, report: Report, **extra: Any) -> dict[str, Any]:
    """The whole data entry page."""
    perms = report_permissions(request.user, report)
    return {
        "report": report,
        "perms": perms,
        "sections": selectors.report_entry_sections(report=report),
        "completeness": _progress(report),
        "audit": audit_rows(selectors.report_audit(report=report)[:500]),
        "report_comments": report.return_comments.filter(indicator__isnull=True).select_related(
            "author"
        ),
        "export_formats": EXPORT_FORMATS,
        **evidence_limits(),
        **extra,
    }


def find_row(report: Report, indicator: Indicator) -> Any:
    """The entry row of ``indicator`` in ``report`` (as the page shows it)."""
    for pillar in selectors.report_entry_sections(report=report):
        for group in pillar.groups:
            for row in group.rows:
                if row.indicator.pk == indicator.pk:
                    return row
    raise LookupError(indicator.code)


def row_context(request: HttpRequest, report: Report, row: Any, **extra: Any) -> dict[str, Any]:
    """One row of the page, after a save or for a refresh."""
    return {
        "report": report,
        "perms": report_permissions(request.user, report),
        "row": row,
        "completeness": _progress(report),
        **evidence_limits(),
        **extra,
    }


ACTION_LABELS = {
    "report.create": _("Tạo báo cáo"),
    "report.submit": _("Gửi báo cáo"),
    "report.return": _("Trả lại"),
    "report.return_comment": _("Ý kiến trả lại"),
    "report.resubmit": _("Gửi lại"),
    "report.review_district": _("Huyện xem xét"),
    "report.approve": _("Phê duyệt"),
    "report.reopen": _("Mở lại"),
    "value.create": _("Nhập giá trị"),
    "value.update": _("Sửa giá trị"),
    "value.import": _("Nhập từ tệp"),
    "evidence.add": _("Thêm minh chứng"),
    "evidence.delete": _("Xóa minh chứng"),
    "source.create": _("Đọc văn bản nguồn"),
}
FIELD_LABELS = {
    "value": _("giá trị"),
    "numerator": _("tử số"),
    "denominator": _("mẫu số"),
    "comment": _("ghi chú"),
    "warning_comment": _("giải trình"),
    "qualifier": _("từ chỉ mức"),
    "source": _("nguồn"),
    "source_document": _("văn bản nguồn"),
    "source_excerpt": _("đoạn trích nguồn"),
}


@dataclass(frozen=True)
class AuditRow:
    """An audit entry as the report page shows it."""

    at: datetime.datetime
    actor: str
    action: str
    indicator_code: str
    field: str
    old: str
    new: str
    reason: str


def _shown(field: str, text: str) -> str:
    if field == "status" and text in ReportStatus.values:
        return str(ReportStatus(text).label)
    if field in ("value", "numerator", "denominator") and text:
        try:
            return format_number(round(float(text), 2))
        except ValueError:
            return text
    return text


def audit_rows(entries: Iterable[AuditEntry]) -> list[AuditRow]:
    """Who did what to the report and its values, when, old → new, why."""
    rows = []
    for entry in entries:
        code = ""
        if entry.action.startswith("value."):
            code = entry.object_repr.split(" = ", 1)[0]
        elif entry.action in ("report.return_comment", "evidence.add", "evidence.delete"):
            code = entry.field
        field = entry.field if entry.action.startswith("value.") else ""
        old, new, reason = entry.old_value, entry.new_value, entry.reason
        if entry.action == "report.return_comment":
            # The comment is what was said, not a value that changed.
            old, new, reason = "", "", entry.new_value
        rows.append(
            AuditRow(
                at=entry.at,
                actor=str(entry.actor) if entry.actor else str(_("hệ thống")),
                action=str(ACTION_LABELS.get(entry.action, entry.action)),
                indicator_code=code,
                field=str(FIELD_LABELS.get(field, field)),
                old=_shown(entry.field, old),
                new=_shown(entry.field, new),
                reason=reason,
            )
        )
    return rows
