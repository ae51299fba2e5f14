"""Reads of supervision, already scoped to the user, and the pre-visit brief.

Who sees what (through ``dxmon.accounts.scope`` only):

- a mission, its visits, findings and recommendations: the council that runs it (``SUPERVISE``
  on the mission's council unit);
- a visit (with its findings): whoever may ``VIEW`` the visited unit;
- a recommendation: whoever may ``VIEW`` the addressee unit (a commune sees what is addressed
  to it, and, after the 2025 merger, what was addressed to the old communes it was formed from);
- a mission: whoever sees one of its visits or recommendations.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Model, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from dxmon.accounts.scope import Action, restrict
from dxmon.collection.choices import ReportStatus, ValueSource
from dxmon.collection.models import DataValue, Report
from dxmon.frameworks.choices import Comparator, Direction, ValueType
from dxmon.frameworks.models import Indicator, Target
from dxmon.frameworks.selectors import indicator_tree
from dxmon.supervision.choices import (
    FINISHED_STATUSES,
    Pillar,
    RecommendationStatus,
)
from dxmon.supervision.models import (
    Finding,
    FollowUp,
    Mission,
    Recommendation,
    RecommendationQuerySet,
    Reminder,
    Visit,
)
from dxmon.units.models import Lineage, Unit
from dxmon.vn.numbers import format_number, format_percent

M = TypeVar("M", bound=Model)

# Self-reported and system figures further apart than this (points, or share for counts) are
# shown as an inconsistency.
MISMATCH_POINTS = 5.0
MISMATCH_SHARE = 0.10
# A figure this many points under the province median is a weak point worth a question.
PEER_GAP_POINTS = 10.0
# A median of fewer peers says nothing about the province.
MIN_PEERS = 3
MAX_QUESTIONS = 12

PILLAR_QUESTION_TAILS: dict[str, str] = {
    Pillar.GOVERNMENT: "Khó khăn về nhân lực, hạ tầng là gì?",
    Pillar.ECONOMY: (
        "Xã đã hỗ trợ doanh nghiệp, hộ kinh doanh, nông dân ứng dụng công nghệ số và đưa sản "
        "phẩm lên sàn thương mại điện tử như thế nào?"
    ),
    Pillar.SOCIETY: "Tổ công nghệ số cộng đồng đã hỗ trợ người dân ra sao; khó khăn là gì?",
    Pillar.FOUNDATION: "Xã cần hỗ trợ gì về kinh phí, đào tạo, trang thiết bị?",
}


# --------------------------------------------------------------------------------------------
# Scoped querysets


def mission_list(*, user: Any) -> QuerySet[Mission]:
    """The missions ``user`` may see: their council's, and those visiting or addressing them."""
    council = restrict(Mission.objects.all(), user, Action.SUPERVISE, unit_field="council_unit")
    visited = restrict(Visit.objects.all(), user, Action.VIEW)
    addressed = restrict(
        Recommendation.objects.all(), user, Action.VIEW, unit_field="addressee_unit"
    )
    return (
        Mission.objects.filter(
            Q(pk__in=council.values("pk"))
            | Q(pk__in=visited.values("mission_id"))
            | Q(pk__in=addressed.values("mission_id"))
        )
        .select_related("council_unit", "period", "created_by")
        .prefetch_related(Prefetch("visits", Visit.objects.select_related("unit")))
    )


def mission_get(*, user: Any, pk: int) -> Mission:
    """One mission ``user`` may see, or Http404."""
    return _get(mission_list(user=user), pk)


def _get(queryset: QuerySet[M], pk: Any) -> M:
    """One row of an already scoped queryset, or Http404: out of scope reads as not found."""
    try:
        return queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404(queryset.model._meta.object_name) from exc


def visit_list(*, user: Any, mission: Mission | None = None) -> QuerySet[Visit]:
    """Visits of the user's council, and visits to units the user may view."""
    council = restrict(
        Visit.objects.all(), user, Action.SUPERVISE, unit_field="mission__council_unit"
    )
    own = restrict(Visit.objects.all(), user, Action.VIEW)
    qs = Visit.objects.filter(Q(pk__in=council.values("pk")) | Q(pk__in=own.values("pk")))
    if mission is not None:
        qs = qs.filter(mission=mission)
    return qs.select_related("mission__council_unit", "unit").order_by("date", "pk")


