"""LINE: the webhook checks X-Line-Signature and links a case to the sender; replies are pushed.

The LINE API is a local stub on 127.0.0.1 (conftest.line_stub); nothing leaves the machine.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from django.test import Client

from prongsai.complaints import services
from prongsai.complaints.models import Case, CaseEvent, EventKind

from .conftest import LineStub, World

SECRET = "line-channel-secret-of-klaeng"
TOKEN = "line-access-token-of-klaeng"
USER = "U4af4980629a1b2c3d4e5f60718293a4b"


def configure(world: World) -> None:
    services.update_channel_settings(
        world.somchai,
        world.somchai.user,
        privacy_notice="",
        line_basic_id="@klaeng",
        line_channel_secret=SECRET,
        line_access_token=TOKEN,
    )


def webhook_body(text: str, user: str = USER) -> bytes:
    event = {
        "type": "message",
        "replyToken": "reply-token-1",
        "source": {"type": "user", "userId": user},
        "message": {"type": "text", "id": "1", "text": text},
    }
    return json.dumps({"destination": "Uxxx", "events": [event]}).encode()


def sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def post(body: bytes, signature: str, slug: str = "klaeng") -> Any:
    return Client().post(
        f"/c/line/webhook/{slug}/", body, content_type="application/json", HTTP_X_LINE_SIGNATURE=signature
    )


def test_a_signed_message_with_the_code_links_the_case_and_confirms(world: World, line_stub: LineStub) -> None:
    configure(world)
    case = world.file()
    code = case.tracking_code
    body = webhook_body(f"รหัส {code[:5].lower()} {code[5:]} ค่ะ")
    assert post(body, sign(body)).status_code == 200
    case.refresh_from_db()
    assert case.line_user_id == USER
    assert CaseEvent.objects.filter(case=case, kind=EventKind.LINE_LINKED).count() == 1
    [confirmation] = line_stub.requests
    assert confirmation["path"] == "/v2/bot/message/reply"
    assert confirmation["headers"]["Authorization"] == f"Bearer {TOKEN}"
    assert confirmation["json"]["replyToken"] == "reply-token-1"


def test_a_bad_or_missing_signature_is_refused_and_links_nothing(world: World, line_stub: LineStub) -> None:
    configure(world)
    case = world.file()
    body = webhook_body(case.tracking_code)
    assert post(body, sign(body, "wrong-secret")).status_code == 403
    assert post(body, "").status_code == 403
    tampered = webhook_body(case.tracking_code, user="Uattacker")
    assert post(tampered, sign(body)).status_code == 403
    case.refresh_from_db()
    assert case.line_user_id == "" and line_stub.requests == []


def test_an_organisation_without_line_has_no_webhook(world: World) -> None:
    body = webhook_body("x")
    assert post(body, sign(body), slug="bankhai").status_code == 404
    assert Client().get("/c/line/webhook/klaeng/").status_code == 405


def test_a_code_of_another_organisation_is_not_linked(world: World, line_stub: LineStub) -> None:
    configure(world)
    theirs = services.file_case(
        world.other, services.IntakeData(kind_id=world.kind(org=world.other).pk, subject="ก", details="ข", consent=True)
    )
    body = webhook_body(theirs.tracking_code)
    assert post(body, sign(body)).status_code == 200
    theirs.refresh_from_db()
    assert theirs.line_user_id == "" and line_stub.requests == []


def test_a_reply_is_pushed_to_the_linked_citizen_with_the_token(world: World, line_stub: LineStub) -> None:
    configure(world)
    case = world.file(contact_email="")
    Case.objects.filter(pk=case.pk).update(line_user_id=USER)
    case.refresh_from_db()
    r = world.client(world.nid).post(f"/complaints/{case.pk}/reply/", {"text": "ช่างจะเข้าไปวันพรุ่งนี้", "by_line": "on"})
    assert r.status_code == 302
    [push] = line_stub.requests
    assert push["path"] == "/v2/bot/message/push"
    assert push["headers"]["Authorization"] == f"Bearer {TOKEN}"
    assert push["headers"]["Content-Type"] == "application/json"
    assert push["json"]["to"] == USER
    [message] = push["json"]["messages"]
    assert message["type"] == "text" and "ช่างจะเข้าไปวันพรุ่งนี้" in message["text"]
    assert case.tracking_code in message["text"]
    assert CaseEvent.objects.get(case=case, kind=EventKind.REPLY).line_sent_at is not None


def test_line_being_down_is_recorded_on_the_reply(world: World, settings: Any) -> None:
    configure(world)
    settings.LINE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    case = world.file(contact_email="")
    Case.objects.filter(pk=case.pk).update(line_user_id=USER)
    case.refresh_from_db()
    event = services.send_reply(case, world.nid, world.nid.user, "แจ้งผล")
    assert event.line_sent_at is None and event.delivery_error.startswith("line:")


def test_the_admin_sets_line_up_and_the_secrets_are_never_shown_back(world: World) -> None:
    client = world.client(world.somchai)
    data = {"line_basic_id": "@klaeng", "line_channel_secret": SECRET, "line_access_token": TOKEN}
    assert client.post("/o/klaeng/complaints/settings/", data).status_code == 302
    page = client.get("/o/klaeng/complaints/settings/").content.decode()
    assert SECRET not in page and TOKEN not in page and "เชื่อมต่อ LINE แล้ว" in page
    assert "/c/line/webhook/klaeng/" in page
    client.post("/o/klaeng/complaints/settings/", {"line_basic_id": "@klaeng"})  # blanks keep the secrets
    assert services.settings_for(world.org).line_ready
