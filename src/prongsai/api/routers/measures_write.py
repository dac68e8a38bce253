"""Writing plans, measures, progress and evidence: the web's services and access rules, as JSON.

Every write goes through prongsai.measures.services (the audit history records the caller) after
the same access helper the web page uses: a plan or measure of another organisation, a missing one
and a malformed id are 404; a role that may not write is 403; a refused write is 400 with the Thai
message and its field; a stale `version` is 409 with both versions, and nothing is written.

django-ninja serves one URL from one router, so the writes that share a path with a read
(`PUT /measures/{id}` beside `GET /measures/{id}`) are added to the read routers here.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import pydantic
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Path, Router
from ninja.errors import HttpError, ValidationError

from prongsai.api.auth import caller
from prongsai.api.inputs import (
    EvidenceIn,
    MeasureIn,
    MeasureUpdateIn,
    PlanReturnIn,
    PlanWithdrawIn,
    ProgressIn,
    ReorderIn,
    WithdrawIn,
)
from prongsai.api.routers.measures import MeasureId, stored_measure
from prongsai.api.routers.measures import router as measures_router
from prongsai.api.routers.plans import PlanId, measures_queryset
from prongsai.api.routers.plans import router as plans_router
from prongsai.api.schemas import (
    ACTION_ERRORS,
    VERSIONED_ERRORS,
    WRITE_ERRORS,
    EvidenceOut,
    MeasureDetailOut,
    MeasureOut,
    PlanOut,
    ProgressOut,
)
from prongsai.api.status import with_status
from prongsai.core.errors import ServiceError
from prongsai.measures import services
from prongsai.measures.access import can_edit_measure, evidence_for, measure_for, plan_for, plan_step_for
from prongsai.measures.models import Evidence, Plan, Progress

evidence_router = Router(tags=["evidence"])
EvidenceId = Annotated[str, Path(description="Evidence id (a UUID)")]
RoundNo = Annotated[int, Path(description="1 = รอบ ๖ เดือน (ต.ค.–มี.ค.), 2 = รอบ ๑๒ เดือน (ต.ค.–ก.ย.)")]


def stored_plan(pk: Any) -> Plan:
    return (
        Plan.objects.select_related("organization", "submitted_by", "approved_by")
        .annotate(measures_count=Count("measures"))
        .get(pk=pk)
    )


# Plans: measures in them, their order, submission, withdrawal, approval and return --------------


@plans_router.post("/{plan_id}/measures", response={201: MeasureDetailOut, **WRITE_ERRORS})
def create_measure(request: HttpRequest, plan_id: PlanId, payload: MeasureIn) -> Any:
    """Add a measure at the end of a draft plan. Editors limited to departments must name one of theirs."""
    user = caller(request)
    plan, membership = plan_for(user, plan_id, write=True)
    measure = services.create_measure(plan, membership, user, payload.to_data())
    return with_status(201, stored_measure(measure.pk))


@plans_router.post("/{plan_id}/measures/order", response={200: list[MeasureOut], **WRITE_ERRORS})
def reorder_measures(request: HttpRequest, plan_id: PlanId, payload: ReorderIn) -> Any:
    """Number the plan's measures in the order given (every measure of the plan, once).

    An editor limited to departments may move only measures of their departments (as on the web page).
    """
    user = caller(request)
    plan, membership = plan_for(user, plan_id, write=True)
    numbers = {str(pk): n for n, pk in enumerate(payload.order, start=1)}
    measures = plan.measures.prefetch_related("departments")
    moved = [m for m in measures if numbers.get(str(m.pk), m.number) != m.number]
    if any(not can_edit_measure(membership, m) for m in moved):
        raise PermissionDenied
    services.reorder_measures(plan, membership, user, list(payload.order))
    return measures_queryset().filter(plan=plan)


@plans_router.post("/{plan_id}/submit", response={200: PlanOut, **ACTION_ERRORS})
def submit_plan(request: HttpRequest, plan_id: PlanId) -> Any:
    """Submit a draft plan (with at least one measure) for approval; its measures are then fixed."""
    user = caller(request)
    plan, membership = plan_for(user, plan_id, write=True)
    services.submit_plan(plan, membership, user)
    return stored_plan(plan.pk)


@plans_router.post("/{plan_id}/approve", response={200: PlanOut, **ACTION_ERRORS})
def approve_plan(request: HttpRequest, plan_id: PlanId) -> Any:
    """Approve a submitted plan: the approver (ผู้บริหาร) only, never the person who submitted it."""
    user = caller(request)
    plan, membership = plan_for(user, plan_id)
    services.approve_plan(plan, membership, user)
    return stored_plan(plan.pk)


@plans_router.post("/{plan_id}/withdraw", response={200: PlanOut, **WRITE_ERRORS})
def withdraw_plan(
    request: HttpRequest, plan_id: PlanId, payload: Annotated[PlanWithdrawIn | None, Body()] = None
) -> Any:
    """Take a submission back before it is approved (the plan is a draft again): the person who
    submitted it or an administrator only. A reason is optional and kept in the plan's history."""
    user = caller(request)
    plan, membership = plan_step_for(user, plan_id, "withdraw")
    services.withdraw_plan(plan, membership, user, reason=payload.reason if payload else "")
    return stored_plan(plan.pk)


