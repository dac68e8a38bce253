"""The country on PostgreSQL: the overseers' dashboards, an organisation's home, and 64 users at once.

Run by `make bench BENCH=scale`. It keeps its own PostgreSQL cluster in var/bench-pg/ (loopback
only, started and stopped around the run) so that the synthetic country — 7,852 organisations,
fiscal years 2566-2568, `prongsai gen-demo` — is built once (printing gen_demo_s) and reused; the
marker var/bench-pg/country.json says it is complete. Delete var/bench-pg/ to start afresh.

In this process, with Django's test Client, the median of BENCH_REPEAT warm requests:
national_dashboard_ms, province_dashboard_ms (the province with the most organisations) and
org_home_ms (/o/<slug>/ as a member) with org_home_queries. The dashboards keep their figures
until the data changes (oversight/cache.py), so warm requests are served from that cache; the
time to compute them afresh is printed too (*_uncached_ms, cache emptied before each request).

Then gunicorn (BENCH_GUNICORN_WORKERS) on a loopback port and BENCH_USERS virtual users for
BENCH_SECONDS seconds. Each is a logged-in editor of a generated organisation (two per
organisation, so their edits sometimes collide) and loops: a request, then a pause drawn
uniformly from 0 to 2 x BENCH_THINK seconds (a person reading the page). 60 % of the steps are
public pages (complaint statistics /c/<slug>/stats/<year>/, case tracking /track/<code>/, the
portal's /<slug>/ when it answers), 40 % a staff edit: GET /measures/<id>/progress/<round>/ then
POST it back with the version from the form. Requests carry X-Forwarded-For with one
documentation address per user and gunicorn trusts 127.0.0.1 as its proxy, as behind nginx.
Prints load_p95_ms over every request, load_errors (anything but 200 for a page and 302 for a
saved form), load_conflicts_409 and load_refused_429 (counted apart, not errors), load_rps.
"""

from __future__ import annotations

