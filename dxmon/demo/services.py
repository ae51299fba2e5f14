"""The demo: real units, the default framework, one user per role, the real Tân Hội 2022 report
and labelled synthetic data for every other commune and year.

Every step is idempotent: a second :func:`demo_load` finds everything in place and writes
nothing. Steps commit one by one (no transaction spans the whole load) so a background job's
progress stays visible while it runs.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from ruamel.yaml import YAML

from dxmon.accounts.choices import Role
from dxmon.accounts.models import User
from dxmon.accounts.services import user_create
from dxmon.audit.services import audit_entry, audit_record_many
from dxmon.collection.choices import ReportStatus, ValueSource
from dxmon.collection.models import DataValue, Period, Report, SourceDocument
from dxmon.collection.services import period_get_or_create
from dxmon.demo import generator
from dxmon.frameworks.choices import ValueType
from dxmon.frameworks.models import FrameworkVersion, Indicator
from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load
from dxmon.units.choices import Kind, Level, Structure
from dxmon.units.models import Lineage, Unit
from dxmon.units.services import lineage_load, units_load

Progress = Callable[[int, int], None]

DATA_DIR = Path(__file__).resolve().parent / "data"
ARTICLE_PATH = DATA_DIR / "tan-hoi-2022-08-17.txt"
MAPPING_PATH = DEFAULT_FRAMEWORK_PATH.parent / "tan_hoi_2022_mapping.yaml"
ARTICLE_TITLE = "HĐND tỉnh giám sát việc thực hiện chuyển đổi số đối với UBND xã Tân Hội"
ARTICLE_URL = (
    "https://baodongkhoi.vn/hdnd-tinh-giam-sat-viec-thuc-hien-chuyen-doi-so-doi-voi-ubnd-xa-tan-hoi"
    "-17082022-a104172.html"
)
ARTICLE_PUBLISHER = "Báo Đồng Khởi"
ARTICLE_DATE = datetime.date(2022, 8, 17)

# The old provinces merged into the new Vĩnh Long on 1 July 2025: Bến Tre, Vĩnh Long, Trà Vinh.
OLD_PROVINCES = ("83", "86", "84")
NEW_PROVINCE = "86"
TAN_HOI = "28940"
YEARS = (2022, 2023, 2024, 2025)
SEED = generator.DEFAULT_SEED
DEMO_ACTION = "demo.load"
BATCH_SIZE = 2000
STEPS = 10  # the fixed steps before the synthetic reports (see demo_load)


class DemoError(RuntimeError):
    """The demo cannot be loaded as asked; the message is for the user."""


@dataclass(frozen=True)
class DemoUser:
    """A demo login: the role it shows, and where its scope unit is found."""

    username: str
    role: str
    full_name: str
    position: str
    organisation: str
    scope_structure: str = ""
    scope_level: int = 0
    scope_code: str = ""


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", Role.ADMIN, "Quản trị hệ thống (mẫu)", "Quản trị viên", "dxmon"),
    DemoUser(
        "so_khcn",
        Role.PROVINCE,
        "Chuyên viên Sở KH&CN (mẫu)",
        "Chuyên viên phụ trách chuyển đổi số",
        "Sở Khoa học và Công nghệ tỉnh Vĩnh Long",
        Structure.Y2025,
        Level.PROVINCE,
        NEW_PROVINCE,
    ),
    DemoUser(
        "huyen_mocaynam",
        Role.DISTRICT,
        "Chuyên viên huyện Mỏ Cày Nam (mẫu)",
        "Chuyên viên Phòng Văn hóa và Thông tin",
        "UBND huyện Mỏ Cày Nam",
        Structure.Y2022,
        Level.DISTRICT,
        "833",
    ),
    DemoUser(
        "xa_tanhoi",
        Role.COMMUNE,
        "Công chức xã Tân Hội (mẫu)",
        "Công chức Văn phòng - Thống kê",
        "UBND xã Tân Hội",
        Structure.Y2022,
        Level.COMMUNE,
        TAN_HOI,
    ),
    DemoUser(
        "xa_mocay",
        Role.COMMUNE,
        "Công chức xã Mỏ Cày (mẫu)",
        "Công chức Văn phòng HĐND và UBND",
        "UBND xã Mỏ Cày",
        Structure.Y2025,
        Level.COMMUNE,
        "28903",
    ),
    # The 2025 province reaches its 2022 predecessors (Bến Tre, so Tân Hội) through lineage.
    DemoUser(
        "hdnd_vanhoa",
        Role.SUPERVISOR,
        "Đại biểu HĐND tỉnh (mẫu)",
        "Thành viên Ban Văn hóa - Xã hội",
        "Ban Văn hóa - Xã hội HĐND tỉnh Vĩnh Long",
        Structure.Y2025,
        Level.PROVINCE,
        NEW_PROVINCE,
    ),
    DemoUser("congchung", Role.PUBLIC, "Người dân (mẫu)", "", ""),
)


@dataclass
class DemoSummary:
    """What a demo load wrote (zeros everywhere on a second run)."""

    units_created: int = 0
    lineage_created: int = 0
    framework: str = ""
    users_created: int = 0
    periods_created: int = 0
    reports_created: int = 0
    values_created: int = 0
    audit_entries: int = 0
    system_values_created: int = 0
    scoring_runs: int = 0
    steps: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    scope: str


# --------------------------------------------------------------------------------------------
# Steps


def demo_units_load() -> tuple[int, int]:
    """The three old provinces (2022), the new Vĩnh Long (2025) and the lineage between them."""
    created = 0
    for code in OLD_PROVINCES:
        created += units_load(structure=Structure.Y2022, province=code).created
    created += units_load(structure=Structure.Y2025, province=NEW_PROVINCE).created
    lineage = lineage_load(province=NEW_PROVINCE)
    return created, lineage.created


def demo_framework_load() -> FrameworkVersion:
    return framework_load(path=DEFAULT_FRAMEWORK_PATH)


def _unit(structure: str, level: int, code: str) -> Unit:
    unit = Unit.objects.filter(structure=structure, level=level, code=code).first()
    if unit is None:
        raise DemoError(
            _("Chưa có đơn vị %(code)s (cơ cấu %(structure)s): hãy nạp đơn vị hành chính trước.")
            % {"code": code, "structure": structure}
        )
    return unit


@transaction.atomic
def demo_users_ensure(*, password: str | None = None) -> int:
    """One demo user per role; existing ones are left as they are."""
    password = password or settings.DXMON_DEMO_PASSWORD
    existing = set(
        User.objects.filter(username__in=[u.username for u in DEMO_USERS]).values_list(
            "username", flat=True
        )
    )
    created = 0
    for demo in DEMO_USERS:
        if demo.username in existing:
            continue
        scope = (
            _unit(demo.scope_structure, demo.scope_level, demo.scope_code)
            if demo.scope_code
            else None
        )
        user_create(
            username=demo.username,
            password=password,
            role=demo.role,
            scope_unit=scope,
            full_name=demo.full_name,
            position=demo.position,
            organisation=demo.organisation,
            validate_password_strength=False,
        )
        created += 1
    return created


def demo_periods_ensure() -> tuple[list[Period], int]:
    before = Period.objects.filter(code__in=[str(y) for y in YEARS]).count()
    periods = [period_get_or_create(code=str(year)) for year in YEARS]
    return periods, len(periods) - before


def _read_yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _sentence(text: str, figure: str) -> str:
    """The sentence of ``text`` that contains ``figure`` (or the figure itself)."""
    for paragraph in text.splitlines():
        for sentence in re.split(r"(?<=[.!?…])\s+", paragraph):
            if figure in sentence:
                return sentence.strip()
    return figure


@transaction.atomic
def demo_tan_hoi_load(*, version: FrameworkVersion, period: Period) -> tuple[int, int, int]:
    """The real Tân Hội 2022 report from the Báo Đồng Khởi article, with the article as source.

    Returns (reports created, values created, audit entries written).
    """
    text = ARTICLE_PATH.read_text(encoding="utf-8")
    document, _created = SourceDocument.objects.get_or_create(
        title=ARTICLE_TITLE,
        published_on=ARTICLE_DATE,
        defaults={"url": ARTICLE_URL, "publisher": ARTICLE_PUBLISHER, "text": text},
    )
    unit = _unit(Structure.Y2022, Level.COMMUNE, TAN_HOI)
    report, report_created = Report.objects.get_or_create(
        unit=unit,
        period=period,
        framework_version=version,
        defaults={
            "status": ReportStatus.APPROVED,
            "is_synthetic": False,
            "submitted_at": timezone.make_aware(datetime.datetime(2022, 8, 17, 8, 0)),
            "approved_at": timezone.make_aware(datetime.datetime(2022, 8, 17, 13, 0)),
        },
    )
    mapping = _read_yaml(MAPPING_PATH)
    indicators = {i.code: i for i in version.indicators.all()}
    have = set(report.values.values_list("indicator__code", flat=True))
    reason = _("Dữ liệu mẫu từ bài báo “%(title)s” (%(publisher)s, %(date)s)") % {
        "title": ARTICLE_TITLE,
        "publisher": ARTICLE_PUBLISHER,
        "date": ARTICLE_DATE.strftime("%d/%m/%Y"),
    }
    values: list[DataValue] = []
    for figure in mapping["figures"]:
        code = figure["indicator"]
        if code in have or code not in indicators:
            continue
        have.add(code)
        values.append(
            DataValue(
                report=report,
                indicator=indicators[code],
                value=_float(figure.get("value")),
                numerator=_float(figure.get("numerator")),
                denominator=_float(figure.get("denominator")),
                qualifier=figure.get("qualifier") or "",
                source=ValueSource.DOCUMENT,
                source_document=document,
                source_excerpt=_sentence(text, figure["figure"]),
                is_synthetic=False,
            )
        )
    DataValue.objects.bulk_create(values)
    entries = []
    if report_created:
        entries.append(
            audit_entry(
                actor=None, action=DEMO_ACTION, obj=report, new=report.status, reason=reason
            )
        )
    for value in report.values.filter(indicator__code__in=[v.indicator.code for v in values]):
        entries.append(
            audit_entry(
                actor=None,
                action=DEMO_ACTION,
                obj=value,
                field="value",
                new=value.value,
                reason=reason,
                context=report,
            )
        )
    audit_record_many(entries)
    return int(report_created), len(values), len(entries)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


# --------------------------------------------------------------------------------------------
# Synthetic data


def indicator_specs(version: FrameworkVersion) -> list[tuple[Indicator, generator.IndicatorSpec]]:
    """The version's indicators as the generator sees them (in the framework's order)."""
    out = []
    for ind in version.indicators.select_related("group").order_by("order", "code"):
        shares: tuple[float, ...] = ()
        if ind.value_type == ValueType.CHOICE:
            tiers = (ind.scoring or {}).get("tiers") or []
            shares = tuple(float(t["share"]) for t in tiers if "share" in t)
        spec = generator.IndicatorSpec(
            code=ind.code,
            value_type=ind.value_type,
            name=ind.name_vi,
            direction=int(ind.direction),
            min_value=ind.min_value,
            max_value=ind.max_value,
            scored=ind.scored,
            denominator_label=ind.denominator_label,
            choice_shares=shares,
            is_context=ind.code.startswith("CTX."),
        )
        out.append((ind, spec))
    return out


_URBAN = {Kind.WARD, Kind.TOWNSHIP}
# What the article tells about Tân Hội, so its synthetic 2023–2024 follow on from 2022: 4 ấp,
# and figures (90 %, 100 %) well above the typical commune's.
TAN_HOI_FACTS: dict[str, Any] = {"maturity": 1.2, "context": (("hamlets", 4.0),)}


def commune_specs() -> tuple[list[generator.CommuneSpec], dict[str, Unit]]:
    """The demo communes: old ones for 2022–2024, new Vĩnh Long ones (from lineage) for 2025."""
    old_provinces = Unit.objects.filter(
        structure=Structure.Y2022, level=Level.PROVINCE, code__in=OLD_PROVINCES
    )
    new_province = _unit(Structure.Y2025, Level.PROVINCE, NEW_PROVINCE)
    units: dict[str, Unit] = {}
    specs: list[generator.CommuneSpec] = []
    for province in old_provinces:
        for unit in Unit.objects.descendants_of(province).filter(level=Level.COMMUNE):
            key = f"{Structure.Y2022}:{unit.code}"
            units[key] = unit
            known = TAN_HOI_FACTS if unit.code == TAN_HOI else {}
            specs.append(
                generator.CommuneSpec(
                    key=key, years=(2022, 2023, 2024), urban=unit.kind in _URBAN, **known
                )
            )
    predecessors: dict[int, list[str]] = {}
    for succ_id, pred_code in Lineage.objects.filter(
        successor__path__startswith=new_province.path, predecessor__level=Level.COMMUNE
    ).values_list("successor_id", "predecessor__code"):
        predecessors.setdefault(succ_id, []).append(f"{Structure.Y2022}:{pred_code}")
    for unit in Unit.objects.descendants_of(new_province).filter(level=Level.COMMUNE):
        key = f"{Structure.Y2025}:{unit.code}"
        units[key] = unit
        specs.append(
            generator.CommuneSpec(
                key=key,
                years=(2025,),
                predecessors=tuple(sorted(predecessors.get(unit.pk, []))),
                urban=unit.kind in _URBAN,
            )
        )
    specs.sort(key=lambda s: s.key)
    return specs, units


# Review workflow of 2025: most reports approved, some still moving.
_STATUS_2025 = (
    (ReportStatus.APPROVED, 0.6),
    (ReportStatus.SUBMITTED, 0.2),
    (ReportStatus.DRAFT, 0.1),
    (ReportStatus.RETURNED, 0.1),
)


def _status(key: str, year: int) -> str:
    if year < 2025:
        return ReportStatus.APPROVED
    draw = np.random.default_rng([SEED, generator._crc(key), 9]).random()
    cumulative = 0.0
    for status, share in _STATUS_2025:
        cumulative += share
        if draw < cumulative:
            return status
    return ReportStatus.APPROVED


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 9, 0))


def demo_synthetic_load(
    *,
    version: FrameworkVersion,
    periods: Iterable[Period],
    progress: Progress | None = None,
    offset: int = 0,
    total: int = 0,
) -> tuple[int, int]:
    """Synthetic reports and values for every demo commune and year that has none yet.

    Tân Hội 2022 (real data) is skipped. Returns (reports created, values created).
    """
    by_year = {int(p.code): p for p in periods}
    specs, units = commune_specs()
    pairs = [(s, y) for s in specs for y in s.years]
    existing = set(
        Report.objects.filter(framework_version=version, period__in=by_year.values()).values_list(
            "unit_id", "period_id"
        )
    )
    todo = [
        (s, y)
        for s, y in pairs
        if (units[s.key].pk, by_year[y].pk) not in existing
        and not (s.key == f"{Structure.Y2022}:{TAN_HOI}" and y == 2022)
    ]
    if progress:
        progress(offset + len(pairs) - len(todo), total)
    if not todo:
        return 0, 0
    indicators = indicator_specs(version)
    by_code = {ind.code: ind for ind, _spec in indicators}
    reviewer = User.objects.filter(username="so_khcn").first()
    reports_created = values_created = 0
    chunk = 100
    for start in range(0, len(todo), chunk):
        part = todo[start : start + chunk]
        with transaction.atomic():
            reports = []
            for spec, year in part:
                period = by_year[year]
                status = _status(spec.key, year)
                submitted = status != ReportStatus.DRAFT
                approved = status == ReportStatus.APPROVED
                report_day = min(period.end + datetime.timedelta(days=20), timezone.localdate())
                reports.append(
                    Report(
                        unit=units[spec.key],
                        period=period,
                        framework_version=version,
                        status=status,
                        is_synthetic=True,
                        submitted_at=_aware(report_day) if submitted else None,
                        approved_at=_aware(report_day + datetime.timedelta(days=10))
                        if approved
                        else None,
                        approved_by=reviewer if approved else None,
                    )
                )
            Report.objects.bulk_create(reports, batch_size=BATCH_SIZE)
            # bulk_create sets primary keys on SQLite and PostgreSQL.
            report_of = {(r.unit_id, r.period_id): r for r in reports}
            generated = generator.generate(
                [spec for _ind, spec in indicators],
                [dataclasses.replace(s, years=(y,)) for s, y in part],
                seed=SEED,
            )
            values = [
                DataValue(
                    report=report_of[(units[g.commune].pk, by_year[g.year].pk)],
                    indicator=by_code[g.indicator],
                    value=g.value,
                    numerator=g.numerator,
                    denominator=g.denominator,
                    source=ValueSource.SYNTHETIC,
                    is_synthetic=True,
                )
                for g in generated
            ]
            DataValue.objects.bulk_create(values, batch_size=BATCH_SIZE)
        reports_created += len(reports)
        values_created += len(values)
        if progress:
            progress(offset + len(pairs) - len(todo) + start + len(part), total)
    return reports_created, values_created


DVC_PROFILE_NAME = "Cổng DVC quốc gia – tỷ lệ hồ sơ trực tuyến (Bộ chỉ số 766)"
SYSTEM_INDICATOR = "CQS.07"


def demo_system_load(*, period: Period) -> int:
    """Synthetic DVC portal figures for CQS.07 of the 2025 Vĩnh Long communes, beside their
    self-reports: mostly close, some further apart than the highlight threshold.

    A mapping profile of the province office is created once; units that already have a
    system value are skipped. Returns the system values created.
    """
    from dxmon.collection.models import MappingProfile, SystemSource, SystemValue

    source = SystemSource.objects.filter(code="dvc_portal").first()
    if source is None:
        return 0
    province = _unit(Structure.Y2025, Level.PROVINCE, NEW_PROVINCE)
    office = User.objects.filter(username="so_khcn").first()
    profile, _created = MappingProfile.objects.get_or_create(
        name=DVC_PROFILE_NAME,
        scope_unit=province,
        defaults={
            "source": source,
            "unit_column": "ma_xa",
            "period_column": "ky",
            "mappings": [
                {
                    "column": "so_ho_so_truc_tuyen",
                    "indicator_code": SYSTEM_INDICATOR,
                    "part": "numerator",
                    "scale": 1.0,
                },
                {
                    "column": "tong_so_ho_so",
                    "indicator_code": SYSTEM_INDICATOR,
                    "part": "denominator",
                    "scale": 1.0,
                },
            ],
            "created_by": office,
        },
    )
    own = DataValue.objects.filter(
        report__period=period,
        report__unit__path__startswith=province.path,
        indicator__code=SYSTEM_INDICATOR,
        value__isnull=False,
    ).select_related("report__unit", "indicator")
    done = set(
        SystemValue.objects.filter(
            source=source, period=period, indicator__code=SYSTEM_INDICATOR
        ).values_list("unit_id", flat=True)
    )
    at = _aware(period.end + datetime.timedelta(days=45))
    created = []
    for item in own:
        unit = item.report.unit
        if unit.pk in done:
            continue
        rng = np.random.default_rng([SEED, generator._crc(unit.code), 766])
        # Self-reports tend to run ahead of the portal's count; a quarter are far ahead.
        gap = rng.normal(2.0, 2.0) + (rng.random() < 0.25) * rng.uniform(6.0, 15.0)
        den = item.denominator or 100.0
        num = float(min(den, max(0.0, round((float(item.value or 0) - gap) * den / 100.0))))
        created.append(
            SystemValue(
                unit=unit,
                period=period,
                indicator=item.indicator,
                numerator=num,
                denominator=den,
                value=100.0 * num / den if den else None,
                source=source,
                profile=profile,
                imported_at=at,
                imported_by=office,
                source_file="dvc-766-2025-mo-phong.csv",
                is_synthetic=True,
            )
        )
        done.add(unit.pk)
    SystemValue.objects.bulk_create(created, batch_size=BATCH_SIZE)
    return len(created)


def _report_pairs_count() -> int:
    specs, _units = commune_specs()
    return sum(len(s.years) for s in specs)


# --------------------------------------------------------------------------------------------
# The whole load, and the logins


def demo_load(*, progress: Progress | None = None) -> DemoSummary:
    """Load (or complete) the whole demo; a second run writes nothing."""
    summary = DemoSummary()

    def step(done: int, name: str) -> None:
        summary.steps.append(name)
        if progress:
            progress(done, STEPS)

    summary.units_created, summary.lineage_created = demo_units_load()
    step(4, "units")
    version = demo_framework_load()
    summary.framework = str(version)
    step(5, "framework")
    summary.users_created = demo_users_ensure()
    step(6, "users")
    periods, summary.periods_created = demo_periods_ensure()
    step(7, "periods")
    reports, values, entries = demo_tan_hoi_load(version=version, period=periods[0])
    summary.reports_created += reports
    summary.values_created += values
    summary.audit_entries += entries
    step(STEPS, "tan_hoi")
    pairs = _report_pairs_count()
    reports, values = demo_synthetic_load(
        version=version, periods=periods, progress=progress, offset=STEPS, total=STEPS + pairs
    )
    summary.reports_created += reports
    summary.values_created += values
    summary.steps.append("synthetic")
    summary.system_values_created = demo_system_load(period=periods[-1])
    summary.steps.append("system")
    # The real supervision mission of the article (idempotent: found, not rewritten, next time).
    from dxmon.supervision.demo import supervision_demo_load

    if supervision_demo_load() is not None:
        summary.steps.append("supervision")
    summary.scoring_runs = demo_scores_ensure(version=version, periods=periods)
    summary.steps.append("scores")
    return summary


# Rank intervals need a Monte Carlo run: the demo computes and publishes the plain scores at once
# and leaves the uncertainty analysis to the background worker that `make demo` starts, whose run
# is published in turn when it ends.
DEMO_UNCERTAINTY_SAMPLES = 200
DEMO_SCORES_JOB_KIND = "demo.scores"
DEMO_PUBLICATION_NOTE = "Kết quả tính trên dữ liệu trình diễn (mô phỏng), không phải số liệu thật."


def _demo_publish(run: Any) -> None:
    from dxmon.public.services import publication_publish

    admin = User.objects.get(username="admin")
    publication_publish(user=admin, run=run, note=DEMO_PUBLICATION_NOTE)


def demo_scores_ensure(*, version: FrameworkVersion, periods: list[Period]) -> int:
    """Score and publish every demo year that has no run yet; queue the rank-interval runs."""
    from dxmon.jobs.services import run_in_background
    from dxmon.scoring.models import ScoringRun
    from dxmon.scoring.services import scores_compute

    created = 0
    for period in periods:
        if ScoringRun.objects.filter(framework_version=version, period=period).exists():
            continue
        _demo_publish(scores_compute(framework_version=version, period=period))
        created += 1
        run_in_background(
            kind=DEMO_SCORES_JOB_KIND,
            title=f"Khoảng thứ hạng kỳ {period.code} (dữ liệu trình diễn)",
            kwargs={"period": period.code, "uncertainty_samples": DEMO_UNCERTAINTY_SAMPLES},
        )
    return created


def demo_scores_job(
    *, progress: Callable[[int, int | None], None], period: str, uncertainty_samples: int
) -> dict[str, Any]:
    """Kind ``demo.scores``: the demo year's scores with rank intervals, then published."""
    from dxmon.scoring.services import scores_compute

    version = demo_framework_load()
    run = scores_compute(
        framework_version=version,
        period=period,
        uncertainty_samples=uncertainty_samples,
        progress=progress,
    )
    _demo_publish(run)
    return {"run": run.pk, "units": run.n_units}


def demo_load_job(*, progress: Progress) -> dict[str, Any]:
    """:func:`demo_load` as a background job (kind ``demo.load``)."""
    summary = demo_load(progress=progress)
    return {k: v for k, v in summary.as_dict().items() if k != "steps"}


def demo_logins() -> list[DemoLogin]:
    """The demo users that exist, with the demo password and their scope."""
    users = {
        u.username: u
        for u in User.objects.filter(username__in=[d.username for d in DEMO_USERS]).select_related(
            "scope_unit"
        )
    }
    out = []
    for demo in DEMO_USERS:
        user = users.get(demo.username)
        if user is None:
            continue
        scope = user.scope_unit
        scope_text = (
            _("%(name)s (mã %(code)s, cơ cấu %(structure)s)")
            % {"name": scope.name, "code": scope.code, "structure": scope.structure}
            if scope
            else "—"
        )
        out.append(
            DemoLogin(
                username=user.username,
                password=settings.DXMON_DEMO_PASSWORD,
                role=str(user.get_role_display()),
                scope=scope_text,
            )
        )
    return out
