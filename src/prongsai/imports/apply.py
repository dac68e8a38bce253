"""Writing a merge (merge.py): ONE transaction, every write through the services, with the previewed versions.

Order: the departments the user ticked are created (orgs.services.add_department: admins only), the plan of the
year is created when there is none, then per measure in file order: a new measure (measures.services
.create_measure, then record_progress for each round the file fills), or a changed one (update_measure with
the measure's version, record_progress with the round's version). A version that moved on since the preview,
or any refused write, raises MergeError naming the measure's place in the file: nothing at all is written.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.errors import ConflictError, ServiceError
from prongsai.imports.incoming import Incoming
from prongsai.imports.items import match_department
from prongsai.imports.merge import Merge, Row, parse_seen
from prongsai.measures import services as measure_services
from prongsai.measures.models import Plan, Progress, ProgressStatus
from prongsai.orgs.models import Department, Membership
from prongsai.orgs.services import add_department


class MergeError(ServiceError):
    """The import was refused; the message is Thai and names the measure's place in the file."""


@dataclass
class Counts:
    measures_created: int = 0
    measures_updated: int = 0
    progress_recorded: int = 0
    departments_created: int = 0
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    @property
    def written(self) -> int:
        return self.measures_created + self.measures_updated + self.progress_recorded + self.departments_created


def stale() -> str:
    return _("ข้อมูลของแผนเปลี่ยนไประหว่างที่ตรวจตัวอย่าง: ตรวจตัวอย่างใหม่แล้วยืนยันอีกครั้ง")


def apply_merge(
    merge: Merge,
    membership: Membership,
    actor: Any,
    *,
    title: str = "",
    intro: str = "",
    create_departments: Collection[str] = (),
    use_file: Collection[str] = (),
    seen: dict[str, str] | None = None,
) -> tuple[Plan | None, Counts]:
    """Write the merge. `create_departments`: keys (DepartmentMatch.key) of the new departments to create;
    `use_file`: ids of conflicting measures to overwrite with the file's values; `seen`: measure id -> the
    versions the preview showed (None: the versions read by build_merge, for the command line)."""
    counts = Counts()
    with transaction.atomic():
        known = {d.name: d for d in merge.known}
        for proposal in merge.new_departments:
            if proposal.key in create_departments:
                try:
                    created = add_department(membership, actor, name=proposal.name)
                except ServiceError as err:
                    raise MergeError(f"{proposal.written}: {err.message}") from None
                known[created.name] = created
                counts.departments_created += 1
        plan = merge.plan
        if plan is None and any(row.creates for row in merge.rows):
            try:
                plan = measure_services.create_plan(
                    membership, actor, fiscal_year=merge.fiscal_year, title=title[:300], intro=intro
                )
            except ServiceError as err:
                raise MergeError(err.message) from None
        for row in merge.rows:
            try:
                _apply_row(row, plan, membership, actor, known, counts, use_file, seen)
            except ConflictError:
                raise MergeError(f"{row.incoming.place}: {stale()}") from None
            except MergeError:
                raise
            except ServiceError as err:
                raise MergeError(f"{row.incoming.place}: {err.message}") from None
    return plan, counts


def department_ids(incoming: Incoming, known: dict[str, Department]) -> list[Any]:
    names = list(known)
    ids: list[Any] = []
    for written in incoming.departments:
        name = match_department(written, names)
        if name is not None and known[name].pk not in ids:
            ids.append(known[name].pk)
    return ids


def _apply_row(
    row: Row,
    plan: Plan | None,
    membership: Membership,
    actor: Any,
    known: dict[str, Department],
    counts: Counts,
    use_file: Collection[str],
    seen: dict[str, str] | None,
) -> None:
    inc = row.incoming
    if row.creates:
        assert plan is not None
        _create(inc, plan, membership, actor, known, counts)
        return
    measure = row.measure
    wanted = row.action == "changed" or (
        row.action == "conflict" and measure is not None and str(measure.pk) in use_file
    )
    if measure is None or not wanted or not row.applied:
        if row.blocked or row.action in ("missing", "forbidden", "conflict") or any(not c.apply for c in row.changes):
            counts.skipped += 1
        return
    expected = parse_seen(row.seen if seen is None else seen.get(str(measure.pk), ""))
    if expected is None:
        raise MergeError(f"{inc.place}: {stale()}")
    measure_version, round_versions = expected
    changed = {c.name: c.after for c in row.applied if c.round is None}
    if changed:
        data = measure_services.MeasureData(
            title=changed.get("title", measure.title),
            methods=list(changed.get("methods", measure.methods)),
            department_ids=department_ids(inc, known)
            if "responsible_text" in changed
            else [d.pk for d in measure.departments.all()],
            responsible_text=changed.get("responsible_text", measure.responsible_text),
            timeframe_text=changed.get("timeframe_text", measure.timeframe_text),
            months=[] if "timeframe_text" in changed else [(int(y), int(m)) for y, m in measure.months],
            indicators=list(measure.indicators),
            target=measure.target,
            oit_topics=list(getattr(measure, "oit_topics", [])),
        )
        measure = measure_services.update_measure(measure, membership, actor, data, expected_version=measure_version)
        counts.measures_updated += 1
    progress = {p.round: p for p in row.measure.progress.all()} if row.measure is not None else {}
    for round_no in sorted({c.round for c in row.applied if c.round}):
        data_p = _progress_data(progress.get(round_no))
        for change in row.applied:
            if change.round == round_no:
                setattr(data_p, change.name, change.after)
        measure_services.record_progress(
            measure, round_no, membership, actor, data_p, expected_version=round_versions.get(round_no, 0)
        )
        counts.progress_recorded += 1


def _progress_data(current: Progress | None) -> measure_services.ProgressData:
    if current is None:
        return measure_services.ProgressData()
    return measure_services.ProgressData(
        results=list(current.results),
        status=current.status,
        status_text=current.status_text,
        outcome=current.outcome,
        suggestions=current.suggestions,
        problems=current.problems,
    )


def _create(
    inc: Incoming, plan: Plan, membership: Membership, actor: Any, known: dict[str, Department], counts: Counts
) -> None:
    data = measure_services.MeasureData(
        title=inc.title,
        methods=list(inc.fields.get("methods", [])),
        department_ids=department_ids(inc, known),
        responsible_text=inc.fields.get("responsible_text", ""),
        timeframe_text=inc.fields.get("timeframe_text", ""),
    )
    measure = measure_services.create_measure(plan, membership, actor, data)
    counts.measures_created += 1
    for round_no, values in sorted(inc.progress.items()):
        if not any(values.values()):
            continue
        progress = measure_services.ProgressData(
            results=list(values.get("results", [])),
            status=values.get("status") or ProgressStatus.NOT_STARTED,
            status_text=values.get("status_text", ""),
            outcome=values.get("outcome", ""),
            suggestions=values.get("suggestions", ""),
            problems=values.get("problems", ""),
        )
        measure_services.record_progress(measure, round_no, membership, actor, progress, expected_version=0)
        counts.progress_recorded += 1
