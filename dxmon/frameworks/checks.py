"""System check: the weights of every loaded framework version add up (STYLE.md, Configuration).

A database check, as Django's own: it runs when databases are named
(``manage.py check --database default``, ``migrate``), never on a bare ``check`` or in tests that
have no database, and it is silent before the tables exist.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error
from django.db import DatabaseError, connections

from dxmon.frameworks.validation import WEIGHT_TOLERANCE


def check_framework_weights(
    app_configs: Sequence[AppConfig] | None = None,
    databases: Sequence[str] | None = None,
    **kwargs: Any,
) -> list[CheckMessage]:
    """Sibling weights of each loaded version sum to 1 (or to 0 for an unscored set)."""
    errors: list[CheckMessage] = []
    for alias in databases or []:
        errors += _check_database(alias)
    return errors


def _check_database(alias: str) -> list[CheckMessage]:
    from dxmon.frameworks.models import FrameworkVersion, Indicator, Node

    try:
        tables = set(connections[alias].introspection.table_names())
    except DatabaseError:
        return []
    needed = {FrameworkVersion._meta.db_table, Node._meta.db_table, Indicator._meta.db_table}
    if not needed <= tables:
        return []  # before migrate
    sums: dict[tuple[int, str], float] = defaultdict(float)
    labels: dict[int, str] = {}
    try:
        for v in FrameworkVersion.objects.using(alias).select_related("framework"):
            labels[v.pk] = str(v)
        codes = dict(Node.objects.using(alias).values_list("pk", "code"))
        for version_id, parent_id, weight in Node.objects.using(alias).values_list(
            "version_id", "parent_id", "weight"
        ):
            parent = codes.get(parent_id, "") if parent_id else ""
            sums[(version_id, f"các nhóm của {parent}" if parent else "các trụ cột")] += weight
        for version_id, group_id, weight in Indicator.objects.using(alias).values_list(
            "version_id", "group_id", "weight"
        ):
            sums[(version_id, f"các chỉ số của nhóm {codes.get(group_id, group_id)}")] += weight
    except DatabaseError:
        return []
    errors: list[CheckMessage] = []
    for (version_id, siblings), total in sorted(sums.items()):
        if math.isclose(total, 1.0, abs_tol=WEIGHT_TOLERANCE) or math.isclose(
            total, 0.0, abs_tol=WEIGHT_TOLERANCE
        ):
            continue
        errors.append(
            Error(
                f"Bộ chỉ số {labels.get(version_id, version_id)}: tổng trọng số {siblings} "
                f"là {total:g}, phải bằng 1.",
                hint="Sửa tệp YAML, tăng số phiên bản và nạp lại bằng `dxmon framework load`.",
                id="frameworks.E001",
            )
        )
    return errors
