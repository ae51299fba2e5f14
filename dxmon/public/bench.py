"""Speed of the results pages with the whole country (issue 5, item 8).

Loads, into the configured database, the 3,321 communes of the 2025 structure and the default
framework, approved synthetic reports for four years (2022–2025, every scored indicator, labelled
``is_synthetic``), one national scoring run per year through ``scores_compute`` and its
publication; then times the province overview, a commune profile and the national ranking with
several concurrent clients (worker processes, each a ``django.test.Client`` calling the full
Django stack: middleware, views, templates), and prints the median and p95 server time of each
page against the aims (p95 ≤ 150 ms, ≤ 300 ms for the national ranking). No assertions.

Run: ``python -m dxmon.public.bench [--clients 4] [--requests 40]``. Point ``DATABASE_URL`` at a
PostgreSQL bench database; without it the data go to ``var/bench-public.sqlite3``, never to the
working database ``var/dxmon.sqlite3``. A second run reuses the data already loaded.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

YEARS = (2022, 2023, 2024, 2025)
MARKER = "bench:public"


def _setup() -> None:
    if not os.environ.get("DATABASE_URL"):
        path = Path(__file__).resolve().parents[2] / "var" / "bench-public.sqlite3"
        path.parent.mkdir(exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxmon.settings")
    os.environ.setdefault("DXMON_TASKS_BACKEND", "immediate")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _step(text: str, t0: float) -> None:
    print(f"  {text} ({time.perf_counter() - t0:.1f} s)", flush=True)


def _values(version: Any, reports: list[Any], seed: int) -> int:
    """Synthetic values for every scored indicator of every report, inserted in bulk."""
    import numpy as np

    from dxmon.audit.services import insert_rows
    from dxmon.collection.choices import ValueSource
    from dxmon.collection.models import DataValue

    rng = np.random.default_rng(seed)
    indicators = list(version.indicators.filter(scored=True))
    now = datetime.datetime.now(datetime.UTC)
    from django.db import connection

    at = connection.ops.adapt_datetimefield_value(now)
    rows: list[dict[str, Any]] = []
    for report in reports:
        skill = rng.uniform(0.2, 1.0)  # a commune's level, so that ranks are not pure noise
        for ind in indicators:
            row: dict[str, Any] = {
                "report_id": report.pk,
                "indicator_id": ind.pk,
                "is_synthetic": True,
                "source": ValueSource.SYNTHETIC,
                "updated_at": at,
                "value": None,
                "numerator": None,
                "denominator": None,
            }
            if ind.value_type == "ratio":
                den = float(rng.integers(5, 200))
                num = float(np.floor(den * min(1.0, skill * rng.uniform(0.6, 1.2))))
                row.update(numerator=num, denominator=den, value=100 * num / den)
            elif ind.value_type in ("boolean", "choice"):
                row["value"] = float(rng.uniform() < skill)
            else:
                row["value"] = float(rng.integers(0, 6))
            rows.append(row)
    return insert_rows(DataValue, rows)


def load() -> dict[str, Any]:
    """The country, the framework, four years of approved synthetic data, published runs."""
    from django.db import transaction

    from dxmon.audit.services import SYSTEM
    from dxmon.collection.choices import ReportStatus
    from dxmon.collection.models import Period, Report
    from dxmon.frameworks.models import FrameworkVersion
    from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load
    from dxmon.public.models import Publication
    from dxmon.public.services import publication_publish
    from dxmon.scoring.models import ScoringRun
    from dxmon.scoring.services import scores_compute
    from dxmon.units.choices import Level, Structure
    from dxmon.units.models import Unit
    from dxmon.units.services import units_load

    t0 = time.perf_counter()
    communes = Unit.objects.filter(structure=Structure.Y2025, level=Level.COMMUNE)
    if communes.count() < 3000:
        units_load(structure=Structure.Y2025)
        _step(f"units of the 2025 structure: {communes.count():,} communes", t0)
    version = FrameworkVersion.objects.filter(framework__code="xa-cds").first()
    if version is None:
        version = framework_load(path=DEFAULT_FRAMEWORK_PATH)
        _step(f"framework {version}", t0)
    commune_ids = list(communes.values_list("pk", flat=True))
    for year in YEARS:
        period, _c = Period.objects.get_or_create(
            code=str(year),
            defaults={
                "kind": "year",
                "start": datetime.date(year, 1, 1),
                "end": datetime.date(year, 12, 31),
            },
        )
        done = ScoringRun.objects.filter(period=period, message=MARKER, status="succeeded")
        if done.exists():
            continue
        with transaction.atomic():
            have = set(
                Report.objects.filter(period=period, framework_version=version).values_list(
                    "unit_id", flat=True
                )
            )
            reports = Report.objects.bulk_create(
                [
                    Report(
                        unit_id=pk,
                        period=period,
                        framework_version=version,
                        status=ReportStatus.APPROVED,
                        is_synthetic=True,
                    )
                    for pk in commune_ids
                    if pk not in have
                ],
                batch_size=2000,
            )
            if reports and reports[0].pk is None:  # SQLite before 3.35 returns no keys
                reports = list(Report.objects.filter(period=period, framework_version=version))
            n = _values(version, reports, seed=year)
        _step(f"{year}: {len(reports):,} approved synthetic reports, {n:,} values", t0)
        run = scores_compute(framework_version=version, period=period, uncertainty_samples=0)
        ScoringRun.objects.filter(pk=run.pk).update(message=MARKER)
        _step(f"{year}: national run #{run.pk}, {run.log.get('scores', 0):,} scores", t0)
        if not Publication.objects.filter(run=run, withdrawn_at__isnull=True).exists():
            publication_publish(user=SYSTEM, run=run, note="Dữ liệu mô phỏng để đo tốc độ")
    return {"version": version, "communes": commune_ids}


def _province_user(province: Any) -> Any:
    from dxmon.accounts.models import User

    user, _c = User.objects.get_or_create(
        username="bench-province",
        defaults={"role": "province", "scope_unit": province, "first_name": "Đo tốc độ"},
    )
    if user.scope_unit_id != province.pk:
        user.scope_unit = province
        user.save(update_fields=["scope_unit"])
    return user


# --------------------------------------------------------------------------------------------
# Measuring


Page = tuple[str, float, Callable[[random.Random], str], bool]
# Set before the worker processes fork (closures do not pickle; forked children inherit them).
_PAGES: list[Page] = []


def _worker(args: tuple[int, int, int, int]) -> list[float]:
    """One client: ``n`` requests of one page, after one warm-up request (not counted)."""
    page, n, seed, user_pk = args
    name, _aim, url_of, login = _PAGES[page]
    from django.db import connections
    from django.test import Client

    from dxmon.accounts.models import User

    client = Client()
    if login:
        client.force_login(User.objects.get(pk=user_pk))
    rng = random.Random(seed)
    client.get(url_of(rng))
    times = []
    for _ in range(n):
        url = url_of(rng)
        t0 = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t0)
        if response.status_code != 200:
            print(f"    {name}: {url} → HTTP {response.status_code}", flush=True)
            times[-1] = float("nan")
            break
    connections.close_all()
    return times


def p95(values: list[float]) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


def measure(clients: int, requests: int) -> None:
    from django.db import connections
    from django.db.models import Count

    from dxmon.units.choices import Level, Structure
    from dxmon.units.models import Unit

    period = str(YEARS[-1])
    province = (
        Unit.objects.filter(structure=Structure.Y2025, level=Level.PROVINCE)
        .annotate(n=Count("children"))
        .order_by("-n")
        .first()
    )
    assert province is not None
    user = _province_user(province)
    communes = list(
        Unit.objects.filter(structure=Structure.Y2025, level=Level.COMMUNE).values_list(
            "pk", flat=True
        )
    )
    own = list(province.children.values_list("pk", flat=True))
    provinces = list(
        Unit.objects.filter(structure=Structure.Y2025, level=Level.PROVINCE).values_list(
            "code", flat=True
        )
    )
    pages: list[Page] = [
        ("province overview (/dashboards/)", 150,
         lambda r: f"/dashboards/province/{province.pk}/?period={period}", True),
        ("province ranking (/public/)", 150,
         lambda r: f"/public/rankings/{r.choice(provinces)}/{period}/", False),
        ("commune profile (/public/)", 150,
         lambda r: f"/public/units/{r.choice(communes)}/", False),
        ("commune profile (/dashboards/)", 150,
         lambda r: f"/dashboards/unit/{r.choice(own)}/?period={period}", True),
        ("national ranking (/public/)", 300,
         lambda r: f"/public/rankings/national/{period}/", False),
    ]  # fmt: skip
    print(
        f"\nServer time per page: {clients} concurrent clients × {requests} requests "
        f"({province.name}: {len(own)} communes; {len(communes):,} communes in the country)"
    )
    connections.close_all()  # the children open their own
    _PAGES[:] = pages
    print(f"  {'page':34s} {'median':>9s} {'p95':>9s} {'aim p95':>9s}")
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(clients) as pool:
        for i, (name, aim, _u, _l) in enumerate(pages):
            # Every client asks for the same page at the same time.
            results = pool.map(
                _worker, [(i, requests, seed, user.pk) for seed in range(clients)], chunksize=1
            )
            times = [t * 1000 for res in results for t in res if t == t]
            if not times:
                print(f"  {name:34s} {'failed':>9s}", flush=True)
                continue
            med, high = statistics.median(times), p95(times)
            verdict = "ok" if high <= aim else "over"
            print(f"  {name:34s} {med:7.1f}ms {high:7.1f}ms {aim:7d}ms  {verdict}", flush=True)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    clients = int(args[args.index("--clients") + 1]) if "--clients" in args else 4
    requests = int(args[args.index("--requests") + 1]) if "--requests" in args else 40
    _setup()
    from django.db import connection

    print(f"Public and dashboard pages, whole country, database: {connection.vendor}")
    load()
    measure(clients, requests)


if __name__ == "__main__":
    main()
