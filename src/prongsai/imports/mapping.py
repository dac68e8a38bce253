"""The columns of a file's measures table in the preview: what each was taken to be, and the officer's choice.

A column is known by its header key (the normalised header cells, from the reader: ParsedReport.columns); a
choice is one of imports.columns.CHOICES ("title", "methods", …, "extra", "ignore"). ``mapping_from_form``
turns the preview's selects into the choices to read the file with; ``check_mapping`` refuses a choice that
cannot be read (an unknown value, two title columns, none) with a Thai message naming the column. No writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext as _

from prongsai.core.digits import digits, num
from prongsai.core.errors import ServiceError
from prongsai.imports.columns import CHOICES, FIELD_NAMES

CHOICE_VALUES = frozenset(value for value, _label in CHOICES)
TITLE = "title"
FIELD_PREFIX = "column-"  # the preview's select of column i is named column-<i>


def choice_label(value: str) -> str:
    """A column's meaning in words: a CHOICES label, "งบประมาณปี ๒๕๖๗" for a year's budget, else as the reader
    named it."""
    labels = dict(CHOICES)
    if value in labels:
        return digits(gettext(labels[value]))  # columns.py marks them for the catalogue
    if value.startswith("budget:"):
        year = value.split(":", 1)[1]
        return _("งบประมาณปี %(year)s") % {"year": num(year) if year.isdigit() else year}
    base, _sep, round_no = value.rpartition("_")
    if base in FIELD_NAMES and round_no in ("1", "2"):
        rounds = {"1": digits(_("รอบ ๖ เดือน")), "2": digits(_("รอบ ๑๒ เดือน"))}
        return f"{FIELD_NAMES[base]} {rounds[round_no]}"
    return FIELD_NAMES.get(value, value)


def column_name(column: Mapping[str, Any]) -> str:
    """ "คอลัมน์ที่ ๓ “แนวปฏิบัติที่ทำ”" — the column as a message names it."""
    place = _("คอลัมน์ที่ %(n)s") % {"n": num(int(column.get("index", 0)) + 1)}
    header = " ".join(str(column.get("header") or "").split())
    return f"{place} “{header}”" if header else place


@dataclass
class ColumnView:
    index: int
    header: str
    field: str  # what the reader took it to be
    chosen: bool  # by the officer (now, or remembered for this layout)
    options: list[tuple[str, str]]  # (value, label) of its select; `field` is among them

    @property
    def name(self) -> str:
        return f"{FIELD_PREFIX}{self.index}"


def column_views(columns: list[dict[str, Any]]) -> list[ColumnView]:
    """One select per column: CHOICES, and the reader's own reading first when it is none of them (a year's
    budget stays as read unless changed)."""
    views = []
    for column in columns:
        field = str(column.get("field") or "extra")
        options = [(value, choice_label(value)) for value, _label in CHOICES]
        if field not in CHOICE_VALUES:
            options.insert(0, (field, choice_label(field)))
        views.append(
            ColumnView(
                int(column["index"]), str(column.get("header") or ""), field, bool(column.get("chosen")), options
            )
        )
    return views


def mapping_from_form(columns: list[dict[str, Any]], data: Mapping[str, Any]) -> dict[str, str]:
    """The choices to read the file with: every column the officer changed, or had chosen before; a column
    left as the reader took it is left to the reader. Two columns with the same header cannot differ."""
    mapping: dict[str, str] = {}
    named: dict[str, dict[str, Any]] = {}
    for column in columns:
        value = data.get(f"{FIELD_PREFIX}{column['index']}")
        if value is None:
            continue
        value = str(value)
        field = str(column.get("field") or "")
        if value == field and not column.get("chosen"):
            continue
        key = str(column["key"])
        if key in mapping and mapping[key] != value:
            raise ServiceError(
                _("%(a)s และ%(b)s มีหัวตารางเหมือนกัน จึงเลือกความหมายต่างกันไม่ได้: เลือกให้เหมือนกัน หรือแก้หัวตารางในไฟล์")
                % {"a": column_name(named[key]), "b": column_name(column)}
            )
        mapping[key], named[key] = value, column
    return mapping


def check_choices(columns: list[dict[str, Any]], mapping: Mapping[str, str]) -> None:
    """Every choice names a column of the table and is one of CHOICES; at most one title column."""
    by_key: dict[str, dict[str, Any]] = {}
    for column in columns:
        by_key.setdefault(str(column.get("key")), column)
    for key, value in mapping.items():
        found = by_key.get(key)
        if found is None:
            raise ServiceError(_("ไม่พบคอลัมน์ที่เลือกในตารางของไฟล์นี้: อ่านไฟล์ใหม่แล้วเลือกอีกครั้ง"))
        if value not in CHOICE_VALUES:
            raise ServiceError(
                _("%(column)s: ไม่รู้จักความหมาย “%(value)s” ที่เลือก — เลือกจากรายการ")
                % {"column": column_name(found), "value": value}
            )
    titles = [c for c in columns if mapping.get(str(c.get("key")), str(c.get("field") or "")) == TITLE]
    if len(titles) > 1:
        raise ServiceError(
            _("เลือก “%(title)s” ได้คอลัมน์เดียว แต่เลือกไว้ที่%(columns)s")
            % {"title": choice_label(TITLE), "columns": _(" และ").join(column_name(c) for c in titles)}
        )


def check_mapping(columns: list[dict[str, Any]], mapping: Mapping[str, str]) -> None:
    """check_choices, and the table then has its title column."""
    check_choices(columns, mapping)
    if not any(mapping.get(str(c.get("key")), str(c.get("field") or "")) == TITLE for c in columns):
        raise ServiceError(
            _("ยังไม่มีคอลัมน์ที่เป็น “%(title)s”: เลือกให้คอลัมน์ที่เป็นชื่อมาตรการหรือกิจกรรม") % {"title": choice_label(TITLE)}
        )
