"""An organisation's year as `prongsai demo` leaves it and an officer carries on, and how a page's own text
is read for Arabic digits (tests/portal/test_digit_style.py).

The organisation is the demo's (อบต.แกลง, its FY2567 plan imported from the seed report, approved, with
its approved round-12-month report), carried through the year: results of both rounds, evidence, ITA
scores, a draft plan for the next year, a published report and evidence, a citizen's complaint, an
invitation, an overseer of its province and the superuser who keeps the catalogues. Every text typed
here, like the seed report, holds no Arabic digit, so any Arabic digit left on a page with Thai digits
on is the application's own. (Typed texts are NOT stripped from the pages: the check relies on the data
having none.)

What is read of a page: its visible text — not <script>, <style>, <textarea> (typed text), <code>
(codes, hashes), tag attributes (so no input value, hidden or not). Codes and Latin words stay in
Arabic digits: a digit run touching an ASCII letter (o26, A4, K7PM4QX2RA), a Latin name with a number
(SHA-256, UTF-8), addresses and e-mail addresses are dropped before looking for [0-9].
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from prongsai.complaints import services as complaints
from prongsai.complaints.models import Case
from prongsai.documents import services as documents
from prongsai.documents.models import Snapshot
from prongsai.ita import services as ita
from prongsai.measures import services as measures
from prongsai.measures.models import Evidence, Measure, Plan
from prongsai.orgs.invitations import create_invitation
from prongsai.orgs.models import Membership, Organization
from prongsai.orgs.services import add_oversight, system_user
from prongsai.portal.models import PublishedEvidence
from prongsai.portal.services import documents as publishing
from prongsai.portal.services import evidence as evidence_publishing
from prongsai.portal.services.common import PUBLIC

SEED_NOTE = "ประชุมคณะทำงานครั้งที่ ๑ เมื่อวันที่ ๕ ตุลาคม ๒๕๖๖ ผู้เข้าร่วม ๑๒ คน\n"


@dataclass
class Year:
    org: Organization
    admin: Membership
    plan: Plan  # FY2567, approved, with its approved round-2 report
    draft: Plan  # FY2568, a draft
    measure: Measure  # measure 1 of FY2567: results of both rounds, evidence
    draft_measure: Measure
    report: Snapshot  # published
    plan_snapshot: Snapshot  # approved, not published
    evidence: Evidence  # a file, published
    link: Evidence  # a link, not published
    published_evidence: PublishedEvidence
    case: Case
    invite_token: str

    def client(self, username: str = "admin") -> Client:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        return client


def build() -> Year:
    call_command("demo", stdout=io.StringIO())
    org = Organization.objects.get(slug="klaeng")
    admin = Membership.objects.get(organization=org, user__username="admin")
    user = admin.user
    plan = Plan.objects.get(organization=org, fiscal_year=2567)
    report = Snapshot.objects.get(plan=plan, kind="report")
    measure = plan.measures.order_by("number").first()
    assert measure is not None
    round1 = measures.ProgressData(results=["จัดประชุมชี้แจงแล้ว"], status="in_progress", problems="งบประมาณล่าช้า")
    measures.record_progress(measure, 1, admin, user, round1, expected_version=0)
    upload = SimpleUploadedFile("บันทึกการประชุม.txt", SEED_NOTE.encode(), content_type="text/plain")
    evidence = measures.add_evidence(measure, 2, admin, user, title="บันทึกการประชุมคณะทำงาน", upload=upload)
    ita.record_assessment(admin, user, 2566, {n: Decimal("72.5") + n for n in range(1, 11)})
    ita.record_assessment(admin, user, 2567, {n: Decimal("81.25") + n for n in range(1, 11)})
    preview = publishing.preview(report, admin, decisions={})
    decisions = {f.id: PUBLIC for f in preview.findings + preview.signed_findings}
    publishing.publish(report, admin, user, decisions=decisions)
    published_evidence = evidence_publishing.publish(evidence, admin, user, decisions={})
    palad = Membership.objects.get(organization=org, user__username="palad")
    plan_snapshot = documents.make_snapshot(plan, admin, user, kind="plan")
    documents.approve_snapshot(plan_snapshot, palad, palad.user)
    link = measures.add_evidence(measure, 1, admin, user, title="ภาพกิจกรรม", url="https://example.go.th/news")
    complaints.set_case_officer(admin, user, admin, active=True)
    draft = measures.create_plan(admin, user, fiscal_year=2568)
    data = measures.MeasureData(title="อบรมจริยธรรมเจ้าหน้าที่ใหม่", methods=["จัดอบรม", "ประเมินผล"], indicators=[1])
    draft_measure = measures.create_measure(draft, admin, user, data)
    complaints.settings_for(org)
    kind = complaints.active_kinds(org)[0]
    intake = complaints.IntakeData(
        kind_id=kind.pk,
        subject="ไฟฟ้าส่องสว่างดับหน้าตลาด",
        details="ไฟดับมาสามคืนแล้ว มืดมาก",
        contact_name="นางสมศรี ใจดี",
        contact_email="somsri@example.com",
        consent=True,
    )
    case = complaints.file_case(org, intake)
    _invitation, invite_token = create_invitation(admin, user, full_name="นางสาวใหม่ ใจงาม", email="mai@example.go.th")
    system = system_user()
    get_user_model().objects.create_user("overseer", "overseer@example.go.th", "a-long-test-password")
    add_oversight(system, username="overseer", level="province", province="ระยอง")
    get_user_model().objects.create_superuser("root", "root@example.go.th", "a-long-test-password")
    return Year(
        org, admin, plan, draft, measure, draft_measure, report, plan_snapshot, evidence, link, published_evidence,
        case, invite_token,
    )  # fmt: skip


# --- reading a page -------------------------------------------------------------------------------


class _VisibleText(HTMLParser):
    SKIP = {"script", "style", "textarea", "code", "kbd", "samp"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping.append(tag)
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


_ADDRESS = re.compile(r"(?:https?://|www\.|/)\S*|\S+@\S+\.\S+", re.IGNORECASE)
_RUN = re.compile(r"[0-9]+(?:[.,:][0-9]+)*")


def _is_code(text: str, start: int, end: int) -> bool:
    before = text[start - 1 : start]
    after = text[end : end + 1]
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        return True  # o26, A4, K7PM4QX2RA
    # A Latin name with its number: SHA-256, UTF-8.
    return before == "-" and start >= 2 and text[start - 2].isascii() and text[start - 2].isalpha()


def arabic_digits(text: str) -> list[str]:
    """Snippets around each Arabic digit run that is the application's own (codes and addresses dropped)."""
    text = _ADDRESS.sub(" ", text)
    return [
        text[max(0, m.start() - 30) : m.end() + 30]
        for m in _RUN.finditer(text)
        if not _is_code(text, m.start(), m.end())
    ]


def check(pages: dict[str, str]) -> None:
    failures = {url: found for url, html in pages.items() if (found := arabic_digits(visible_text(html)))}
    assert not failures, "Arabic digits in the application's own text:\n" + "\n".join(
        f"{url}\n" + "\n".join(f"    …{snippet}…" for snippet in found) for url, found in failures.items()
    )


def get_all(client: Client, urls: list[str]) -> dict[str, str]:
    pages, refused = {}, {}
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            refused[url] = response.status_code
        pages[url] = response.content.decode()
    assert not refused, refused
    return pages
