"""One click from a suggestion to a measure of the plan, through measures.services.create_measure."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.ita.library import find_suggestion, normal_title
from prongsai.measures.models import Measure, Plan
from prongsai.measures.services import MeasureData, create_measure
from prongsai.orgs.models import Membership


@transaction.atomic
def adopt_suggestion(plan: Plan, membership: Membership, actor: Any, source: str, key: str) -> Measure:
    """A new measure in the (draft) plan from a suggestion: title, methods, indicators and OIT topics.

    A past measure's departments come with it; an editor limited to departments gets their own
    when none of those is theirs. A title the plan already has is refused (a second click).
    """
    if not membership.can_edit:
        raise NotAllowed(_("บทบาทของคุณอ่านได้อย่างเดียว แก้ไขไม่ได้"))
    if membership.organization_id != plan.organization_id:
        raise NotAllowed(_("รายการนี้ไม่ใช่ของหน่วยงานของคุณ"))
    suggestion = find_suggestion(plan, source, key)
    if suggestion is None:
        raise ServiceError(_("ไม่พบมาตรการที่แนะนำนี้: โหลดหน้าใหม่แล้วลองอีกครั้ง"))
    titles = {normal_title(t) for t in Measure.objects.filter(plan=plan).values_list("title", flat=True)}
    if normal_title(suggestion.title) in titles:
        raise ServiceError(_('แผนนี้มีมาตรการ "%(t)s" อยู่แล้ว') % {"t": suggestion.title})
    departments = list(suggestion.department_ids)
    allowed = [d.pk for d in membership.departments.all()]
    if not membership.is_admin and allowed and not set(departments) & set(allowed):
        departments = allowed
    data = MeasureData(
        title=suggestion.title,
        methods=list(suggestion.methods),
        department_ids=departments,
        indicators=list(suggestion.indicators),
        oit_topics=list(suggestion.oit_topics),
    )
    return create_measure(plan, membership, actor, data)
