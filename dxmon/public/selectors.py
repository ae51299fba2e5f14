"""Reads for the public site and open data: published scores and approved values only.

The rules, in one place:

- a score is public when its run has an active :class:`~dxmon.public.models.Publication`
  (publication refuses runs that used unapproved data); when several published runs of a period
  scored the same unit, the latest publication wins;
- a raw value is public when its report is approved *now*, and a published run of the same period
  and framework version scored the report's unit.

The index rows of a period are immutable for a given set of published runs (a run is never
rewritten), so they are cached under a key naming those runs: publishing or withdrawing changes
the key, never the content behind a key.
"""

from __future__ import annotations

import time
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.urls import reverse

from dxmon.collection.choices import ReportStatus
from dxmon.collection.models import DataValue, Period
from dxmon.frameworks.models import Node
from dxmon.public.models import Publication
from dxmon.scoring.models import INDEX_CODE, Score
from dxmon.units.models import Lineage, Unit
from dxmon.vn.numbers import format_number, format_percent

CACHE_SECONDS = 6 * 3600
LOCAL_SECONDS = 600
# A process-local copy in front of the shared cache: the content behind a key never changes, and
# unpickling a whole country's rows on every request would cost more than the page itself.
_LOCAL: OrderedDict[str, Any] = OrderedDict()
_LOCAL_SIZE = 32


def _cached(key: str, compute: Callable[[], Any]) -> Any:
    now = time.monotonic()
    if key in _LOCAL and _LOCAL[key][0] > now:
        _LOCAL.move_to_end(key)
        return _LOCAL[key][1]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    # Unit names and coordinates are copied into the rows: refresh them now and then.
    _LOCAL[key] = (now + LOCAL_SECONDS, value)
    while len(_LOCAL) > _LOCAL_SIZE:
        _LOCAL.popitem(last=False)
    return value


def clear_local_cache() -> None:
    """Forget the process-local copies (tests; the shared cache is cleared separately)."""
    _LOCAL.clear()


@dataclass(frozen=True)
class IndexRow:
    """A unit's published index score in one period, with what the table and map show."""

    unit_pk: int
    code: str
    name: str
    kind: str
    structure: str
    province_pk: int
    latitude: float | None
    longitude: float | None
    area_km2: float | None
    points: float | None
    max_points: float | None
    value: float | None
    rank_in_province: int | None
    rank: int | None
    rank_p05: float | None
    rank_p95: float | None
    reconstructed: bool
    method: str
    is_synthetic: bool
    run_id: int
    national_run: bool

    @property
    def percent(self) -> float | None:
        return None if self.value is None else 100.0 * self.value


@dataclass(frozen=True)
class RankedRow:
    """A row of a ranking table: the score with its rank within the table."""

    row: IndexRow
    rank: int
    province_name: str = ""
    url: str = ""

    # Formatted once here: a ranking has thousands of rows and template filters cost per cell.
    @property
    def points_text(self) -> str:
        return format_number(self.row.points, 1)

    @property
    def max_text(self) -> str:
        return format_number(self.row.max_points, 0)

    @property
    def percent_text(self) -> str:
        return format_percent(self.row.percent)

    @property
    def interval_text(self) -> str:
        if self.row.rank_p05 is None or self.row.rank_p95 is None:
            return "—"
        return f"{format_number(self.row.rank_p05, 0)}–{format_number(self.row.rank_p95, 0)}"


@dataclass
class PublishedPeriod:
    """A period with at least one active publication and the provinces it covers."""

    period: Period
    provinces: list[Unit] = field(default_factory=list)
    published_at: Any = None
    is_synthetic: bool = False


# --------------------------------------------------------------------------------------------
# Publications


def active_publications(*, period: Period | None = None) -> QuerySet[Publication]:
    """Publications not withdrawn, latest first, of ``period`` when given."""
    qs = Publication.objects.filter(withdrawn_at__isnull=True).select_related(
        "run", "run__period", "run__province", "run__framework_version"
    )
    if period is not None:
        qs = qs.filter(run__period=period)
    return qs.order_by("-published_at", "-pk")


def published_period_list() -> list[Period]:
    """Periods with an active publication, latest first."""
    ids = Publication.objects.filter(withdrawn_at__isnull=True).values("run__period_id")
    return list(Period.objects.filter(pk__in=ids).order_by("-start", "-end"))


def published_period_get(code: str) -> Period | None:
    """The period ``code`` if it has an active publication (else None: it is not public)."""
    return next((p for p in published_period_list() if p.code == code), None)


def _period_key(period: Period) -> tuple[str, list[Publication]]:
    pubs = list(active_publications(period=period))
    return f"public:index:{period.pk}:" + "-".join(str(p.run_id) for p in pubs), pubs


def period_cache_key(period: Period) -> str:
    """A key naming the published content of ``period`` (changes when a publication does)."""
    return _period_key(period)[0]


