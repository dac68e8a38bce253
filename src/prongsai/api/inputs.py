"""What the API accepts: request bodies and query filters of the writes and the staff's case inbox.

Dates are ISO 8601 (`2024-10-01`); fiscal years and the years of `months` are B.E. (พ.ศ.). Ids are UUIDs.
A body that does not fit its schema is 422; the services' own refusals (a timeframe outside the fiscal
year, an unknown department…) are 400 with a Thai message and the field.

Every input refuses text no database can store — a NUL character, or half of a UTF-16 surrogate pair
(JSON lets both through) — with a 422 instead of a failed write; text lengths are capped by
core/limits.py (the same limits the services enforce), and shown in the OpenAPI document.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field, field_validator

from prongsai.complaints.models import CaseStatus, Channel
from prongsai.complaints.services import IntakeData
from prongsai.core import limits
from prongsai.measures.models import Measure, ProgressStatus
from prongsai.measures.services import MeasureData, ProgressData

UNSTORABLE = "ข้อความมีอักขระที่บันทึกไม่ได้ (NUL หรือรหัส UTF-16 ที่ไม่ครบคู่)"


def refuse_unstorable(value: Any) -> None:
    """Raise ValueError if `value` (a string, or a list/tuple of them, nested) cannot be stored as text."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError(UNSTORABLE)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(UNSTORABLE) from None
    elif isinstance(value, list | tuple):
        for item in value:
            refuse_unstorable(item)


class In(Schema):
    """The base of every input."""

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        refuse_unstorable(value)
        return value


# A (year B.E., month) pair, e.g. [2567, 10] is ตุลาคม ๒๕๖๗.
YearBE = Annotated[int, Field(ge=2400, le=2800)]
MonthNo = Annotated[int, Field(ge=1, le=12)]
# One item of a list (a method, a result).
Item = Annotated[str, Field(max_length=limits.ITEM)]


class MeasureIn(In):
    """A measure (มาตรการ/กิจกรรม) of a plan. Months must lie in the plan's fiscal year (ต.ค.–ก.ย.)."""

    title: str = Field(max_length=limits.MEASURE_TITLE, description="มาตรการหรือกิจกรรม")
    methods: list[Item] = Field(default_factory=list, max_length=limits.ITEMS, description="วิธีการดำเนินการ ทีละข้อ")
    departments: list[UUID] = Field(default_factory=list, description="ids of the organisation's departments")
    responsible_text: str = Field(
        "", max_length=limits.RESPONSIBLE, description="ผู้รับผิดชอบ as written; blank = departments"
    )
    timeframe_text: str = Field(
        "",
        max_length=limits.TIMEFRAME,
        description="ระยะเวลา as written, e.g. ต.ค. ๖๗ – มี.ค. ๖๘; read into months if none given",
    )
    months: list[tuple[YearBE, MonthNo]] = Field(default_factory=list, description="[year B.E., month] pairs")
    indicators: list[int] = Field(default_factory=list, description="ITA indicators, 1 to 10")
    oit_topics: list[str] = Field(default_factory=list, description='topic keys of the OIT items, e.g. "no-gift"')
    target: str = Field("", max_length=limits.TARGET, description="เป้าหมาย")

    def to_data(self) -> MeasureData:
        return MeasureData(
            title=self.title,
            methods=list(self.methods),
            department_ids=list(self.departments),
            responsible_text=self.responsible_text,
            timeframe_text=self.timeframe_text,
            months=[(year, month) for year, month in self.months],
            indicators=list(self.indicators),
            target=self.target,
            oit_topics=list(self.oit_topics),
        )


class MeasureUpdateIn(MeasureIn):
    """The measure as it should be, and the version it was read at (optimistic locking).

    A field left out keeps its stored value, so a client that does not know a field never erases it;
    `timeframe_text` and `months` go together: sending either replaces both.
    """

    version: int = Field(description="the `version` read with the measure; a newer one stored gives 409")

    def to_data_over(self, measure: Measure) -> MeasureData:
        """The data to save: what was sent, over what is stored."""
        data = self.to_data()
        sent = self.model_fields_set
        if "methods" not in sent:
            data.methods = list(measure.methods)
        if "departments" not in sent:
            data.department_ids = [d.pk for d in measure.departments.all()]
        if "responsible_text" not in sent:
            data.responsible_text = measure.responsible_text
        if not sent & {"timeframe_text", "months"}:
            data.timeframe_text = measure.timeframe_text
            data.months = [(int(year), int(month)) for year, month in measure.months]
        if "indicators" not in sent:
            data.indicators = list(measure.indicators)
        if "oit_topics" not in sent:
            data.oit_topics = list(measure.oit_topics)
        if "target" not in sent:
            data.target = measure.target
        return data


class ReorderIn(In):
    order: list[UUID] = Field(description="every measure id of the plan, in the new order")


