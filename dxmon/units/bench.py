"""Loading the whole country: both structures and the lineage, then the same again (idempotent).

``python -m dxmon.units.bench`` runs against the configured database and leaves the units loaded
(they are reference data). Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import time


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxmon.settings")
    django.setup()
    from django.db import connection

    from dxmon.units.services import lineage_load, units_load

    for attempt in ("lần 1", "lần 2 (không đổi gì)"):
        timings = []
        for label in ("2022", "2025", "lineage"):
            started = time.perf_counter()
            summary = lineage_load() if label == "lineage" else units_load(structure=label)
            timings.append((label, time.perf_counter() - started, summary))
        total = sum(seconds for _, seconds, _ in timings)
        parts = ", ".join(
            f"{label} {seconds:.1f} s (+{s.created} ~{s.updated} ={s.unchanged})"
            for label, seconds, s in timings
        )
        print(f"Nạp cả nước ({connection.vendor}, {attempt}): {total:.1f} s — {parts}")


if __name__ == "__main__":
    main()
