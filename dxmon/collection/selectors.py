"""Reads for data collection, already scoped to the user."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from dxmon.accounts.scope import Action, can, restrict
from dxmon.audit.models import AuditEntry
from dxmon.collection.choices import ReportStatus
from dxmon.collection.history import PreviousValue, previous_values
from dxmon.collection.models import (
    DataValue,
    Evidence,
    Period,
    Report,
    ReturnComment,
    Round,
    SystemValue,
)
from dxmon.collection.validation import Issue, report_validate
from dxmon.frameworks.models import Indicator, Node, Target
from dxmon.frameworks.selectors import indicator_targets, indicator_tree
from dxmon.units.choices import Level
from dxmon.units.models import Unit


class NotFoundError(LookupError, Http404):
    """Something that does not exist or that the user may not see: the two are not told apart.

    It is an ``Http404`` too, so a page that lets it through answers "not found".
    """


def period_get(*, code: str) -> Period:
    """The opened period with ``code``, or NotFoundError."""
    period = Period.objects.filter(code=code.strip().upper()).first()
    if period is None:
        raise NotFoundError(_("Kỳ báo cáo %(code)s chưa được mở.") % {"code": code})
    return period


def unit_for_period(*, user: Any, code: str, period: Period, action: Action = Action.VIEW) -> Unit:
    """The unit with ``code`` in the structure of ``period``, if ``user`` may ``action`` it.

    A unit outside the user's scope is "not found", exactly like a code that does not exist.
    """
    # The structure in force on the period's last day, as in imports; higher level wins.
    unit = Unit.objects.valid_on(period.end).filter(code=code.strip()).order_by("level").first()
    if unit is None or not can(cast(Any, user), action, unit):
        raise NotFoundError(_("Không tìm thấy đơn vị mã “%(code)s”.") % {"code": code})
    return unit


def value_list_for_export(
    *, user: Any, unit: Unit, period: Period, descendants: bool = False
) -> QuerySet[DataValue]:
    """The values of ``unit`` (and its subtree) for ``period`` that ``user`` may see."""
    units = Unit.objects.descendants_of(unit) if descendants else Unit.objects.filter(pk=unit.pk)
    qs = DataValue.objects.filter(report__period=period, report__unit__in=units.values("pk"))
    return (
        restrict(qs, cast(Any, user), Action.VIEW, unit_field="report__unit")
        .select_related("report__unit", "report__framework_version", "indicator", "updated_by")
        .order_by("report__unit__code", "report__framework_version_id", "indicator__order")
    )


# --- The reporting cycle: reports, rounds, the data entry page, reporting rates, audit ---------


def report_get(*, user: Any, pk: int, action: Action = Action.VIEW) -> Report:
    """The report ``pk`` if ``user`` may ``action`` its unit, else NotFoundError (a 404)."""
    report = (
        restrict(Report.objects.all(), cast(Any, user), action)
        .select_related("unit", "period", "framework_version__framework", "round", "approved_by")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise NotFoundError(_("Không tìm thấy báo cáo."))
    return report


def report_list(
    *,
    user: Any,
    period: Period | None = None,
    round: Round | None = None,
    status: str | None = None,
) -> QuerySet[Report]:
    """The reports ``user`` may see, newest period first, optionally filtered."""
    qs = Report.objects.all()
    if period is not None:
        qs = qs.filter(period=period)
    if round is not None:
        qs = qs.filter(round=round)
    if status:
        qs = qs.filter(status=status)
    return (
        restrict(qs, cast(Any, user), Action.VIEW)
        .select_related("unit", "period", "framework_version__framework", "round")
        .order_by("-period__start", "unit__code", "pk")
    )


def round_list(*, user: Any) -> QuerySet[Round]:
    """The rounds expecting at least one unit ``user`` may see."""
    return (
        restrict(Round.objects.all(), cast(Any, user), Action.VIEW, unit_field="units")
        .select_related("period", "framework_version__framework", "opened_by")
        .annotate(unit_count=Count("units", distinct=True))
        .order_by("-period__start", "-opened_at", "-pk")
    )


def round_get(*, user: Any, pk: int) -> Round:
    """The round ``pk`` if it expects a unit ``user`` may see, else NotFoundError."""
    found = round_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFoundError(_("Không tìm thấy đợt báo cáo."))
    return found


# A self-report further than this from a system's figure is highlighted: points for
# percentages, relative difference (%) for counts. Twice as far is shown in red.
SYSTEM_DIFF_POINTS = 5.0
SYSTEM_DIFF_PERCENT = 10.0


@dataclass(frozen=True)
class SystemFigure:
    """A system's figure for an indicator, and how far the self-reported value is from it."""

    source_name: str
    value: float | None
    numerator: float | None
    denominator: float | None
    imported_at: datetime.datetime
    # Self-reported minus system: percentage points for percentages, % of the system's figure
    # for other numbers; None when there is nothing to compare.
    difference: float | None
    highlight: bool
    is_percent: bool
    is_synthetic: bool = False

    @property
    def severe(self) -> bool:
        limit = SYSTEM_DIFF_POINTS if self.is_percent else SYSTEM_DIFF_PERCENT
        return self.difference is not None and abs(self.difference) > 2 * limit


