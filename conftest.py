"""Shared pytest configuration. Personas live in dxmon/accounts/tests/personas.py (fixtures)."""

from __future__ import annotations

pytest_plugins = ["dxmon.testing.fixtures", "dxmon.testing.browser"]
