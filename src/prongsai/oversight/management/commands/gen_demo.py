"""prongsai gen-demo --orgs 7852 --years 2566-2568 [--seed N] [--force] [--as USERNAME]

Builds a synthetic country of fictitious organisations (is_demo, "อบต.ตัวอย่าง ๑๒๓๔") for demos and
benchmarks. Refuses to run a second time unless --force, which replaces the previous country.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.errors import ServiceError
from prongsai.orgs.services import system_user
from prongsai.oversight.services import generate_country, parse_years


class Command(BaseCommand):
    help = (
        "Build a synthetic country of fictitious organisations (demo data, bulk-written, one audit record per batch)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--orgs", type=int, default=7852, help="how many organisations (default 7852)")
        parser.add_argument("--years", default="2566-2568", help="fiscal years, e.g. 2566-2568")
        parser.add_argument("--seed", type=int, default=2568)
        parser.add_argument(
            "--batch-size", type=int, default=500, help="organisations per batch (one audit record each)"
        )
        parser.add_argument("--force", action="store_true", help="replace a country generated before")
        parser.add_argument("--as", dest="as_user", default="", help="the account recorded as the actor")

    def handle(self, *args: Any, **opts: Any) -> None:
        actor = system_user()
        if opts["as_user"]:
            actor = get_user_model().objects.filter(username=opts["as_user"]).first()
            if actor is None:
                raise CommandError(f'ไม่พบผู้ใช้ "{opts["as_user"]}"')
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if opts["verbosity"] >= 1:
                self.stderr.write(f"\r{done}/{total} หน่วยงาน ({time.perf_counter() - started:.0f} s)", ending="")

        try:
            years = parse_years(opts["years"])
            result = generate_country(
                actor,
                orgs=opts["orgs"],
                years=years,
                seed=opts["seed"],
                force=opts["force"],
                batch_size=max(1, opts["batch_size"]),
                command=f"gen-demo --orgs {opts['orgs']} --years {opts['years']} --seed {opts['seed']}"
                + (" --force" if opts["force"] else ""),
                progress=progress,
            )
        except ServiceError as err:
            raise CommandError(err.message) from None
        if opts["verbosity"] < 1:
            return
        self.stderr.write("")
        if result.removed:
            self.stdout.write(
                "ลบข้อมูลเดิม (removed): " + ", ".join(f"{k} {v}" for k, v in sorted(result.removed.items()))
            )
        self.stdout.write(
            f"สร้างประเทศตัวอย่างแล้ว (generated) run {result.run}: {len(result.batches)} batches, {result.seconds:.1f} s"
        )
        for label, n in sorted(result.counts.items()):
            self.stdout.write(f"  {label}: {n}")
