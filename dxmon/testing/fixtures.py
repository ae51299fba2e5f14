"""Fixtures shared by every app's tests (personas, small unit trees, the default framework)."""

from __future__ import annotations
