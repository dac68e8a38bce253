"""Organisations by the slug in the path: one that cannot be a slug is "not found" like a missing one.

The access helpers (orgs/access.py) look the slug up as given; a slug that could never exist — with a
NUL character, say, which PostgreSQL refuses in a query — is answered 404 here, before any query.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from prongsai.core import digits
from prongsai.orgs.access import org_for
from prongsai.orgs.models import Membership, Organization

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,60}")


def check_slug(slug: str) -> str:
    if not SLUG.fullmatch(slug):
        raise Http404
    return slug


def org_membership(user: Any, slug: str, *, write: bool = False, admin: bool = False) -> Membership:
    """`org_for` for a slug from the path."""
    return org_for(user, check_slug(slug), write=write, admin=admin)


def organization_or_404(slug: str) -> Organization:
    """A public organisation page: no membership needed."""
    org = get_object_or_404(Organization, slug=check_slug(slug))
    digits.use(org)  # the organisation's digit style (core/digits.py)
    return org
