"""The dashboard's tables, built from the figures: what the page shows and what CSV/XLSX export.

A table is columns and rows of plain values (text, whole numbers, Decimal scores and percentages,
dates, flags); the page and the exports print the same values, so an export equals its table.
Rows of provinces and districts link to the next page down; rows of organisations to /o/<slug>/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from prongsai.documents.content import INDICATOR_NAMES
from prongsai.ita.models import INDICATORS
from prongsai.orgs.models import OrgKind
from prongsai.oversight.queries import Figures, Group

TABLE_KEYS = ("kinds", "grades", "weakest", "indicators", "measures", "late", "late_orgs", "complaints")
KIND_LABELS = dict(OrgKind.choices)


@dataclass
class Column:
    label: str
    kind: str = "int"  # text | int | pct | score | delta (signed) | date | flag


@dataclass
class Row:
    cells: list[Any]
    url: str = ""


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[Row]
    total: Row | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def percent(part: int, whole: int) -> Decimal | None:
    return (Decimal(100) * part / whole).quantize(Decimal("0.1")) if whole else None


def local_date(value: datetime | None) -> date | None:
    return timezone.localdate(value) if value is not None else None


def _url(f: Figures, g: Group) -> str:
    if f.scope.rows_are_orgs:
        return f"/o/{g.slug}/"
    return f"{f.scope.child(g.key).path}?year={f.year}"


def _rows(f: Figures, cells: Any, total: bool = True) -> tuple[list[Row], Row | None]:
    rows = [Row([g.name, *cells(g)], _url(f, g)) for g in f.groups]
    return rows, (Row([_("รวม"), *cells(f.total)]) if total and not f.scope.rows_are_orgs else None)


def kinds_table(f: Figures) -> Table:
    if f.scope.rows_are_orgs:
        rows, _t = _rows(f, lambda g: [str(KIND_LABELS.get(g.kind, g.kind))], total=False)
        return Table(
            "kinds", _("หน่วยงานและประเภท"), [Column(f.scope.row_label, "text"), Column(_("ประเภท"), "text")], rows
        )
    kinds = [k for k in OrgKind.values if f.total.kinds.get(k)]
    columns = [Column(f.scope.row_label, "text"), Column(_("หน่วยงานทั้งหมด"))]
    columns += [Column(str(KIND_LABELS[k])) for k in kinds]
    rows, total = _rows(f, lambda g: [g.orgs, *[g.kinds.get(k, 0) for k in kinds]])
    return Table("kinds", _("หน่วยงานจำแนกตามประเภท"), columns, rows, total)


def _grade_of(g: Group) -> str:
    return next((grade for grade, n in g.grades.items() if n), "")


def grades_table(f: Figures) -> Table:
    pm = f"{f.pass_mark:g}"
    note = _("ผ่านเกณฑ์ = คะแนน ITA ตั้งแต่ %(pm)s ขึ้นไป (เกณฑ์ของปี ITA นี้); ร้อยละที่ผ่านคิดจากหน่วยงานที่มีผลประเมิน") % {"pm": pm}
    if f.scope.rows_are_orgs:
        columns = [Column(f.scope.row_label, "text"), Column(_("คะแนน ITA"), "score"), Column(_("ระดับ"), "text")]
        columns.append(Column(_("ผ่านเกณฑ์"), "flag"))
        rows, _t = _rows(f, lambda g: [g.mean(0), _grade_of(g), g.passed > 0 if g.assessed else None], total=False)
        return Table("grades", _("ผลการประเมิน ITA"), columns, rows, note=note)
    columns = [Column(f.scope.row_label, "text"), Column(_("มีผลประเมิน"))]
    columns += [Column(grade) for grade in f.grades]
    columns += [Column(_("ผ่านเกณฑ์")), Column(_("ร้อยละที่ผ่าน"), "pct"), Column(_("ITA เฉลี่ย"), "score")]

    def cells(g: Group) -> list[Any]:
        return [g.assessed, *[g.grades.get(x, 0) for x in f.grades], g.passed, percent(g.passed, g.assessed), g.mean(0)]

    rows, total = _rows(f, cells)
    return Table("grades", _("หน่วยงานจำแนกตามระดับผลการประเมิน ITA และอัตราการผ่านเกณฑ์"), columns, rows, total, note)


def indicators_table(f: Figures) -> Table:
    columns = [Column(f.scope.row_label, "text")] + [Column(f"{n}", "score") for n in INDICATORS]
    columns.append(Column("ITA", "score"))
    rows, total = _rows(f, lambda g: [*[g.mean(n) for n in INDICATORS], g.mean(0)])
    note = _("คะแนนเฉลี่ยรายตัวชี้วัด (๑–๑๐) ของหน่วยงานที่มีคะแนนตัวชี้วัดนั้น")
    return Table("indicators", _("คะแนนเฉลี่ยรายตัวชี้วัด"), columns, rows, total, note)


def weakest_table(f: Figures) -> Table:
    means = [(n, mean) for n in INDICATORS if (mean := f.total.mean(n)) is not None]
    ranked = sorted(means, key=lambda m: (m[1], m[0]))
    columns = [Column(_("ตัวชี้วัด"), "int"), Column(_("ชื่อตัวชี้วัด"), "text"), Column(_("คะแนนเฉลี่ย"), "score")]
    columns += [Column(_("ห่างจากเกณฑ์ผ่าน"), "delta"), Column(_("หน่วยงานที่มีคะแนน"))]
    rows = [Row([n, INDICATOR_NAMES.get(n, ""), m, m - f.pass_mark, f.total.counts.get(n, 0)]) for n, m in ranked]
    return Table("weakest", _("ตัวชี้วัดที่อ่อนที่สุด (เรียงจากคะแนนเฉลี่ยต่ำสุด)"), columns, rows)


def measures_table(f: Figures) -> Table:
    columns = [Column(f.scope.row_label, "text"), Column(_("มาตรการทั้งหมด"))]
    for r in (1, 2):
        columns += [Column(_("เสร็จรอบ %(r)s") % {"r": r}), Column(_("ร้อยละรอบ %(r)s") % {"r": r}, "pct")]

    def cells(g: Group) -> list[Any]:
        out: list[Any] = [g.measures]
        for r in (1, 2):
            out += [g.done.get(r, 0), percent(g.done.get(r, 0), g.measures)]
        return out

    rows, total = _rows(f, cells)
    note = _("เสร็จ = ผลการดำเนินการรอบนั้นมีสถานะ \u201cดำเนินการแล้วเสร็จ\u201d; ร้อยละคิดจากมาตรการทั้งหมดในแผนของปี")
    return Table("measures", _("มาตรการที่ดำเนินการแล้วเสร็จ รายรอบ"), columns, rows, total, note)


def late_note(f: Figures) -> str:
    parts = [
        _("ส่งรายงานช้า = พ้นกำหนดแล้วแต่ไม่มีรายงานผลรอบนั้นที่ผู้บริหารอนุมัติภายในวันที่ %(d)s (รอบ %(r)s)")
        % {"d": _be(f.deadlines[r]), "r": r}
        for r in (1, 2)
    ]
    return "; ".join(parts) + _(" — ทั้งที่อนุมัติหลังกำหนดและที่ยังไม่มีเลย")


def _be(d: date | None) -> str:
    return f"{d.day}/{d.month}/{d.year + 543}" if d else ""


def late_table(f: Figures) -> Table:
    if f.scope.rows_are_orgs:
        columns = [Column(f.scope.row_label, "text")]
        for r in (1, 2):
            columns += [
                Column(_("อนุมัติรายงานรอบ %(r)s เมื่อ") % {"r": r}, "date"),
                Column(_("ช้ารอบ %(r)s") % {"r": r}, "flag"),
            ]

        def org_cells(g: Group) -> list[Any]:
            out: list[Any] = []
            for r in (1, 2):
                out += [local_date(g.first_approved.get(r)), (g.late(r) > 0) if f.due[r] else None]
            return out

        rows, _t = _rows(f, org_cells, total=False)
        return Table("late", _("การส่งรายงานผลการดำเนินการ"), columns, rows, note=late_note(f))
    columns = [Column(f.scope.row_label, "text"), Column(_("หน่วยงาน"))]
    for r in (1, 2):
        columns += [Column(_("ช้ารอบ %(r)s") % {"r": r}), Column(_("ร้อยละช้ารอบ %(r)s") % {"r": r}, "pct")]

    def cells(g: Group) -> list[Any]:
        out: list[Any] = [g.orgs]
        for r in (1, 2):
            out += [g.late(r), percent(g.late(r), g.orgs)] if f.due[r] else [None, None]
        return out

    rows, total = _rows(f, cells)
    return Table("late", _("หน่วยงานที่ส่งรายงานผลช้า"), columns, rows, total, late_note(f))


def late_orgs_table(f: Figures) -> Table:
    columns = [Column(_("หน่วยงาน"), "text"), Column(_("ประเภท"), "text")]
    columns += [Column(_("จังหวัด"), "text"), Column(_("อำเภอ"), "text")]
    for r in (1, 2):
        columns += [
            Column(_("อนุมัติรายงานรอบ %(r)s เมื่อ") % {"r": r}, "date"),
            Column(_("ช้ารอบ %(r)s") % {"r": r}, "flag"),
        ]
    rows = []
    for o in f.late_orgs:
        cells: list[Any] = [o["name"], str(KIND_LABELS.get(o["kind"], o["kind"])), o["province"], o["district"]]
        for r in (1, 2):
            cells += [local_date(o[f"r{r}"]), o[f"late{r}"] if f.due[r] else None]
        rows.append(Row(cells, f"/o/{o['slug']}/"))
    return Table(
        "late_orgs", _("รายชื่อหน่วยงานที่ส่งรายงานผลช้า"), columns, rows, note=late_note(f), extra={"more": f.late_more}
    )


def complaints_table(f: Figures) -> Table:
    columns = [Column(f.scope.row_label, "text"), Column(_("เรื่องทั้งหมด")), Column(_("ยังไม่แล้วเสร็จ"))]
    columns.append(Column(pgettext("oversight", "แจ้งเบาะแสการทุจริต (จำนวน)")))
    rows, total = _rows(f, lambda g: [g.cases, g.open_cases, g.corruption])
    note = _("นับเรื่องที่รับในปีงบประมาณนี้ เรื่องแจ้งเบาะแสการทุจริตเป็นความลับ: แสดงเฉพาะจำนวน ไม่แสดงเนื้อหา")
    return Table("complaints", _("เรื่องร้องเรียนและแจ้งเบาะแส"), columns, rows, total, note)


BUILDERS = {
    "kinds": kinds_table,
    "grades": grades_table,
    "weakest": weakest_table,
    "indicators": indicators_table,
    "measures": measures_table,
    "late": late_table,
    "late_orgs": late_orgs_table,
    "complaints": complaints_table,
}


def all_tables(f: Figures) -> list[Table]:
    return [BUILDERS[key](f) for key in TABLE_KEYS]
