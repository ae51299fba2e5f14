"""Domain errors of the reporting cycle, each with a Vietnamese ``message`` for the user."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dxmon.collection.selectors import NotFoundError

if TYPE_CHECKING:
    from dxmon.collection.models import DataValue
    from dxmon.collection.validation import Issue


class CollectionError(Exception):
    """A write refused for a reason the user can act on; ``message`` says which, in Vietnamese."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = str(message)


class NotAllowed(CollectionError):  # noqa: N818 (names agreed with the pages)
    """The user sees the report but their role may not do this to it."""


class ReportLocked(CollectionError):  # noqa: N818 (names agreed with the pages)
    """The report is approved (locked until reopened) or awaiting review."""


class InvalidValue(CollectionError):  # noqa: N818 (names agreed with the pages)
    """A value that breaks its indicator's type or bounds; ``issues`` lists each problem."""

    def __init__(self, message: Any, issues: list[Issue]) -> None:
        super().__init__(message)
        self.issues = issues


class ConcurrentEdit(CollectionError):  # noqa: N818 (names agreed with the pages)
    """Someone saved the report since the editor loaded it.

    ``revision`` is the report's current revision and ``values`` its current values by
    indicator code, so the page can show the newer values before the user saves again.
    """

    def __init__(self, message: Any, *, revision: int, values: dict[str, DataValue]) -> None:
        super().__init__(message)
        self.revision = revision
        self.values = values


class SubmitRefused(CollectionError):  # noqa: N818 (names agreed with the pages)
    """Submission refused: blocking errors, or warnings still lacking a comment."""

    def __init__(self, message: Any, *, errors: list[Issue], warnings: list[Issue]) -> None:
        super().__init__(message)
        self.errors = errors
        self.warnings = warnings


class NotFound(CollectionError, NotFoundError):  # noqa: N818 (names agreed with the pages)
    """Does not exist, or is outside the user's scope: the two are never told apart (404)."""
