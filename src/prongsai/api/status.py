"""An answer with its own status code, for every django-ninja 1.x the project allows.

Newer django-ninja wants `Status(201, value)` and deprecates the `(201, value)` tuple; older ones
know only the tuple.
"""

from __future__ import annotations

from typing import Any

try:
    from ninja import Status
except ImportError:  # pragma: no cover - django-ninja without Status
    Status = None  # type: ignore[assignment,misc]


def with_status(code: int, value: Any) -> Any:
    return Status(code, value) if Status is not None else (code, value)
