"""What the API answers: explicit output schemas. Dates are ISO 8601; fiscal years are B.E. integers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.utils import timezone
from ninja import Schema


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


class DetailOut(Schema):
    detail: str


class DepartmentOut(Schema):
    id: UUID
    name: str
    order: int


class DepartmentRef(Schema):
    id: UUID
    name: str


class OrganizationOut(Schema):
    id: UUID
    slug: str
    name: str
    kind: str
    kind_display: str
    district: str
    province: str
    code: str
    is_demo: bool

    @staticmethod
    def resolve_kind_display(obj: Any) -> str:
        return str(obj.get_kind_display())


class OrganizationDetailOut(OrganizationOut):
    role: str
    role_display: str


class PlanOut(Schema):
    id: UUID
    organization: str
    fiscal_year: int
    title: str
    status: str
    status_display: str
    submitted_by: str | None
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    approvals_count: int
    copied_from: UUID | None
    measures_count: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_organization(obj: Any) -> str:
        return str(obj.organization.slug)

    @staticmethod
    def resolve_status_display(obj: Any) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_submitted_by(obj: Any) -> str | None:
        return _username(obj.submitted_by)

    @staticmethod
    def resolve_approved_by(obj: Any) -> str | None:
        return _username(obj.approved_by)

    @staticmethod
    def resolve_copied_from(obj: Any) -> UUID | None:
        return obj.copied_from_id

    @staticmethod
    def resolve_measures_count(obj: Any) -> int:
        count = getattr(obj, "measures_count", None)
        return len(obj.measures.all()) if count is None else int(count)


class ProgressOut(Schema):
    round: int
    round_display: str
    status: str
    status_display: str
    status_text: str
    results: list[str]
    outcome: str
    suggestions: str
    problems: str
    version: int
    updated_at: datetime

    @staticmethod
    def resolve_round_display(obj: Any) -> str:
        return str(obj.get_round_display())

    @staticmethod
    def resolve_status_display(obj: Any) -> str:
        return str(obj.status_display)


class MeasureOut(Schema):
    id: UUID
    number: int
    title: str
    methods: list[str]
    departments: list[DepartmentRef]
    responsible: str
    responsible_text: str
    timeframe_text: str
    months: list[list[int]]
    timeframe_needs_review: bool
    indicators: list[int]
    oit_topics: list[str]
    target: str
    version: int
    progress: list[ProgressOut]
    evidence_count: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_responsible(obj: Any) -> str:
        return str(obj.responsible_display)

    @staticmethod
    def resolve_evidence_count(obj: Any) -> int:
        """Evidence not withdrawn: an annotation on lists, counted from the prefetch on detail."""
        count = getattr(obj, "evidence_count", None)
        if count is None:
            return sum(1 for e in obj.evidence.all() if e.withdrawn_at is None)
        return int(count)


class PlanDetailOut(PlanOut):
    intro: str
    measures: list[MeasureOut]


class EvidenceOut(Schema):
    """Metadata only: the file itself is never part of the API's answers."""

    id: UUID
    round: int
    title: str
    filename: str
    content_type: str
    size: int
    sha256: str
    url: str
    period_start: date | None
    period_end: date | None
    added_by: str | None
    created_at: datetime
    withdrawn_at: datetime | None
    withdrawn_by: str | None
    withdrawn_reason: str

    @staticmethod
    def resolve_added_by(obj: Any) -> str | None:
        return _username(obj.added_by)

    @staticmethod
    def resolve_withdrawn_by(obj: Any) -> str | None:
        return _username(obj.withdrawn_by)


class PlanRef(Schema):
    id: UUID
    organization: str
    fiscal_year: int
    status: str

    @staticmethod
    def resolve_organization(obj: Any) -> str:
        return str(obj.organization.slug)


class MeasureDetailOut(MeasureOut):
    plan: PlanRef
    evidence: list[EvidenceOut]


class FieldChangeOut(Schema):
    field: str
    old: Any
    new: Any


