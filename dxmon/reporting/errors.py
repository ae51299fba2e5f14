"""Errors of the reporting app; messages in Vietnamese, for the user."""

from __future__ import annotations


class RenderError(Exception):
    """A document could not be produced (missing tool, conversion failure)."""
