"""Staff's side of complaints: the inbox, one case, registering a case, and handling it.

The same rules as the web pages, through the same helpers and services:
- the inbox lists what `visible_cases` lets the member see, with the web inbox's filters; corruption
  reports (confidential) appear only for case officers, and each one listed is written to the
  access log; others learn only how many there are;
- a case comes from `case_for`: another organisation's, a missing one, a malformed id and — for
  anyone but a case officer — a corruption report are the same 404; a member limited to departments
  sees only their departments' cases;
- an overseer sees statistics, not people: the inbox's items without their subject (null) and a
  search `q` by เลขรับ only; one case (and every action on it) is 403 with a Thai message;
- handling (assign, status, notes, replies) needs `can_handle` (403 otherwise) and goes through
  prongsai.complaints.services, which refuse with a Thai message (400) what the workflow forbids.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router

from prongsai.api.auth import caller
from prongsai.api.inputs import AssignIn, CaseFilterIn, MoveIn, NoteIn, RegisterCaseIn, ReplyIn
from prongsai.api.lookup import org_membership
from prongsai.api.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    CaseDetailOut,
    CaseEventOut,
    CasePageOut,
    ErrorOut,
    ValidationErrorOut,
)
from prongsai.api.status import with_status
from prongsai.complaints import services
from prongsai.complaints.access import case_for, sees_people, visible_cases
from prongsai.complaints.models import OPEN_STATUSES, Case, CaseAccessLog, CaseEvent
from prongsai.complaints.queries import filter_cases
from prongsai.core.errors import ServiceError
from prongsai.orgs.models import Department, Membership

org_router = Router(tags=["cases (staff)"])
router = Router(tags=["cases (staff)"])
CaseId = Annotated[str, Path(description="Case id (a UUID)")]
NO_STORE = "private, no-store"


def _filtered(cases: QuerySet[Case], filters: CaseFilterIn, *, people: bool = True) -> QuerySet[Case]:
    """The web inbox's filters (complaints.queries), on cases already limited to the visible."""
    return filter_cases(
        cases,
        status=filters.status,
        kind=filters.kind,
        channel=filters.channel,
        department=filters.department,
        overdue=bool(filters.overdue),
        q=filters.q,
        people=people,
    )


def _detail(case: Case, membership: Membership) -> Case:
    """The case as stored now, with what CaseDetailOut reads."""
    case = (
        Case.objects.select_related("organization", "kind", "department", "registered_by")
        .prefetch_related(
            Prefetch("events", CaseEvent.objects.select_related("actor", "department").order_by("created_at")),
            "attachments",
        )
        .get(pk=case.pk)
    )
    case.can_handle = services.can_handle(membership, case)  # type: ignore[attr-defined]
    return case


def _no_store(response: HttpResponse) -> None:
    """Citizens' names and addresses: never kept by a browser or a proxy."""
    response["Cache-Control"] = NO_STORE


@org_router.get("/{slug}/cases", response={200: CasePageOut, **READ_ERRORS, 422: ValidationErrorOut})
def list_cases(request: HttpRequest, slug: str, response: HttpResponse, filters: Query[CaseFilterIn]) -> Any:
    """The organisation's case inbox, newest first, with the web inbox's filters and visibility.

    Corruption reports are listed for case officers only (each listing is written to the access log);
    everyone else gets their number in `confidential_hidden`. An overseer sees statistics, not people:
    every `subject` is null and `q` matches the เลขรับ only.
    """
    membership = org_membership(caller(request), slug)
    officer = services.is_case_officer(membership)
    people = sees_people(membership)
    cases = _filtered(visible_cases(membership, officer), filters, people=people).select_related("kind", "department")
    count = cases.count()
    page = list(cases.order_by("-received_at", "-registry_no", "pk")[filters.offset : filters.offset + filters.limit])
    for case in page:
        case.people_hidden = not people  # type: ignore[attr-defined]  # CaseOut then answers no subject
    hidden = None
    if officer:
        # A confidential case's subject shown in a list is a view of it too: logged like the web inbox's.
        seen = [CaseAccessLog(case=c, user=membership.user, action="api inbox") for c in page if c.confidential]
        CaseAccessLog.objects.bulk_create(seen)
    else:
        hidden = Case.objects.filter(organization=membership.organization, confidential=True).aggregate(
            total=Count("pk"), open=Count("pk", filter=Q(status__in=OPEN_STATUSES))
        )
    _no_store(response)
    return {
        "count": count,
        "limit": filters.limit,
        "offset": filters.offset,
        "items": page,
        "confidential_hidden": hidden,
    }


