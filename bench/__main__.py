"""`make bench`: every benchmark of the project in one run, printing figures (never asserting them).

Each benchmark runs in its own process so that one's memory and caches do not colour the next.
Database benchmarks run on a fresh SQLite file and, when a server answers, on PostgreSQL.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG_ADMIN_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/dxmon").rsplit("/", 1)[
    0
]
PG_BENCH_URL = f"{PG_ADMIN_URL}/dxmon_bench"
SQLITE_BENCH_URL = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"


def heading(title: str) -> None:
    print(f"\n== {title} ==", flush=True)


def run(args: list[str], *, env: dict[str, str] | None = None) -> int:
    merged = {**os.environ, **(env or {})}
    started = time.perf_counter()
    code = subprocess.call(args, cwd=ROOT, env=merged)
    if code:
        print(f"   (exited {code} after {time.perf_counter() - started:.1f} s)", flush=True)
    return code


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(
            f"{PG_ADMIN_URL}/postgres", connect_timeout=3, autocommit=True
        ) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = 'dxmon_bench'"
            ).fetchone()
            if not exists:
                conn.execute("CREATE DATABASE dxmon_bench")
        return True
    except Exception as exc:  # any failure means "no PostgreSQL here"
        print(f"PostgreSQL not available ({exc.__class__.__name__}); its legs are skipped.")
        return False


def database_legs() -> list[tuple[str, str]]:
    legs = [("SQLite", SQLITE_BENCH_URL)]
    if postgres_available():
        legs.append(("PostgreSQL", PG_BENCH_URL))
    return legs


def main() -> None:
    print(
        f"dxmon benchmarks — {platform.node()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}"
    )
    heading("Extraction of figures from Vietnamese text (dxmon.extract)")
    run([PY, "-m", "dxmon.extract.bench"])
    heading("Index engine (dxmon.engine): national run vs pandas baseline, uncertainty")
    run([PY, "-m", "dxmon.engine.bench"])
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench.sqlite3").unlink(missing_ok=True)
    legs = database_legs()
    for name, url in legs:
        env = {"DATABASE_URL": url}
        heading(f"{name}: schema")
        run([PY, "manage.py", "migrate", "--no-input", "-v", "0"], env=env)
        heading(f"{name}: import throughput, 100.000-value DHIS2 CSV (dxmon.collection)")
        run([PY, "-m", "dxmon.collection.bench", "100000"], env=env)
        for module, title, postgres_only in EXTRA_DB_BENCHES:
            if postgres_only and name != "PostgreSQL" and len(legs) > 1:
                continue
            heading(f"{name}: {title}")
            run([PY, "-m", module], env=env)


# Benchmarks that need a database: (module, title, PostgreSQL only when it is available).
EXTRA_DB_BENCHES: list[tuple[str, str, bool]] = [
    ("dxmon.units.bench", "loading the whole country (both structures and the lineage)", False),
    ("dxmon.collection.bench_pages", "server time of the data entry page (83 indicators)", False),
    ("dxmon.scoring.bench", "scoring a province and one commune's recompute after approval", False),
    (
        "dxmon.public.bench",
        "province overview, commune profile and national ranking, whole country, 4 clients",
        True,
    ),
]

if __name__ == "__main__":
    main()
