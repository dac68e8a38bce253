"""Telling the citizen: e-mail (Django's mail backend) and LINE (the Messaging API's push endpoint).

Both run after the case's transaction has been written, so a mail server or LINE being down never
loses a case; a failure is returned as a short text the caller records on the event.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from prongsai.complaints.models import Case, ComplaintSettings

log = logging.getLogger(__name__)
LINE_TIMEOUT_SECONDS = 5
LINE_TEXT_LIMIT = 5000


def tracking_url(code: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/track/{code}/"


def form_url(slug: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/c/{slug}/"


def send_email(to: str, subject: str, body: str) -> str:
    """Send one message; "" when sent, else the reason it was not."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
    except Exception as exc:  # any mail backend's error: recorded, never a 500
        log.warning("complaint e-mail to a citizen failed: %s", exc)
        return f"email: {exc}"[:300]
    return ""


def email_filed(case: Case) -> str:
    if not case.contact_email:
        return ""
    subject = _("ได้รับเรื่องของท่านแล้ว: รหัสติดตาม %(code)s") % {"code": case.tracking_code}
    body = _(
        '%(org)s ได้รับเรื่อง "%(subject)s" ของท่านแล้ว\nเลขรับ %(no)s\nรหัสติดตามเรื่อง: %(code)s\nติดตามความคืบหน้าได้ที่ %(url)s\n'
    ) % {
        "org": case.organization.name,
        "subject": case.subject,
        "no": case.registry_display,
        "code": case.tracking_code,
        "url": tracking_url(case.tracking_code),
    }
    return send_email(case.contact_email, subject, body)


def reply_text(case: Case, text: str) -> str:
    return _("%(org)s ตอบเรื่องเลขรับ %(no)s (รหัส %(code)s):\n%(text)s\n\nสถานะ: %(status)s\n%(url)s") % {
        "org": case.organization.name,
        "no": case.registry_display,
        "code": case.tracking_code,
        "text": text,
        "status": case.get_status_display(),
        "url": tracking_url(case.tracking_code),
    }


def email_reply(case: Case, text: str) -> str:
    subject = _("ความคืบหน้าเรื่องของท่าน: รหัสติดตาม %(code)s") % {"code": case.tracking_code}
    return send_email(case.contact_email, subject, reply_text(case, text))


def _line_post(path: str, token: str, payload: dict[str, object]) -> str:
    """POST JSON to the LINE API; "" on HTTP 200, else the reason."""
    url = settings.LINE_API_BASE.rstrip("/") + path
    request = urllib.request.Request(  # noqa: S310 - the base URL is a setting (https in production)
        url,
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=LINE_TIMEOUT_SECONDS) as response:  # noqa: S310
            response.read()
    except urllib.error.HTTPError as exc:
        log.warning("LINE %s answered %s", path, exc.code)
        return f"line: HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        log.warning("LINE %s unreachable: %s", path, exc)
        return f"line: {exc}"[:300]
    return ""


def _message(text: str) -> list[dict[str, str]]:
    return [{"type": "text", "text": text[:LINE_TEXT_LIMIT]}]


def line_push(config: ComplaintSettings | None, user_id: str, text: str) -> str:
    if config is None or not config.line_access_token or not user_id:
        return "line: not configured"
    return _line_post("/v2/bot/message/push", config.line_access_token, {"to": user_id, "messages": _message(text)})


def line_reply(config: ComplaintSettings, reply_token: str, text: str) -> str:
    if not reply_token or not config.line_access_token:
        return ""
    return _line_post(
        "/v2/bot/message/reply", config.line_access_token, {"replyToken": reply_token, "messages": _message(text)}
    )


def line_linked_text(case: Case) -> str:
    return _("เชื่อมเรื่องเลขรับ %(no)s (รหัส %(code)s) กับ LINE นี้แล้ว %(org)s จะแจ้งความคืบหน้าทางนี้") % {
        "no": case.registry_display,
        "code": case.tracking_code,
        "org": case.organization.name,
    }
