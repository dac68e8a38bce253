"""{% complaint_badges %}: the menu's counts of new complaints and cases near their deadline (menu.py)."""

from __future__ import annotations

from typing import Any

from django import template

from prongsai.complaints.menu import menu_counts

register = template.Library()


@register.inclusion_tag("complaints/_menu_badges.html", takes_context=True)
def complaint_badges(context: Any) -> dict[str, Any]:
    membership = context.get("membership")
    if membership is None or getattr(membership, "is_overseer", False):
        return {"counts": None}
    return {"counts": menu_counts(membership)}
