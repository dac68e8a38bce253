"""The LINE Official Account webhook: a citizen links a case by sending its tracking code to the OA.

LINE signs each delivery: X-Line-Signature = base64(HMAC-SHA256(channel secret, raw body)).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from typing import Any

from django.db import transaction

from prongsai.complaints.models import Case, CaseEvent, ComplaintSettings, EventKind
from prongsai.complaints.services import notify
from prongsai.complaints.services.intake import CODE_ALPHABET, CODE_LENGTH, normalise_code

_CODE_IN_TEXT = re.compile(rf"[{CODE_ALPHABET}{CODE_ALPHABET.lower()}\-\s]{{{CODE_LENGTH},{CODE_LENGTH * 2}}}")


def signature_ok(secret: str, body: bytes, signature: str) -> bool:
    if not secret or not signature:
        return False
    expected = base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()
    return hmac.compare_digest(expected, signature.strip())


def _codes_in(text: str) -> list[str]:
    found = []
    for match in _CODE_IN_TEXT.finditer(text or ""):
        code = normalise_code(match.group())
        if code:
            found.append(code)
    return found


def handle_events(config: ComplaintSettings, body: bytes) -> int:
    """Link every case whose code arrives in a text message; returns how many were linked.

    Only cases of the OA's own organisation are linked; the citizen gets a short confirmation.
    """
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return 0
    events = payload.get("events") if isinstance(payload, dict) else None
    linked = 0
    for event in events if isinstance(events, list) else []:
        linked += _handle(config, event)
    return linked


def _handle(config: ComplaintSettings, event: Any) -> int:
    if not isinstance(event, dict) or event.get("type") != "message":
        return 0
    message, source = event.get("message") or {}, event.get("source") or {}
    user_id = source.get("userId") if isinstance(source, dict) else None
    if not isinstance(message, dict) or message.get("type") != "text" or not isinstance(user_id, str):
        return 0
    linked = 0
    for code in _codes_in(str(message.get("text", ""))):
        with transaction.atomic():
            case = (
                Case.objects.select_for_update()
                .select_related("organization")
                .filter(organization_id=config.organization_id, tracking_code=code)
                .first()
            )
            if case is None:
                continue
            if case.line_user_id != user_id[:64]:
                case.line_user_id = user_id[:64]
                case.save(update_fields=["line_user_id", "updated_at"])
                CaseEvent.objects.create(case=case, kind=EventKind.LINE_LINKED)
        linked += 1
        notify.line_reply(config, str(event.get("replyToken", "")), notify.line_linked_text(case))
    return linked
