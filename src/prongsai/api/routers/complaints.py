"""Public intake of complaints (no account, no token): the web form's twin, with the same rate limit.

Mounted at /api/public: `POST /api/public/{slug}/cases` files a case and answers its tracking code;
`GET /api/public/{slug}/kinds` lists the kinds the form offers. Attachments go through the web form.
"""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from prongsai.api.inputs import CaseFieldsIn
from prongsai.api.lookup import organization_or_404
from prongsai.api.schemas import DetailOut, ValidationErrorOut
from prongsai.complaints import ratelimit, services
from prongsai.complaints.services.notify import tracking_url
from prongsai.core.digits import digits

router = Router(tags=["complaints (public)"], auth=None)


def _json(status: int, body: dict[str, Any]) -> HttpResponse:
    """A JSON answer with its own status (works across django-ninja 1.x, before and after `Status`)."""
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type="application/json")


class KindOut(Schema):
    id: UUID
    name: str
    deadline_days: int
    is_corruption: bool


class CaseIn(CaseFieldsIn):
    consent: bool = False


class CaseFiledOut(Schema):
    tracking_code: str
    registry_number: str
    received_at: str
    due_date: str
    tracking_url: str


class RefusedOut(Schema):
    detail: str
    field: str | None = None


@router.get("/{slug}/kinds", response={200: list[KindOut], 404: DetailOut})
def list_public_kinds(request: HttpRequest, slug: str) -> Any:
    """The kinds of case the organisation accepts (ร้องเรียน, แจ้งเบาะแสการทุจริต, e-service requests…)."""
    return services.active_kinds(organization_or_404(slug))


@router.post(
    "/{slug}/cases",
    response={201: CaseFiledOut, 400: RefusedOut, 404: DetailOut, 422: ValidationErrorOut, 429: DetailOut},
)
def file_public_case(request: HttpRequest, slug: str, payload: CaseIn) -> Any:
    """File a complaint, tip-off or request without an account; `consent` to the privacy notice is
    required. Answers the tracking code (the citizen's only key to the case) and the registry number.
    At most PRONGSAI_COMPLAINT_RATE_PER_MINUTE filings a minute per client address (429 after that)."""
    org = organization_or_404(slug)
    if not ratelimit.intake_allowed(request):
        response = _json(429, {"detail": digits(_("ส่งเรื่องถี่เกินไป กรุณารอประมาณ ๑ นาทีแล้วลองใหม่"))})
        response["Retry-After"] = str(int(ratelimit.WINDOW_SECONDS))
        return response
    data = payload.intake(consent=payload.consent)
    case = services.file_case(org, data)  # a refusal is a ServiceError: 400 with the Thai message
    filed = CaseFiledOut(
        tracking_code=case.tracking_code,
        registry_number=case.registry_display,
        received_at=case.received_at.isoformat(),
        due_date=case.due_date.isoformat(),
        tracking_url=tracking_url(case.tracking_code),
    )
    return _json(201, filed.model_dump())