def period_index_rows(period: Period) -> dict[int, IndexRow]:
    """The published index score of every unit scored in ``period``, by unit pk (cached)."""
    key, pubs = _period_key(period)
    if not pubs:
        return {}
    return _cached(key, lambda: _index_rows(pubs))  # type: ignore[no-any-return]


def _index_rows(pubs: list[Publication]) -> dict[int, IndexRow]:
    national = {p.run_id for p in pubs if p.run.province_id is None}
    order = {p.run_id: i for i, p in enumerate(pubs)}
    rows = Score.objects.filter(run_id__in=list(order), node_code=INDEX_CODE).values_list(
        "run_id", "unit_id", "unit__code", "unit__name", "unit__kind", "unit__structure",
        "unit__path", "unit__latitude", "unit__longitude", "unit__area_km2", "points",
        "max_points", "value", "rank_in_province", "rank", "rank_p05", "rank_p95",
        "reconstructed", "method", "is_synthetic",
    )  # fmt: skip
    best: dict[int, IndexRow] = {}
    for r in sorted(rows, key=lambda r: order[r[0]], reverse=True):
        root = int(r[6].strip("/").split("/")[0]) if r[6] else r[1]
        best[r[1]] = IndexRow(
            r[1], r[2], r[3], r[4], r[5], root, r[7], r[8], r[9], r[10], r[11], r[12],
            r[13], r[14], r[15], r[16], r[17], r[18], r[19], r[0], r[0] in national,
        )  # fmt: skip
    return best


def _period_summary(period: Period) -> tuple[list[int], bool]:
    """The provinces a period's published rows cover, and whether any row is synthetic."""
    key, pubs = _period_key(period)
    if not pubs:
        return [], False

    def compute() -> tuple[list[int], bool]:
        rows = period_index_rows(period).values()
        ids = sorted({r.province_pk for r in rows})
        return ids, any(r.is_synthetic for r in rows)

    return _cached(key + ":summary", compute)  # type: ignore[no-any-return]


def published_periods() -> list[PublishedPeriod]:
    """Every published period with the provinces whose units it scored, latest first."""
    out: list[PublishedPeriod] = []
    pubs = list(active_publications())
    periods = published_period_list()
    summaries = {p.pk: _period_summary(p) for p in periods}
    provinces = Unit.objects.in_bulk({pk for ids, _s in summaries.values() for pk in ids})
    for period in periods:
        ids, synthetic = summaries[period.pk]
        out.append(
            PublishedPeriod(
                period=period,
                provinces=sorted(
                    (provinces[i] for i in ids if i in provinces), key=lambda u: u.name
                ),
                published_at=next(
                    (p.published_at for p in pubs if p.run.period_id == period.pk), None
                ),
                is_synthetic=synthetic,
            )
        )
    return out


# --------------------------------------------------------------------------------------------
# Rankings


def _sport_rank(rows: list[IndexRow]) -> list[tuple[IndexRow, int]]:
    ordered = sorted(rows, key=lambda r: (-(r.points if r.points is not None else -1e18), r.code))
    out: list[tuple[IndexRow, int]] = []
    previous: float | None = None
    rank = 0
    for i, r in enumerate(ordered, start=1):
        if r.points != previous:
            rank, previous = i, r.points
        out.append((r, rank))
    return out


def province_get(code: str, period: Period, structure: str | None = None) -> Unit | None:
    """The province ``code`` valid at the end of ``period`` (the 2025 one after the merger), or
    the one of ``structure``: codes repeat across the merger (Vĩnh Long is 86 in both), and a
    period before it has scores for the old province and, rebuilt, for the new one."""
    provinces = Unit.objects.filter(code=code, level=1)
    if structure:
        return provinces.filter(structure=structure).first()
    return provinces.valid_on(period.end).first() or provinces.order_by("-structure").first()


def public_ranking(*, period: Period, province: Unit | None = None) -> list[RankedRow]:
    """Published index scores of ``period`` ranked within ``province`` (or the whole country),
    the units scored as they were (observed) first, then those rebuilt across the merger."""
    key = f"{period_cache_key(period)}:ranking:{province.pk if province else 'all'}"
    return _cached(key, lambda: _ranking(period, province))  # type: ignore[no-any-return]


def _ranking(period: Period, province: Unit | None) -> list[RankedRow]:
    rows = list(period_index_rows(period).values())
    if province is not None:
        rows = [r for r in rows if r.province_pk == province.pk]
    names = _province_names({r.province_pk for r in rows}) if province is None else {}
    out: list[RankedRow] = []
    base = reverse("public:unit", args=[0]).removesuffix("0/")  # one reverse, not one per row
    for reconstructed in (False, True):
        block = [r for r in rows if r.reconstructed == reconstructed]
        for r, rank in _sport_rank(block):
            url = f"{base}{r.unit_pk}/"
            out.append(RankedRow(r, rank, names.get(r.province_pk, ""), url))
    return out


