"""An overseer sees statistics, not people: counts, kinds, channels, statuses, deadlines and lateness of
the ordinary cases in scope — never a citizen's name, contacts, subject, narrative or files — and
nothing at all of a corruption report but its number. Members keep seeing what they saw."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from prongsai.complaints import services
from prongsai.complaints.models import Case
from prongsai.core import thai
from prongsai.orgs.services import add_oversight, system_user

from .conftest import CORRUPTION, World, form_data

BANGKOK = ZoneInfo("Asia/Bangkok")
FILED = datetime(2025, 3, 3, 10, 0, tzinfo=BANGKOK)  # fiscal year 2568
LATE = datetime(2025, 5, 2, 10, 0, tzinfo=BANGKOK)  # well past the 15 working days
PDF = b"%PDF-1.4\n%%EOF\n"
STATISTICS_ONLY = "ผู้กำกับติดตามเห็นเฉพาะสถิติ"

# What the citizen told the organisation, and what its officers wrote about it.
PEOPLE = {
    "subject": "นายประยูร มั่งมี ถมที่ปิดทางน้ำ",
    "details": "เพื่อนบ้านชื่อสมปองถมดินปิดลำรางสาธารณะ น้ำท่วมบ้านทุกปี",
    "place": "ซอยมะลิ บ้านเลขที่ ๙๙/๑",
    "contact_name": "นางบุญมี ศรีสุข",
    "contact_phone": "0861112222",
    "contact_email": "boonmee@example.com",
    "contact_line": "boonmee-line",
}
FILE_NAME = "บ้านนางบุญมี.pdf"
NOTE = "นัดคุยกับผู้ร้องที่บ้านวันศุกร์"
REPLY = "เรียนคุณบุญมี กองช่างจะลงพื้นที่"


def overseer() -> Client:
    get_user_model().objects.create_user("somsri", password="x" * 12)
    add_oversight(system_user(), username="somsri", level="province", province="ระยอง")
    client = Client()
    client.force_login(get_user_model().objects.get(username="somsri"))
    return client


def filed_case(world: World) -> Case:
    """A citizen's complaint on the web form with a file; the intake desk notes and replies."""
    with time_machine.travel(FILED, tick=False):
        data = {**form_data(world, **PEOPLE), "attachments": [SimpleUploadedFile(FILE_NAME, PDF, "application/pdf")]}
        assert Client().post("/c/klaeng/", data).status_code == 302
        case = Case.objects.get(subject=PEOPLE["subject"])
        services.add_note(case, world.nid, world.nid.user, NOTE)
        services.send_reply(case, world.nid, world.nid.user, REPLY, by_email=False, by_line=False)
    return case


