"""Column layouts: the officer's choice for each column of a measures table, remembered per organisation for the
next file whose table has the same header (models.ColumnLayout, keyed by the reader's layout key); reading a
draft again with such choices.

Writes: ``remember_layout`` (an editor or admin of the organisation), ``forget_layout`` (its admin),
``reread_draft`` (the draft's file read again with the officer's choices, kept on the draft, and the choices
remembered) — each in a transaction, audited (django-simple-history). A choice that cannot be read (an unknown
value, two title columns, none) is refused with a Thai message naming the column, and nothing is written.

Reads: ``mapping_for`` (the remembered choices of a layout), ``read_for`` (a file read at the upload, again with
the remembered choices when its layout has them), ``layout_for`` (the access helper of the admin's pages).
"""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from prongsai.core.audit import delete_audited, save_audited
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.imports.mapping import check_choices, check_mapping
from prongsai.imports.models import ColumnLayout, ImportKind, ImportRecord, ImportStatus
from prongsai.imports.preview import Parsed, parse, parsed_for, parsed_to_json, unread
from prongsai.imports.seed import ImportFormatError, NoTitleColumn
from prongsai.measures.services._audit import require_editor, require_same_org
from prongsai.orgs.access import as_uuid, org_for
from prongsai.orgs.models import Membership, Organization

_LAYOUT_KEY = re.compile(r"[0-9a-f]{16,64}")


def mapping_for(org: Organization, layout_key: str) -> dict[str, str] | None:
    """The organisation's remembered choices for the table layout `layout_key`, or None."""
    if not layout_key:
        return None
    layout = ColumnLayout.objects.filter(organization=org, layout_key=layout_key).only("mapping").first()
    if layout is None or not layout.mapping:
        return None
    return {str(key): str(value) for key, value in layout.mapping.items()}


def _headers(headers: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{"header": str(h.get("header") or ""), "key": str(h.get("key") or "")} for h in headers]


@transaction.atomic
def remember_layout(
    membership: Membership,
    actor: Any,
    *,
    layout_key: str,
    headers: list[dict[str, Any]],
    mapping: dict[str, str],
) -> ColumnLayout:
    """Remember `mapping` (header key -> a CHOICES value) for the organisation's tables of this layout.

    headers: the table's columns in order, each {"header": as written, "key": header key} (ParsedReport.columns
    will do); kept for display.
    """
    require_editor(membership)
    if not _LAYOUT_KEY.fullmatch(layout_key or ""):
        raise ServiceError(_("ตารางนี้ไม่มีแถวหัวตาราง จึงจำการจับคู่คอลัมน์ไว้ใช้ครั้งต่อไปไม่ได้"))
    shown = _headers(headers)
    check_choices([{**h, "index": i} for i, h in enumerate(shown)], mapping)
    org = membership.organization
    layout = ColumnLayout.objects.select_for_update().filter(organization=org, layout_key=layout_key).first()
    if layout is None:
        layout = ColumnLayout(organization=org, layout_key=layout_key, created_by=actor)
    layout.headers, layout.mapping, layout.updated_by = shown, dict(mapping), actor
    try:
        with transaction.atomic():
            save_audited(layout, actor, "remember column layout")
    except IntegrityError:  # remembered at the same moment from another page: this choice is the newer one
        layout = ColumnLayout.objects.select_for_update().get(organization=org, layout_key=layout_key)
        layout.headers, layout.mapping, layout.updated_by = shown, dict(mapping), actor
        save_audited(layout, actor, "remember column layout")
    return layout


@transaction.atomic
def forget_layout(layout: ColumnLayout, membership: Membership, actor: Any) -> None:
    """The organisation's admin removes a remembered layout: the next file of that layout is read by its
    header again."""
    if not membership.is_admin:
        raise NotAllowed(_("เฉพาะผู้ดูแลหน่วยงานลบแบบตารางที่จำไว้ได้"))
    require_same_org(membership, layout.organization_id)
    delete_audited(layout, actor, "forget column layout")


@transaction.atomic
def reread_draft(record: ImportRecord, membership: Membership, actor: Any, mapping: dict[str, str]) -> Parsed:
    """The draft's file read again from its kept bytes with the officer's column choices, kept on the draft for
    the preview and the confirmation; the choices are remembered for the next file of the same layout."""
    require_editor(membership)
    require_same_org(membership, record.organization_id)
    if record.status != ImportStatus.DRAFT:
        raise ServiceError(_("ไฟล์นี้นำเข้าแล้ว จึงอ่านตารางใหม่ไม่ได้"))
    try:
        current = parsed_for(record)
    except ImportFormatError as err:
        raise ServiceError(str(err)) from None
    if current.kind == ImportKind.ROUNDTRIP:
        raise ServiceError(_("Excel ของส่วนราชการมีคอลัมน์ตามแบบของระบบอยู่แล้ว ไม่ต้องจับคู่คอลัมน์"))
    if not current.columns:
        raise ServiceError(_("ไม่พบตารางมาตรการในไฟล์ จึงจับคู่คอลัมน์ไม่ได้"))
    check_mapping(current.columns, mapping)
    try:
        parsed = parse(bytes(record.content), record.filename, columns=mapping)
    except ImportFormatError as err:
        raise ServiceError(str(err)) from None
    record.parsed = parsed_to_json(parsed)
    record.save(update_fields=["parsed", "updated_at"])
    if mapping:
        remember_layout(
            membership,
            actor,
            layout_key=parsed.layout_key or current.layout_key,
            headers=parsed.columns or current.columns,
            mapping=mapping,
        )
    return parsed


def read_for(org: Organization, data: bytes, filename: str, *, keep_unread: bool = True) -> Parsed:
    """A file as read at the upload: read again with the organisation's remembered choices when its table's
    layout has them. keep_unread: a table without a title column comes back as Parsed.unread (for the preview
    to ask which column is which) rather than raising NoTitleColumn."""
    try:
        parsed = parse(data, filename)
    except NoTitleColumn as err:
        remembered = mapping_for(org, err.layout_key)
        if remembered is None:
            if keep_unread:
                return unread(data, err)
            raise
        return _read_remembered(data, filename, remembered, keep_unread)
    remembered = mapping_for(org, parsed.layout_key) if parsed.kind == ImportKind.REPORT else None
    if remembered is None:
        return parsed
    try:
        return _read_remembered(data, filename, remembered, keep_unread=False)
    except ImportFormatError:  # the remembered choices do not fit this file after all: as read by its header
        return parsed


def _read_remembered(data: bytes, filename: str, remembered: dict[str, str], keep_unread: bool) -> Parsed:
    try:
        parsed = parse(data, filename, columns=remembered)
    except NoTitleColumn as err:
        if keep_unread:
            return unread(data, err, remembered)
        raise
    parsed.remembered = True
    return parsed


def layout_for(user: Any, slug: str, layout_id: Any) -> tuple[ColumnLayout, Membership]:
    """A remembered layout of the organisation `slug`, for its admin: others 403, foreign or missing 404."""
    membership = org_for(user, slug, admin=True)
    layout = ColumnLayout.objects.filter(organization=membership.organization, pk=as_uuid(layout_id)).first()
    if layout is None:
        raise Http404
    return layout, membership
