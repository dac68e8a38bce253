"""The organisation's public page under load: gunicorn (4 workers) on a loopback port, a throwaway
SQLite database with the demo loaded and its FY2567 report published, 32 connections for ~15 s.

Prints portal_rps, portal_p95_ms and portal_errors (connection errors, timeouts and non-2xx answers).
The load tool is Debian's `wrk` (installed with apt when missing and run as root); without it, a
Python loop of 32 threads stands in (slower: it measures less than the server can do).
Targets (issue 6): >= 500 requests/s, p95 <= 100 ms, 0 errors. BENCH_SECONDS changes the duration.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("PRONGSAI_ADMIN_PASSWORD", "bench-password-not-secret")

import _setup
from django.core.management import call_command

from complaints import free_port, wait_until_up
from prongsai.documents.models import Snapshot
from prongsai.orgs.services import system_membership
from prongsai.portal.services import documents as publishing

SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
CONNECTIONS = 32
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "4"))
PATH = "/klaeng/"

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %f %d %d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(95), e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def wrk_path() -> str | None:
    found = shutil.which("wrk")
    if found is None and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], capture_output=True, check=False, timeout=300)
        found = shutil.which("wrk")
    return found


def with_wrk(wrk: str, url: str) -> tuple[float, float, int]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(WRK_SCRIPT)
    done = subprocess.run(
        [wrk, "-t", "2", "-c", str(CONNECTIONS), "-d", f"{SECONDS}s", "--timeout", "5s", "-s", fh.name, url],
        capture_output=True,
        text=True,
        timeout=SECONDS + 60,
        check=True,
    )
    os.unlink(fh.name)
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("RESULT"))
    _tag, requests, duration, p95_us, errors = line.split()
    return int(requests) / float(duration), int(p95_us) / 1000, int(errors)


def with_threads(url: str) -> tuple[float, float, int]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + SECONDS

    def worker() -> None:
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    r.read()
                    ok = r.status == 200
            except (urllib.error.URLError, OSError):
                ok = False
            with lock:
                latencies.append(time.perf_counter() - start)
                errors[0] += 0 if ok else 1

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return len(latencies) / elapsed, latencies[int(len(latencies) * 0.95)] * 1000, errors[0]


def main() -> None:
    call_command("demo", stdout=open(os.devnull, "w"))
    snapshot = Snapshot.objects.get(organization__slug="klaeng", kind="report", round=2, version=1)
    membership = system_membership(snapshot.organization)
    publishing.publish(snapshot, membership, membership.user, decisions={})
    port = free_port()
    url = f"http://127.0.0.1:{port}{PATH}"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    wrk = wrk_path()
    print(
        f"# gunicorn {WORKERS} workers on 127.0.0.1:{port}, SQLite in {os.environ['PRONGSAI_DATA_DIR']}; "
        f"{'wrk' if wrk else 'Python threads (wrk missing)'} with {CONNECTIONS} connections for {SECONDS} s on {PATH}",
        flush=True,
    )
    server = subprocess.Popen(
        [str(gunicorn), "prongsai.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")},
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until_up(url, time.time() + 30)
        for _ in range(WORKERS * 4):  # every worker renders (or reads) the page once before the clock starts
            urllib.request.urlopen(url, timeout=10).read()
        rps, p95, errors = with_wrk(wrk, url) if wrk else with_threads(url)
    finally:
        server.terminate()
        server.wait(timeout=30)
    _setup.report("portal_rps", rps, "requests/s")
    _setup.report("portal_p95_ms", p95, "ms")
    _setup.report("portal_errors", errors, "requests")


if __name__ == "__main__":
    main()
