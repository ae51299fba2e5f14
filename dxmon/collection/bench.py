"""Import throughput: a 100,000-value DHIS2 CSV over synthetic communes, values per second.

``python -m dxmon.collection.bench [VALUES]`` runs it against the configured database; every row
it creates (units, framework, period, reports, values, audit entries) is rolled back at the end.
No assertions: speed lives here, not in the tests.
"""

from __future__ import annotations

import csv
import io
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction

from dxmon.collection.imports.dhis2_csv import HEADER
from dxmon.vn.numbers import format_number

INDICATORS = 50
RATIO_EVERY = 3  # every third indicator is a ratio (two DHIS2 rows: .NUM and .DEN)
PERIOD = "2025S2"


@dataclass(frozen=True)
class BenchResult:
    values: int
    rows: int
    seconds: float
    database: str

    @property
    def per_second(self) -> float:
        return self.values / self.seconds if self.seconds else 0.0


class _RollbackError(Exception):
    pass


def _setup(values: int) -> tuple[list[str], list[tuple[str, bool]], str]:
    """Synthetic communes and a bench framework version; returns unit codes and indicators."""
    from dxmon.collection.services import period_get_or_create
    from dxmon.frameworks.choices import Aggregation, NodeLevel, ValueType
    from dxmon.frameworks.models import Framework, FrameworkVersion, Indicator, Node
    from dxmon.units.choices import Kind, Level, Structure
    from dxmon.units.models import STRUCTURE_2025_START, Unit

    period = period_get_or_create(code=PERIOD)
    framework = Framework.objects.create(code="bench-import", title="Bộ chỉ số đo hiệu năng")
    version = FrameworkVersion.objects.create(
        framework=framework,
        version="bench",
        title="Bộ chỉ số đo hiệu năng (mô phỏng)",
        valid_from_year=period.start.year,
        source_yaml="# benchmark",
        checksum="0" * 64,
    )
    pillar = Node.objects.create(version=version, level=NodeLevel.PILLAR, code="P", name_vi="P")
    group = Node.objects.create(
        version=version, parent=pillar, level=NodeLevel.GROUP, code="G", name_vi="G"
    )
    indicators: list[tuple[str, bool]] = []
    objects = []
    for number in range(INDICATORS):
        ratio = number % RATIO_EVERY == 0
        code = f"B.{number + 1}"
        indicators.append((code, ratio))
        objects.append(
            Indicator(
                version=version,
                group=group,
                code=code,
                name_vi=f"Chỉ số mô phỏng {code}",
                value_type=ValueType.RATIO if ratio else ValueType.COUNT,
                aggregation=Aggregation.RATIO_SUM if ratio else Aggregation.SUM,
                order=number,
            )
        )
    Indicator.objects.bulk_create(objects)
    province = Unit.objects.create(
        code="BENCH",
        name="Tỉnh mô phỏng (đo hiệu năng)",
        kind=Kind.PROVINCE,
        level=Level.PROVINCE,
        structure=Structure.Y2025,
        valid_from=STRUCTURE_2025_START,
    )
    province.path = f"/{province.pk}/"
    province.save(update_fields=["path"])
    count = -(-values // INDICATORS)
    communes = [
        Unit(
            code=f"B{number:06d}",
            name=f"Xã mô phỏng {number}",
            kind=Kind.COMMUNE,
            level=Level.COMMUNE,
            structure=Structure.Y2025,
            parent=province,
            valid_from=STRUCTURE_2025_START,
            path=province.path,
        )
        for number in range(count)
    ]
    Unit.objects.bulk_create(communes, batch_size=1000)
    return [unit.code for unit in communes], indicators, framework.code


def bench_csv(units: list[str], indicators: list[tuple[str, bool]], values: int) -> bytes:
    """A DHIS2 CSV of ``values`` values (ratios as .NUM/.DEN pairs) over ``units``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    written = 0
    for index, unit in enumerate(units):
        for number, (code, ratio) in enumerate(indicators):
            if written >= values:
                break
            if ratio:
                den = 20 + (index + number) % 180
                num = (index * 7 + number) % (den + 1)
                writer.writerow([f"{code}.NUM", PERIOD, unit, "", "", num, "", "", "", "false"])
                writer.writerow([f"{code}.DEN", PERIOD, unit, "", "", den, "", "", "", "false"])
            else:
                value = (index * 13 + number * 5) % 1000
                writer.writerow([code, PERIOD, unit, "", "", value, "", "", "", "false"])
            written += 1
    return out.getvalue().encode()


def bench_import(*, values: int = 100_000, out: Callable[[str], object] = print) -> BenchResult:
    """Import a ``values``-value DHIS2 CSV and print the throughput; everything is rolled back."""
    from dxmon.audit.services import SYSTEM
    from dxmon.collection.services.imports import data_import

    result: BenchResult | None = None
    try:
        with transaction.atomic():
            units, indicators, framework = _setup(values)
            data = bench_csv(units, indicators, values)
            rows = data.count(b"\n") - 1
            started = time.perf_counter()
            imported = data_import(
                user=SYSTEM, data=data, fmt="dhis2-csv", framework=framework, filename="bench"
            )
            seconds = time.perf_counter() - started
            if imported.errors:
                raise RuntimeError("; ".join(str(issue) for issue in imported.errors[:5]))
            result = BenchResult(imported.created, rows, seconds, connection.vendor)
            raise _RollbackError
    except _RollbackError:
        pass
    assert result is not None
    duration = format_number(result.seconds, decimals=1)
    out(
        f"Nhập DHIS2 CSV ({result.database}): {format_number(result.values)} giá trị "
        f"({format_number(result.rows)} dòng) trong {duration} s — "
        f"{format_number(result.per_second, decimals=0)} giá trị/giây"
    )
    return result


def main(argv: list[str] | None = None) -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxmon.settings")
    django.setup()
    args = sys.argv[1:] if argv is None else argv
    bench_import(values=int(args[0]) if args else 100_000)


if __name__ == "__main__":
    main()