def report_system_values(*, report: Report) -> dict[str, list[SystemValue]]:
    """Other systems' values for ``report``'s unit and period, by indicator code (one query).

    Matched by code, so values imported under another framework version still show.
    """
    found: dict[str, list[SystemValue]] = defaultdict(list)
    qs = (
        SystemValue.objects.filter(unit_id=report.unit_id, period_id=report.period_id)
        .select_related("source", "indicator")
        .order_by("source__name", "-imported_at")
    )
    seen: set[tuple[str, int]] = set()
    for item in qs:
        key = (item.indicator.code, item.source_id)
        if key not in seen:  # the newest per source, if versions differ
            seen.add(key)
            found[item.indicator.code].append(item)
    return found


def system_difference(
    indicator: Indicator, own: float | None, system: float | None
) -> tuple[float | None, bool]:
    """(difference, highlight) of a self-reported ``own`` against a system's figure.

    Percentages: ``own - system`` in points, highlighted beyond :data:`SYSTEM_DIFF_POINTS`.
    Other numbers: ``(own - system) / system`` in %, highlighted beyond
    :data:`SYSTEM_DIFF_PERCENT` (a system zero against a non-zero self-report is highlighted,
    with no percentage).
    """
    if own is None or system is None:
        return None, False
    if indicator.is_ratio or indicator.unit.strip() == "%":
        points = own - system
        return points, abs(points) > SYSTEM_DIFF_POINTS
    if system == 0:
        return None, own != 0
    share = 100.0 * (own - system) / abs(system)
    return share, abs(share) > SYSTEM_DIFF_PERCENT


def system_figures(
    indicator: Indicator, value: DataValue | None, items: list[SystemValue]
) -> list[SystemFigure]:
    """The figures of ``items`` compared with the self-reported ``value``."""
    own = value.value if value is not None else None
    if own is None and value is not None:
        own = value.ratio_percent
    figures = []
    for item in items:
        difference, highlight = system_difference(indicator, own, item.value)
        figures.append(
            SystemFigure(
                source_name=item.source.name,
                value=item.value,
                numerator=item.numerator,
                denominator=item.denominator,
                imported_at=item.imported_at,
                difference=difference,
                highlight=highlight,
                is_percent=indicator.is_ratio or indicator.unit.strip() == "%",
                is_synthetic=item.is_synthetic,
            )
        )
    return figures


@dataclass
class EntryRow:
    """One indicator on the data entry page with everything shown beside its inputs."""

    indicator: Indicator
    value: DataValue | None
    previous: PreviousValue | None
    targets: list[Target]
    evidence: list[Evidence]
    comments: list[ReturnComment]
    issues: list[Issue]
    # Other systems' figures for the same indicator, shown beside the self-report.
    system: list[SystemFigure] = field(default_factory=list)

    @property
    def is_filled(self) -> bool:
        return self.value is not None and self.value.value is not None


@dataclass
class GroupSection:
    node: Node
    rows: list[EntryRow] = field(default_factory=list)


@dataclass
class Section:
    """A pillar of the framework with its groups of indicators."""

    node: Node
    groups: list[GroupSection] = field(default_factory=list)

    @property
    def rows(self) -> list[EntryRow]:
        return [row for group in self.groups for row in group.rows]


