"""Removing a generated country (gen-demo --force): raw DELETEs down the relation graph, no per-row work.

Django's own delete() collects every row in memory and writes a history row for each: for a
country of half a million rows that is far too slow, and the history of fictitious rows is not
wanted. Here every model that points at the rows being removed (found from the models' metadata,
so rows added later by other apps — members, evidence, publications — are included) is deleted
first with one DELETE … WHERE fk IN (subquery), or has the reference set to NULL where the
relation says SET_NULL. History tables (DO_NOTHING, no constraint) are left as they are. Run it
inside a transaction: foreign keys are checked at commit.
"""

from __future__ import annotations

from typing import Any

from django.db import models


def _reverse_relations(model: type[models.Model]) -> list[Any]:
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one or f.many_to_many)
    ]


def raw_delete(queryset: models.QuerySet[Any], counts: dict[str, int], _stack: tuple[Any, ...] = ()) -> None:
    """Delete the rows of `queryset` and, first, every row that depends on them; counts[label] += rows."""
    model = queryset.model
    stack = (*_stack, model)
    ids = queryset.values("pk")
    for rel in _reverse_relations(model):
        if rel.many_to_many:
            through = rel.through
            for field in through._meta.fields:
                if field.is_relation and field.related_model is model:
                    _raw(through.objects.filter(**{f"{field.name}__in": ids}), counts)
            continue
        on_delete = rel.on_delete
        if on_delete is models.DO_NOTHING:
            continue
        related = rel.related_model.objects.filter(**{f"{rel.field.name}__in": ids})
        if on_delete is models.SET_NULL:
            related.update(**{rel.field.name: None})
        elif rel.related_model not in stack:
            raw_delete(related, counts, stack)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        _raw(through.objects.filter(**{f"{field.m2m_field_name()}__in": ids}), counts)
    _raw(queryset, counts)


def _raw(queryset: models.QuerySet[Any], counts: dict[str, int]) -> None:
    deleted = queryset._raw_delete(queryset.db)
    if deleted:
        label = queryset.model._meta.label
        counts[label] = counts.get(label, 0) + deleted
