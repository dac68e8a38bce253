"""Errors that services raise and views turn into messages (never a 500)."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """A refused write. `message` is Thai and names the field or place; `field` is the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(ServiceError):
    """The actor may see the object but may not do this to it (HTTP 403)."""


class ConflictError(ServiceError):
    """Optimistic locking: someone saved a newer version first (HTTP 409). Both versions are kept."""

    def __init__(self, message: str, current: dict[str, Any], submitted: dict[str, Any]) -> None:
        super().__init__(message)
        self.current = current
        self.submitted = submitted