def report_entry_sections(*, report: Report) -> list[Section]:
    """Pillars → groups → rows of ``report`` for the data entry page, in framework order.

    Each row carries the stored value, last period's value (rebuilt from predecessors for a
    merged commune, see ``dxmon.collection.history``), the targets of the period's year, the
    evidence, the reviewers' comments and the validation issues. A fixed number of queries,
    whatever the number of indicators. The caller has already checked the user's scope
    (``report_get``).
    """
    year = report.period.start.year
    stored = DataValue.objects.filter(report=report).select_related("source_document")
    values = {v.indicator_id: v for v in stored.defer("source_document__text")}
    evidence: dict[int | None, list[Evidence]] = defaultdict(list)
    for item in Evidence.objects.filter(report=report).order_by("at", "pk"):
        evidence[item.indicator_id].append(item)
    comments: dict[int | None, list[ReturnComment]] = defaultdict(list)
    for comment in ReturnComment.objects.filter(report=report).select_related("author"):
        comments[comment.indicator_id].append(comment)
    previous = previous_values(report)
    system = report_system_values(report=report)
    result = report_validate(report)
    issues: dict[str | None, list[Issue]] = defaultdict(list)
    for issue in [*result.errors, *result.warnings]:
        issues[issue.indicator_code].append(issue)
    sections: list[Section] = []
    for pillar in indicator_tree(report.framework_version):
        section = Section(pillar.node)
        for branch in pillar.groups:
            group = GroupSection(branch.node)
            for indicator in branch.indicators:
                group.rows.append(
                    EntryRow(
                        indicator=indicator,
                        value=values.get(indicator.pk),
                        previous=previous.get(indicator.code),
                        targets=indicator_targets(indicator, year),
                        evidence=evidence.get(indicator.pk, []),
                        comments=comments.get(indicator.pk, []),
                        issues=issues.get(indicator.code, []),
                        system=system_figures(
                            indicator, values.get(indicator.pk), system.get(indicator.code, [])
                        ),
                    )
                )
            section.groups.append(group)
        sections.append(section)
    return sections


def report_completeness(report: Report) -> tuple[int, int]:
    """(indicators with a value, indicators in the framework version) of ``report``."""
    total = Indicator.objects.filter(version_id=report.framework_version_id).count()
    filled = DataValue.objects.filter(report=report, value__isnull=False).count()
    return filled, total


@dataclass(frozen=True)
class RateRow:
    """Reporting rate of a unit, or (``is_total``) of all expected units under a district or
    province, as DHIS2's REPORTING_RATE and REPORTING_RATE_ON_TIME: both over expected."""

    unit: Unit
    is_total: bool
    expected: int
    submitted: int
    on_time: int

    @property
    def rate(self) -> float | None:
        return 100.0 * self.submitted / self.expected if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        return 100.0 * self.on_time / self.expected if self.expected else None


def deadline_end(deadline: datetime.date) -> datetime.datetime:
    """The first instant after the deadline day, in the site's time zone."""
    day_after = datetime.datetime.combine(deadline + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(day_after)


def _path_key(unit: Unit) -> tuple[int, ...]:
    return tuple(int(pk) for pk in unit.path.strip("/").split("/") if pk)


def round_reporting_rate(*, round: Round) -> list[RateRow]:
    """Expected, submitted (anything past draft) and on-time reports of ``round``.

    One row per expected unit, and a total row per district and province above them, in tree
    order (a total before the units under it). On time means first submitted no later than
    the end of the deadline day.
    """
    units = list(round.units.all())
    reports = {
        r.unit_id: r
        for r in Report.objects.filter(
            unit__in=units,
            period_id=round.period_id,
            framework_version_id=round.framework_version_id,
        )
    }
    cutoff = deadline_end(round.deadline)
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    own: dict[int, tuple[int, int, int]] = {}
    for unit in units:
        report = reports.get(unit.pk)
        submitted = int(report is not None and report.status != ReportStatus.DRAFT)
        on_time = int(
            bool(submitted)
            and report is not None
            and report.submitted_at is not None
            and report.submitted_at < cutoff
        )
        own[unit.pk] = (1, submitted, on_time)
        for ancestor_pk in _path_key(unit)[:-1]:
            total = counts[ancestor_pk]
            total[0] += 1
            total[1] += submitted
            total[2] += on_time
    ancestors = Unit.objects.filter(pk__in=list(counts), level__lte=Level.DISTRICT)
    rows = [RateRow(u, False, *own[u.pk]) for u in units]
    rows += [RateRow(a, True, *counts[a.pk]) for a in ancestors]
    return sorted(rows, key=lambda row: (_path_key(row.unit), not row.is_total))


def report_audit(*, report: Report) -> QuerySet[AuditEntry]:
    """The audit entries of ``report`` and of everything in it, newest first."""
    label = Report._meta.label_lower
    return (
        AuditEntry.objects.filter(
            Q(context_type=label, context_id=str(report.pk))
            | Q(object_type=label, object_id=str(report.pk))
        )
        .select_related("actor")
        .order_by("-at", "-id")
    )
