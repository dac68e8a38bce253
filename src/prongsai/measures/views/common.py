"""Shared bits of the measures views."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, QueryDict

from prongsai.core.errors import ServiceError


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
