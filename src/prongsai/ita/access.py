"""How a view gets a catalogue: every signed-in person reads; only a superuser changes one.

An organisation's scores are reached through `prongsai.orgs.access.org_for` (404 for a foreign or
missing organisation, 403 for a viewer's writes).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from prongsai.ita.models import Assessment, Catalogue
from prongsai.ita.services import active_catalogue, catalogue_years
from prongsai.orgs.access import org_for
from prongsai.orgs.models import Membership


def require_superuser(user: Any) -> None:
    if not getattr(user, "is_authenticated", False):
        raise Http404
    if not user.is_superuser:
        raise PermissionDenied


def catalogue_for(user: Any, year: int, *, write: bool = False) -> Catalogue:
    """The year's active catalogue; an unknown year is 404; write needs a superuser (else 403)."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    if write:
        require_superuser(user)
    if year not in catalogue_years():
        raise Http404
    return active_catalogue(year)


def catalogue_version_for(user: Any, year: int, version: int) -> Catalogue:
    if not getattr(user, "is_authenticated", False):
        raise Http404
    if year in catalogue_years():
        active_catalogue(year)  # a shipped year's version 1 is stored on first use
    found = Catalogue.objects.filter(year=year, version=version).first()
    if found is None:
        raise Http404
    return found


def assessment_for(user: Any, slug: str, year: int, *, write: bool = False) -> tuple[Assessment, Membership]:
    """The organisation's result of an ITA year through the user's membership.

    Anonymous, foreign and missing (no result that year) are 404; `write` on a read-only role is 403.
    """
    membership = org_for(user, slug, write=write)
    assessment = (
        Assessment.objects.select_related("organization", "catalogue")
        .filter(organization=membership.organization, year=year)
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment, membership
