"""Shared bits of views: service errors on forms, the organisation context, conflict-aware saves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, QueryDict

from prongsai.core.errors import ConflictError, NotAllowed, ServiceError


def add_service_error(request: HttpRequest, form: forms.Form | None, err: ServiceError) -> None:
    """Put a refused write's message on its field (or the top of the form) and in the messages."""
    if form is not None and err.field and err.field in form.fields:
        form.add_error(err.field, err.message)
    elif form is not None:
        form.add_error(None, err.message)
    else:
        messages.error(request, err.message)


def keep_typed(form: forms.Form, *, version: int) -> QueryDict:
    """The user's own input, kept for the form after a conflict, set to save against `version`."""
    data = form.data.copy() if isinstance(form.data, QueryDict) else QueryDict(mutable=True)
    data["version"] = str(version)
    return data


def org_context(membership: Any, **extra: Any) -> dict[str, Any]:
    return {"org": membership.organization, "membership": membership, **extra}


def save_versioned(
    request: HttpRequest, form: forms.Form, save: Callable[[], Any]
) -> tuple[bool, ConflictError | None]:
    """Run a save that uses optimistic locking; on a conflict keep the user's input and both versions.

    Returns (saved, conflict). A refused write puts its message on the form; NotAllowed is a 403.
    """
    try:
        save()
    except ConflictError as err:
        # Keep what the user typed; the next save is made against the version now stored.
        form.data = keep_typed(form, version=err.current["version"])
        form.add_error(None, err.message)
        return False, err
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        add_service_error(request, form, err)
        return False, None
    return True, None