class HistoryEntryOut(Schema):
    """One saved change: which record, who, when, why, and each field before → after."""

    model: str
    object_id: UUID
    round: int | None
    action: str
    at: datetime
    by: str | None
    reason: str | None
    changes: list[FieldChangeOut]


# Errors ---------------------------------------------------------------------------------------


class ErrorOut(Schema):
    """A refused write (400) or a refused action (403): the Thai message and, where known, the field."""

    detail: str
    field: str | None = None


class ConflictOut(Schema):
    """409: someone saved a newer version first. Nothing was written; both versions are here."""

    detail: str
    current: dict[str, Any]
    submitted: dict[str, Any]


class ValidationErrorOut(Schema):
    """422: the request does not fit the schema (each error with its location)."""

    detail: list[dict[str, Any]]


READ_ERRORS: dict[int, Any] = {401: DetailOut, 404: DetailOut}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, 401: DetailOut, 403: ErrorOut, 404: DetailOut, 422: ValidationErrorOut}
VERSIONED_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 409: ConflictOut}
# Writes without a body (submit, approve, delete): nothing to fail a schema.
ACTION_ERRORS: dict[int, Any] = {k: v for k, v in WRITE_ERRORS.items() if k != 422}


# Complaints (staff) ---------------------------------------------------------------------------


class CaseKindRef(Schema):
    id: UUID
    name: str
    is_corruption: bool


class CaseOut(Schema):
    """A case in the inbox. A corruption report (`confidential`) reaches case officers only.

    `subject` is null for an overseer: they see statistics (kind, channel, status, dates, deadline,
    lateness), not the citizen — a subject often names people.
    """

    id: UUID
    registry_number: str
    registry_no: int
    fiscal_year: int
    kind: CaseKindRef
    confidential: bool
    channel: str
    channel_display: str
    subject: str | None
    status: str
    status_display: str
    department: DepartmentRef | None
    received_at: datetime
    due_date: date
    overdue: bool
    closed_at: datetime | None

    @staticmethod
    def resolve_registry_number(obj: Any) -> str:
        return str(obj.registry_display)

    @staticmethod
    def resolve_subject(obj: Any) -> str | None:
        return None if getattr(obj, "people_hidden", False) else str(obj.subject)

    @staticmethod
    def resolve_channel_display(obj: Any) -> str:
        return str(obj.get_channel_display())

    @staticmethod
    def resolve_status_display(obj: Any) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return bool(obj.is_overdue(timezone.localdate()))


class HiddenCountOut(Schema):
    """What a member who is not a case officer learns of corruption reports: that they exist."""

    total: int
    open: int


class CasePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[CaseOut]
    confidential_hidden: HiddenCountOut | None = None


class CaseEventOut(Schema):
    id: UUID
    kind: str
    kind_display: str
    actor: str | None
    status: str
    department: DepartmentRef | None
    text: str
    public: bool
    created_at: datetime
    email_sent_at: datetime | None
    line_sent_at: datetime | None
    delivery_error: str

    @staticmethod
    def resolve_kind_display(obj: Any) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return _username(obj.actor)


class CaseAttachmentOut(Schema):
    """Metadata only: files are downloaded from the case's page."""

    id: UUID
    filename: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime


class CaseDetailOut(CaseOut):
    tracking_code: str
    details: str
    place: str
    contact_name: str
    contact_phone: str
    contact_email: str
    contact_line: str
    consent_at: datetime | None
    status_reason: str
    forwarded_to: str
    started_at: datetime | None
    registered_by: str | None
    allowed_moves: list[str]
    can_handle: bool
    events: list[CaseEventOut]
    attachments: list[CaseAttachmentOut]

    @staticmethod
    def resolve_registered_by(obj: Any) -> str | None:
        return _username(obj.registered_by)

    @staticmethod
    def resolve_allowed_moves(obj: Any) -> list[str]:
        return [str(status) for status in obj.allowed_moves()]
