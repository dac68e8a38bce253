"""The Django admin never shows a corruption report (a confidential case) to a superuser who is not
its organisation's case officer — through no door: changelists, search, raw-id popups, change,
history and history-version pages, delete pages, autocomplete, the access log — and every time it
shows one to a superuser who IS its officer, CaseAccessLog says so.

Personas: tests/complaints/conftest.py (somchai: admin of แกลง, not a case officer; korn: its case
officer). Both are made superusers here; a corruption report with an attachment and a note is filed,
and korn has opened it and downloaded its file through the app (so the access log has lines).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote as urlquote
from urllib.parse import unquote

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from prongsai.complaints import services
from prongsai.complaints.access import attachment_for, case_for
from prongsai.complaints.models import Case, CaseAccessLog
from prongsai.orgs.models import Organization

from ..complaints.conftest import CORRUPTION, World, build_world
from ..shared_db import shared_fixtures

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SUBJECT = "ปลัดเรียกรับเงินใต้โต๊ะโครงการถนนลาดยางสายเลียบคลอง"
DETAILS = "โอนเข้าบัญชีภรรยาทุกวันศุกร์ต้นเดือน"
PLACE = "ห้องประชุมชั้นสองอาคารหลังเก่าริมบึง"
REPORTER = "นายวิรัชกล้าหาญยิ่งยง"
EMAIL = "whistle.q7z@example.com"
FILENAME = "kickback-evidence-q7z.pdf"
NOTE = "พยานเห็นการส่งซองสีน้ำตาลหลังเลิกงาน"
GENERAL_SUBJECT = "ไฟฟ้าส่องสว่างดับ ถนนสายหลัก หมู่ ๓"


@dataclass
class Setting:
    world: World
    report: Case
    ordinary: Case

    def secrets(self) -> list[str]:
        """Its words, its tracking code, and its id (in any link to it, e.g. a search result's row)."""
        return [
            SUBJECT,
            DETAILS,
            PLACE,
            REPORTER,
            EMAIL,
            FILENAME,
            NOTE,
            self.report.tracking_code,
            str(self.report.pk),
        ]


def build() -> Setting:
    world = build_world()
    data = services.IntakeData(
        kind_id=world.kind(CORRUPTION).pk,
        subject=SUBJECT,
        details=DETAILS,
        place=PLACE,
        contact_name=REPORTER,
        contact_email=EMAIL,
        consent=True,
    )
    report = services.file_case(world.org, data, uploads=[SimpleUploadedFile(FILENAME, PDF)])
    services.add_note(report, world.korn, world.korn.user, NOTE)
    case_for(world.korn.user, report.pk)  # opened in the app …
    attachment_for(world.korn.user, report.attachments.get().pk)  # … and its file downloaded
    ordinary = world.file()
    get_user_model().objects.filter(pk__in=[world.somchai.user_id, world.korn.user_id]).update(
        is_superuser=True, is_staff=True
    )
    return Setting(world, report, ordinary)


_shared_setting, setting = shared_fixtures("setting", build)


def admin_urls(term: str) -> list[str]:
    """Every page the admin serves for every registered model and every row (history versions and
    the "view on site" shortcut too), with raw-id popups, search and autocomplete for `term`."""
    site = admin.site
    urls = [reverse("admin:index")]
    for model, model_admin in site._registry.items():
        opts = model._meta
        info = f"admin:{opts.app_label}_{opts.model_name}"
        urls.append(reverse("admin:app_list", args=(opts.app_label,)))
        changelist = reverse(f"{info}_changelist")
        urls += [changelist, f"{changelist}?q={urlquote(term)}", f"{changelist}?_popup=1&_to_field=id"]
        for field in opts.fields:
            if field.is_relation and field.related_model is not None and site.is_registered(field.related_model):
                urls.append(
                    f"{reverse('admin:autocomplete')}?app_label={opts.app_label}&model_name={opts.model_name}"
                    f"&field_name={field.name}&term={urlquote(term)}"
                )
        obj: Model
        for obj in model._default_manager.all():
            pk = quote(obj.pk)
            urls += [reverse(f"{info}_{suffix}", args=(pk,)) for suffix in ("change", "history", "delete")]
            urls.append(reverse("admin:view_on_site", args=(ContentType.objects.get_for_model(model).pk, pk)))
            if isinstance(model_admin, SimpleHistoryAdmin):
                for version in model.history.filter(pk=obj.pk):  # type: ignore[attr-defined]
                    urls.append(reverse(f"{info}_simple_history", args=(pk, version.history_id)))
    return urls


def page(client: Client, url: str) -> tuple[int, str]:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    return response.status_code, body.decode("utf-8", "replace")


def test_no_admin_page_shows_a_corruption_report_to_a_superuser_who_is_not_its_officer(setting: Setting) -> None:
    client = setting.world.client(setting.world.somchai)
    logged = CaseAccessLog.objects.count()
    urls = admin_urls(SUBJECT)
    assert len(urls) > 100
    leaks: list[tuple[str, str]] = []
    for url in urls:
        status, body = page(client, url)
        assert status < 500, url
        # What was asked for is echoed back (the search box, a 404's address): not a leak.
        leaks += [(url, word) for word in setting.secrets() if word in body and word not in unquote(url)]
    assert leaks == []
    assert CaseAccessLog.objects.count() == logged  # nothing was shown, so nothing to log
    # The walk reaches real content: the ordinary case's subject is on its pages.
    ordinary = reverse("admin:complaints_case_change", args=(setting.ordinary.pk,))
    assert GENERAL_SUBJECT in page(client, ordinary)[1]


def test_the_report_pages_answer_404_to_a_superuser_who_is_not_its_officer(setting: Setting) -> None:
    client = setting.world.client(setting.world.somchai)
    pk = setting.report.pk
    version = setting.report.history.first().history_id  # type: ignore[attr-defined]
    assert page(client, reverse("admin:complaints_case_history", args=(pk,)))[0] == 404
    assert page(client, reverse("admin:complaints_case_simple_history", args=(pk, version)))[0] == 404
    status, body = page(client, reverse("admin:complaints_case_changelist"))
    assert status == 200 and str(pk) not in body and str(setting.ordinary.pk) in body


def test_the_access_log_admin_names_neither_the_case_nor_the_file(setting: Setting) -> None:
    client = setting.world.client(setting.world.somchai)
    row = CaseAccessLog.objects.filter(action__startswith="download").get()
    status, body = page(client, reverse("admin:complaints_caseaccesslog_change", args=(row.pk,)))
    assert status == 200 and "download" in body and FILENAME not in body
    assert reverse("admin:complaints_case_change", args=(setting.report.pk,)) not in body
    filtered = reverse("admin:complaints_caseaccesslog_changelist") + "?action__contains=kickback"
    assert page(client, filtered)[0] == 400  # no probing the file's name through the address


def test_a_superuser_who_is_its_officer_sees_the_report_and_every_view_is_logged(setting: Setting) -> None:
    korn = setting.world.korn
    client = setting.world.client(korn)
    pk = setting.report.pk
    before = CaseAccessLog.objects.filter(case=setting.report, user=korn.user).count()
    version = setting.report.history.first().history_id  # type: ignore[attr-defined]

    status, body = page(client, reverse("admin:complaints_case_changelist"))
    assert status == 200 and str(pk) in body
    status, body = page(client, reverse("admin:complaints_case_change", args=(pk,)))
    assert status == 200 and SUBJECT in body
    assert page(client, reverse("admin:complaints_case_history", args=(pk,)))[0] == 200
    status, body = page(client, reverse("admin:complaints_case_simple_history", args=(pk, version)))
    assert status == 200 and SUBJECT in body

    actions = list(
        CaseAccessLog.objects.filter(case=setting.report, user=korn.user)
        .order_by("pk")
        .values_list("action", flat=True)[before:]
    )
    assert actions == ["admin list", "admin view", "admin history", "admin history version"]
    # The officer reads the access log in full.
    row = CaseAccessLog.objects.filter(action__startswith="download").get()
    assert FILENAME in page(client, reverse("admin:complaints_caseaccesslog_change", args=(row.pk,)))[1]


def test_a_superuser_who_is_the_officer_of_another_organisation_sees_nothing(setting: Setting) -> None:
    world = setting.world
    services.set_case_officer(world.prasert, world.prasert.user, world.prasert, active=True)
    get_user_model().objects.filter(pk=world.prasert.user_id).update(is_superuser=True, is_staff=True)
    client = world.client(world.prasert)
    assert page(client, reverse("admin:complaints_case_change", args=(setting.report.pk,)))[0] == 302
    assert page(client, reverse("admin:complaints_case_history", args=(setting.report.pk,)))[0] == 404
    assert SUBJECT not in page(client, reverse("admin:complaints_case_changelist"))[1]


def test_a_delete_list_names_the_report_rows_without_their_content(setting: Setting, rf: Any) -> None:
    """What a delete page would list under an organisation or a user (shown when nothing else hides
    it): the report, its access-log lines and files appear as "(เรื่องที่เป็นความลับ)", never linked."""
    request = rf.get("/admin/")
    request.user = setting.world.somchai.user
    for model, obj in ((get_user_model(), setting.world.korn.user), (Organization, setting.world.org)):
        _nested, _counts, _perms, protected = admin.site.get_model_admin(model).get_deleted_objects([obj], request)
        listed = " ".join(str(p) for p in protected)
        assert "(เรื่องที่เป็นความลับ)" in listed
        assert not [w for w in setting.secrets() if w in listed]
        assert reverse("admin:complaints_case_change", args=(setting.report.pk,)) not in listed
