"""``demo load`` on the test database: real units of three provinces, the article, synthetic data.

The load takes several seconds, so it runs once for the module inside a transaction that is
rolled back at the end; each test runs in its own savepoint on top of it.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F, Q

from dxmon.accounts.choices import Role
from dxmon.accounts.models import User
from dxmon.accounts.scope import restrict
from dxmon.audit.models import AuditEntry
from dxmon.collection.choices import ReportStatus, ValueSource
from dxmon.collection.models import DataValue, Period, Report, SourceDocument, SystemValue
from dxmon.demo.services import (
    ARTICLE_URL,
    MAPPING_PATH,
    TAN_HOI,
    _read_yaml,
    demo_load,
    demo_load_job,
)
from dxmon.frameworks.models import FrameworkVersion
from dxmon.units.choices import Level, Structure
from dxmon.units.models import Lineage, Unit

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = demo_load()
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def tan_hoi_report(loaded, db):
    return Report.objects.get(
        unit__structure=Structure.Y2022, unit__code=TAN_HOI, period__code="2022"
    )


def counts() -> dict[str, int]:
    models = (
        Unit,
        Lineage,
        FrameworkVersion,
        User,
        Period,
        SourceDocument,
        Report,
        DataValue,
        SystemValue,
    )
    out = {m.__name__: m.objects.count() for m in models}
    out["AuditEntry"] = AuditEntry.objects.count()
    return out


def test_it_loads_the_real_tan_hoi_2022_report_from_the_article(tan_hoi_report):
    report = tan_hoi_report
    assert report.status == ReportStatus.APPROVED
    assert not report.is_synthetic
    mapping = _read_yaml(MAPPING_PATH)
    values = {v.indicator.code: v for v in report.values.select_related("indicator")}
    assert set(values) == {f["indicator"] for f in mapping["figures"]}
    for figure in mapping["figures"]:
        value = values[figure["indicator"]]
        assert value.value == figure["value"]
        assert value.numerator == figure["numerator"]
        assert value.denominator == figure["denominator"]
        assert value.qualifier == (figure["qualifier"] or "")
        assert not value.is_synthetic
        assert value.source == ValueSource.DOCUMENT
        assert value.source_document.url == ARTICLE_URL
        assert value.source_document.publisher == "Báo Đồng Khởi"
        assert figure["figure"] in value.source_excerpt
    assert "4/4 ấp đã thành lập tổ CĐS cộng đồng" in values["XHS.12"].source_excerpt
    assert values["CQS.07"].qualifier == "trên"


def test_it_records_the_article_values_in_the_audit_log(tan_hoi_report):
    entries = AuditEntry.objects.filter(action="demo.load")
    assert entries.count() == tan_hoi_report.values.count() + 1
    assert all("Báo Đồng Khởi" in e.reason for e in entries)


def test_it_marks_every_other_report_and_value_synthetic(tan_hoi_report):
    others = Report.objects.exclude(pk=tan_hoi_report.pk)
    assert others.count() > 1000
    assert not others.filter(is_synthetic=False).exists()
    values = DataValue.objects.exclude(report=tan_hoi_report)
    assert not values.filter(Q(is_synthetic=False) | ~Q(source=ValueSource.SYNTHETIC)).exists()


def test_it_covers_old_communes_until_2024_and_new_ones_in_2025(loaded, db):
    old = Unit.objects.filter(
        structure=Structure.Y2022, level=Level.COMMUNE, parent__parent__code__in=["83", "84", "86"]
    )
    new = Unit.objects.filter(structure=Structure.Y2025, level=Level.COMMUNE, parent__code="86")
    assert old.count() > 300
    assert new.count() > 100
    for year in ("2022", "2023", "2024"):
        assert Report.objects.filter(period__code=year, unit__in=old).count() == old.count()
    assert Report.objects.filter(period__code="2025", unit__in=new).count() == new.count()
    assert not Report.objects.filter(period__code="2025", unit__structure=Structure.Y2022).exists()
    tan_hoi_later = Report.objects.filter(
        unit__code=TAN_HOI, unit__structure=Structure.Y2022, period__code__in=["2023", "2024"]
    )
    assert tan_hoi_later.count() == 2
    assert all(r.is_synthetic for r in tan_hoi_later)


def test_it_keeps_the_2025_review_workflow_moving(loaded, db):
    statuses = set(Report.objects.filter(period__code="2025").values_list("status", flat=True))
    assert {ReportStatus.APPROVED, ReportStatus.SUBMITTED, ReportStatus.DRAFT} <= statuses
    assert set(Report.objects.filter(period__code__lt="2025").values_list("status", flat=True)) == {
        ReportStatus.APPROVED
    }


def test_it_keeps_values_consistent_and_within_bounds(loaded, db):
    values = DataValue.objects.all()
    assert not values.filter(numerator__gt=F("denominator")).exists()
    assert not values.filter(
        indicator__min_value__isnull=False, value__lt=F("indicator__min_value")
    ).exists()
    assert not values.filter(
        indicator__max_value__isnull=False, value__gt=F("indicator__max_value")
    ).exists()
    ratios = values.filter(indicator__value_type="ratio", numerator__isnull=False)
    assert not ratios.filter(value__gt=100).exists()
    booleans = values.filter(indicator__value_type="boolean")
    assert set(booleans.values_list("value", flat=True)) == {0.0, 1.0}


def test_it_leaves_some_values_missing(loaded, db):
    version = FrameworkVersion.objects.get()
    reports = Report.objects.filter(is_synthetic=True).count()
    possible = reports * version.indicators.count()
    missing = 1 - DataValue.objects.filter(is_synthetic=True).count() / possible
    assert 0.03 < missing < 0.1


def test_it_creates_one_demo_user_per_role(loaded, db):
    users = User.objects.filter(
        username__in=[
            "admin",
            "so_khcn",
            "huyen_mocaynam",
            "xa_tanhoi",
            "xa_mocay",
            "hdnd_vanhoa",
            "congchung",
        ]
    )
    assert set(users.values_list("role", flat=True)) == set(Role.values)
    district = User.objects.get(username="huyen_mocaynam").scope_unit
    assert district is not None
    assert district.name == "Huyện Mỏ Cày Nam"
    assert User.objects.get(username="xa_mocay").check_password("dxmon-demo-2025")


def test_it_lets_the_supervisor_and_the_new_commune_see_tan_hoi_2022(tan_hoi_report):
    for username in ("hdnd_vanhoa", "so_khcn", "xa_mocay", "xa_tanhoi"):
        user = User.objects.get(username=username)
        assert restrict(Report.objects.all(), user).filter(pk=tan_hoi_report.pk).exists(), username


def test_it_scores_and_publishes_every_year_and_queues_the_rank_intervals(loaded, db):
    from dxmon.jobs.models import Job
    from dxmon.public.models import Publication
    from dxmon.scoring.models import ScoringRun

    years = ["2022", "2023", "2024", "2025"]
    runs = ScoringRun.objects.filter(period__code__in=years, include_unapproved=False)
    assert sorted(runs.values_list("period__code", flat=True)) == years
    published = Publication.objects.filter(run__in=runs, withdrawn_at__isnull=True)
    assert published.count() == len(years)
    assert all("mô phỏng" in p.note for p in published)
    # The jobs are queued for the worker (the task itself is sent when the transaction commits,
    # which this module's rolled-back fixture never does).
    queued = Job.objects.filter(kind="demo.scores", status="queued")
    assert {year for year in years for job in queued if year in job.title} == set(years)


def test_it_adds_synthetic_dvc_portal_figures_beside_the_2025_self_reports(loaded, db):
    from dxmon.collection.selectors import report_entry_sections

    assert loaded.system_values_created > 50
    values = SystemValue.objects.filter(period__code="2025", indicator__code="CQS.07")
    assert values.count() == loaded.system_values_created
    assert not values.filter(is_synthetic=False).exists()
    assert {v.source.code for v in values.select_related("source")[:20]} == {"dvc_portal"}
    highlighted = total = 0
    for report in Report.objects.filter(
        period__code="2025",
        unit__code__in=[v.unit.code for v in values.select_related("unit")[:40]],
    ).select_related("unit", "period", "framework_version")[:40]:
        rows = [r for s in report_entry_sections(report=report) for r in s.rows]
        [row] = [r for r in rows if r.indicator.code == "CQS.07"]
        total += len(row.system)
        highlighted += sum(f.highlight for f in row.system)
    assert total >= 20
    assert 0 < highlighted < total


def test_it_changes_nothing_on_a_second_load(loaded, db):
    before = counts()
    seen: list[tuple[int, int]] = []
    result = demo_load_job(progress=lambda done, total: seen.append((done, total)))
    assert counts() == before
    assert result["reports_created"] == result["values_created"] == result["users_created"] == 0
    assert seen[-1][0] == seen[-1][1]


def test_it_prints_the_logins_as_a_table(loaded, db):
    out = io.StringIO()
    call_command("demo", "logins", stdout=out)
    text = out.getvalue()
    assert "Tên đăng nhập" in text
    assert "Đơn vị phạm vi" in text
    for username in ("so_khcn", "hdnd_vanhoa", "congchung"):
        assert username in text
    assert "Xã Tân Hội (mã 28940, cơ cấu 2022)" in text
