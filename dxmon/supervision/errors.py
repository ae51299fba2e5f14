"""Domain errors of supervision, each with a Vietnamese ``message`` for the user."""

from __future__ import annotations

from typing import Any


class SupervisionError(Exception):
    """A write refused for a reason the user can act on; ``message`` says which, in Vietnamese."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = str(message)


class NotAllowed(SupervisionError):  # noqa: N818 (reads as the refusal it is)
    """The user sees the object but their role may not do this to it."""


class InvalidTransition(SupervisionError):  # noqa: N818 (reads as the refusal it is)
    """The status change asked for is not one the workflow allows."""