def _province_names(ids: set[int]) -> dict[int, str]:
    key = "public:province-names"
    names: dict[int, str] | None = cache.get(key)
    if names is None or not ids <= names.keys():
        names = dict(Unit.objects.filter(level=1).values_list("pk", "name"))
        cache.set(key, names, CACHE_SECONDS)
    return names


def intervals_apply(rows: list[RankedRow], *, national: bool) -> bool:
    """Whether the stored 5–95 % rank intervals mean ranks within this table: they were
    computed within the run, so they apply to a province table from a province run and to the
    national table from one national run."""
    runs = {r.row.run_id for r in rows}
    if not rows or not any(r.row.rank_p05 is not None for r in rows):
        return False
    if national:
        return len(runs) == 1 and rows[0].row.national_run
    return not any(r.row.national_run for r in rows)


# --------------------------------------------------------------------------------------------
# A unit's public profile


@dataclass(frozen=True)
class HistoryPoint:
    period: Period
    unit: Unit
    row: IndexRow
    own: bool  # the unit's own score (else a predecessor's)


@dataclass
class UnitProfile:
    unit: Unit
    province: Unit | None
    history: list[HistoryPoint]
    predecessors: list[Unit]
    latest: HistoryPoint | None
    nodes: list[tuple[str, str, Score]]  # (code, name, score) of the pillars in the latest run
    values: list[DataValue]
    province_median: float | None  # percent
    is_synthetic: bool


def _pillars(latest: HistoryPoint) -> list[tuple[str, str, Score]]:
    run_id = latest.row.run_id
    pillars = Node.objects.filter(version__scoring_runs__pk=run_id, parent__isnull=True).order_by(
        "order", "code"
    )
    names = {n.code: n.name_vi for n in pillars}
    scores = Score.objects.filter(run_id=run_id, unit_id=latest.row.unit_pk, node_code__in=names)
    by_code = {s.node_code: s for s in scores}
    return [(c, names[c], by_code[c]) for c in names if c in by_code]


def public_unit_profile(unit: Unit) -> UnitProfile | None:
    """Everything the public profile of ``unit`` shows, or None if nothing of it is published."""
    periods = published_period_list()
    links = list(Lineage.objects.filter(successor=unit).select_related("predecessor"))
    predecessors = [link.predecessor for link in links]
    wanted = {unit.pk: unit} | {p.pk: p for p in predecessors}
    history: list[HistoryPoint] = []
    for period in sorted(periods, key=lambda p: p.start):
        rows = period_index_rows(period)
        for pk, u in wanted.items():
            if pk in rows:
                history.append(HistoryPoint(period, u, rows[pk], pk == unit.pk))
    own = [h for h in history if h.own]
    if not own:
        return None
    latest = own[-1]
    province = Unit.objects.filter(pk=latest.row.province_pk).first()
    peers = [
        r.value * 100.0
        for r in period_index_rows(latest.period).values()
        if r.province_pk == latest.row.province_pk
        and r.reconstructed == latest.row.reconstructed
        and r.value is not None
    ]
    return UnitProfile(
        unit=unit,
        province=province,
        history=history,
        predecessors=predecessors,
        latest=latest,
        nodes=_pillars(latest),
        values=list(
            public_values(period=latest.period)
            .filter(report__unit=unit)
            .select_related("indicator", "report")
            .order_by("indicator__order", "indicator__code")
        ),
        province_median=_median(peers),
        is_synthetic=any(h.row.is_synthetic for h in history),
    )


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


# --------------------------------------------------------------------------------------------
# Values and scores for open data


def public_values(*, period: Period, province: Unit | None = None) -> QuerySet[DataValue]:
    """Values of approved reports of ``period`` whose unit a published run of the period scored
    (under the report's framework version)."""
    pubs = list(active_publications(period=period))
    if not pubs:
        return DataValue.objects.none()
    scored = Q()
    for pub in pubs:
        units = Score.objects.filter(run_id=pub.run_id, node_code=INDEX_CODE, reconstructed=False)
        scored |= Q(
            report__framework_version_id=pub.run.framework_version_id,
            report__unit_id__in=units.values("unit_id"),
        )
    qs = DataValue.objects.filter(
        scored, report__period=period, report__status=ReportStatus.APPROVED
    )
    if province is not None:
        qs = qs.filter(report__unit__path__startswith=province.path)
    return qs


def public_scores(*, period: Period, province: Unit | None = None) -> QuerySet[Score]:
    """Every node's published score of ``period`` (index, pillars, groups, indicators), from the
    run whose publication wins for each unit."""
    rows = period_index_rows(period)
    by_run: dict[int, list[int]] = defaultdict(list)
    for r in rows.values():
        if province is None or r.province_pk == province.pk:
            by_run[r.run_id].append(r.unit_pk)
    if not by_run:
        return Score.objects.none()
    cond = Q()
    for run_id, unit_ids in by_run.items():
        cond |= Q(run_id=run_id, unit_id__in=unit_ids)
    return Score.objects.filter(cond)


def publication_of_run(run_id: int) -> Publication | None:
    return active_publications().filter(run_id=run_id).first()
