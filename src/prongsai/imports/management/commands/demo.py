"""prongsai demo: the demo organisation อบต.แกลง with its FY2567 plan, imported from the seed report.

Idempotent. Loaded only when asked (`make run` asks); a production start never loads it.
"""

from __future__ import annotations

import os
import secrets
from importlib import resources
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from prongsai.documents import services as document_services
from prongsai.imports.seed import parse_report_bytes
from prongsai.imports.services import import_report
from prongsai.measures import services as measure_services
from prongsai.orgs.models import Organization, OrgKind, Role
from prongsai.orgs.services import add_member, create_organization, system_user

SLUG = "klaeng"
# (username, full name, role, position)
ACCOUNTS = [
    ("admin", "สมชาย ใจดี", Role.ADMIN, "นักวิเคราะห์นโยบายและแผน"),
    ("palad", "วิชัย รักษ์ธรรม", Role.APPROVER, "ปลัดองค์การบริหารส่วนตำบล"),
    ("staff", "มาลี ศรีสุข", Role.EDITOR, "เจ้าพนักงานธุรการ"),
    ("viewer", "ประเสริฐ มองการณ์", Role.VIEWER, "ผู้ตรวจสอบภายใน"),
]


class Command(BaseCommand):
    help = "Create the demo organisation (ข้อมูลตัวอย่าง) with its approved FY2567 plan."

    def handle(self, *args: Any, **opts: Any) -> None:
        if Organization.objects.filter(slug=SLUG).exists():
            self.stdout.write("ข้อมูลตัวอย่างมีอยู่แล้ว: http://127.0.0.1:8000/o/klaeng/ (demo already loaded)")
            return
        password = os.environ.get("PRONGSAI_ADMIN_PASSWORD") or secrets.token_urlsafe(9)
        with transaction.atomic():
            self._load(password)
        self.stdout.write(self.style.SUCCESS("สร้างข้อมูลตัวอย่าง อบต.แกลง แล้ว (demo loaded)"))
        self.stdout.write("บัญชีตัวอย่าง (demo accounts): " + ", ".join(f"{u} ({r.label})" for u, _n, r, _p in ACCOUNTS))
        if not os.environ.get("PRONGSAI_ADMIN_PASSWORD"):
            self.stdout.write(f"รหัสผ่านของทุกบัญชี แสดงครั้งเดียว (password, shown once): {password}")

    def _load(self, password: str) -> None:
        actor = system_user()
        org = create_organization(
            actor,
            name="องค์การบริหารส่วนตำบลแกลง",
            slug=SLUG,
            kind=OrgKind.SAO,
            district="เมืองระยอง",
            province="ระยอง",
            is_demo=True,
        )
        members = {}
        for username, full_name, role, position in ACCOUNTS:
            member, _pw = add_member(
                None,
                actor,
                organization=org,
                username=username,
                full_name=full_name,
                role=role,
                position=position,
                password=password,
            )
            members[username] = member
        seed = resources.files("prongsai.imports").joinpath("data/klaeng-2567-measures-report.txt").read_bytes()
        report = parse_report_bytes(seed)
        admin = members["admin"]
        result = import_report(report, admin, admin.user, round_no=2)
        plan = measure_services.submit_plan(result.plan, admin, admin.user)
        approver = members["palad"]
        measure_services.approve_plan(plan, approver, approver.user)
        # The seed is a final, signed-off report: the demo carries its approved round-2 version.
        document_services.update_signatures(
            plan,
            admin,
            admin.user,
            {
                "reporter": {"date": "30/9/2567"},
                "reviewer": {"name": "มาลี ศรีสุข", "position": "หัวหน้าสำนักปลัด", "date": "30/9/2567"},
                "approver": {"date": "4/10/2567"},
            },
        )
        snapshot = document_services.make_snapshot(plan, admin, admin.user, kind="report", round_no=2)
        document_services.approve_snapshot(snapshot, approver, approver.user)
