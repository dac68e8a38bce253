"""Server time to render an organisation's plan page (8 measures, the demo), in-process."""

from __future__ import annotations

import statistics
import time

import _setup
from django.core.management import call_command
from django.test import Client

from prongsai.orgs.models import Membership

call_command("demo", stdout=open("/dev/null", "w"))
client = Client()
client.force_login(Membership.objects.get(user__username="viewer").user)
for _ in range(5):
    client.get("/o/klaeng/?year=2567")
times = []
for _ in range(200):
    start = time.perf_counter()
    response = client.get("/o/klaeng/?year=2567")
    times.append(time.perf_counter() - start)
    assert response.status_code == 200
times.sort()
_setup.report("plan_page_median", statistics.median(times) * 1000, "ms")
_setup.report("plan_page_p95", times[int(len(times) * 0.95)] * 1000, "ms")
_setup.report("plan_page_throughput_one_process", len(times) / sum(times), "req/s")
measure = Membership.objects.get(user__username="viewer").organization.plans.get().measures.first()
times = []
for _ in range(100):
    start = time.perf_counter()
    client.get(f"/measures/{measure.pk}/")
    times.append(time.perf_counter() - start)
_setup.report("measure_page_median", statistics.median(times) * 1000, "ms")