def visit_get(*, user: Any, pk: int) -> Visit:
    return _get(visit_list(user=user), pk)


def finding_list(
    *, user: Any, mission: Mission | None = None, visit: Visit | None = None
) -> QuerySet[Finding]:
    """Findings of the user's council, and findings of visits to units the user may view."""
    council = restrict(
        Finding.objects.all(), user, Action.SUPERVISE, unit_field="mission__council_unit"
    )
    own = restrict(Finding.objects.all(), user, Action.VIEW, unit_field="visit__unit")
    qs = Finding.objects.filter(Q(pk__in=council.values("pk")) | Q(pk__in=own.values("pk")))
    if mission is not None:
        qs = qs.filter(mission=mission)
    if visit is not None:
        qs = qs.filter(visit=visit)
    return qs.select_related("visit__unit", "mission").order_by("pk")


def recommendation_list(
    *, user: Any, mission: Mission | None = None, today: datetime.date | None = None
) -> RecommendationQuerySet:
    """Recommendations of the user's council, and those addressed to units the user may view,
    each annotated with ``overdue_flag``."""
    council = restrict(
        Recommendation.objects.all(), user, Action.SUPERVISE, unit_field="mission__council_unit"
    )
    addressed = restrict(
        Recommendation.objects.all(), user, Action.VIEW, unit_field="addressee_unit"
    )
    qs = Recommendation.objects.filter(
        Q(pk__in=council.values("pk")) | Q(pk__in=addressed.values("pk"))
    )
    if mission is not None:
        qs = qs.filter(mission=mission)
    return (
        qs.with_overdue(today)
        .select_related("mission__council_unit", "addressee_unit", "finding")
        .order_by("deadline", "pk")
    )


def recommendation_get(*, user: Any, pk: int) -> Recommendation:
    return _get(recommendation_list(user=user), pk)


def recommendations_for_unit(
    *, user: Any, today: datetime.date | None = None
) -> RecommendationQuerySet:
    """What a commune sees and answers: the recommendations addressed to the units it may view
    (its own, and the old communes it was formed from)."""
    addressed = restrict(
        Recommendation.objects.all(), user, Action.VIEW, unit_field="addressee_unit"
    )
    return (
        Recommendation.objects.filter(pk__in=addressed.values("pk"))
        .with_overdue(today)
        .select_related("mission__council_unit", "addressee_unit")
        .order_by("deadline", "pk")
    )


def followup_list(*, recommendation: Recommendation) -> QuerySet[FollowUp]:
    """The timeline of a recommendation the caller already found within scope."""
    return recommendation.followups.select_related("author").order_by("date", "pk")


def reminder_list(*, user: Any) -> QuerySet[Reminder]:
    """Reminders to the units whose recommendations ``user`` sees as addressee."""
    return (
        restrict(Reminder.objects.all(), user, Action.VIEW, unit_field="addressee_unit")
        .select_related("recommendation__mission", "addressee_unit")
        .order_by("-created_on", "deadline", "pk")
    )


# --------------------------------------------------------------------------------------------
# Progress and overdue lists


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class MissionProgress:
    """How far a mission's recommendations are: by status, closed share, overdue count."""

    total: int
    by_status: tuple[StatusCount, ...]
    closed: int
    overdue: int

    @property
    def percent_closed(self) -> float:
        """Verified closed among the recommendations not cancelled."""
        cancelled = sum(
            s.count for s in self.by_status if s.status == RecommendationStatus.CANCELLED
        )
        base = self.total - cancelled
        return 100.0 * self.closed / base if base else 0.0

    @property
    def percent_closed_text(self) -> str:
        return format_percent(self.percent_closed, 0)


def _progress(counts: dict[str, int], overdue: int) -> MissionProgress:
    by_status = tuple(
        StatusCount(value, str(label), counts.get(value, 0))
        for value, label in RecommendationStatus.choices
    )
    return MissionProgress(
        total=sum(counts.values()),
        by_status=by_status,
        closed=counts.get(RecommendationStatus.VERIFIED_CLOSED, 0),
        overdue=overdue,
    )


