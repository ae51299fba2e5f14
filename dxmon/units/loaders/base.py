"""The records every unit loader returns: plain frozen dataclasses, no database."""

from __future__ import annotations

from dataclasses import dataclass

# A unit is addressed inside one structure by (level, code).
UnitRef = tuple[int, str]


@dataclass(frozen=True)
class UnitRecord:
    """One administrative unit as published by a source."""

    code: str
    name: str
    short_name: str
    kind: str
    level: int
    parent: UnitRef | None
    province_code: str
    latitude: float | None = None
    longitude: float | None = None
    area_km2: float | None = None


@dataclass(frozen=True)
class LineageRecord:
    """One predecessor (2022 structure) → successor (2025 structure) edge."""

    predecessor: UnitRef
    successor: UnitRef
    kind: str
    weight: float
    weight_basis: str
    # The 2025 province of the successor, to load the lineage one province at a time.
    province_code: str
