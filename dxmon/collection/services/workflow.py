"""The review workflow of a report: who may move it from which state to which.

    draft ──submit──▶ submitted ──review_district──▶ district_reviewed ──approve──▶ approved
                          │  ▲                               │                       │
                        return│ resubmit                   return                  reopen
                          ▼  │                               ▼                       ▼
                        returned ◀───────────────────────────┴───────────────────────┘

- ``submit`` (draft) and ``resubmit`` (returned) by whoever may CHANGE the unit's data, refused
  while the report has blocking errors or warnings lacking a comment;
- ``return`` by a reviewer (district or province), with a reason and comments per indicator;
  once the district has reviewed, only the province returns;
- ``review_district`` by the district office, only for communes under a district of the 2022
  structure; ``approve`` by the province office, which for such communes waits for the
  district (DHIS2's bottom-up approval levels); approval locks the report;
- ``reopen`` by the province office, with a reason: the report goes back to ``returned`` and
  each later value change counts in ``changes_since_approval``.

:data:`TRANSITIONS` is the table; every transition is written to the audit log with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dxmon.accounts.choices import Role
from dxmon.accounts.scope import Action, can
from dxmon.audit.services import audit_record
from dxmon.collection.choices import ReportStatus
from dxmon.collection.errors import CollectionError, NotAllowed, SubmitRefused
from dxmon.collection.models import Report, ReturnComment
from dxmon.collection.services.access import is_province_office, report_for_write
from dxmon.collection.validation import report_validate
from dxmon.frameworks.models import Indicator
from dxmon.units.choices import Level, Structure
from dxmon.units.models import Unit

S = ReportStatus


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    action: Action
    label: str | Promise


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("submit", frozenset({S.DRAFT}), S.SUBMITTED, Action.CHANGE, gettext_lazy("Gửi")),
        Transition(
            "return",
            frozenset({S.SUBMITTED, S.RESUBMITTED, S.DISTRICT_REVIEWED}),
            S.RETURNED,
            Action.REVIEW,
            gettext_lazy("Trả lại"),
        ),
        Transition(
            "resubmit",
            frozenset({S.RETURNED}),
            S.RESUBMITTED,
            Action.CHANGE,
            gettext_lazy("Gửi lại"),
        ),
        Transition(
            "review_district",
            frozenset({S.SUBMITTED, S.RESUBMITTED}),
            S.DISTRICT_REVIEWED,
            Action.REVIEW,
            gettext_lazy("Huyện xác nhận đã xem xét"),
        ),
        Transition(
            "approve",
            frozenset({S.SUBMITTED, S.RESUBMITTED, S.DISTRICT_REVIEWED}),
            S.APPROVED,
            Action.REVIEW,
            gettext_lazy("Phê duyệt"),
        ),
        Transition(
            "reopen", frozenset({S.APPROVED}), S.RETURNED, Action.REVIEW, gettext_lazy("Mở lại")
        ),
    )
}


def district_of(unit: Unit) -> Unit | None:
    """The 2022-structure district ``unit`` lies under, if any (2025 communes have none)."""
    if unit.structure != Structure.Y2022 or unit.level <= Level.DISTRICT:
        return None
    pks = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    return Unit.objects.filter(pk__in=pks, level=Level.DISTRICT).first()


@dataclass(frozen=True)
class Refusal:
    message: str
    permission: bool  # a matter of role or scope (NotAllowed), not of the report's state


def _refusal(report: Report, transition: Transition, user: Any) -> Refusal | None:
    """Why ``user`` may not apply ``transition`` to ``report`` now (None: they may)."""
    action = str(transition.label).lower()
    if not can(user, transition.action, report.unit):
        return Refusal(_("Bạn không có quyền %(action)s báo cáo này.") % {"action": action}, True)
    district = district_of(report.unit)
    province = is_province_office(user)
    is_district = getattr(user, "role", None) == Role.DISTRICT or user.is_superuser
    if transition.name == "review_district" and district is not None and not is_district:
        return Refusal(_("Chỉ cơ quan cấp huyện mới xác nhận đã xem xét."), True)
    if transition.name in ("approve", "reopen") and not province:
        return Refusal(
            _("Chỉ cơ quan CĐS cấp tỉnh mới được %(action)s báo cáo.") % {"action": action}, True
        )
    if report.status not in transition.sources:
        return Refusal(
            _("Không thể %(action)s báo cáo đang ở trạng thái “%(status)s”.")
            % {"action": action, "status": ReportStatus(report.status).label},
            False,
        )
    if transition.name == "review_district" and district is None:
        return Refusal(_("Đơn vị này không thuộc huyện nào nên không cần huyện xem xét."), False)
    if transition.name == "approve" and district and report.status != S.DISTRICT_REVIEWED:
        return Refusal(
            _("Báo cáo của %(unit)s cần được %(district)s xem xét trước khi tỉnh phê duyệt.")
            % {"unit": report.unit.name, "district": district.name},
            False,
        )
    if transition.name == "return" and report.status == S.DISTRICT_REVIEWED and not province:
        return Refusal(
            _("Huyện đã xem xét báo cáo này; chỉ cơ quan cấp tỉnh mới trả lại được."), True
        )
    return None


def report_transitions(*, user: Any, report: Report) -> list[Transition]:
    """The transitions ``user`` may apply to ``report`` now (for buttons on pages)."""
    return [t for t in TRANSITIONS.values() if _refusal(report, t, user) is None]


def _apply(*, user: Any, report: Report | int, name: str) -> tuple[Report, str]:
    transition = TRANSITIONS[name]
    report = report_for_write(user=user, report=report, action=Action.VIEW)
    refusal = _refusal(report, transition, user)
    if refusal is not None:
        raise (NotAllowed if refusal.permission else CollectionError)(refusal.message)
    old = report.status
    report.status = transition.target
    return report, old


def _record(*, user: Any, report: Report, name: str, old: str, reason: str = "") -> None:
    report.save()
    audit_record(
        actor=user,
        action=f"report.{name}",
        obj=report,
        field="status",
        old=old,
        new=report.status,
        reason=reason,
        context=report,
    )


def _check_submittable(report: Report) -> None:
    result = report_validate(report)
    if result.can_submit:
        return
    raise SubmitRefused(
        _(
            "Chưa gửi được báo cáo: còn %(errors)s lỗi phải sửa và %(warnings)s cảnh báo "
            "chưa có giải trình."
        )
        % {"errors": len(result.errors), "warnings": len(result.unexplained)},
        errors=result.errors,
        warnings=result.unexplained,
    )


@transaction.atomic
def report_submit(*, user: Any, report: Report) -> Report:
    """Draft → submitted, if it has no blocking errors and every warning is explained."""
    report, old = _apply(user=user, report=report, name="submit")
    _check_submittable(report)
    report.submitted_at = report.submitted_at or timezone.now()
    _record(user=user, report=report, name="submit", old=old)
    return report


def _clean_reason(reason: str, *, required: bool, what: str) -> str:
    text = (reason or "").strip()
    if required and not text:
        raise CollectionError(_("Cần ghi lý do %(what)s.") % {"what": what})
    return text


@transaction.atomic
def report_return(
    *, user: Any, report: Report, reason: str, comments: dict[str, str] | None = None
) -> Report:
    """Back to the officer with a reason and comments per indicator code."""
    report, old = _apply(user=user, report=report, name="return")
    text = (reason or "").strip()
    notes = {code.strip(): c.strip() for code, c in (comments or {}).items() if c and c.strip()}
    if not text and not notes:
        raise CollectionError(_("Cần ghi lý do trả lại hoặc nhận xét cho ít nhất một chỉ số."))
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(
            version_id=report.framework_version_id, code__in=list(notes)
        )
    }
    unknown = sorted(set(notes) - set(indicators))
    if unknown:
        raise CollectionError(
            _("Không có chỉ số mã %(codes)s trong bộ chỉ số của báo cáo.")
            % {"codes": ", ".join(unknown)}
        )
    author = user if getattr(user, "pk", None) is not None else None
    made = []
    if text:
        made.append(ReturnComment(report=report, comment=text, author=author))
    made += [
        ReturnComment(report=report, indicator=indicators[code], comment=note, author=author)
        for code, note in notes.items()
    ]
    _record(user=user, report=report, name="return", old=old, reason=text)
    for comment in made:
        comment.full_clean()
        comment.save()
        audit_record(
            actor=user,
            action="report.return_comment",
            obj=comment,
            field=comment.indicator.code if comment.indicator else "",
            new=comment.comment,
            context=report,
        )
    return report


@transaction.atomic
def report_resubmit(*, user: Any, report: Report) -> Report:
    """Returned → resubmitted, on the same conditions as a submission; comments are resolved."""
    report, old = _apply(user=user, report=report, name="resubmit")
    _check_submittable(report)
    report.return_comments.filter(resolved=False).update(resolved=True)
    _record(user=user, report=report, name="resubmit", old=old)
    return report


@transaction.atomic
def report_review_district(*, user: Any, report: Report, note: str = "") -> Report:
    """The district office confirms it reviewed a commune's report (2022 structure)."""
    report, old = _apply(user=user, report=report, name="review_district")
    _record(user=user, report=report, name="review_district", old=old, reason=note.strip())
    return report


@transaction.atomic
def report_approve(*, user: Any, report: Report) -> Report:
    """Approve and lock; the count of changes since approval restarts at 0."""
    report, old = _apply(user=user, report=report, name="approve")
    errors = report_validate(report).errors
    if errors:
        raise CollectionError(
            _("Không thể phê duyệt: báo cáo còn %(count)s lỗi (%(first)s).")
            % {"count": len(errors), "first": errors[0].message}
        )
    report.approved_at = timezone.now()
    report.approved_by = user if getattr(user, "pk", None) is not None else None
    report.changes_since_approval = 0
    _record(user=user, report=report, name="approve", old=old)
    return report


@transaction.atomic
def report_reopen(*, user: Any, report: Report, reason: str) -> Report:
    """Unlock an approved report for corrections; the reason is required and kept."""
    text = _clean_reason(reason, required=True, what=_("mở lại"))
    report, old = _apply(user=user, report=report, name="reopen")
    comment = ReturnComment(
        report=report,
        comment=text,
        author=user if getattr(user, "pk", None) is not None else None,
    )
    _record(user=user, report=report, name="reopen", old=old, reason=text)
    comment.save()
    return report