def mission_progress(
    *, user: Any, missions: Iterable[Mission], today: datetime.date | None = None
) -> dict[int, MissionProgress]:
    """Each mission's recommendations (those ``user`` sees) rolled up, in two queries."""
    ids = [m.pk for m in missions]
    qs = recommendation_list(user=user, today=today).filter(mission_id__in=ids)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in qs.order_by().values("mission_id", "status").annotate(n=Count("pk")):
        counts[row["mission_id"]][row["status"]] = row["n"]
    overdue = dict(qs.overdue(today).order_by().values_list("mission_id").annotate(n=Count("pk")))
    return {pk: _progress(counts.get(pk, {}), overdue.get(pk, 0)) for pk in ids}


@dataclass(frozen=True)
class AddresseeOverdue:
    unit: Unit
    recommendations: tuple[Recommendation, ...]


def overdue_by_addressee(
    *, user: Any, mission: Mission | None = None, today: datetime.date | None = None
) -> list[AddresseeOverdue]:
    """The overdue recommendations ``user`` sees, grouped by addressee unit."""
    qs = recommendation_list(user=user, mission=mission, today=today).overdue(today)
    groups: dict[int, list[Recommendation]] = defaultdict(list)
    units: dict[int, Unit] = {}
    for rec in qs.order_by("addressee_unit__name", "deadline", "pk"):
        groups[rec.addressee_unit_id].append(rec)
        units[rec.addressee_unit_id] = rec.addressee_unit
    return [AddresseeOverdue(units[pk], tuple(recs)) for pk, recs in groups.items()]


# --------------------------------------------------------------------------------------------
# Figures of a unit (for the brief and the report)


@dataclass(frozen=True)
class Figure:
    """One indicator's approved value for a unit, with its target and the gap to it."""

    indicator_code: str
    name: str
    pillar_code: str
    value: float | None
    display: str
    is_percent: bool
    target_display: str = ""
    target_year: int | None = None
    target_source: str = ""
    gap: float | None = None  # value − target, in the indicator's unit (points for %)
    meets_target: bool | None = None
    peer_median: float | None = None
    peer_median_display: str = ""
    peer_count: int = 0
    source_label: str = ""
    is_synthetic: bool = False

    @property
    def gap_display(self) -> str:
        if self.gap is None:
            return ""
        sign = "+" if self.gap > 0 else ""
        text = format_number(round(self.gap, 1))
        return f"{sign}{text} " + (_("điểm %") if self.is_percent else "")


@dataclass(frozen=True)
class PillarFigures:
    code: str
    name: str
    figures: tuple[Figure, ...]


def value_display(indicator: Indicator, value: DataValue | None) -> tuple[float | None, str]:
    """The number to compare and the text to show ("trên 79%", "4/4", "Có")."""
    if value is None:
        return None, "—"
    number = value.value
    if number is None and value.ratio_percent is not None:
        number = value.ratio_percent
    if number is None:
        return None, "—"
    qualifier = f"{value.qualifier} " if value.qualifier else ""
    if indicator.value_type == ValueType.BOOLEAN:
        return number, _("Có") if number >= 0.5 else _("Không")
    if indicator.is_ratio or indicator.unit.strip() == "%":
        return number, f"{qualifier}{format_percent(number)}"
    unit = f" {indicator.unit}" if indicator.unit and indicator.unit != "%" else ""
    return number, f"{qualifier}{format_number(number)}{unit}"


def _target_display(indicator: Indicator, target: Target) -> str:
    symbol = Comparator(target.comparator).label if target.comparator != "=" else ""
    if indicator.value_type == ValueType.BOOLEAN:
        text = _("Có") if target.value >= 0.5 else _("Không")
    elif indicator.is_ratio or indicator.unit.strip() == "%":
        text = format_percent(target.value)
    else:
        text = format_number(target.value)
    return f"{symbol} {text}".strip()


def _pick_target(indicator: Indicator, year: int) -> Target | None:
    """This year's target, else the nearest later one, else the latest earlier one."""
    targets = list(indicator.targets.all())
    if not targets:
        return None
    later = sorted((t for t in targets if t.year >= year), key=lambda t: (t.year, t.pk))
    if later:
        return later[0]
    return sorted(targets, key=lambda t: (t.year, t.pk))[-1]


