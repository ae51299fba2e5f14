"""Benchmark of one commune's recompute after an approval, end to end through Django.

Builds, in a throw-away in-memory SQLite test database, a province of N communes (124 by default:
the size of the new tỉnh Vĩnh Long) with a full report each under the default framework, then
times: the province's scoring run (``scores_compute``), and one report's approval saved through the
``post_save`` signal with the task run at once (immediate backend), which enqueues and performs the
same recompute. Figures only, no assertions.

Run: ``python -m dxmon.scoring.bench [--communes 124]``.
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from typing import Any


def _setup() -> Any:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxmon.settings")
    os.environ["DXMON_TASKS_BACKEND"] = "immediate"
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, keepdb=False)
    return connection


def _province(n: int) -> tuple[Any, list[Any]]:
    from dxmon.testing.fixtures import make_unit
    from dxmon.units.choices import Kind, Structure

    province = make_unit(code="86", name="Tỉnh Vĩnh Long", kind=Kind.PROVINCE,
                         structure=Structure.Y2025)  # fmt: skip
    communes = [
        make_unit(
            code=f"{29000 + i}",
            name=f"Xã {i}",
            kind=Kind.COMMUNE,
            structure=Structure.Y2025,
            parent=province,
        )
        for i in range(n)
    ]
    return province, communes


def _reports(version: Any, period: Any, communes: list[Any], seed: int = 0) -> list[Any]:
    import numpy as np

    from dxmon.collection.choices import ReportStatus
    from dxmon.collection.models import DataValue, Report

    rng = np.random.default_rng(seed)
    indicators = list(version.indicators.filter(scored=True))
    reports = Report.objects.bulk_create(
        Report(
            unit=c,
            period=period,
            framework_version=version,
            status=ReportStatus.APPROVED,
            is_synthetic=True,
        )
        for c in communes
    )
    values = []
    for r in reports:
        for ind in indicators:
            v = DataValue(report=r, indicator=ind, is_synthetic=True)
            if ind.value_type == "ratio":
                v.denominator = float(rng.integers(5, 200))
                v.numerator = float(np.floor(v.denominator * rng.uniform()))
                v.value = 100 * v.numerator / v.denominator
            elif ind.value_type in ("boolean", "choice"):
                v.value = float(rng.integers(0, 2))
            else:
                v.value = float(rng.integers(0, 6))
            values.append(v)
    DataValue.objects.bulk_create(values, batch_size=5000)
    return reports


def bench_recompute_after_approval(n_communes: int = 124) -> None:
    """Print the time of a province's run and of one approval's recompute through the signal."""
    from django.db import transaction

    from dxmon.collection.choices import ReportStatus
    from dxmon.collection.models import Period
    from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load
    from dxmon.scoring.models import ScoringRun
    from dxmon.scoring.services import scores_compute

    version = framework_load(path=DEFAULT_FRAMEWORK_PATH)
    period = Period.objects.create(code="2025", kind="year", start=datetime.date(2025, 1, 1),
                                   end=datetime.date(2025, 12, 31))  # fmt: skip
    province, communes = _province(n_communes)
    reports = _reports(version, period, communes)
    n_ind = version.indicators.filter(scored=True).count()
    print(f"Django path: {n_communes} communes × {n_ind} scored indicators, one province")
    t0 = time.perf_counter()
    run = scores_compute(framework_version=version, period=period, province=province)
    t_run = time.perf_counter() - t0
    print(f"  scores_compute (province): {t_run * 1000:8.1f} ms, {run.log['scores']:,} scores")
    report = reports[0]
    report.status = ReportStatus.SUBMITTED
    report.save()
    before = ScoringRun.objects.count()
    t0 = time.perf_counter()
    with transaction.atomic():
        report.status = ReportStatus.APPROVED
        report.save()
    t_signal = time.perf_counter() - t0
    if ScoringRun.objects.count() != before + 1:
        print("  (the approval did not recompute: check the signal)")
    print(
        f"  one approval → signal → task → province recompute: {t_signal * 1000:8.1f} ms "
        f"(engine part alone: see `python -m dxmon.engine.bench`)"
    )


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    n = 124
    if "--communes" in args:
        n = int(args[args.index("--communes") + 1])
    _setup()
    bench_recompute_after_approval(n)


if __name__ == "__main__":
    main()