@org_router.post("/{slug}/cases", response={201: CaseDetailOut, **WRITE_ERRORS})
def register_case(request: HttpRequest, slug: str, response: HttpResponse, payload: RegisterCaseIn) -> Any:
    """Register a case that came another way (walk-in, phone, letter…): it gets its เลขรับ and code.

    Editors and admins register cases; a corruption report only a case officer may take down.
    Attachments are added on the web page.
    """
    user = caller(request)
    membership = org_membership(user, slug)
    case = services.register_case(membership, user, payload.intake(), channel=payload.channel)
    _no_store(response)
    return with_status(201, _detail(case, membership))


@router.get("/{case_id}", response={200: CaseDetailOut, **READ_ERRORS, 403: ErrorOut})
def get_case(request: HttpRequest, case_id: CaseId, response: HttpResponse) -> Any:
    """One case: the citizen's account and contacts, its timeline (internal notes too) and attachments.

    Opening a corruption report is written to its access log. An overseer gets 403: they see the
    statistics (the inbox, without subjects), not the citizen.
    """
    case, membership, _officer = case_for(caller(request), case_id, action="api view")
    _no_store(response)
    return _detail(case, membership)


@router.post("/{case_id}/assign", response={200: CaseDetailOut, **WRITE_ERRORS})
def assign_case(request: HttpRequest, case_id: CaseId, response: HttpResponse, payload: AssignIn) -> Any:
    """Give the case to a department of the organisation (null: to none). Not for corruption reports."""
    user = caller(request)
    case, membership, _officer = case_for(user, case_id, write=True, action="api assign")
    department = None
    if payload.department is not None:
        department = Department.objects.filter(organization=membership.organization, pk=payload.department).first()
        if department is None:
            raise ServiceError(_("ส่วนราชการที่เลือกไม่ใช่ของหน่วยงานนี้"), "department")
    services.assign_department(case, membership, user, department)
    _no_store(response)
    return _detail(case, membership)


@router.post("/{case_id}/status", response={200: CaseDetailOut, **WRITE_ERRORS})
def move_case(request: HttpRequest, case_id: CaseId, response: HttpResponse, payload: MoveIn) -> Any:
    """Move the case on: รับเรื่อง → อยู่ระหว่างดำเนินการ → ดำเนินการแล้วเสร็จ, or ไม่รับเรื่อง (with the
    reason) / ส่งต่อหน่วยงานอื่น (with where). Other moves are refused (400)."""
    user = caller(request)
    case, membership, _officer = case_for(user, case_id, write=True, action="api status")
    services.move(
        case,
        membership,
        user,
        to=payload.to,
        reason=payload.reason,
        forwarded_to=payload.forwarded_to,
        reply=payload.reply,
    )
    _no_store(response)
    return _detail(case, membership)


@router.post("/{case_id}/notes", response={201: CaseEventOut, **WRITE_ERRORS})
def add_case_note(request: HttpRequest, case_id: CaseId, payload: NoteIn) -> Any:
    """An internal note on the case's timeline: the citizen never sees it."""
    user = caller(request)
    case, membership, _officer = case_for(user, case_id, write=True, action="api note")
    event = services.add_note(case, membership, user, payload.text)
    return with_status(201, CaseEvent.objects.select_related("actor", "department").get(pk=event.pk))


@router.post("/{case_id}/replies", response={201: CaseEventOut, **WRITE_ERRORS})
def reply_to_case(request: HttpRequest, case_id: CaseId, payload: ReplyIn) -> Any:
    """A public reply: on the tracking page, and sent by e-mail and LINE where the citizen gave them.

    The reply is kept even if sending fails; `delivery_error` then says what failed.
    """
    user = caller(request)
    case, membership, _officer = case_for(user, case_id, write=True, action="api reply")
    event = services.send_reply(
        case, membership, user, payload.text, by_email=payload.by_email, by_line=payload.by_line
    )
    return with_status(201, CaseEvent.objects.select_related("actor", "department").get(pk=event.pk))