def _meets(indicator: Indicator, value: float, target: Target) -> bool:
    if indicator.direction == Direction.LOWER_IS_BETTER:
        return value < target.value if target.comparator == "<" else value <= target.value
    return value > target.value if target.comparator == ">" else value >= target.value - 1e-9


def latest_approved_report(*, unit: Unit, day: datetime.date, period: Any = None) -> Report | None:
    """The unit's approved report for ``period``, else its latest approved one by ``day``."""
    approved = Report.objects.filter(unit=unit, status=ReportStatus.APPROVED).select_related(
        "period", "framework_version", "unit"
    )
    if period is not None:
        report = approved.filter(period=period).first()
        if report is not None:
            return report
    report = approved.filter(period__start__lte=day).order_by("-period__end", "-pk").first()
    return report or approved.order_by("-period__end", "-pk").first()


def _province_path(unit: Unit) -> str:
    first = unit.path.strip("/").split("/")[0] if unit.path else ""
    return f"/{first}/" if first else ""


def peer_medians(report: Report, codes: Iterable[str]) -> dict[str, tuple[float, int]]:
    """Median and count of each indicator among the approved reports of the same level in the
    same province for the same period and framework version (the unit itself included)."""
    prefix = _province_path(report.unit)
    if not prefix:
        return {}
    rows = DataValue.objects.filter(
        report__period=report.period,
        report__framework_version=report.framework_version,
        report__status=ReportStatus.APPROVED,
        report__unit__level=report.unit.level,
        report__unit__path__startswith=prefix,
        indicator__code__in=list(codes),
    ).values_list("indicator__code", "value", "numerator", "denominator")
    by_code: dict[str, list[float]] = defaultdict(list)
    for code, value, num, den in rows:
        if value is None and num is not None and den:
            value = 100.0 * num / den
        if value is not None:
            by_code[code].append(value)
    return {code: (statistics.median(vals), len(vals)) for code, vals in by_code.items()}


def unit_figures(report: Report, *, with_peers: bool = True) -> list[PillarFigures]:
    """The scored figures of ``report`` per pillar, with targets and (optionally) peer medians."""
    values = {
        v.indicator.code: v for v in report.values.select_related("indicator", "source_document")
    }
    year = report.period.start.year
    medians = peer_medians(report, values.keys()) if with_peers else {}
    out: list[PillarFigures] = []
    for pillar in indicator_tree(report.framework_version):
        figures: list[Figure] = []
        for group in pillar.groups:
            for indicator in group.indicators:
                value = values.get(indicator.code)
                if value is None or not indicator.scored:
                    continue
                number, display = value_display(indicator, value)
                is_percent = indicator.is_ratio or indicator.unit.strip() == "%"
                target = _pick_target(indicator, year)
                extra: dict[str, Any] = {}
                if target is not None:
                    extra["target_display"] = _target_display(indicator, target)
                    extra["target_year"] = target.year
                    extra["target_source"] = target.source_title or target.source_code
                    if number is not None:
                        extra["gap"] = number - target.value
                        extra["meets_target"] = _meets(indicator, number, target)
                median, count = medians.get(indicator.code, (0.0, 0))
                if count >= MIN_PEERS:
                    extra["peer_median"] = median
                    extra["peer_count"] = count
                    extra["peer_median_display"] = (
                        format_percent(median) if is_percent else format_number(round(median, 1))
                    )
                figures.append(
                    Figure(
                        indicator_code=indicator.code,
                        name=indicator.name_vi,
                        pillar_code=pillar.node.code,
                        value=number,
                        display=display,
                        is_percent=is_percent,
                        source_label=str(ValueSource(value.source).label)
                        if value.source in ValueSource.values
                        else value.source,
                        is_synthetic=value.is_synthetic or report.is_synthetic,
                        **extra,
                    )
                )
        if figures:
            out.append(PillarFigures(pillar.node.code, pillar.node.name_vi, tuple(figures)))
    return out


# --------------------------------------------------------------------------------------------
# The pre-visit brief


