"""Unit loaders: one module per published source, plus a registry.

A loader reads its source and returns plain records (``dxmon.units.loaders.base``); writing them
to the database is the job of ``dxmon.units.services``, the same for every source.
"""

from __future__ import annotations

from types import ModuleType

from dxmon.units.loaders import vietnamadminunits

LOADERS: dict[str, ModuleType] = {
    "vietnamadminunits": vietnamadminunits,
}
DEFAULT_LOADER = "vietnamadminunits"
