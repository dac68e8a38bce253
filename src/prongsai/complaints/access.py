"""The only way a view or endpoint gets a case (see orgs/access.py for the general rules).

- A case of another organisation, a missing one and a malformed id: the same 404.
- A confidential case (a corruption report) is denied by default: only an active member of its
  organisation holding an active CaseOfficer permission gets it; anyone else — the admin, an
  editor, an overseer — gets 404, exactly as if it did not exist. Every time an officer gets one,
  the access is written to CaseAccessLog (who, when, what).
- A member limited to departments (Membership.departments, not an admin) sees only the cases
  assigned to one of those departments: citizens' details are need-to-know. Others see all
  non-confidential cases of their organisation.
- An overseer (orgs.access.OverseerStanding) sees statistics, not people: the inbox's rows without
  their subject, the counts and the deadlines — never one case itself. Its page, receipt, files and
  API detail answer 403 with STATISTICS_ONLY (a corruption report stays 404, as for anyone). Every
  per-case page goes through `case_for`, so no page added later can show an overseer a citizen.
- write=True: the member must be able to handle the case (workflow.can_handle), else 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from prongsai.complaints.models import Case, CaseAccessLog, CaseAttachment
from prongsai.complaints.services.setup import is_case_officer
from prongsai.complaints.services.workflow import can_handle
from prongsai.orgs.access import as_uuid, membership_for
from prongsai.orgs.models import Membership


class StatisticsOnly(PermissionDenied):
    """An overseer asked for one case: they see the statistics, not the citizen (HTTP 403)."""


def statistics_only_message() -> str:
    return _("ผู้กำกับติดตามเห็นเฉพาะสถิติ: ไม่เห็นตัวเรื่อง รายละเอียด ไฟล์แนบ ชื่อ และช่องทางติดต่อของผู้ร้อง")


def sees_people(membership: Membership) -> bool:
    """May this standing see citizens' names, contacts, subjects, narratives and files? Members yes
    (within their departments), overseers no."""
    return not getattr(membership, "is_overseer", False)


def department_limit(membership: Membership) -> set[Any]:
    """Ids of the departments the member is limited to; empty = every department."""
    if membership.is_admin:
        return set()
    return {d.pk for d in membership.departments.all()}


def visible_cases(membership: Membership, officer: bool) -> Any:
    """The organisation's cases this member may list (a QuerySet)."""
    cases = Case.objects.filter(organization=membership.organization)
    limit = department_limit(membership)
    shown = Q(confidential=False)
    if limit:
        shown &= Q(department_id__in=limit)
    if officer:
        shown |= Q(confidential=True)
    return cases.filter(shown)


def case_for(user: Any, case_id: Any, *, write: bool = False, action: str = "view") -> tuple[Case, Membership, bool]:
    """(case, membership, is officer). `action` names what is done, for the confidential access log."""
    case = Case.objects.select_related("organization", "kind", "department").filter(pk=as_uuid(case_id)).first()
    if case is None:
        raise Http404
    membership = membership_for(user, case.organization)
    officer = is_case_officer(membership)
    if case.confidential:
        if not officer:
            raise Http404
        CaseAccessLog.objects.create(case=case, user=user, action=action[:40])
    else:
        limit = department_limit(membership)
        if limit and case.department_id not in limit:
            raise Http404
    if not sees_people(membership):
        raise StatisticsOnly(statistics_only_message())
    if write and not can_handle(membership, case):
        raise PermissionDenied
    return case, membership, officer


def attachment_for(user: Any, attachment_id: Any) -> tuple[CaseAttachment, Case]:
    attachment = CaseAttachment.objects.filter(pk=as_uuid(attachment_id)).first()
    if attachment is None:
        raise Http404
    case, _membership, _officer = case_for(user, attachment.case_id, action=f"download {attachment.filename}")
    return attachment, case