class ProgressIn(In):
    """The results of one round (รอบ ๖ เดือน = 1, รอบ ๑๒ เดือน = 2), saved against the version read."""

    version: int = Field(description="the progress `version` read (0 before the first save); newer stored → 409")
    status: ProgressStatus = ProgressStatus.NOT_STARTED
    results: list[Item] = Field(default_factory=list, max_length=limits.ITEMS, description="ผลการดำเนินการ ทีละข้อ")
    status_text: str = Field(
        "", max_length=limits.STATUS_TEXT, description="the status phrase as written, for documents"
    )
    outcome: str = Field("", max_length=limits.PARAGRAPH, description="ผลลัพธ์")
    suggestions: str = Field("", max_length=limits.PARAGRAPH, description="ข้อเสนอแนะ")
    problems: str = Field("", max_length=limits.PARAGRAPH, description="ปัญหา/อุปสรรค")

    def to_data(self) -> ProgressData:
        return ProgressData(
            results=list(self.results),
            status=str(self.status),
            status_text=self.status_text,
            outcome=self.outcome,
            suggestions=self.suggestions,
            problems=self.problems,
        )


class EvidenceIn(In):
    """Evidence of a round: a link here (JSON), or a file (multipart, the same fields plus `file`)."""

    round: int = Field(1, description="1 = รอบ ๖ เดือน, 2 = รอบ ๑๒ เดือน")
    title: str = Field("", max_length=limits.EVIDENCE_TITLE, description="ชื่อหลักฐาน; blank = the file name or the link")
    url: str = Field("", max_length=limits.EVIDENCE_URL, description="https:// link (JSON); leave out with a file")
    period_start: date | None = Field(None, description="the period the evidence covers, from (ISO date)")
    period_end: date | None = Field(None, description="… to (ISO date)")

    @field_validator("period_start", "period_end", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if value == "" else value


class WithdrawIn(In):
    reason: str = Field(max_length=limits.REASON, description="why the evidence is withdrawn (kept with it)")


class PlanReturnIn(In):
    reason: str = Field(
        "",
        max_length=limits.REASON,
        description="why the plan goes back to draft: required (a missing or blank reason is refused with 400 and "
        "a Thai message naming the field); kept in the plan's history",
    )


class PlanWithdrawIn(In):
    reason: str = Field("", max_length=limits.REASON, description="why the submission is taken back (optional; kept)")


class CaseFilterIn(In):
    """The inbox's filters, as on the web inbox."""

    status: CaseStatus | None = None
    kind: UUID | None = None
    channel: Channel | None = None
    department: Literal["none"] | UUID | None = Field(None, description='a department id, or "none": unassigned')
    overdue: bool = Field(False, description="only open cases past their due date")
    q: str = Field("", max_length=200, description="words of the subject, details, place or name; a code; เลขรับ")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


class CaseFieldsIn(In):
    """What a case says, on the public form and when staff take one down."""

    kind: UUID
    subject: str = Field(max_length=limits.COMPLAINT_SUBJECT)
    details: str = Field(max_length=limits.COMPLAINT_DETAILS)
    place: str = Field("", max_length=limits.COMPLAINT_PLACE)
    contact_name: str = Field("", max_length=limits.CONTACT_NAME)
    contact_phone: str = Field("", max_length=limits.CONTACT_PHONE)
    contact_email: str = Field("", max_length=limits.CONTACT_EMAIL)
    contact_line: str = Field("", max_length=limits.CONTACT_LINE)

    def intake(self, *, consent: bool = False) -> IntakeData:
        return IntakeData(
            kind_id=self.kind,
            subject=self.subject,
            details=self.details,
            place=self.place,
            contact_name=self.contact_name,
            contact_phone=self.contact_phone,
            contact_email=self.contact_email,
            contact_line=self.contact_line,
            consent=consent,
        )


class RegisterCaseIn(CaseFieldsIn):
    """A case staff take down from another channel (walk-in, phone, letter, LINE, forwarded…)."""

    channel: Channel = Field(description="how it came (not `web`: that is the public form)")


class AssignIn(In):
    department: UUID | None = Field(description="the department that handles the case; null = none")


class MoveIn(In):
    to: CaseStatus = Field(description="received → in_progress | rejected | forwarded; in_progress → done | forwarded")
    reason: str = Field("", max_length=limits.REASON, description="required with `rejected`")
    forwarded_to: str = Field("", max_length=limits.CASE_FORWARDED_TO, description="required with `forwarded`")
    reply: str = Field(
        "", max_length=limits.CASE_REPLY, description="a public reply sent to the citizen with the move (optional)"
    )


class NoteIn(In):
    text: str = Field(max_length=limits.CASE_NOTE, description="an internal note: the citizen never sees it")


class ReplyIn(In):
    text: str = Field(
        max_length=limits.CASE_REPLY, description="shown on the tracking page; sent by e-mail and LINE where given"
    )
    by_email: bool = True
    by_line: bool = True
