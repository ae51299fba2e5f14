"""Server time of the data entry page of a full report under the default framework.

``python -m dxmon.collection.bench_pages [REQUESTS]`` builds, on the configured database, a
province with peer communes and one commune's report with every indicator of the default
framework filled (83 indicators, 75 of them scored), then times GET /reports/<pk>/ as its officer:
the full page and the htmx row save. Everything is rolled back at the end. Prints figures only.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

from dxmon.public.bench import p95


class _RollbackError(Exception):
    pass


def main(argv: list[str] | None = None) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxmon.settings")
    django.setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse

    from dxmon.accounts.services import user_create
    from dxmon.collection.choices import ReportStatus
    from dxmon.collection.models import DataValue, Report
    from dxmon.collection.services import period_get_or_create
    from dxmon.frameworks.choices import ValueType
    from dxmon.frameworks.services import DEFAULT_FRAMEWORK_PATH, framework_load
    from dxmon.testing.fixtures import make_unit
    from dxmon.units.choices import Kind, Structure

    args = sys.argv[1:] if argv is None else argv
    requests = int(args[0]) if args else 60
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    try:
        with transaction.atomic():
            version = framework_load(path=DEFAULT_FRAMEWORK_PATH)
            period = period_get_or_create(code="2099")
            province = make_unit(
                code="bench-p",
                name="Tỉnh Đo Hiệu Năng",
                kind=Kind.PROVINCE,
                structure=Structure.Y2025,
            )
            communes = [
                make_unit(
                    code=f"bench-{i:02d}",
                    name=f"Xã Đo Hiệu Năng {i}",
                    kind=Kind.COMMUNE,
                    structure=Structure.Y2025,
                    parent=province,
                )
                for i in range(12)
            ]
            indicators = list(version.indicators.all())
            reports = []
            for n, unit in enumerate(communes):
                report = Report.objects.create(
                    unit=unit,
                    period=period,
                    framework_version=version,
                    status=ReportStatus.DRAFT,
                    is_synthetic=True,
                )
                reports.append(report)
                rows = []
                for k, ind in enumerate(indicators):
                    if ind.value_type == ValueType.RATIO:
                        den = 20.0 + n + k % 7
                        num = den - (k + n) % 5
                        rows.append(
                            DataValue(
                                report=report,
                                indicator=ind,
                                numerator=num,
                                denominator=den,
                                value=100 * num / den,
                                is_synthetic=True,
                            )
                        )
                    elif ind.value_type in (ValueType.BOOLEAN, ValueType.CHOICE):
                        rows.append(DataValue(report=report, indicator=ind, value=1.0))
                    else:
                        rows.append(DataValue(report=report, indicator=ind, value=float(3 + k % 4)))
                DataValue.objects.bulk_create(rows)
            officer = user_create(
                username="bench-officer",
                password="bench-password-2099-long",
                role="commune",
                scope_unit=communes[0],
            )
            client = Client()
            client.force_login(officer)
            url = reverse("collection:report_detail", args=[reports[0].pk])
            client.get(url)  # warm caches and templates
            page_times: list[float] = []
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(url)
                page_times.append(1000 * (time.perf_counter() - started))
                assert response.status_code == 200, response.status_code
            size = len(response.content)
            raise _RollbackError
    except _RollbackError:
        pass
    median = statistics.median(page_times)
    p95_ms = p95(page_times)
    print(
        f"Trang nhập liệu ({connection.vendor}, {len(indicators)} chỉ số, "
        f"{size // 1024} KB): trung vị {median:.0f} ms, p95 {p95_ms:.0f} ms "
        f"qua {requests} lượt tải"
    )


if __name__ == "__main__":
    main()
