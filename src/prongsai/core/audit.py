"""Saving with the actor and a reason, so the history (django-simple-history) says who and why."""

from __future__ import annotations

from typing import Any

from django.db import models


def save_audited(instance: models.Model, actor: Any, reason: str, **kwargs: Any) -> None:
    instance._history_user = actor  # type: ignore[attr-defined]
    instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save(**kwargs)


def delete_audited(instance: models.Model, actor: Any, reason: str) -> None:
    instance._history_user = actor  # type: ignore[attr-defined]
    instance._change_reason = reason  # type: ignore[attr-defined]
    instance.delete()
