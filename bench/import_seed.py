"""How long parsing and importing the seed report takes (the officer waits for this)."""

from __future__ import annotations

import statistics
import time

import _setup

from prongsai.imports.seed import parse_report_bytes
from prongsai.imports.services import import_report
from prongsai.orgs.services import create_organization, system_membership, system_user

data = _setup.SEED.read_bytes()
parse_times = []
for _ in range(50):
    start = time.perf_counter()
    report = parse_report_bytes(data)
    parse_times.append(time.perf_counter() - start)
_setup.report("seed_parse_median", statistics.median(parse_times) * 1000, "ms")

import_times = []
for i in range(10):
    org = create_organization(system_user(), name=f"องค์การบริหารส่วนตำบลทดสอบ {i}", slug=f"bench-{i}")
    membership = system_membership(org)
    start = time.perf_counter()
    import_report(report, membership, membership.user, round_no=2)
    import_times.append(time.perf_counter() - start)
_setup.report("seed_import_median", statistics.median(import_times) * 1000, "ms")
_setup.report("seed_import_max", max(import_times) * 1000, "ms")
