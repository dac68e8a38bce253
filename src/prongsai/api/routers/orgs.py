"""Organisations the caller belongs to, their departments and their plans."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from ninja import Router

from prongsai.api.auth import caller
from prongsai.api.lookup import org_membership
from prongsai.api.schemas import DepartmentOut, DetailOut, OrganizationDetailOut, OrganizationOut, PlanOut
from prongsai.measures.models import Plan
from prongsai.orgs.access import user_organizations

router = Router(tags=["organisations"])
ERRORS: dict[int, Any] = {401: DetailOut, 404: DetailOut}


@router.get("", response={200: list[OrganizationOut], 401: DetailOut})
def list_organizations(request: HttpRequest) -> Any:
    """The organisations the caller is an active member of."""
    return user_organizations(caller(request))


@router.get("/{slug}", response={200: OrganizationDetailOut, **ERRORS})
def get_organization(request: HttpRequest, slug: str) -> Any:
    """One organisation, with the caller's role in it."""
    membership = org_membership(caller(request), slug)
    org = membership.organization
    # Read like annotations by OrganizationDetailOut; never saved.
    org.role, org.role_display = membership.role, str(membership.get_role_display())  # type: ignore[attr-defined]
    return org


@router.get("/{slug}/departments", response={200: list[DepartmentOut], **ERRORS})
def list_departments(request: HttpRequest, slug: str) -> Any:
    """The organisation's departments (ส่วนราชการ), in their display order."""
    membership = org_membership(caller(request), slug)
    return membership.organization.departments.all()


@router.get("/{slug}/plans", response={200: list[PlanOut], **ERRORS})
def list_plans(request: HttpRequest, slug: str) -> Any:
    """The organisation's plans, newest fiscal year (B.E.) first."""
    membership = org_membership(caller(request), slug)
    return (
        Plan.objects.for_org(membership.organization)
        .select_related("organization", "submitted_by", "approved_by")
        .annotate(measures_count=Count("measures"))
        .order_by("-fiscal_year")
    )