@dataclass(frozen=True)
class Flag:
    """An outlier or inconsistency the delegation should ask about."""

    indicator_code: str
    kind: str  # "system_mismatch" | "jump" | "peer_outlier"
    message: str


@dataclass(frozen=True)
class RankInfo:
    text: str
    interval: str = ""


@dataclass(frozen=True)
class Brief:
    """What the delegation reads before visiting a unit."""

    visit: Visit
    unit: Unit
    report: Report | None
    period_code: str
    pillars: tuple[PillarFigures, ...]
    rank: RankInfo
    flags: tuple[Flag, ...]
    open_recommendations: tuple[Recommendation, ...]
    questions: tuple[str, ...]
    has_synthetic: bool
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def figure_count(self) -> int:
        return sum(len(p.figures) for p in self.pillars)


def _rank(*, user: Any, unit: Unit, period_code: str) -> RankInfo:
    """The unit's index rank and rank interval for the brief's period, from the scoring app's
    latest run; "chưa có kết quả xếp hạng" when none was computed (never a made-up figure)."""
    none = RankInfo(_("chưa có kết quả xếp hạng"))
    if not period_code:
        return none
    try:
        from dxmon.scoring.selectors import unit_scores
    except ImportError:
        return none
    score = next(
        (s for s in unit_scores(user=user, unit=unit) if s.run.period.code == period_code), None
    )
    if score is None or (score.rank is None and score.rank_in_province is None):
        return none
    if score.rank_in_province is not None:
        text = _("hạng %(rank)s trong tỉnh") % {"rank": score.rank_in_province}
    else:
        text = _("hạng %(rank)s") % {"rank": score.rank}
    if score.points is not None and score.max_points:
        text += _(", %(points)s/%(max)s điểm") % {
            "points": format_number(round(score.points, 1)),
            "max": format_number(score.max_points),
        }
    interval = ""
    if score.rank_p05 is not None and score.rank_p95 is not None:
        interval = _("khoảng hạng %(low)s–%(high)s (5%%–95%% các kịch bản)") % {
            "low": format_number(round(score.rank_p05)),
            "high": format_number(round(score.rank_p95)),
        }
    return RankInfo(text, interval)


def _mismatch_flags(report: Report) -> list[Flag]:
    """Self-reported figures that differ from system data for the same unit and period.

    System data are the values imported from other systems (``SystemValue``), and values an
    older import stored as reports with the "system" source.
    """
    from dxmon.collection.selectors import report_system_values

    rows = DataValue.objects.filter(
        report__unit=report.unit, report__period=report.period
    ).select_related("indicator")
    by_code: dict[str, list[DataValue]] = defaultdict(list)
    for row in rows:
        by_code[row.indicator.code].append(row)
    imported = report_system_values(report=report)
    flags = []
    for code in sorted(set(by_code) | set(imported)):
        items = by_code.get(code, [])
        system = [v for v in items if v.source == ValueSource.SYSTEM]
        system += [
            DataValue(
                indicator=sv.indicator,
                value=sv.value,
                numerator=sv.numerator,
                denominator=sv.denominator,
                source=ValueSource.SYSTEM,
            )
            for sv in imported.get(code, [])
        ]
        own = [v for v in items if v.source != ValueSource.SYSTEM]
        if not system or not own:
            continue
        a, a_text = value_display(own[0].indicator, own[0])
        b, b_text = value_display(system[0].indicator, system[0])
        if a is None or b is None:
            continue
        is_percent = own[0].indicator.is_ratio
        far = (
            abs(a - b) > MISMATCH_POINTS
            if is_percent
            else abs(a - b) > MISMATCH_SHARE * max(abs(b), 1)
        )
        if far:
            flags.append(
                Flag(
                    code,
                    "system_mismatch",
                    _("Chỉ số %(code)s: số tự báo cáo (%(own)s) khác dữ liệu hệ thống (%(sys)s).")
                    % {"code": code, "own": a_text, "sys": b_text},
                )
            )
    return flags


def _validation_flags(report: Report) -> list[Flag]:
    """Jumps against last period and outliers among peers, as the validation finds them."""
    try:
        from dxmon.collection.validation import report_validate
    except ImportError:
        return []
    result = report_validate(report)
    return [
        Flag(w.indicator_code or "", w.code, w.message)
        for w in result.warnings
        if w.code in ("jump", "peer_outlier")
    ]