import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PGDIR = ROOT / "var" / "bench-pg"
MARKER = PGDIR / "country.json"
ORGS, YEARS, SEED, YEAR = 7852, "2566-2568", 2568, 2568
REPEAT = int(os.environ.get("BENCH_REPEAT", "15"))
USERS = int(os.environ.get("BENCH_USERS", "64"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
THINK = float(os.environ.get("BENCH_THINK", "2"))
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "4"))
PG_SETTINGS = "-c shared_buffers=512MB -c work_mem=16MB -c effective_cache_size=4GB -c max_connections=200"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """A PostgreSQL cluster kept in var/bench-pg/ between runs, listening on 127.0.0.1 only."""

    def __init__(self) -> None:
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
        if not found:
            raise SystemExit("No PostgreSQL server (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql")
        self.bin = found[-1].parent
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []  # initdb refuses root
        self.data = PGDIR / "data"
        self.port = free_port()

    def run(self, *args: str) -> None:
        subprocess.run([*self.as_pg, *args], cwd=PGDIR, check=True, stdout=subprocess.DEVNULL)

    def psql(self, sql: str) -> None:
        self.run(f"{self.bin}/psql", "-X", "-q", "-h", str(PGDIR), "-p", str(self.port), "-U", "postgres", "-c", sql)

    def ensure(self) -> str:
        """Start the cluster, creating it on first use; returns the database URL."""
        PGDIR.mkdir(parents=True, exist_ok=True)
        secret = PGDIR / "password"
        if (self.data / "PG_VERSION").exists():
            self.start()
            return f"postgres://prongsai:{secret.read_text()}@127.0.0.1:{self.port}/prongsai"
        password = os.urandom(16).hex()
        secret.write_text(password)
        secret.chmod(0o600)
        pwfile = Path(tempfile.mkdtemp()) / "pw"
        pwfile.write_text(password)
        if self.as_pg:
            subprocess.run(["chown", "-R", "postgres:", str(PGDIR), str(pwfile.parent)], check=True)
        self.run(
            f"{self.bin}/initdb", "-D", str(self.data), "-U", "postgres", f"--pwfile={pwfile}", "--auth-local=trust",
            "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        pwfile.unlink()
        self.start()
        self.psql(f"CREATE ROLE prongsai LOGIN CREATEDB PASSWORD '{password}'")
        self.psql("CREATE DATABASE prongsai OWNER prongsai")
        return f"postgres://prongsai:{password}@127.0.0.1:{self.port}/prongsai"

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {PGDIR} {PG_SETTINGS}"
        log = str(PGDIR / "server.log")
        self.run(f"{self.bin}/pg_ctl", "-D", str(self.data), "-l", log, "-w", "-t", "120", "-o", options, "start")

    def stop(self) -> None:
        self.run(f"{self.bin}/pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


cluster = Cluster()
os.environ["DATABASE_URL"] = cluster.ensure()
os.environ["DEBUG"] = "false"  # measured as deployed
os.environ["PRONGSAI_TRUSTED_PROXIES"] = "127.0.0.1/32"
print(f"# PostgreSQL {cluster.bin.parent.name} in {PGDIR} on 127.0.0.1:{cluster.port} ({PG_SETTINGS})", flush=True)

try:
    import _setup
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from prongsai.complaints.models import Case
    from prongsai.measures.models import Measure
    from prongsai.orgs.models import Membership, Organization, Oversight, Role
    from prongsai.orgs.services import add_member, add_oversight, system_user
    from prongsai.oversight.services import already_generated
except BaseException:
    cluster.stop()
    raise


def build_country() -> None:
    wanted = {"orgs": ORGS, "years": YEARS, "seed": SEED}
    marker = json.loads(MARKER.read_text()) if MARKER.exists() else {}
    if {k: marker.get(k) for k in wanted} == wanted and already_generated():
        print(f"# country reused: built {marker.get('built_at')} in {marker.get('gen_demo_s', 0):.1f} s", flush=True)
        return
    start = time.perf_counter()
    call_command("gen_demo", orgs=ORGS, years=YEARS, seed=SEED, force=True, verbosity=0)
    elapsed = time.perf_counter() - start
    _setup.report("gen_demo_s", elapsed, "s")
    MARKER.write_text(json.dumps({**wanted, "gen_demo_s": elapsed, "built_at": time.strftime("%Y-%m-%d %H:%M:%S")}))


def account(username: str) -> Any:
    User = get_user_model()
    return User.objects.filter(username=username).first() or User.objects.create_user(username, os.urandom(8).hex())


def personas() -> tuple[Any, Any, str, list[Membership]]:
    """A national and a province overseer (the largest province), and two editors in each of USERS/2 organisations."""
    system = system_user()
    national = account("bench-national")
    if not Oversight.objects.filter(user=national).exists():
        add_oversight(system, username="bench-national", level="national")
    largest = Organization.objects.values("province").annotate(n=Count("id")).order_by("-n", "province").first()
    province = largest["province"] if largest else ""
    governor = account("bench-province")
    if not Oversight.objects.filter(user=governor, province=province).exists():
        add_oversight(system, username="bench-province", level="province", province=province)
    orgs = list(Organization.objects.filter(slug__startswith="gd-").order_by("slug")[: max(1, USERS // 2)])
    staff = []
    for i in range(USERS):
        username = f"bench-staff-{i:02d}"
        member = Membership.objects.filter(user__username=username).select_related("user", "organization").first()
        if member is None:
            org = orgs[(i // 2) % len(orgs)]
            member, _pw = add_member(None, system, organization=org, username=username, role=Role.EDITOR)
        staff.append(member)
    return national, governor, province, staff


def median_ms(client: Client, url: str, *, uncached: bool = False, repeat: int = REPEAT) -> float:
    times = []
    for i in range(repeat + 3):
        if uncached:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        if i >= 3:  # three warm-up requests first
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def in_process(national: Any, governor: Any, province: str, member: Membership) -> None:
    client = Client()
    client.force_login(national)
    url = f"/oversight/?year={YEAR}"
    _setup.report("national_dashboard_ms", median_ms(client, url), "ms")
    _setup.report("national_dashboard_uncached_ms", median_ms(client, url, uncached=True, repeat=5), "ms")
    client = Client()
    client.force_login(governor)
    url = f"/oversight/p/{urllib.parse.quote(province)}/?year={YEAR}"
    print(f"# province {province}: {Organization.objects.filter(province=province).count()} organisations", flush=True)
    _setup.report("province_dashboard_ms", median_ms(client, url), "ms")
    _setup.report("province_dashboard_uncached_ms", median_ms(client, url, uncached=True, repeat=5), "ms")
    client = Client()
    client.force_login(member.user)
    url = f"/o/{member.organization.slug}/?year={YEAR}"
    _setup.report("org_home_ms", median_ms(client, url), "ms")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    _setup.report("org_home_queries", len(queries.captured_queries), "queries")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Load:
    """The virtual users against gunicorn; every request's kind, status and time go to `results`."""

    def __init__(self, base: str, staff: list[Membership]) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(NoRedirect)
        self.results: list[tuple[str, int, float]] = []
        self.lock = threading.Lock()
        self.users = []
        for member in staff:
            client = Client()
            client.force_login(member.user)
            plans = Measure.objects.filter(plan__organization=member.organization, plan__fiscal_year=YEAR)
            self.users.append((client.cookies["sessionid"].value, list(plans.values_list("pk", flat=True)[:3])))
        cases = Case.objects.filter(organization__slug__startswith="gd-")
        self.codes = list(cases.values_list("tracking_code", flat=True)[:2000])
        self.slugs = list(Organization.objects.filter(slug__startswith="gd-").values_list("slug", flat=True)[:2000])
        self.portal = False

    def fetch(self, kind: str, method: str, path: str, headers: dict[str, str], body: bytes | None = None) -> bytes:
        request = urllib.request.Request(self.base + path, data=body, headers=headers, method=method)
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                status, content = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, content = exc.code, exc.read()
        except OSError:
            status, content = 0, b""
        with self.lock:
            self.results.append((kind, status, (time.perf_counter() - start) * 1000))
        return content if status == 200 else b""

    def user(self, i: int, until: float) -> None:
        rng = random.Random(i)
        cookie, measures = self.users[i]
        public = {"X-Forwarded-For": f"198.51.100.{i + 1}"}
        staff = {**public, "Cookie": f"sessionid={cookie}"}
        while time.perf_counter() < until:
            if rng.random() < 0.6:
                pages = [
                    ("stats", f"/c/{rng.choice(self.slugs)}/stats/{YEAR}/"),
                    ("track", f"/track/{rng.choice(self.codes)}/"),
                ]
                if self.portal:
                    pages.append(("portal", f"/{rng.choice(self.slugs)}/"))
                kind, path = rng.choice(pages)
                self.fetch(kind, "GET", path, public)
            else:
                self.edit(rng, measures, staff)
            time.sleep(rng.uniform(0, 2 * THINK))

    def edit(self, rng: random.Random, measures: list[Any], headers: dict[str, str]) -> None:
        path = f"/measures/{rng.choice(measures)}/progress/{rng.choice((1, 2))}/"
        page = self.fetch("progress-form", "GET", path, headers).decode("utf-8", "replace")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        version = re.search(r'name="version" value="(\d*)"', page)
        if not (token and version):
            return
        form = {"csrfmiddlewaretoken": token[1], "version": version[1], "status": rng.choice(("done", "in_progress"))}
        form["results"] = f"ผลการดำเนินการทดสอบโหลด {rng.randint(1, 9999)}"
        # The form's (masked) token also serves as the csrftoken cookie: both unmask to the same secret.
        cookies = f"{headers['Cookie']}; csrftoken={token[1]}"
        post = {**headers, "Cookie": cookies, "Content-Type": "application/x-www-form-urlencoded"}
        self.fetch(
            "progress-save", "POST", path, {**post, "Referer": self.base + path}, urllib.parse.urlencode(form).encode()
        )


def load(staff: list[Membership]) -> None:
    port = free_port()
    run = Load(f"http://127.0.0.1:{port}", staff)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    gunicorn = [str(Path(sys.executable).with_name("gunicorn")), "prongsai.wsgi", "-w", str(WORKERS)]
    # Its log (a line per 409 among them: Django logs 4xx responses) goes to a file, not between the figures.
    log = (PGDIR / "gunicorn.log").open("w")
    server = subprocess.Popen([*gunicorn, "-b", f"127.0.0.1:{port}"], env=env, stdout=log, stderr=log)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{run.base}/track/", timeout=2):
                    break
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        run.portal = run.fetch("probe", "GET", f"/{run.slugs[0]}/", {}) != b""
        run.results.clear()
        portal = "included" if run.portal else "not answering 200: left out"
        print(f"# gunicorn {WORKERS} workers on {run.base}; {USERS} users for {SECONDS} s, think time uniform"
              f" 0-{2 * THINK:g} s; portal /<slug>/ {portal}", flush=True)  # fmt: skip
        began = time.perf_counter()
        threads = [threading.Thread(target=run.user, args=(i, began + SECONDS)) for i in range(USERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    report(run.results, elapsed)


def report(results: list[tuple[str, int, float]], elapsed: float) -> None:
    expected = {"progress-save": 302}
    errors = [(k, s) for k, s, _ms in results if s != expected.get(k, 200) and s not in (409, 429)]
    for kind in sorted({k for k, _s, _ms in results}):
        ms = sorted(m for k, _s, m in results if k == kind)
        print(f"# {kind}: {len(ms)} requests, p50 {ms[len(ms) // 2]:.0f} ms, p95 {ms[int(len(ms) * 0.95)]:.0f} ms")
    if errors:
        print(f"# first errors: {errors[:5]}", flush=True)
    latencies = sorted(ms for _k, _s, ms in results)
    _setup.report("load_p95_ms", latencies[int(len(latencies) * 0.95)] if latencies else 0, "ms")
    _setup.report("load_errors", len(errors), "requests")
    _setup.report("load_conflicts_409", sum(1 for _k, s, _ms in results if s == 409), "requests")
    _setup.report("load_refused_429", sum(1 for _k, s, _ms in results if s == 429), "requests")
    _setup.report("load_requests", len(results), "requests")
    _setup.report("load_rps", len(results) / elapsed, "requests/s")


def main() -> None:
    try:
        build_country()
        national, governor, province, staff = personas()
        in_process(national, governor, province, staff[0])
        load(staff)
    finally:
        connection.close()
        cluster.stop()


if __name__ == "__main__":
    main()
