from __future__ import annotations


class PublicationError(ValueError):
    """A publication that cannot be made or withdrawn, with a message for the user (Vietnamese)."""