@plans_router.post("/{plan_id}/return", response={200: PlanOut, **WRITE_ERRORS})
def return_plan(request: HttpRequest, plan_id: PlanId, payload: Annotated[PlanReturnIn | None, Body()] = None) -> Any:
    """Send a submitted plan back to draft, saying why (`reason` is required): the approver (ผู้บริหาร) only."""
    user = caller(request)
    plan, membership = plan_step_for(user, plan_id, "return")
    services.return_plan(plan, membership, user, reason=payload.reason if payload else "")
    return stored_plan(plan.pk)


# Measures: edit, delete, progress per round, evidence --------------------------------------------


@measures_router.put("/{measure_id}", response={200: MeasureDetailOut, **VERSIONED_ERRORS})
def update_measure(request: HttpRequest, measure_id: MeasureId, payload: MeasureUpdateIn) -> Any:
    """Save the measure against the `version` read: if someone saved since, 409 with the stored version
    (`current`) and yours (`submitted`), and nothing is written. Fields left out keep their values."""
    user = caller(request)
    measure, membership = measure_for(user, measure_id, write=True)
    data = payload.to_data_over(measure)
    services.update_measure(measure, membership, user, data, expected_version=payload.version)
    return stored_measure(measure.pk)


@measures_router.delete("/{measure_id}", response={204: None, **ACTION_ERRORS})
def delete_measure(request: HttpRequest, measure_id: MeasureId) -> Any:
    """Delete a measure of a draft plan that was never approved and has no evidence; the rest renumber."""
    user = caller(request)
    measure, membership = measure_for(user, measure_id, write=True)
    services.delete_measure(measure, membership, user)
    return with_status(204, None)


@measures_router.put("/{measure_id}/progress/{round}", response={200: ProgressOut, **VERSIONED_ERRORS})
def record_progress(request: HttpRequest, measure_id: MeasureId, round: RoundNo, payload: ProgressIn) -> Any:
    """Record the results of a round, saved against the progress `version` read (409 if stale)."""
    user = caller(request)
    measure, membership = measure_for(user, measure_id, write=True)
    progress = services.record_progress(
        measure, round, membership, user, payload.to_data(), expected_version=payload.version
    )
    return Progress.objects.get(pk=progress.pk)


def _schema(model: type[pydantic.BaseModel], **extra_properties: Any) -> dict[str, Any]:
    schema = model.model_json_schema()
    schema["properties"] = {**schema["properties"], **extra_properties}
    return schema


EVIDENCE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": _schema(EvidenceIn) | {"required": ["url"]}},
            "multipart/form-data": {
                "schema": _schema(EvidenceIn, file={"type": "string", "format": "binary"}) | {"required": ["file"]}
            },
        },
    }
}


def _validated(model: type[pydantic.BaseModel], data: Any, source: str) -> Any:
    """`model` from `data`, or django-ninja's 422 (each error located in `source`)."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as err:
        errors = []
        for error in err.errors(include_url=False):
            error.pop("input", None)  # type: ignore[misc]
            if isinstance(error.get("ctx", {}).get("error"), Exception):
                error["ctx"]["error"] = str(error["ctx"]["error"])
            errors.append({**error, "loc": (source, *error["loc"])})
        raise ValidationError(errors) from None


def _evidence_input(request: HttpRequest) -> tuple[EvidenceIn, UploadedFile | None]:
    if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        files = request.FILES.getlist("file")
        if len(files) > 1:
            raise ServiceError(_("แนบหลักฐานได้ครั้งละหนึ่งไฟล์"), "file")
        fields = {name: request.POST.get(name) for name in request.POST if name in EvidenceIn.model_fields}
        return _validated(EvidenceIn, fields, "form"), (files[0] if files else None)
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        raise HttpError(400, _("อ่านเนื้อหาคำขอไม่ได้: ต้องเป็น JSON หรือ multipart/form-data")) from None
    if not isinstance(data, dict):
        raise ValidationError([{"type": "dict_type", "loc": ("body",), "msg": "Input should be a valid dictionary"}])
    return _validated(EvidenceIn, data, "body"), None


@measures_router.post(
    "/{measure_id}/evidence", response={201: EvidenceOut, **WRITE_ERRORS}, openapi_extra=EVIDENCE_BODY
)
def add_evidence(request: HttpRequest, measure_id: MeasureId) -> Any:
    """Attach evidence to a round: a file (multipart/form-data, field `file`) or a link (JSON `url`).

    A file whose bytes are not what its name says (a .pdf that is not a PDF) is refused (400), as
    is a file over the size limit. The answer is the evidence's metadata; files are never returned.
    """
    user = caller(request)
    measure, membership = measure_for(user, measure_id, write=True)
    payload, upload = _evidence_input(request)
    evidence = services.add_evidence(
        measure,
        payload.round,
        membership,
        user,
        title=payload.title,
        upload=upload,
        url=payload.url,
        period_start=payload.period_start,
        period_end=payload.period_end,
    )
    return with_status(201, Evidence.objects.select_related("added_by", "withdrawn_by").get(pk=evidence.pk))


@evidence_router.post("/{evidence_id}/withdraw", response={200: EvidenceOut, **WRITE_ERRORS})
def withdraw_evidence(request: HttpRequest, evidence_id: EvidenceId, payload: WithdrawIn) -> Any:
    """Withdraw evidence, saying why. It is never erased: it stays, marked withdrawn, with who and why."""
    user = caller(request)
    evidence, membership = evidence_for(user, evidence_id, write=True)
    services.withdraw_evidence(evidence, membership, user, reason=payload.reason)
    return Evidence.objects.select_related("added_by", "withdrawn_by").get(pk=evidence.pk)
