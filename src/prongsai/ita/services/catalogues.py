"""Catalogue versions: the shipped file stored on first use, superusers' uploads and item edits.

A year's catalogue is read with `active_catalogue(year)`. The first time a year is asked for, its
file from the package (data/catalogues/<year>.json) is stored as version 1 (lazily, not by a data
migration, so a fresh database and the test suite need no set-up step). A superuser's corrected
file or edited item becomes a new version and the active one; old versions stay as the history.
Organisations only read catalogues.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import PurePath
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.ita import catalogue as files
from prongsai.ita.models import Catalogue

MAX_CATALOGUE_BYTES = 1024 * 1024


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _dump(content: dict[str, Any]) -> str:
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def require_superuser(actor: Any) -> None:
    if not getattr(actor, "is_superuser", False):
        raise NotAllowed(_("เฉพาะผู้ดูแลระบบแก้ไขเกณฑ์การประเมิน ITA ได้ หน่วยงานอ่านได้อย่างเดียว"))


def catalogue_years() -> list[int]:
    """Every ITA year with a catalogue: shipped or stored."""
    stored = set(Catalogue.objects.values_list("year", flat=True).distinct())
    return sorted(stored | set(files.shipped_years()))


def active_catalogue(year: int) -> Catalogue:
    """The catalogue in force for an ITA year; the shipped file is stored on first use."""
    found = Catalogue.objects.filter(year=year, is_active=True).first()
    if found is not None:
        return found
    text = files.shipped_text(year) if isinstance(year, int) else None
    if text is None:
        raise ServiceError(
            _("ยังไม่มีเกณฑ์การประเมิน ITA ปี %(year)s: มีปี %(years)s")
            % {"year": year, "years": ", ".join(map(str, catalogue_years()))},
            "year",
        )
    content = files.load_text(text, f"{year}.json")
    try:
        with transaction.atomic():
            return Catalogue.objects.create(
                year=year,
                version=1,
                source_name=f"{year}.json",
                content=content,
                sha256=_sha(_dump(content)),
                change=_("ฉบับที่มากับโปรแกรม"),
            )
    except IntegrityError:  # another request stored it first
        return Catalogue.objects.get(year=year, is_active=True)


def _store_version(actor: Any, content: dict[str, Any], source_name: str, sha256: str, change: str) -> Catalogue:
    year = int(content["year"])
    if year in files.shipped_years():
        active_catalogue(year)  # the shipped file stays version 1
    current = Catalogue.objects.select_for_update().filter(year=year, is_active=True).first()
    if current is not None and current.sha256 == sha256:
        raise ServiceError(_("เนื้อหาเหมือนฉบับที่ใช้อยู่ (ฉบับที่ %(v)s): ไม่ได้บันทึกฉบับใหม่") % {"v": current.version}, "file")
    number = (Catalogue.objects.filter(year=year).aggregate(n=Max("version"))["n"] or 0) + 1
    Catalogue.objects.filter(year=year, is_active=True).update(is_active=False)
    return Catalogue.objects.create(
        year=year,
        version=number,
        source_name=source_name[:200],
        content=content,
        sha256=sha256,
        change=change.strip()[:300],
        uploaded_by=actor,
        is_active=True,
    )


@transaction.atomic
def upload_catalogue(actor: Any, *, filename: str, data: bytes, change: str = "") -> Catalogue:
    """A superuser's corrected catalogue file: checked whole, then the year's new active version."""
    require_superuser(actor)
    name = PurePath(filename).name or "catalogue.json"
    if not name.lower().endswith(".json"):
        raise ServiceError(_('ไฟล์ "%(name)s" ต้องเป็นไฟล์ .json') % {"name": name}, "file")
    if len(data) > MAX_CATALOGUE_BYTES:
        raise ServiceError(_('ไฟล์ "%(name)s" ใหญ่เกิน 1 MB') % {"name": name}, "file")
    content = files.load_bytes(data, name)
    text = _dump(content)
    return _store_version(actor, content, name, _sha(text), change or _("อัปโหลดไฟล์ %(name)s") % {"name": name})


@transaction.atomic
def edit_catalogue_item(actor: Any, year: int, code: str, changes: dict[str, Any], *, change: str = "") -> Catalogue:
    """Change one OIT item (title, indicator, topic, contents, covers, confirmed, note): a new version."""
    require_superuser(actor)
    current = active_catalogue(year)
    content = copy.deepcopy(current.content)
    items = content.get("oit_items", [])
    index = next((i for i, item in enumerate(items) if item["code"].lower() == code.lower()), None)
    if index is None:
        raise ServiceError(_('ไม่มีข้อ "%(code)s" ในเกณฑ์ปี %(year)s') % {"code": code, "year": year})
    allowed = {"title", "indicator", "topic", "contents", "covers", "confirmed", "note"}
    item = dict(items[index])
    item.update({k: v for k, v in changes.items() if k in allowed})
    if not item.get("note"):
        item.pop("note", None)
    items[index] = item
    files.validate(content)  # the whole catalogue is checked again
    summary = change or _("แก้ไขข้อ %(code)s") % {"code": item["code"]}
    return _store_version(actor, content, current.source_name, _sha(_dump(content)), summary)


def catalogue_text(catalogue: Catalogue) -> str:
    """A version's content as a file a superuser can download, correct and upload again."""
    return _dump(catalogue.content)