def _related_units(unit: Unit) -> list[int]:
    """The unit, the old units it was formed from, and the units it became."""
    ids = {unit.pk}
    ids.update(Lineage.objects.filter(successor=unit).values_list("predecessor_id", flat=True))
    ids.update(Lineage.objects.filter(predecessor=unit).values_list("successor_id", flat=True))
    return sorted(ids)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


def suggested_questions(
    pillars: Iterable[PillarFigures],
    flags: Iterable[Flag],
    open_recommendations: Iterable[Recommendation],
) -> list[str]:
    """Rule-based questions from the weak points: targets missed, figures far under the peers'
    median, inconsistencies, and recommendations still open."""
    weak: list[tuple[float, str]] = []
    for pillar in pillars:
        tail = PILLAR_QUESTION_TAILS.get(pillar.code, "")
        for f in pillar.figures:
            name = _lower_first(f.name)
            if f.meets_target is False and f.gap is not None:
                question = _("Vì sao %(name)s (%(value)s) còn thấp hơn mục tiêu %(target)s?") % {
                    "name": name,
                    "value": f.display,
                    "target": f.target_display.lstrip("≥ ").strip(),
                }
                weak.append((f.gap, f"{question} {tail}".strip()))
            elif (
                f.is_percent
                and f.peer_median is not None
                and f.value is not None
                and f.peer_median - f.value > PEER_GAP_POINTS
            ):
                question = _(
                    "%(name)s của xã (%(value)s) thấp hơn trung vị các xã trong tỉnh "
                    "(%(median)s); nguyên nhân là gì?"
                ) % {"name": f.name, "value": f.display, "median": f.peer_median_display}
                weak.append((f.value - f.peer_median, f"{question} {tail}".strip()))
    questions = [q for _gap, q in sorted(weak, key=lambda item: item[0])]
    for flag in flags:
        questions.append(
            _("Đề nghị xã giải trình số liệu: %(message)s") % {"message": flag.message.rstrip(".")}
        )
    for rec in open_recommendations:
        questions.append(
            _("Kiến nghị “%(text)s” của đợt giám sát trước đã được thực hiện đến đâu?")
            % {"text": rec.text.rstrip(".")}
        )
    return questions[:MAX_QUESTIONS]


def visit_brief(*, user: Any, visit: Visit) -> Brief:
    """The pre-visit brief of ``visit`` (which the caller found within scope)."""
    unit = visit.unit
    report = latest_approved_report(unit=unit, day=visit.date, period=visit.mission.period)
    notes: list[str] = []
    pillars: list[PillarFigures] = []
    flags: list[Flag] = []
    period_code = ""
    if report is None:
        notes.append(_("Đơn vị chưa có báo cáo đã phê duyệt: chưa có số liệu để đối chiếu."))
    else:
        period_code = report.period.code
        pillars = unit_figures(report)
        flags = _mismatch_flags(report) + _validation_flags(report)
        present = {p.code for p in pillars}
        for code in (Pillar.GOVERNMENT, Pillar.ECONOMY, Pillar.SOCIETY):
            if code not in present:
                notes.append(
                    _("Chưa có số liệu về %(pillar)s.") % {"pillar": Pillar(code).label.lower()}
                )
    open_recs = tuple(
        recommendation_list(user=user)
        .filter(addressee_unit_id__in=_related_units(unit))
        .exclude(mission=visit.mission)
        .exclude(status__in=FINISHED_STATUSES)
    )
    has_synthetic = bool(report and report.is_synthetic) or any(
        f.is_synthetic for p in pillars for f in p.figures
    )
    return Brief(
        visit=visit,
        unit=unit,
        report=report,
        period_code=period_code,
        pillars=tuple(pillars),
        rank=_rank(user=user, unit=unit, period_code=period_code),
        flags=tuple(flags),
        open_recommendations=open_recs,
        questions=tuple(suggested_questions(pillars, flags, open_recs)),
        has_synthetic=has_synthetic,
        notes=tuple(notes),
    )


def today() -> datetime.date:
    return timezone.localdate()