def text(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8-sig", "replace")


def personal_words_in(body: str) -> list[str]:
    return [w for w in [*PEOPLE.values(), FILE_NAME, NOTE, REPLY, "สมปอง", "บุญมี"] if w in body]


def test_an_overseer_sees_counts_kinds_statuses_and_lateness_but_no_citizen_on_any_page(world: World) -> None:
    case = filed_case(world)
    attachment = case.attachments.get()
    client = overseer()
    with time_machine.travel(LATE, tick=False):
        pages = {
            "inbox": client.get("/o/klaeng/complaints/"),
            "inbox (htmx)": client.get("/o/klaeng/complaints/?overdue=on", HTTP_HX_REQUEST="true"),
            "inbox searched by name": client.get("/o/klaeng/complaints/", {"q": "ศรีสุข"}),
            "csv": client.get("/o/klaeng/complaints/export.csv"),
            "case": client.get(f"/complaints/{case.pk}/"),
            "receipt": client.get(f"/complaints/{case.pk}/receipt/"),
            "receipt pdf": client.get(f"/complaints/{case.pk}/receipt.pdf"),
            "receipt word": client.get(f"/complaints/{case.pk}/receipt.docx"),
            "attachment": client.get(f"/complaint-files/{attachment.pk}/download/"),
            "api list": client.get("/api/orgs/klaeng/cases"),
            "api list searched by name": client.get("/api/orgs/klaeng/cases", {"q": "ศรีสุข"}),
            "api case": client.get(f"/api/cases/{case.pk}"),
            "dashboard": client.get("/oversight/", {"year": 2568}),
            "public stats": client.get("/c/klaeng/stats/2568/"),
        }
    leaks = {name: personal_words_in(text(r)) for name, r in pages.items() if personal_words_in(text(r))}
    assert leaks == {}
    # The case itself, its receipt and its file: refused, with the reason in Thai.
    for name in ("case", "receipt", "receipt pdf", "receipt word", "attachment"):
        assert pages[name].status_code == 403, name
    assert STATISTICS_ONLY in text(pages["case"]) and STATISTICS_ONLY in pages["api case"].json()["detail"]
    assert pages["api case"].status_code == 403
    # What they do see: the count, the kind, the channel, the status, the deadline and that it is late.
    inbox = text(pages["inbox"])
    assert "๑ เรื่อง" in inbox and case.registry_display in inbox
    assert case.kind.name in inbox and "เว็บไซต์ (แบบฟอร์มออนไลน์)" in inbox
    assert '<span class="status received">รับเรื่อง</span>' in inbox
    assert thai.format_date_short(case.due_date) in inbox and '<span class="status overdue">' in inbox
    assert f"/complaints/{case.pk}/" not in inbox  # no link to a page they may not open
    late_only = text(pages["inbox (htmx)"])
    assert case.registry_display in late_only and '<span class="status overdue">' in late_only
    assert "๐ เรื่อง" in text(pages["inbox searched by name"])  # a search by name tells nothing either
    rows = text(pages["csv"]).splitlines()
    assert len(rows) == 2 and "เรื่อง" not in rows[0].split(",") and rows[1].startswith(f"{case.registry_no}/2568")
    listed = pages["api list"].json()
    assert listed["count"] == 1 and listed["items"][0]["subject"] is None
    assert listed["items"][0]["overdue"] is True and listed["items"][0]["status"] == "received"
    assert pages["api list searched by name"].json()["count"] == 0
    assert "เรื่องร้องเรียน<strong>๑</strong>" in text(pages["dashboard"])


def test_an_overseer_finds_a_case_by_its_registry_number_only(world: World) -> None:
    case = filed_case(world)
    client = overseer()
    assert client.get("/api/orgs/klaeng/cases", {"q": case.registry_display}).json()["count"] == 1
    assert client.get("/api/orgs/klaeng/cases", {"q": case.tracking_code}).json()["count"] == 0
    assert client.get("/api/orgs/klaeng/cases", {"q": "ลำราง"}).json()["count"] == 0


def test_an_overseer_never_sees_a_corruption_report_but_it_counts(world: World) -> None:
    ordinary = world.file(subject="ถนนหน้าบ้านชำรุด")
    secret = world.file(kind=CORRUPTION, subject="เจ้าหน้าที่เรียกรับเงิน")
    client = overseer()
    assert client.get(f"/complaints/{ordinary.pk}/").status_code == 403
    assert client.get(f"/complaints/{secret.pk}/").status_code == 404  # as if it did not exist
    assert client.get(f"/api/cases/{secret.pk}").status_code == 404
    inbox = client.get(f"/o/{world.org.slug}/complaints/").content.decode()
    assert ordinary.registry_display in inbox and secret.registry_display not in inbox
    assert 'data-testid="confidential-count"' in inbox
    assert client.post(f"/complaints/{ordinary.pk}/status/", {"to": "done"}).status_code == 403
    assert client.post(f"/api/cases/{ordinary.pk}/notes", {"text": "x"}, "application/json").status_code == 403
    stats = client.get(f"/c/{world.org.slug}/stats/{secret.fiscal_year}/").content.decode()
    assert 'data-testid="stats-total">๒<' in stats


def test_a_member_viewer_still_sees_the_citizen_as_before(world: World) -> None:
    case = filed_case(world)
    attachment = case.attachments.get()
    client = world.client(world.prapa)
    inbox = text(client.get("/o/klaeng/complaints/"))
    assert PEOPLE["subject"] in inbox and f"/complaints/{case.pk}/" in inbox
    assert PEOPLE["subject"] in text(client.get("/o/klaeng/complaints/export.csv"))
    page = text(client.get(f"/complaints/{case.pk}/"))
    for word in (PEOPLE["contact_name"], PEOPLE["contact_phone"], PEOPLE["contact_email"], FILE_NAME, NOTE, REPLY):
        assert word in page
    assert PEOPLE["details"] in page
    assert PEOPLE["contact_name"] in text(client.get(f"/complaints/{case.pk}/receipt/"))
    assert client.get(f"/complaint-files/{attachment.pk}/download/").status_code == 200
    detail = client.get(f"/api/cases/{case.pk}").json()
    assert detail["contact_email"] == PEOPLE["contact_email"] and detail["details"] == PEOPLE["details"]
    assert client.get("/api/orgs/klaeng/cases", {"q": "บุญมี"}).json()["items"][0]["subject"] == PEOPLE["subject"]
